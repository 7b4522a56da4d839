//! A phone number as osTicket's phone field accepts it.

use std::fmt;

/// osTicket's phone field's default "minimum length".
const MIN_DIGITS: usize = 7;

/// Digits, optionally `X` and the extension's digits (`3185558634X123`), the
/// form osTicket's `PhoneField` stores; typed separators are dropped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhoneNumber(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PhoneNumberError {
    #[error("a phone number has at least {MIN_DIGITS} digits")]
    TooShort,
    #[error("a phone number is digits, optionally followed by x and an extension")]
    NotANumber,
    #[error("an extension needs a phone number before it")]
    ExtensionWithoutNumber,
}

impl PhoneNumber {
    /// As osTicket's `PhoneField::parse` then `validateEntry`: keep digits and
    /// the extension marker, then require a number of 7 digits or more and an
    /// all-digit extension.
    pub fn parse(raw: &str) -> Result<Self, PhoneNumberError> {
        let kept: String = raw
            .to_uppercase()
            .chars()
            .filter(|c| c.is_ascii_digit() || *c == 'X')
            .collect();
        let (number, extension) = kept.split_once('X').unwrap_or((kept.as_str(), ""));
        if number.is_empty() {
            return Err(if extension.is_empty() {
                PhoneNumberError::NotANumber
            } else {
                PhoneNumberError::ExtensionWithoutNumber
            });
        }
        if extension.contains('X') {
            return Err(PhoneNumberError::NotANumber);
        }
        if number.len() < MIN_DIGITS {
            return Err(PhoneNumberError::TooShort);
        }
        Ok(Self(kept))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for PhoneNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators_are_dropped_and_the_extension_kept() {
        assert_eq!(
            PhoneNumber::parse("(318) 555-8634 x123").unwrap().as_str(),
            "3185558634X123"
        );
    }

    #[test]
    fn short_numbers_and_text_are_refused() {
        assert_eq!(
            PhoneNumber::parse("555-12"),
            Err(PhoneNumberError::TooShort)
        );
        assert_eq!(
            PhoneNumber::parse("call me"),
            Err(PhoneNumberError::NotANumber)
        );
        assert_eq!(
            PhoneNumber::parse("x12"),
            Err(PhoneNumberError::ExtensionWithoutNumber)
        );
    }
}
