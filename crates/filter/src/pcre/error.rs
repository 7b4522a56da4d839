use std::fmt;

/// Why a `match`/`not_match` rule value cannot become a [`Pattern`](super::Pattern).
///
/// Offsets are byte offsets into the rule value as stored, so an editor can
/// point at the culprit.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PatternError {
    #[error("empty regular expression")]
    Empty,
    #[error("delimiter must not be alphanumeric or backslash (found {0:?})")]
    BadDelimiter(char),
    #[error("delimiter {0:?} is not ASCII; use /, #, ~ or another ASCII punctuation mark")]
    NonAsciiDelimiter(char),
    #[error("no ending delimiter {0:?} found")]
    MissingEndDelimiter(char),
    #[error("unknown modifier {0:?}")]
    UnknownModifier(char),
    #[error("the e modifier was removed from PHP")]
    RemovedEvalModifier,
    /// PHP itself would refuse the pattern.
    #[error("invalid regular expression at offset {offset}: {reason}")]
    Syntax { offset: usize, reason: SyntaxError },
    /// PHP accepts the pattern, but it needs backtracking, which could hang
    /// the server on hostile input; the linear-time engine has no equivalent.
    #[error(
        "{construct} (offset {offset}) is not supported: only patterns that run in linear time are accepted"
    )]
    Unsupported {
        offset: usize,
        construct: UnsupportedConstruct,
    },
    #[error("the pattern needs more than {limit_bytes} bytes once compiled")]
    TooLarge { limit_bytes: usize },
    /// The translation was refused by the regex engine, for instance an
    /// unknown Unicode property name.
    #[error("the regex engine rejected the translated pattern {translated:?}")]
    Engine {
        translated: String,
        #[source]
        source: regex::Error,
    },
}

impl PatternError {
    /// True when the value is not a PCRE pattern at all (bad delimiters or
    /// modifiers), as opposed to a pattern with a fault inside it. osTicket's
    /// rule editor wraps such values in `/…/iu` before saving them.
    pub fn is_delimiter_error(&self) -> bool {
        matches!(
            self,
            Self::Empty
                | Self::BadDelimiter(_)
                | Self::NonAsciiDelimiter(_)
                | Self::MissingEndDelimiter(_)
                | Self::UnknownModifier(_)
                | Self::RemovedEvalModifier
        )
    }
}

/// Faults PCRE reports itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyntaxError {
    TrailingBackslash,
    UnrecognizedEscape(char),
    EscapeInvalidInClass(char),
    MalformedEscape(char),
    MissingClosingParenthesis,
    UnmatchedClosingParenthesis,
    UnterminatedClass,
    UnterminatedComment,
    NothingToRepeat,
    QuantifierOutOfOrder { min: u32, max: u32 },
    QuantifierTooLarge,
    RangeOutOfOrder,
    InvalidRange,
    CodePointTooLarge(u32),
    InvalidCodePoint(u32),
    UnknownPosixClass(String),
    PosixCollatingElement,
    BadGroupName,
    DuplicateGroupName(String),
    UnknownGroupSyntax(char),
    UnknownInlineOption(char),
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::TrailingBackslash => f.write_str("\\ at end of pattern"),
            Self::UnrecognizedEscape(c) => write!(f, "unrecognized escape \\{c}"),
            Self::EscapeInvalidInClass(c) => {
                write!(f, "escape \\{c} is invalid in a character class")
            }
            Self::MalformedEscape(c) => write!(f, "malformed \\{c} escape"),
            Self::MissingClosingParenthesis => f.write_str("missing closing parenthesis"),
            Self::UnmatchedClosingParenthesis => f.write_str("unmatched closing parenthesis"),
            Self::UnterminatedClass => f.write_str("missing terminating ] for character class"),
            Self::UnterminatedComment => f.write_str("missing ) after (?# comment"),
            Self::NothingToRepeat => f.write_str("quantifier does not follow a repeatable item"),
            Self::QuantifierOutOfOrder { min, max } => {
                write!(f, "numbers out of order in {{{min},{max}}} quantifier")
            }
            Self::QuantifierTooLarge => f.write_str("number too big in {} quantifier"),
            Self::RangeOutOfOrder => f.write_str("range out of order in character class"),
            Self::InvalidRange => f.write_str("invalid range in character class"),
            Self::CodePointTooLarge(v) => write!(
                f,
                "character value {v:#X} is too large without the u modifier"
            ),
            Self::InvalidCodePoint(v) => write!(f, "{v:#X} is not a Unicode scalar value"),
            Self::UnknownPosixClass(name) => write!(f, "unknown POSIX class [:{name}:]"),
            Self::PosixCollatingElement => {
                f.write_str("POSIX collating elements are not supported")
            }
            Self::BadGroupName => f.write_str("malformed group name"),
            Self::DuplicateGroupName(name) => {
                write!(f, "two named groups have the same name {name:?}")
            }
            Self::UnknownGroupSyntax(c) => write!(f, "unrecognized character after (?: {c:?}"),
            Self::UnknownInlineOption(c) => write!(f, "unknown inline option {c:?}"),
        }
    }
}

/// PCRE constructs that need a backtracking engine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UnsupportedConstruct {
    Backreference,
    LookaheadAssertion,
    LookbehindAssertion,
    AtomicGroup,
    PossessiveQuantifier,
    NestedQuantifier,
    RepeatedAssertion,
    ConditionalGroup,
    SubroutineCall,
    Callout,
    BacktrackingVerb,
    /// `\R` is atomic in PCRE: it never gives back the `\n` of `\r\n`.
    NewlineSequence,
    GraphemeCluster,
    SingleCodeUnit,
    /// Without `u`, PCRE reads each byte as a Latin-1 character for `\p`;
    /// the byte-oriented engine has no Unicode tables in that mode.
    PropertyWithoutUtf,
    /// PCRE ignores `i` for `\p{Lu}`-like properties, but inside a bracketed
    /// class the engine would fold them.
    CasedPropertyInCaselessClass(String),
    /// `[:graph:]` and `[:print:]` have PCRE-specific Unicode definitions.
    PosixClassUnderUtf(&'static str),
}

impl fmt::Display for UnsupportedConstruct {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Backreference => f.write_str("a backreference"),
            Self::LookaheadAssertion => f.write_str("a lookahead assertion"),
            Self::LookbehindAssertion => f.write_str("a lookbehind assertion"),
            Self::AtomicGroup => f.write_str("an atomic group (?>…)"),
            Self::PossessiveQuantifier => f.write_str("a possessive quantifier"),
            Self::NestedQuantifier => {
                f.write_str("a quantifier applied to a quantifier (wrap the item in (?:…))")
            }
            Self::RepeatedAssertion => f.write_str("a quantifier applied to an assertion"),
            Self::ConditionalGroup => f.write_str("a conditional group (?(…)…)"),
            Self::SubroutineCall => f.write_str("a recursive or subroutine call"),
            Self::Callout => f.write_str("a callout (?C…)"),
            Self::BacktrackingVerb => f.write_str("a backtracking control verb (*…)"),
            Self::NewlineSequence => f.write_str("\\R (atomic newline sequence)"),
            Self::GraphemeCluster => f.write_str("\\X (extended grapheme cluster)"),
            Self::SingleCodeUnit => f.write_str("\\C (single code unit)"),
            Self::PropertyWithoutUtf => f.write_str("\\p or \\P without the u modifier"),
            Self::CasedPropertyInCaselessClass(name) => write!(
                f,
                "the cased property {name} inside a character class under the i modifier"
            ),
            Self::PosixClassUnderUtf(name) => {
                write!(f, "the POSIX class [:{name}:] under the u modifier")
            }
        }
    }
}
