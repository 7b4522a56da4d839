//! Splitting a PHP `preg_*` pattern into its body and modifiers, the way
//! PHP's pcre extension does before PCRE sees anything.

use super::error::PatternError;

/// The pattern modifiers after the closing delimiter.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Modifiers {
    pub caseless: bool,
    pub multiline: bool,
    pub dot_all: bool,
    pub extended: bool,
    pub anchored: bool,
    pub dollar_end_only: bool,
    pub ungreedy: bool,
    /// `u`: the pattern and subject are UTF-8, and PHP also turns on PCRE's
    /// Unicode properties for `\d`, `\w`, `\s`, `\b` and POSIX classes.
    pub utf: bool,
    pub duplicate_names: bool,
    pub no_auto_capture: bool,
}

#[derive(Debug)]
pub(super) struct Delimited<'a> {
    pub body: &'a str,
    /// Byte offset of `body` within the raw value.
    pub body_offset: usize,
    pub modifiers: Modifiers,
}

/// C `isspace()` in the "C" locale, which PHP uses to skip leading blanks.
fn is_c_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r')
}

pub(super) fn split(raw: &str) -> Result<Delimited<'_>, PatternError> {
    let bytes = raw.as_bytes();
    let start = bytes
        .iter()
        .position(|&b| !is_c_space(b))
        .ok_or(PatternError::Empty)?;
    let delimiter = raw[start..].chars().next().ok_or(PatternError::Empty)?;
    if !delimiter.is_ascii() {
        return Err(PatternError::NonAsciiDelimiter(delimiter));
    }
    if delimiter.is_ascii_alphanumeric() || delimiter == '\\' || delimiter == '\0' {
        return Err(PatternError::BadDelimiter(delimiter));
    }
    let open = delimiter as u8;
    let close = match open {
        b'(' => b')',
        b'[' => b']',
        b'{' => b'}',
        b'<' => b'>',
        other => other,
    };
    let body_offset = start + 1;
    let mut depth = 1usize;
    let mut at = body_offset;
    let end = loop {
        let Some(&b) = bytes.get(at) else {
            return Err(PatternError::MissingEndDelimiter(close as char));
        };
        if b == b'\\' && at + 1 < bytes.len() {
            at += 2;
            continue;
        }
        if b == close {
            depth -= 1;
            if depth == 0 {
                break at;
            }
        } else if b == open {
            depth += 1;
        }
        at += 1;
    };
    let modifiers = parse_modifiers(&raw[end + 1..])?;
    Ok(Delimited {
        body: &raw[body_offset..end],
        body_offset,
        modifiers,
    })
}

fn parse_modifiers(text: &str) -> Result<Modifiers, PatternError> {
    let mut m = Modifiers::default();
    for c in text.chars() {
        match c {
            'i' => m.caseless = true,
            'm' => m.multiline = true,
            's' => m.dot_all = true,
            'x' => m.extended = true,
            'A' => m.anchored = true,
            'D' => m.dollar_end_only = true,
            'U' => m.ungreedy = true,
            'u' => m.utf = true,
            'J' => m.duplicate_names = true,
            'n' => m.no_auto_capture = true,
            // PHP accepts these and they change nothing since PHP 7.3.
            'S' | 'X' => {}
            ' ' | '\n' | '\r' => {}
            'e' => return Err(PatternError::RemovedEvalModifier),
            other => return Err(PatternError::UnknownModifier(other)),
        }
    }
    Ok(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slash_delimited_pattern_is_split_into_body_and_modifiers() {
        let d = split("/^urgent/iu").unwrap();
        assert_eq!(d.body, "^urgent");
        assert_eq!(d.body_offset, 1);
        assert!(d.modifiers.caseless && d.modifiers.utf && !d.modifiers.multiline);
    }

    #[test]
    fn leading_blanks_before_the_delimiter_are_skipped() {
        let d = split("  \t#a#").unwrap();
        assert_eq!(d.body, "a");
        assert_eq!(d.body_offset, 4);
    }

    #[test]
    fn escaped_delimiters_stay_in_the_body() {
        assert_eq!(split(r"/a\/b/").unwrap().body, r"a\/b");
    }

    #[test]
    fn bracket_delimiters_nest() {
        assert_eq!(split("{a{2}}i").unwrap().body, "a{2}");
        assert_eq!(split("(a(b)c)").unwrap().body, "a(b)c");
    }

    #[test]
    fn alphanumeric_or_backslash_delimiters_are_rejected() {
        assert_eq!(
            split("urgent").unwrap_err(),
            PatternError::BadDelimiter('u')
        );
        assert_eq!(split(r"\a\").unwrap_err(), PatternError::BadDelimiter('\\'));
    }

    #[test]
    fn a_missing_end_delimiter_is_reported() {
        assert_eq!(
            split("^urgent").unwrap_err(),
            PatternError::MissingEndDelimiter('^')
        );
        assert_eq!(
            split("(abc").unwrap_err(),
            PatternError::MissingEndDelimiter(')')
        );
    }

    #[test]
    fn unknown_and_removed_modifiers_are_rejected() {
        assert_eq!(
            split("/a/q").unwrap_err(),
            PatternError::UnknownModifier('q')
        );
        assert_eq!(
            split("/a/e").unwrap_err(),
            PatternError::RemovedEvalModifier
        );
    }

    #[test]
    fn blank_and_no_op_modifiers_are_accepted() {
        let m = split("/a/i S X\n").unwrap().modifiers;
        assert!(m.caseless);
    }

    #[test]
    fn empty_and_blank_values_are_empty_patterns() {
        assert_eq!(split("").unwrap_err(), PatternError::Empty);
        assert_eq!(split("  ").unwrap_err(), PatternError::Empty);
    }
}
