//! What a person submits with a ticket: their address and name, the
//! subject and the message. Each parses once, at the edge.

use serde::{Deserialize, Serialize};
use std::fmt;

/// `ost_user_email.address` is `varchar(255)`.
const MAX_EMAIL_CHARS: usize = 255;
/// RFC 5321 limits on the local part and on one domain label.
const MAX_LOCAL_PART_CHARS: usize = 64;
const MAX_DOMAIN_LABEL_CHARS: usize = 63;
/// `ost_user.name` is `varchar(128)`.
const MAX_NAME_CHARS: usize = 128;
const MAX_SUBJECT_CHARS: usize = 255;

macro_rules! text_newtype {
    ($name:ident, $error:ident) => {
        impl $name {
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = $error;

            fn try_from(raw: String) -> Result<Self, Self::Error> {
                Self::parse(&raw)
            }
        }

        impl From<$name> for String {
            fn from(value: $name) -> String {
                value.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

/// An e-mail address, kept as typed. osTicket finds users by address
/// case-insensitively (the column's collation), so lookups go through
/// [`EmailAddress::lookup_key`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct EmailAddress(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum EmailAddressError {
    #[error("an e-mail address is required")]
    Empty,
    #[error("an e-mail address has at most {MAX_EMAIL_CHARS} characters")]
    TooLong,
    #[error("an e-mail address needs exactly one @")]
    NotOneAt,
    #[error("the part before the @ is not a valid mailbox name")]
    InvalidLocalPart,
    #[error("the part after the @ is not a valid domain")]
    InvalidDomain,
    /// osTicket's `Validator::is_email` refuses `localhost` explicitly.
    #[error("localhost is not an e-mail domain")]
    LocalhostDomain,
}

impl EmailAddress {
    pub fn parse(raw: &str) -> Result<Self, EmailAddressError> {
        let address = raw.trim();
        if address.is_empty() {
            return Err(EmailAddressError::Empty);
        }
        if address.chars().count() > MAX_EMAIL_CHARS {
            return Err(EmailAddressError::TooLong);
        }
        let Some((local, domain)) = address.split_once('@') else {
            return Err(EmailAddressError::NotOneAt);
        };
        if domain.contains('@') {
            return Err(EmailAddressError::NotOneAt);
        }
        if !is_dot_atom(local) {
            return Err(EmailAddressError::InvalidLocalPart);
        }
        if !is_domain(domain) {
            return Err(EmailAddressError::InvalidDomain);
        }
        if domain.eq_ignore_ascii_case("localhost") {
            return Err(EmailAddressError::LocalhostDomain);
        }
        Ok(Self(address.to_owned()))
    }

    /// The address case-folded, for finding the user who owns it.
    pub fn lookup_key(&self) -> String {
        self.0.to_lowercase()
    }
}

text_newtype!(EmailAddress, EmailAddressError);

/// An unquoted RFC 5322 local part: atoms joined by single dots. Non-ASCII
/// letters are allowed (RFC 6531), as osTicket's RFC 822 parser allows them.
fn is_dot_atom(local: &str) -> bool {
    const ATEXT_SYMBOLS: &str = "!#$%&'*+-/=?^_`{|}~";
    local.chars().count() <= MAX_LOCAL_PART_CHARS
        && local.split('.').all(|atom| {
            !atom.is_empty()
                && atom.chars().all(|c| {
                    c.is_ascii_alphanumeric()
                        || ATEXT_SYMBOLS.contains(c)
                        || (!c.is_ascii() && c.is_alphanumeric())
                })
        })
}

/// Dot-separated labels of letters, digits and inner hyphens.
fn is_domain(domain: &str) -> bool {
    domain.split('.').all(|label| {
        !label.is_empty()
            && label.chars().count() <= MAX_DOMAIN_LABEL_CHARS
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label.chars().all(|c| c.is_alphanumeric() || c == '-')
    })
}

/// A person's display name (`ost_user.name`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PersonName(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PersonNameError {
    #[error("a name is required")]
    Empty,
    #[error("a name has at most {MAX_NAME_CHARS} characters")]
    TooLong,
}

impl PersonName {
    pub fn parse(raw: &str) -> Result<Self, PersonNameError> {
        let name = raw.trim();
        if name.is_empty() {
            return Err(PersonNameError::Empty);
        }
        if name.chars().count() > MAX_NAME_CHARS {
            return Err(PersonNameError::TooLong);
        }
        Ok(Self(name.to_owned()))
    }
}

text_newtype!(PersonName, PersonNameError);

/// A ticket's subject (the ticket form's `subject` field, "Issue Summary").
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Subject(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SubjectError {
    #[error("a subject is required")]
    Empty,
    #[error("a subject has at most {MAX_SUBJECT_CHARS} characters")]
    TooLong,
}

impl Subject {
    pub fn parse(raw: &str) -> Result<Self, SubjectError> {
        let subject = raw.trim();
        if subject.is_empty() {
            return Err(SubjectError::Empty);
        }
        if subject.chars().count() > MAX_SUBJECT_CHARS {
            return Err(SubjectError::TooLong);
        }
        Ok(Self(subject.to_owned()))
    }
}

text_newtype!(Subject, SubjectError);

/// The body of a thread entry. Kept exactly as written, since leading
/// spaces and line breaks matter in text bodies; only a body with nothing
/// but whitespace is refused.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct MessageBody(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum MessageBodyError {
    #[error("a message is required")]
    Empty,
}

impl MessageBody {
    pub fn parse(raw: &str) -> Result<Self, MessageBodyError> {
        if raw.trim().is_empty() {
            return Err(MessageBodyError::Empty);
        }
        Ok(Self(raw.to_owned()))
    }
}

text_newtype!(MessageBody, MessageBodyError);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_is_trimmed_and_keeps_its_case() {
        let address = EmailAddress::parse("  Angry.User@Example.COM ").unwrap();
        assert_eq!(address.as_str(), "Angry.User@Example.COM");
        assert_eq!(address.lookup_key(), "angry.user@example.com");
    }

    #[test]
    fn addresses_with_plus_tags_and_subdomains_are_accepted() {
        assert!(EmailAddress::parse("api+tickets@mail.example.co.uk").is_ok());
        assert!(EmailAddress::parse("o'brien@example.ie").is_ok());
        assert!(EmailAddress::parse("jürgen@bücher.example").is_ok());
    }

    #[test]
    fn an_empty_address_is_rejected() {
        assert_eq!(EmailAddress::parse("   "), Err(EmailAddressError::Empty));
    }

    #[test]
    fn an_address_longer_than_the_column_is_rejected() {
        let long = format!(
            "{}@{}.com",
            "a".repeat(60),
            vec!["b".repeat(60); 4].join(".")
        );
        assert_eq!(EmailAddress::parse(&long), Err(EmailAddressError::TooLong));
    }

    #[test]
    fn an_address_needs_exactly_one_at() {
        assert_eq!(
            EmailAddress::parse("user.example.com"),
            Err(EmailAddressError::NotOneAt)
        );
        assert_eq!(
            EmailAddress::parse("a@b@example.com"),
            Err(EmailAddressError::NotOneAt)
        );
    }

    #[test]
    fn a_malformed_local_part_is_rejected() {
        for bad in [
            "@example.com",
            ".user@example.com",
            "us..er@example.com",
            "us er@example.com",
            "<u>@example.com",
        ] {
            assert_eq!(
                EmailAddress::parse(bad),
                Err(EmailAddressError::InvalidLocalPart),
                "{bad}"
            );
        }
        let long_local = format!("{}@example.com", "a".repeat(65));
        assert_eq!(
            EmailAddress::parse(&long_local),
            Err(EmailAddressError::InvalidLocalPart)
        );
    }

    #[test]
    fn a_malformed_domain_is_rejected() {
        for bad in [
            "user@",
            "user@example..com",
            "user@-example.com",
            "user@exa_mple.com",
            "user@example.com.",
        ] {
            assert_eq!(
                EmailAddress::parse(bad),
                Err(EmailAddressError::InvalidDomain),
                "{bad}"
            );
        }
    }

    #[test]
    fn a_localhost_address_is_rejected_like_osticket() {
        assert_eq!(
            EmailAddress::parse("root@LocalHost"),
            Err(EmailAddressError::LocalhostDomain)
        );
    }

    #[test]
    fn an_address_deserializes_only_when_valid() {
        assert!(serde_json::from_str::<EmailAddress>("\"a@example.com\"").is_ok());
        assert!(serde_json::from_str::<EmailAddress>("\"nobody\"").is_err());
    }

    #[test]
    fn a_name_is_trimmed() {
        assert_eq!(
            PersonName::parse("  Angry User ").unwrap().as_str(),
            "Angry User"
        );
    }

    #[test]
    fn an_empty_name_is_rejected() {
        assert_eq!(PersonName::parse(" \t"), Err(PersonNameError::Empty));
    }

    #[test]
    fn a_name_longer_than_the_column_is_rejected() {
        assert!(PersonName::parse(&"é".repeat(128)).is_ok());
        assert_eq!(
            PersonName::parse(&"é".repeat(129)),
            Err(PersonNameError::TooLong)
        );
    }

    #[test]
    fn a_subject_is_trimmed() {
        assert_eq!(
            Subject::parse(" Testing API\n").unwrap().as_str(),
            "Testing API"
        );
    }

    #[test]
    fn an_empty_subject_is_rejected() {
        assert_eq!(Subject::parse(""), Err(SubjectError::Empty));
    }

    #[test]
    fn a_subject_over_255_characters_is_rejected() {
        assert!(Subject::parse(&"x".repeat(255)).is_ok());
        assert_eq!(Subject::parse(&"x".repeat(256)), Err(SubjectError::TooLong));
    }

    #[test]
    fn a_message_body_keeps_its_layout() {
        assert_eq!(
            MessageBody::parse("  indented\n").unwrap().as_str(),
            "  indented\n"
        );
    }

    #[test]
    fn a_blank_message_body_is_rejected() {
        assert_eq!(MessageBody::parse(" \n\t "), Err(MessageBodyError::Empty));
    }
}
