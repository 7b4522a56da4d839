//! What a rule tests: `ost_filter_rule.what`.

use oxt_ticket::ids::FormFieldId;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A value osTicket's `TicketFilter` can hand to a rule.
///
/// The ticket's subject and message are not fields of their own since
/// osTicket 1.8: they are the ticket form's `subject` and `message` fields
/// (`field.20` and `field.21` on a fresh install), and old `subject`/`body`
/// rules were rewritten to those by osTicket's upgrader.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub enum Field {
    /// `name`: the sender's name (the user's name when the user exists).
    Name,
    /// `email`: the sender's address (the user's address when known).
    Email,
    /// `reply-to`: the e-mail's Reply-To address.
    ReplyTo,
    /// `reply-to-name`: the display name in the Reply-To header.
    ReplyToName,
    /// `addressee`: every To and Cc recipient that is not a help-desk
    /// mailbox, as "name address name address …".
    Addressee,
    /// `topicId`: the help topic chosen when opening the ticket.
    TopicId,
    /// `body`: the raw message. No longer offered by osTicket's editor, but
    /// still evaluated, untrimmed, when a row holds it.
    Body,
    /// `field.<id>` or `field.<id>.<property>`: a form field of the user,
    /// organization, ticket or a custom form.
    Form(FormFieldKey),
}

/// Addresses one form value in osTicket's filter data; reads and prints as
/// the rule column does (`field.20`, `field.36.abb`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub struct FormFieldKey {
    pub field: FormFieldId,
    /// For a field whose value is an item of a custom list, one property of
    /// the selected item.
    pub property: Option<ListItemProperty>,
}

impl FormFieldKey {
    pub fn field(field: FormFieldId) -> Self {
        Self {
            field,
            property: None,
        }
    }

    pub fn property(field: FormFieldId, property: ListItemProperty) -> Self {
        Self {
            field,
            property: Some(property),
        }
    }
}

/// A property of a custom-list item (`field.<id>.abb`, `field.<id>.<id>`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ListItemProperty {
    /// The item's abbreviation (`abb`).
    Abbreviation,
    /// A field of the list's property form.
    Field(FormFieldId),
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a field osTicket filters can test")]
pub struct UnknownField(pub String);

/// A positive decimal number written without leading zeros, as PHP array
/// keys built from ids are.
fn parse_id(raw: &str) -> Option<FormFieldId> {
    if raw.starts_with('0') || !raw.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    raw.parse().ok().map(FormFieldId::new)
}

impl Field {
    pub fn parse(what: &str) -> Result<Self, UnknownField> {
        let unknown = || UnknownField(what.to_owned());
        Ok(match what {
            "name" => Self::Name,
            "email" => Self::Email,
            "reply-to" => Self::ReplyTo,
            "reply-to-name" => Self::ReplyToName,
            "addressee" => Self::Addressee,
            "topicId" => Self::TopicId,
            "body" => Self::Body,
            _ => {
                let rest = what.strip_prefix("field.").ok_or_else(unknown)?;
                let (field, property) = match rest.split_once('.') {
                    Some((field, "abb")) => (field, Some(ListItemProperty::Abbreviation)),
                    Some((field, property)) => (
                        field,
                        Some(ListItemProperty::Field(
                            parse_id(property).ok_or_else(unknown)?,
                        )),
                    ),
                    None => (rest, None),
                };
                Self::Form(FormFieldKey {
                    field: parse_id(field).ok_or_else(unknown)?,
                    property,
                })
            }
        })
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Name => f.write_str("name"),
            Self::Email => f.write_str("email"),
            Self::ReplyTo => f.write_str("reply-to"),
            Self::ReplyToName => f.write_str("reply-to-name"),
            Self::Addressee => f.write_str("addressee"),
            Self::TopicId => f.write_str("topicId"),
            Self::Body => f.write_str("body"),
            Self::Form(key) => key.fmt(f),
        }
    }
}

impl fmt::Display for FormFieldKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "field.{}", self.field)?;
        match self.property {
            None => Ok(()),
            Some(ListItemProperty::Abbreviation) => f.write_str(".abb"),
            Some(ListItemProperty::Field(id)) => write!(f, ".{id}"),
        }
    }
}

impl From<FormFieldKey> for String {
    fn from(key: FormFieldKey) -> Self {
        key.to_string()
    }
}

impl TryFrom<String> for FormFieldKey {
    type Error = UnknownField;

    fn try_from(what: String) -> Result<Self, Self::Error> {
        match Field::parse(&what)? {
            Field::Form(key) => Ok(key),
            _ => Err(UnknownField(what)),
        }
    }
}

impl From<Field> for String {
    fn from(field: Field) -> Self {
        field.to_string()
    }
}

impl TryFrom<String> for Field {
    type Error = UnknownField;

    fn try_from(what: String) -> Result<Self, Self::Error> {
        Self::parse(&what)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_fixed_field_round_trips_through_its_column_value() {
        for what in [
            "name",
            "email",
            "reply-to",
            "reply-to-name",
            "addressee",
            "topicId",
            "body",
        ] {
            assert_eq!(Field::parse(what).unwrap().to_string(), what);
        }
    }

    #[test]
    fn form_fields_and_list_properties_are_parsed() {
        assert_eq!(
            Field::parse("field.20").unwrap(),
            Field::Form(FormFieldKey::field(FormFieldId::new(20)))
        );
        assert_eq!(
            Field::parse("field.36.abb").unwrap(),
            Field::Form(FormFieldKey::property(
                FormFieldId::new(36),
                ListItemProperty::Abbreviation
            ))
        );
        assert_eq!(
            Field::parse("field.36.41").unwrap().to_string(),
            "field.36.41"
        );
    }

    #[test]
    fn form_field_keys_serialize_as_their_column_value() {
        let key = FormFieldKey::property(
            FormFieldId::new(36),
            ListItemProperty::Field(FormFieldId::new(41)),
        );
        let json = serde_json::to_string(&key).unwrap();
        assert_eq!(json, r#""field.36.41""#);
        assert_eq!(serde_json::from_str::<FormFieldKey>(&json).unwrap(), key);
        assert!(serde_json::from_str::<FormFieldKey>(r#""email""#).is_err());
    }

    #[test]
    fn legacy_and_foreign_names_are_unknown() {
        for what in [
            "subject",
            "emailId",
            "Name",
            "field.",
            "field.x",
            "field.020",
            "field.0",
            "field.20.",
            "field.20.name",
        ] {
            assert_eq!(
                Field::parse(what),
                Err(UnknownField(what.to_owned())),
                "{what}"
            );
        }
    }
}
