//! PCRE pattern body → `regex` crate syntax.
//!
//! The translation walks the PCRE grammar once and writes an equivalent
//! pattern for a byte-oriented `regex::bytes::Regex`. Without the `u`
//! modifier PCRE works on bytes, so the body is read byte by byte and the
//! output runs with Unicode off (`(?-u)`); with `u` it is read char by char.
//! Only the outcome of `preg_match` matters to a filter, so every group is
//! emitted as non-capturing and `\K` disappears.

use std::fmt::Write as _;

use super::delimited::Modifiers;
use super::error::{PatternError, SyntaxError, UnsupportedConstruct};

/// One character (with `u`) or one byte (without), and where it sits in the
/// stored rule value.
#[derive(Debug, Clone, Copy)]
pub(super) struct Unit {
    pub value: u32,
    pub offset: usize,
}

/// Characters the `regex` crate treats as syntax, escaped wherever a literal
/// is meant.
const META: &str = "\\.+*?()|[]{}^$#&-~";

/// PCRE refuses `{n}` counts above this.
const MAX_REPEAT: u64 = 65_535;

/// Unicode properties whose members change under case folding, so folding
/// them inside a class would diverge from PCRE; written as
/// [`loose_property_name`] makes them.
const CASED_PROPERTIES: [&str; 11] = [
    "lu",
    "ll",
    "lt",
    "lc",
    "l&",
    "uppercaseletter",
    "lowercaseletter",
    "titlecaseletter",
    "casedletter",
    "lowercase",
    "uppercase",
];

/// Options that live until the end of the enclosing group.
#[derive(Debug, Clone, Copy, Default)]
struct Scope {
    caseless: bool,
    extended: bool,
    extended_more: bool,
    duplicate_names: bool,
    no_auto_capture: bool,
}

/// What the previous item was, which decides whether a quantifier may
/// follow. Every item is emitted as one engine atom, so a quantifier can be
/// appended as is.
#[derive(Debug, Clone, Copy)]
enum Last {
    Nothing,
    Item,
    Quantified,
    Assertion,
}

#[derive(Debug)]
struct Frame {
    outer: Scope,
}

/// A set of characters written as the inside of a bracketed class.
#[derive(Debug)]
struct CharSet {
    body: String,
    negated: bool,
}

impl CharSet {
    fn new(body: impl Into<String>) -> Self {
        Self {
            body: body.into(),
            negated: false,
        }
    }

    fn negate_if(mut self, yes: bool) -> Self {
        self.negated ^= yes;
        self
    }

    fn bracketed(&self) -> String {
        format!("[{}{}]", if self.negated { "^" } else { "" }, self.body)
    }
}

/// What an escape sequence stands for.
#[derive(Debug)]
enum Escape {
    Char(u32),
    Set { set: CharSet, cased_property: bool },
    Assertion(&'static str),
    ResetMatchStart,
    QuoteStart,
    QuoteEnd,
}

/// A pattern in `regex` syntax, and what matters about it for evaluation.
#[derive(Debug)]
pub(super) struct Translation {
    pub pattern: String,
    /// `\b`, `\B` or a Spencer boundary under `u`. The engine's fast
    /// automata give up on those over non-ASCII text and fall back to a slower
    /// one, which a shared multi-pattern search must not inherit.
    pub unicode_word_boundary: bool,
}

pub(super) fn translate(
    units: &[Unit],
    end_offset: usize,
    modifiers: &Modifiers,
) -> Result<Translation, PatternError> {
    let mut out = String::with_capacity(units.len() * 2 + 16);
    if !modifiers.utf {
        out.push_str("(?-u)");
    }
    let flags: String = [
        (modifiers.caseless, 'i'),
        (modifiers.multiline, 'm'),
        (modifiers.dot_all, 's'),
        (modifiers.ungreedy, 'U'),
    ]
    .iter()
    .filter(|(on, _)| *on)
    .map(|(_, c)| *c)
    .collect();
    if !flags.is_empty() {
        let _ = write!(out, "(?{flags})");
    }
    if modifiers.anchored {
        out.push_str(r"\A(?:");
    }
    let mut translator = Translator {
        units,
        end_offset,
        pos: 0,
        utf: modifiers.utf,
        out,
        scope: Scope {
            caseless: modifiers.caseless,
            extended: modifiers.extended,
            extended_more: false,
            duplicate_names: modifiers.duplicate_names,
            no_auto_capture: modifiers.no_auto_capture,
        },
        frames: Vec::new(),
        last: Last::Nothing,
        quoting: false,
        captures: 0,
        names: Vec::new(),
        unicode_word_boundary: false,
    };
    translator.run()?;
    let mut out = translator.out;
    if modifiers.anchored {
        out.push(')');
    }
    Ok(Translation {
        pattern: out,
        unicode_word_boundary: translator.unicode_word_boundary,
    })
}

struct Translator<'a> {
    units: &'a [Unit],
    end_offset: usize,
    pos: usize,
    utf: bool,
    out: String,
    scope: Scope,
    frames: Vec<Frame>,
    last: Last,
    quoting: bool,
    captures: u32,
    names: Vec<String>,
    unicode_word_boundary: bool,
}

fn ascii(value: u32) -> Option<char> {
    u8::try_from(value)
        .ok()
        .filter(u8::is_ascii)
        .map(char::from)
}

impl Translator<'_> {
    fn peek(&self) -> Option<char> {
        self.peek_at(0)
    }

    /// The unit `ahead` places on, as ASCII (non-ASCII reads as `None` for
    /// syntax purposes, and as `'\u{FFFD}'` never matches any syntax char).
    fn peek_at(&self, ahead: usize) -> Option<char> {
        self.units
            .get(self.pos + ahead)
            .map(|u| ascii(u.value).unwrap_or('\u{FFFD}'))
    }

    fn offset_of(&self, pos: usize) -> usize {
        self.units.get(pos).map_or(self.end_offset, |u| u.offset)
    }

    fn syntax(&self, at: usize, reason: SyntaxError) -> PatternError {
        PatternError::Syntax {
            offset: self.offset_of(at),
            reason,
        }
    }

    fn unsupported(&self, at: usize, construct: UnsupportedConstruct) -> PatternError {
        PatternError::Unsupported {
            offset: self.offset_of(at),
            construct,
        }
    }

    fn run(&mut self) -> Result<(), PatternError> {
        while let Some(unit) = self.units.get(self.pos).copied() {
            if self.quoting {
                if self.peek() == Some('\\') && self.peek_at(1) == Some('E') {
                    self.quoting = false;
                    self.pos += 2;
                } else {
                    self.literal(unit.value);
                    self.pos += 1;
                }
                continue;
            }
            if self.scope.extended && self.skip_extended_blank() {
                continue;
            }
            let start = self.pos;
            match ascii(unit.value) {
                Some('\\') => self.escape_outside_class()?,
                Some('(') => self.open_group()?,
                Some(')') => self.close_group()?,
                Some('|') => {
                    self.pos += 1;
                    self.out.push('|');
                    self.last = Last::Nothing;
                }
                Some('[') => self.class()?,
                Some('*') => self.quantifier(start, "*")?,
                Some('+') => self.quantifier(start, "+")?,
                Some('?') => self.quantifier(start, "?")?,
                Some('{') => match self.counted_repetition()? {
                    Some(text) => self.quantifier(start, &text)?,
                    None => {
                        self.literal(unit.value);
                        self.pos += 1;
                    }
                },
                Some('^') => {
                    self.pos += 1;
                    self.assertion("^");
                }
                Some('$') => {
                    self.pos += 1;
                    self.assertion("$");
                }
                Some('.') => {
                    self.pos += 1;
                    self.item(".");
                }
                _ => {
                    self.literal(unit.value);
                    self.pos += 1;
                }
            }
        }
        if !self.frames.is_empty() {
            return Err(self.syntax(self.pos, SyntaxError::MissingClosingParenthesis));
        }
        Ok(())
    }

    /// Skips one run of white space or one `#` comment under `x`; returns
    /// whether anything was skipped.
    fn skip_extended_blank(&mut self) -> bool {
        let value = self.units[self.pos].value;
        if is_pattern_white_space(value, self.utf) {
            self.pos += 1;
            return true;
        }
        if value == u32::from(b'#') {
            while let Some(u) = self.units.get(self.pos) {
                self.pos += 1;
                if u.value == u32::from(b'\n') {
                    break;
                }
            }
            return true;
        }
        false
    }

    fn literal(&mut self, value: u32) {
        push_unit(&mut self.out, value, self.utf);
        self.last = Last::Item;
    }

    fn item(&mut self, text: &str) {
        self.out.push_str(text);
        self.last = Last::Item;
    }

    fn assertion(&mut self, text: &str) {
        if self.utf && (text.starts_with(r"\b") || text == r"\B") {
            self.unicode_word_boundary = true;
        }
        self.out.push_str(text);
        self.last = Last::Assertion;
    }

    fn quantifier(&mut self, start: usize, text: &str) -> Result<(), PatternError> {
        match self.last {
            Last::Nothing => return Err(self.syntax(start, SyntaxError::NothingToRepeat)),
            Last::Assertion => {
                return Err(self.unsupported(start, UnsupportedConstruct::RepeatedAssertion));
            }
            Last::Quantified => {
                return Err(self.unsupported(start, UnsupportedConstruct::NestedQuantifier));
            }
            Last::Item => {}
        }
        if text.len() == 1 {
            self.pos += 1;
        }
        self.out.push_str(text);
        match self.peek() {
            Some('?') => {
                self.pos += 1;
                self.out.push('?');
            }
            Some('+') => {
                return Err(self.unsupported(self.pos, UnsupportedConstruct::PossessiveQuantifier));
            }
            _ => {}
        }
        self.last = Last::Quantified;
        Ok(())
    }

    /// `{n}`, `{n,}` or `{n,m}` at the cursor, consumed and rendered; `None`
    /// (nothing consumed) when the brace is a literal, as PCRE reads it.
    fn counted_repetition(&mut self) -> Result<Option<String>, PatternError> {
        let start = self.pos;
        let mut at = start + 1;
        let read_number = |at: &mut usize| -> Option<u64> {
            let mut value: Option<u64> = None;
            while let Some(d) = self
                .units
                .get(*at)
                .and_then(|u| ascii(u.value))
                .and_then(|c| c.to_digit(10))
            {
                value = Some(
                    value
                        .unwrap_or(0)
                        .saturating_mul(10)
                        .saturating_add(d.into()),
                );
                *at += 1;
            }
            value
        };
        let unit_is =
            |at: usize, c: char| self.units.get(at).and_then(|u| ascii(u.value)) == Some(c);
        let Some(min) = read_number(&mut at) else {
            return Ok(None);
        };
        let max = if unit_is(at, ',') {
            at += 1;
            read_number(&mut at)
        } else {
            Some(min)
        };
        if !unit_is(at, '}') {
            return Ok(None);
        }
        if min > MAX_REPEAT || max.is_some_and(|m| m > MAX_REPEAT) {
            return Err(self.syntax(start, SyntaxError::QuantifierTooLarge));
        }
        // Both bounds are at most MAX_REPEAT here.
        let (min, max) = (min as u32, max.map(|m| m as u32));
        if let Some(max) = max.filter(|&m| m < min) {
            return Err(self.syntax(start, SyntaxError::QuantifierOutOfOrder { min, max }));
        }
        self.pos = at + 1;
        Ok(Some(match max {
            None => format!("{{{min},}}"),
            Some(max) if max == min => format!("{{{min}}}"),
            Some(max) => format!("{{{min},{max}}}"),
        }))
    }

    fn escape_outside_class(&mut self) -> Result<(), PatternError> {
        match self.escape(false)? {
            Escape::Char(value) => self.literal(value),
            Escape::Set { set, .. } => {
                let text = set.bracketed();
                // PCRE never applies `i` to \d, \w, \p… ; the engine would
                // fold Unicode sets, so switch folding off around them.
                if self.utf && self.scope.caseless {
                    self.item(&format!("(?-i:{text})"));
                } else {
                    self.item(&text);
                }
            }
            Escape::Assertion(text) => self.assertion(text),
            Escape::ResetMatchStart => self.last = Last::Nothing,
            Escape::QuoteStart => self.quoting = true,
            Escape::QuoteEnd => {}
        }
        Ok(())
    }

    /// Reads the escape sequence at the cursor (which is on the backslash).
    fn escape(&mut self, in_class: bool) -> Result<Escape, PatternError> {
        let start = self.pos;
        self.pos += 1;
        let Some(unit) = self.units.get(self.pos).copied() else {
            return Err(self.syntax(start, SyntaxError::TrailingBackslash));
        };
        self.pos += 1;
        let Some(c) = ascii(unit.value) else {
            return Ok(Escape::Char(unit.value));
        };
        let utf = self.utf;
        let escape = match c {
            'a' => Escape::Char(0x07),
            'e' => Escape::Char(0x1B),
            'f' => Escape::Char(0x0C),
            'n' => Escape::Char(0x0A),
            'r' => Escape::Char(0x0D),
            't' => Escape::Char(0x09),
            'b' if in_class => Escape::Char(0x08),
            '0' => {
                let value = self.read_digits(8, 2, 0);
                Escape::Char(self.checked_code_point(start, value)?)
            }
            '1'..='9' => return self.digit_escape(start, c, in_class),
            'o' => {
                if self.peek() != Some('{') {
                    return Err(self.syntax(start, SyntaxError::MalformedEscape('o')));
                }
                let value = self.braced_number(start, 8, 'o', 0)?;
                Escape::Char(self.checked_code_point(start, value)?)
            }
            'x' => {
                let value = if self.peek() == Some('{') {
                    self.braced_number(start, 16, 'x', 0)?
                } else {
                    self.read_digits(16, 2, 0)
                };
                Escape::Char(self.checked_code_point(start, value)?)
            }
            'c' => {
                let control = self
                    .units
                    .get(self.pos)
                    .and_then(|u| ascii(u.value))
                    .filter(|c| (' '..='~').contains(c))
                    .ok_or_else(|| self.syntax(start, SyntaxError::MalformedEscape('c')))?;
                self.pos += 1;
                Escape::Char(u32::from(control.to_ascii_uppercase() as u8 ^ 0x40))
            }
            'd' | 'D' => Escape::Set {
                set: CharSet::new(if utf { r"\p{Nd}" } else { "0-9" }).negate_if(c == 'D'),
                cased_property: false,
            },
            'w' | 'W' => Escape::Set {
                set: CharSet::new(if utf { r"\p{L}\p{N}_" } else { "0-9A-Za-z_" })
                    .negate_if(c == 'W'),
                cased_property: false,
            },
            's' | 'S' => Escape::Set {
                set: CharSet::new(if utf {
                    r"\p{Z}\t\n\x0B\x0C\r\x{85}\x{180E}"
                } else {
                    r"\t\n\x0B\x0C\r\x20"
                })
                .negate_if(c == 'S'),
                cased_property: false,
            },
            'h' | 'H' => Escape::Set {
                set: CharSet::new(horizontal_space(utf)).negate_if(c == 'H'),
                cased_property: false,
            },
            'v' | 'V' => Escape::Set {
                set: CharSet::new(vertical_space(utf)).negate_if(c == 'V'),
                cased_property: false,
            },
            'p' | 'P' => return self.property(start, c == 'P'),
            'Q' => Escape::QuoteStart,
            'E' => Escape::QuoteEnd,
            'N' if self.peek() == Some('{') => {
                if !utf || self.peek_at(1) != Some('U') || self.peek_at(2) != Some('+') {
                    return Err(self.syntax(start, SyntaxError::MalformedEscape('N')));
                }
                let value = self.braced_number(start, 16, 'N', 2)?;
                Escape::Char(self.checked_code_point(start, value)?)
            }
            'R' if !in_class => {
                return Err(self.unsupported(start, UnsupportedConstruct::NewlineSequence));
            }
            'X' if !in_class => {
                return Err(self.unsupported(start, UnsupportedConstruct::GraphemeCluster));
            }
            'C' => return Err(self.unsupported(start, UnsupportedConstruct::SingleCodeUnit)),
            'g' | 'k' if !in_class => return Err(self.backreference_or_call(start, c)),
            'N' | 'B' | 'R' | 'X' | 'A' | 'z' | 'Z' | 'G' | 'K' | 'g' | 'k' if in_class => {
                return Err(self.syntax(start, SyntaxError::EscapeInvalidInClass(c)));
            }
            'N' => Escape::Set {
                set: CharSet::new(r"\n").negate_if(true),
                cased_property: false,
            },
            'b' => Escape::Assertion(r"\b"),
            'B' => Escape::Assertion(r"\B"),
            'A' | 'G' => Escape::Assertion(r"\A"),
            // Filter subjects are trimmed, so "end, or before a final
            // newline" is the end.
            'z' | 'Z' => Escape::Assertion(r"\z"),
            'K' => Escape::ResetMatchStart,
            c if c.is_ascii_alphanumeric() => {
                return Err(self.syntax(start, SyntaxError::UnrecognizedEscape(c)));
            }
            _ => Escape::Char(unit.value),
        };
        Ok(escape)
    }

    /// `{digits}` at the cursor, after skipping `prefix` units past the brace
    /// (the `U+` of `\N{U+…}`).
    fn braced_number(
        &mut self,
        start: usize,
        radix: u32,
        escape: char,
        prefix: usize,
    ) -> Result<u32, PatternError> {
        self.pos += 1 + prefix;
        let digits_start = self.pos;
        let mut value: u64 = 0;
        while let Some(d) = self.peek().and_then(|c| c.to_digit(radix)) {
            value = value.saturating_mul(radix.into()).saturating_add(d.into());
            self.pos += 1;
        }
        if self.pos == digits_start || self.peek() != Some('}') {
            return Err(self.syntax(start, SyntaxError::MalformedEscape(escape)));
        }
        self.pos += 1;
        Ok(u32::try_from(value).unwrap_or(u32::MAX))
    }

    fn read_digits(&mut self, radix: u32, max_digits: usize, initial: u32) -> u32 {
        let mut value = initial;
        for _ in 0..max_digits {
            let Some(d) = self.peek().and_then(|c| c.to_digit(radix)) else {
                break;
            };
            value = value * radix + d;
            self.pos += 1;
        }
        value
    }

    fn checked_code_point(&self, start: usize, value: u32) -> Result<u32, PatternError> {
        if self.utf {
            if char::from_u32(value).is_none() {
                return Err(self.syntax(start, SyntaxError::InvalidCodePoint(value)));
            }
        } else if value > 0xFF {
            return Err(self.syntax(start, SyntaxError::CodePointTooLarge(value)));
        }
        Ok(value)
    }

    /// `\1`…`\9` and longer: a backreference outside a class (PCRE's rule),
    /// otherwise an octal character.
    fn digit_escape(
        &mut self,
        start: usize,
        first: char,
        in_class: bool,
    ) -> Result<Escape, PatternError> {
        let digits_start = self.pos - 1;
        if in_class {
            if matches!(first, '8' | '9') {
                return Ok(Escape::Char(u32::from(first as u8)));
            }
            let value = self.read_digits(8, 2, first.to_digit(8).unwrap_or(0));
            return Ok(Escape::Char(self.checked_code_point(start, value)?));
        }
        let mut number: u64 = 0;
        let mut at = digits_start;
        while let Some(d) = self
            .units
            .get(at)
            .and_then(|u| ascii(u.value))
            .and_then(|c| c.to_digit(10))
        {
            number = number.saturating_mul(10).saturating_add(d.into());
            at += 1;
        }
        if number < 10 || matches!(first, '8' | '9') || number <= u64::from(self.captures) {
            return Err(self.unsupported(start, UnsupportedConstruct::Backreference));
        }
        self.pos = digits_start;
        let value = self.read_digits(8, 3, 0);
        Ok(Escape::Char(self.checked_code_point(start, value)?))
    }

    fn backreference_or_call(&self, start: usize, letter: char) -> PatternError {
        let call = letter == 'g' && matches!(self.peek(), Some('<' | '\''));
        self.unsupported(
            start,
            if call {
                UnsupportedConstruct::SubroutineCall
            } else {
                UnsupportedConstruct::Backreference
            },
        )
    }

    /// `\pL`, `\p{Greek}`, `\p{^Lu}`, `\P{…}` (cursor after the letter).
    fn property(&mut self, start: usize, negated: bool) -> Result<Escape, PatternError> {
        let letter = if negated { 'P' } else { 'p' };
        let mut name = String::new();
        if self.peek() == Some('{') {
            self.pos += 1;
            loop {
                match self.peek() {
                    Some('}') => {
                        self.pos += 1;
                        break;
                    }
                    Some(c)
                        if c.is_ascii_alphanumeric()
                            || matches!(c, '_' | '&' | '^' | ' ' | '-') =>
                    {
                        name.push(c);
                        self.pos += 1;
                    }
                    _ => return Err(self.syntax(start, SyntaxError::MalformedEscape(letter))),
                }
            }
        } else {
            match self.peek() {
                Some(c) if c.is_ascii_alphabetic() => {
                    name.push(c);
                    self.pos += 1;
                }
                _ => return Err(self.syntax(start, SyntaxError::MalformedEscape(letter))),
            }
        }
        let (negated, name) = match name.strip_prefix('^') {
            Some(rest) => (!negated, rest.to_owned()),
            None => (negated, name),
        };
        if name.is_empty() {
            return Err(self.syntax(start, SyntaxError::MalformedEscape(letter)));
        }
        if !self.utf {
            return Err(self.unsupported(start, UnsupportedConstruct::PropertyWithoutUtf));
        }
        let loose = loose_property_name(&name);
        let body = match loose.as_str() {
            "l&" | "lc" => r"\p{LC}".to_owned(),
            "xan" => r"\p{L}\p{N}".to_owned(),
            "xwd" => r"\p{L}\p{N}_".to_owned(),
            "xsp" | "xps" => r"\p{Z}\t\n\x0B\x0C\r".to_owned(),
            "xuc" => r"\$@\x60\x{A0}-\x{D7FF}\x{E000}-\x{10FFFF}".to_owned(),
            _ => format!(r"\p{{{name}}}"),
        };
        Ok(Escape::Set {
            set: CharSet::new(body).negate_if(negated),
            cased_property: CASED_PROPERTIES.contains(&loose.as_str()),
        })
    }

    fn open_group(&mut self) -> Result<(), PatternError> {
        let start = self.pos;
        self.pos += 1;
        match self.peek() {
            Some('*') => {
                return Err(self.unsupported(start, UnsupportedConstruct::BacktrackingVerb));
            }
            Some('?') => self.pos += 1,
            _ => {
                if !self.scope.no_auto_capture {
                    self.captures += 1;
                }
                self.push_group("(?:");
                return Ok(());
            }
        }
        let Some(c) = self.peek() else {
            return Err(self.syntax(start, SyntaxError::MissingClosingParenthesis));
        };
        match c {
            '#' => {
                while let Some(c) = self.peek() {
                    self.pos += 1;
                    if c == ')' {
                        return Ok(());
                    }
                }
                Err(self.syntax(start, SyntaxError::UnterminatedComment))
            }
            ':' | '|' => {
                self.pos += 1;
                self.push_group("(?:");
                Ok(())
            }
            '>' => Err(self.unsupported(start, UnsupportedConstruct::AtomicGroup)),
            '=' | '!' => Err(self.unsupported(start, UnsupportedConstruct::LookaheadAssertion)),
            '<' => match self.peek_at(1) {
                Some('=' | '!') => {
                    Err(self.unsupported(start, UnsupportedConstruct::LookbehindAssertion))
                }
                _ => {
                    self.pos += 1;
                    self.named_group(start, '>')
                }
            },
            '\'' => {
                self.pos += 1;
                self.named_group(start, '\'')
            }
            'P' => match self.peek_at(1) {
                Some('<') => {
                    self.pos += 2;
                    self.named_group(start, '>')
                }
                Some('=') => Err(self.unsupported(start, UnsupportedConstruct::Backreference)),
                Some('>') => Err(self.unsupported(start, UnsupportedConstruct::SubroutineCall)),
                _ => Err(self.syntax(start, SyntaxError::UnknownGroupSyntax('P'))),
            },
            'R' | '&' | '+' | '0'..='9' => {
                Err(self.unsupported(start, UnsupportedConstruct::SubroutineCall))
            }
            '-' if self.peek_at(1).is_some_and(|c| c.is_ascii_digit()) => {
                Err(self.unsupported(start, UnsupportedConstruct::SubroutineCall))
            }
            'C' => Err(self.unsupported(start, UnsupportedConstruct::Callout)),
            '(' => Err(self.unsupported(start, UnsupportedConstruct::ConditionalGroup)),
            _ => self.inline_options(start),
        }
    }

    fn push_group(&mut self, text: &str) {
        self.frames.push(Frame { outer: self.scope });
        self.out.push_str(text);
        self.last = Last::Nothing;
    }

    fn named_group(&mut self, start: usize, terminator: char) -> Result<(), PatternError> {
        let mut name = String::new();
        loop {
            match self.peek() {
                Some(c) if c == terminator => {
                    self.pos += 1;
                    break;
                }
                Some(c) if c.is_ascii_alphanumeric() || c == '_' => {
                    name.push(c);
                    self.pos += 1;
                }
                _ => return Err(self.syntax(start, SyntaxError::BadGroupName)),
            }
        }
        if name.is_empty() || name.len() > 32 || name.starts_with(|c: char| c.is_ascii_digit()) {
            return Err(self.syntax(start, SyntaxError::BadGroupName));
        }
        if self.names.contains(&name) && !self.scope.duplicate_names {
            return Err(self.syntax(start, SyntaxError::DuplicateGroupName(name)));
        }
        self.names.push(name);
        self.captures += 1;
        self.push_group("(?:");
        Ok(())
    }

    /// `(?i)`, `(?x-s:…)`, `(?^m)`…: PCRE's inline options. `i`, `m`, `s`
    /// and `U` go to the engine; `x`, `xx`, `n` and `J` shape the
    /// translation itself.
    fn inline_options(&mut self, start: usize) -> Result<(), PatternError> {
        let mut scope = self.scope;
        let mut set = String::new();
        let mut unset = String::new();
        if self.peek() == Some('^') {
            self.pos += 1;
            scope.caseless = false;
            scope.extended = false;
            scope.extended_more = false;
            scope.no_auto_capture = false;
            unset.push_str("ims");
        }
        let mut negative = false;
        let terminator = loop {
            let Some(c) = self.peek() else {
                return Err(self.syntax(start, SyntaxError::MissingClosingParenthesis));
            };
            self.pos += 1;
            match c {
                ')' | ':' => break c,
                '-' if !negative && unset.is_empty() => negative = true,
                'i' | 'm' | 's' | 'U' => {
                    if c == 'i' {
                        scope.caseless = !negative;
                    }
                    let (target, other) = if negative {
                        (&mut unset, &mut set)
                    } else {
                        (&mut set, &mut unset)
                    };
                    other.retain(|o| o != c);
                    if !target.contains(c) {
                        target.push(c);
                    }
                }
                'x' => {
                    if negative {
                        scope.extended = false;
                        scope.extended_more = false;
                    } else if self.peek() == Some('x') {
                        self.pos += 1;
                        scope.extended = true;
                        scope.extended_more = true;
                    } else {
                        scope.extended = true;
                    }
                }
                'n' => scope.no_auto_capture = !negative,
                'J' => scope.duplicate_names = !negative,
                other => {
                    return Err(self.syntax(self.pos - 1, SyntaxError::UnknownInlineOption(other)));
                }
            }
        };
        let flags = match (set.is_empty(), unset.is_empty()) {
            (true, true) => String::new(),
            (false, true) => set,
            (true, false) => format!("-{unset}"),
            (false, false) => format!("{set}-{unset}"),
        };
        if terminator == ':' {
            self.push_group(&format!("(?{flags}:"));
        } else if !flags.is_empty() {
            let _ = write!(self.out, "(?{flags})");
        }
        self.scope = scope;
        self.last = Last::Nothing;
        Ok(())
    }

    fn close_group(&mut self) -> Result<(), PatternError> {
        let Some(frame) = self.frames.pop() else {
            return Err(self.syntax(self.pos, SyntaxError::UnmatchedClosingParenthesis));
        };
        self.pos += 1;
        self.out.push(')');
        self.scope = frame.outer;
        self.last = Last::Item;
        Ok(())
    }

    fn class(&mut self) -> Result<(), PatternError> {
        let start = self.pos;
        for (word, assertion) in [("[[:<:]]", r"\b{start}"), ("[[:>:]]", r"\b{end}")] {
            if self.upcoming_is(word) {
                self.pos += word.len();
                self.assertion(assertion);
                return Ok(());
            }
        }
        self.pos += 1;
        let negated = self.peek() == Some('^');
        if negated {
            self.pos += 1;
        }
        let mut body = String::new();
        let mut first = true;
        let mut quoting = false;
        loop {
            let Some(unit) = self.units.get(self.pos).copied() else {
                return Err(self.syntax(start, SyntaxError::UnterminatedClass));
            };
            let c = ascii(unit.value);
            if quoting {
                if c == Some('\\') && self.peek_at(1) == Some('E') {
                    quoting = false;
                    self.pos += 2;
                } else {
                    push_unit(&mut body, unit.value, self.utf);
                    self.pos += 1;
                }
                first = false;
                continue;
            }
            if c == Some(']') && !first {
                self.pos += 1;
                break;
            }
            if self.scope.extended_more && matches!(c, Some(' ' | '\t')) {
                self.pos += 1;
                continue;
            }
            let item_start = self.pos;
            match self.class_item()? {
                ClassItem::Char(lo) => {
                    if self.peek() == Some('-') && !matches!(self.peek_at(1), Some(']') | None) {
                        self.pos += 1;
                        let hi_start = self.pos;
                        let ClassItem::Char(hi) = self.class_item()? else {
                            return Err(self.syntax(hi_start, SyntaxError::InvalidRange));
                        };
                        if hi < lo {
                            return Err(self.syntax(item_start, SyntaxError::RangeOutOfOrder));
                        }
                        push_unit(&mut body, lo, self.utf);
                        body.push('-');
                        push_unit(&mut body, hi, self.utf);
                    } else {
                        push_unit(&mut body, lo, self.utf);
                    }
                }
                ClassItem::Set(text) => {
                    if self.peek() == Some('-') && !matches!(self.peek_at(1), Some(']') | None) {
                        return Err(self.syntax(item_start, SyntaxError::InvalidRange));
                    }
                    body.push_str(&text);
                }
                ClassItem::QuoteStart => quoting = true,
                ClassItem::Nothing => {}
            }
            first = false;
        }
        let text = format!("[{}{body}]", if negated { "^" } else { "" });
        self.item(&text);
        Ok(())
    }

    fn upcoming_is(&self, word: &str) -> bool {
        word.chars()
            .enumerate()
            .all(|(i, c)| self.peek_at(i) == Some(c))
    }

    fn class_item(&mut self) -> Result<ClassItem, PatternError> {
        let start = self.pos;
        let Some(unit) = self.units.get(self.pos).copied() else {
            return Err(self.syntax(start, SyntaxError::UnterminatedClass));
        };
        match ascii(unit.value) {
            Some('\\') => match self.escape(true)? {
                Escape::Char(value) => Ok(ClassItem::Char(value)),
                Escape::Set {
                    set,
                    cased_property,
                } => {
                    if cased_property && self.scope.caseless {
                        return Err(self.unsupported(
                            start,
                            UnsupportedConstruct::CasedPropertyInCaselessClass(set.body),
                        ));
                    }
                    Ok(ClassItem::Set(set.bracketed()))
                }
                Escape::QuoteStart => Ok(ClassItem::QuoteStart),
                Escape::QuoteEnd => Ok(ClassItem::Nothing),
                Escape::Assertion(_) | Escape::ResetMatchStart => {
                    let letter = self
                        .units
                        .get(start + 1)
                        .and_then(|u| ascii(u.value))
                        .unwrap_or('\\');
                    Err(self.syntax(start, SyntaxError::EscapeInvalidInClass(letter)))
                }
            },
            Some('[') => match self.peek_at(1) {
                Some(':') => self.posix_class(start),
                Some(delimiter @ ('.' | '=')) if self.posix_terminated(delimiter) => {
                    Err(self.syntax(start, SyntaxError::PosixCollatingElement))
                }
                _ => {
                    self.pos += 1;
                    Ok(ClassItem::Char(unit.value))
                }
            },
            _ => {
                self.pos += 1;
                Ok(ClassItem::Char(unit.value))
            }
        }
    }

    fn posix_terminated(&self, delimiter: char) -> bool {
        let mut at = 2;
        while let Some(c) = self.peek_at(at) {
            if c == ']' {
                return false;
            }
            if c == delimiter && self.peek_at(at + 1) == Some(']') {
                return true;
            }
            at += 1;
        }
        false
    }

    /// `[:alpha:]`, `[:^digit:]` inside a class (cursor on the `[`); a `[`
    /// that does not open a well-formed POSIX class is a literal.
    fn posix_class(&mut self, start: usize) -> Result<ClassItem, PatternError> {
        let mut at = 2;
        let negated = self.peek_at(at) == Some('^');
        if negated {
            at += 1;
        }
        let mut name = String::new();
        while let Some(c) = self.peek_at(at).filter(char::is_ascii_lowercase) {
            name.push(c);
            at += 1;
        }
        if self.peek_at(at) != Some(':') || self.peek_at(at + 1) != Some(']') {
            self.pos += 1;
            return Ok(ClassItem::Char(u32::from(b'[')));
        }
        self.pos += at + 2;
        // PCRE reads [:upper:] and [:lower:] as [:alpha:] when caseless.
        if self.scope.caseless && matches!(name.as_str(), "upper" | "lower") {
            name = "alpha".to_owned();
        }
        let set = if self.utf {
            let body = match name.as_str() {
                "alpha" => r"\p{L}",
                "alnum" => r"\p{L}\p{N}",
                "blank" => horizontal_space(true),
                "cntrl" => r"\p{Cc}",
                "digit" => r"\p{Nd}",
                "lower" => r"\p{Ll}",
                "upper" => r"\p{Lu}",
                "space" => r"\p{Z}\t\n\x0B\x0C\r",
                "word" => r"\p{L}\p{N}_",
                "xdigit" => "0-9A-Fa-f",
                "ascii" => r"\x00-\x7F",
                "punct" => r"\p{P}[\p{S}&&\x00-\xFF]",
                "graph" => {
                    return Err(
                        self.unsupported(start, UnsupportedConstruct::PosixClassUnderUtf("graph"))
                    );
                }
                "print" => {
                    return Err(
                        self.unsupported(start, UnsupportedConstruct::PosixClassUnderUtf("print"))
                    );
                }
                _ => return Err(self.syntax(start, SyntaxError::UnknownPosixClass(name))),
            };
            CharSet::new(body).negate_if(negated)
        } else {
            const ASCII_CLASSES: [&str; 14] = [
                "alpha", "alnum", "ascii", "blank", "cntrl", "digit", "graph", "lower", "print",
                "punct", "space", "upper", "word", "xdigit",
            ];
            if !ASCII_CLASSES.contains(&name.as_str()) {
                return Err(self.syntax(start, SyntaxError::UnknownPosixClass(name)));
            }
            CharSet::new(format!("[:{}{name}:]", if negated { "^" } else { "" }))
        };
        Ok(ClassItem::Set(set.bracketed()))
    }
}

#[derive(Debug)]
enum ClassItem {
    Char(u32),
    Set(String),
    QuoteStart,
    Nothing,
}

/// A property name as Unicode's loose matching compares it: case, spaces,
/// hyphens and underscores ignored.
fn loose_property_name(name: &str) -> String {
    name.chars()
        .filter(|c| !matches!(c, ' ' | '-' | '_'))
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

fn horizontal_space(utf: bool) -> &'static str {
    if utf {
        r"\t\x20\x{A0}\x{1680}\x{180E}\x{2000}-\x{200A}\x{202F}\x{205F}\x{3000}"
    } else {
        r"\t\x20\xA0"
    }
}

fn vertical_space(utf: bool) -> &'static str {
    if utf {
        r"\n\x0B\x0C\r\x{85}\x{2028}\x{2029}"
    } else {
        r"\n\x0B\x0C\r\x85"
    }
}

/// White space that `x` skips: ASCII blanks, plus PCRE's extra Unicode
/// pattern white space with `u`.
fn is_pattern_white_space(value: u32, utf: bool) -> bool {
    matches!(value, 0x09..=0x0D | 0x20)
        || (utf && matches!(value, 0x85 | 0x200E | 0x200F | 0x2028 | 0x2029))
}

/// Writes one literal unit so the engine reads it as exactly that
/// character (with `u`) or byte (without).
fn push_unit(out: &mut String, value: u32, utf: bool) {
    match ascii(value) {
        Some(c) if META.contains(c) => {
            out.push('\\');
            out.push(c);
        }
        Some(c) if c.is_ascii_graphic() => out.push(c),
        Some(_) => {
            let _ = write!(out, r"\x{{{value:X}}}");
        }
        None => match char::from_u32(value).filter(|_| utf) {
            Some(c) => out.push(c),
            None => {
                let _ = write!(out, r"\x{value:02X}");
            }
        },
    }
}
