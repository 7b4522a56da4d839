//! Who a token speaks for: an agent (`ost_staff`) or an end user (`ost_user`).

use oxt_ticket::ids::{StaffId, UserId};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Written `staff:<ost_staff.staff_id>` or `user:<ost_user.id>` in a token's
/// `sub`. A client's subject is the `ost_user` row its `ost_user_account`
/// belongs to, not the account row itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum Subject {
    Staff(StaffId),
    User(UserId),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ParseSubjectError {
    #[error("a subject starts with `staff:` or `user:`")]
    UnknownKind,
    /// Not a decimal id in 1..=u32::MAX written without sign or leading zeros,
    /// so each subject has exactly one spelling.
    #[error("a subject's id is a positive decimal number")]
    InvalidId,
}

impl Subject {
    pub fn parse(raw: &str) -> Result<Self, ParseSubjectError> {
        if let Some(id) = raw.strip_prefix("staff:") {
            Ok(Self::Staff(StaffId::new(parse_id(id)?)))
        } else if let Some(id) = raw.strip_prefix("user:") {
            Ok(Self::User(UserId::new(parse_id(id)?)))
        } else {
            Err(ParseSubjectError::UnknownKind)
        }
    }
}

fn parse_id(digits: &str) -> Result<u32, ParseSubjectError> {
    let canonical = !digits.is_empty()
        && !digits.starts_with('0')
        && digits.bytes().all(|b| b.is_ascii_digit());
    if !canonical {
        return Err(ParseSubjectError::InvalidId);
    }
    digits.parse().map_err(|_| ParseSubjectError::InvalidId)
}

impl fmt::Display for Subject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Staff(id) => write!(f, "staff:{id}"),
            Self::User(id) => write!(f, "user:{id}"),
        }
    }
}

impl TryFrom<String> for Subject {
    type Error = ParseSubjectError;

    fn try_from(raw: String) -> Result<Self, Self::Error> {
        Self::parse(&raw)
    }
}

impl From<Subject> for String {
    fn from(subject: Subject) -> String {
        subject.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn staff_and_user_subjects_parse() {
        assert_eq!(
            Subject::parse("staff:12"),
            Ok(Subject::Staff(StaffId::new(12)))
        );
        assert_eq!(Subject::parse("user:7"), Ok(Subject::User(UserId::new(7))));
    }

    #[test]
    fn unknown_kind_is_rejected() {
        for raw in ["agent:1", "Staff:1", "12", ""] {
            assert_eq!(
                Subject::parse(raw),
                Err(ParseSubjectError::UnknownKind),
                "{raw}"
            );
        }
    }

    #[test]
    fn ids_that_are_not_canonical_positive_numbers_are_rejected() {
        for raw in [
            "staff:",
            "staff:0",
            "staff:012",
            "staff:+1",
            "user:-1",
            "user:4294967296",
            "user:1 ",
        ] {
            assert_eq!(
                Subject::parse(raw),
                Err(ParseSubjectError::InvalidId),
                "{raw}"
            );
        }
    }

    #[test]
    fn subject_serializes_as_its_string_form() {
        let json = serde_json::to_string(&Subject::Staff(StaffId::new(12))).unwrap();
        assert_eq!(json, r#""staff:12""#);
        assert!(serde_json::from_str::<Subject>(r#""staff:0""#).is_err());
    }

    proptest! {
        #[test]
        fn every_subject_round_trips_through_its_string(staff in any::<bool>(), id in 1u32..) {
            let subject = if staff {
                Subject::Staff(StaffId::new(id))
            } else {
                Subject::User(UserId::new(id))
            };
            prop_assert_eq!(Subject::parse(&subject.to_string()), Ok(subject));
        }
    }
}
