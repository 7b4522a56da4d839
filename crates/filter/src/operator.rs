//! How a rule compares: `ost_filter_rule.how`.
//!
//! osTicket's comparisons are PHP's byte-string functions: `strcasecmp` and
//! `stripos` fold ASCII letters only, so `É` and `é` differ while `A` and
//! `a` do not. A field the ticket does not have is compared as "".

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(into = "&'static str", try_from = "String")]
pub enum Operator {
    /// `equal`: `strcasecmp(subject, value) == 0`.
    Equal,
    /// `not_equal`.
    NotEqual,
    /// `contains`: `stripos(subject, value) !== false`.
    Contains,
    /// `dn_contain`.
    DoesNotContain,
    /// `starts`: `stripos(subject, value) === 0`.
    StartsWith,
    /// `ends`: the last characters of the subject equal the value, ASCII
    /// case-insensitively.
    EndsWith,
    /// `match`: `preg_match(value, subject) === 1`.
    Matches,
    /// `not_match`.
    DoesNotMatch,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a filter rule operator")]
pub struct UnknownOperator(pub String);

impl Operator {
    const ALL: [Self; 8] = [
        Self::Equal,
        Self::NotEqual,
        Self::Contains,
        Self::DoesNotContain,
        Self::StartsWith,
        Self::EndsWith,
        Self::Matches,
        Self::DoesNotMatch,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Equal => "equal",
            Self::NotEqual => "not_equal",
            Self::Contains => "contains",
            Self::DoesNotContain => "dn_contain",
            Self::StartsWith => "starts",
            Self::EndsWith => "ends",
            Self::Matches => "match",
            Self::DoesNotMatch => "not_match",
        }
    }

    /// Exact, like the `how` enum column.
    pub fn parse(how: &str) -> Result<Self, UnknownOperator> {
        Self::ALL
            .into_iter()
            .find(|operator| operator.as_str() == how)
            .ok_or_else(|| UnknownOperator(how.to_owned()))
    }

    /// `match` and `not_match` take a PCRE pattern as value.
    pub fn takes_pattern(self) -> bool {
        matches!(self, Self::Matches | Self::DoesNotMatch)
    }

    /// The operators that hold when their positive counterpart does not.
    pub fn is_negated(self) -> bool {
        matches!(
            self,
            Self::NotEqual | Self::DoesNotContain | Self::DoesNotMatch
        )
    }
}

impl From<Operator> for &'static str {
    fn from(operator: Operator) -> Self {
        operator.as_str()
    }
}

impl TryFrom<String> for Operator {
    type Error = UnknownOperator;

    fn try_from(how: String) -> Result<Self, Self::Error> {
        Self::parse(&how)
    }
}

impl fmt::Display for Operator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// `stripos($haystack, $needle) === 0`.
pub(crate) fn starts_with_ascii_caseless(haystack: &str, needle: &str) -> bool {
    haystack
        .as_bytes()
        .get(..needle.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(needle.as_bytes()))
}

/// osTicket's `iendsWith`: the last `mb_strlen($needle)` characters compared
/// with `strcasecmp`. Case folding keeps byte lengths, so this is a byte
/// suffix test.
pub(crate) fn ends_with_ascii_caseless(haystack: &str, needle: &str) -> bool {
    let (haystack, needle) = (haystack.as_bytes(), needle.as_bytes());
    haystack.len() >= needle.len()
        && haystack[haystack.len() - needle.len()..].eq_ignore_ascii_case(needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_operator_round_trips_through_its_column_value() {
        for operator in Operator::ALL {
            assert_eq!(Operator::parse(operator.as_str()).unwrap(), operator);
        }
        assert_eq!(
            Operator::parse("Equal").unwrap_err(),
            UnknownOperator("Equal".to_owned())
        );
    }

    #[test]
    fn prefix_and_suffix_tests_fold_ascii_letters_only() {
        assert!(starts_with_ascii_caseless("URGENT: x", "urgent"));
        assert!(!starts_with_ascii_caseless("x URGENT", "urgent"));
        assert!(ends_with_ascii_caseless("mail@Example.COM", "@example.com"));
        assert!(!ends_with_ascii_caseless("com", "example.com"));
        assert!(ends_with_ascii_caseless("x", ""));
        assert!(!ends_with_ascii_caseless("ÉTÉ", "été"));
    }
}
