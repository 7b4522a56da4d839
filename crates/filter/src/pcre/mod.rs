//! osTicket's `match` / `not_match` rules hold PHP `preg_match` patterns
//! (`/^urgent/i`). They are translated here into the linear-time `regex`
//! engine, so no stored pattern can make evaluation backtrack for ever;
//! what has no linear-time equivalent is refused with the reason.
//!
//! Known, documented differences from PHP, all outside the common cases:
//! - subjects are trimmed by osTicket (except the legacy `body` field), so
//!   `$`, `\Z` and multi-line `^` are translated for subjects without a
//!   trailing newline;
//! - with `u`, `\b` uses the engine's Unicode word characters (letters,
//!   marks, digits, connector punctuation) rather than PCRE's (letters,
//!   numbers, `_`), and Unicode properties inside a bracketed class under
//!   `i` also match the case variants the engine adds (such as U+0345 for
//!   `\p{L}`);
//! - PHP's backtracking limit makes `preg_match` fail (no match) on some
//!   pathological inputs; here those inputs get their true answer.

mod delimited;
mod error;
mod translate;

use std::fmt;

pub use delimited::Modifiers;
pub use error::{PatternError, SyntaxError, UnsupportedConstruct};

use translate::Unit;

/// Upper bound on the compiled size of one rule's pattern, so a stored value
/// such as `/(a{1000}){1000}/` cannot take the server's memory.
pub const COMPILED_SIZE_LIMIT: usize = 1 << 20;

/// A `preg_match` pattern, checked and compiled for the linear-time engine.
#[derive(Clone)]
pub struct Pattern {
    source: String,
    translated: String,
    unicode_word_boundary: bool,
    regex: regex::bytes::Regex,
}

impl Pattern {
    /// Reads a pattern exactly as PHP's `preg_match` would receive it.
    pub fn parse(source: &str) -> Result<Self, PatternError> {
        let delimited = delimited::split(source)?;
        let modifiers = delimited.modifiers;
        let units: Vec<Unit> = if modifiers.utf {
            delimited
                .body
                .char_indices()
                .map(|(at, c)| Unit {
                    value: u32::from(c),
                    offset: delimited.body_offset + at,
                })
                .collect()
        } else {
            delimited
                .body
                .bytes()
                .enumerate()
                .map(|(at, b)| Unit {
                    value: u32::from(b),
                    offset: delimited.body_offset + at,
                })
                .collect()
        };
        let end_offset = delimited.body_offset + delimited.body.len();
        let translate::Translation {
            pattern: translated,
            unicode_word_boundary,
        } = translate::translate(&units, end_offset, &modifiers)?;
        let regex = regex::bytes::RegexBuilder::new(&translated)
            .size_limit(COMPILED_SIZE_LIMIT)
            .build()
            .map_err(|source| match source {
                regex::Error::CompiledTooBig(limit_bytes) => PatternError::TooLarge { limit_bytes },
                source => PatternError::Engine {
                    translated: translated.clone(),
                    source,
                },
            })?;
        Ok(Self {
            source: source.to_owned(),
            translated,
            unicode_word_boundary,
            regex,
        })
    }

    /// What osTicket's filter editor stores for a value typed into a
    /// `match`/`not_match` rule: the trimmed value, or `/value/iu` when the
    /// value has no usable delimiters but is a valid expression once wrapped.
    pub fn parse_for_save(value: &str) -> Result<Self, PatternError> {
        let value = value.trim();
        match Self::parse(value) {
            Err(error) if error.is_delimiter_error() => {
                let wrapped = format!("/{value}/iu");
                match Self::parse(&wrapped) {
                    Ok(pattern) => Ok(pattern),
                    Err(
                        wrapped_error @ (PatternError::Unsupported { .. }
                        | PatternError::TooLarge { .. }),
                    ) => Err(wrapped_error),
                    Err(_) => Err(error),
                }
            }
            other => other,
        }
    }

    /// The pattern as stored in `ost_filter_rule.val`.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The equivalent pattern in `regex` crate syntax.
    pub fn translated(&self) -> &str {
        &self.translated
    }

    /// Whether the pattern can share a multi-pattern search with others
    /// without slowing it down (see `Translation::unicode_word_boundary`).
    pub(crate) fn shares_search(&self) -> bool {
        !self.unicode_word_boundary
    }

    /// `preg_match($pattern, $subject) === 1`.
    pub fn is_match(&self, subject: &str) -> bool {
        self.regex.is_match(subject.as_bytes())
    }
}

impl fmt::Debug for Pattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pattern")
            .field("source", &self.source)
            .field("translated", &self.translated)
            .finish()
    }
}

impl PartialEq for Pattern {
    fn eq(&self, other: &Self) -> bool {
        self.source == other.source
    }
}

impl Eq for Pattern {}

#[cfg(test)]
mod tests;
