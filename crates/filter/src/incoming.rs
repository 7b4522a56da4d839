//! The ticket data a filter run sees.

use oxt_ticket::ids::{EmailId, TopicId};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::HashMap;

use crate::field::{Field, FormFieldKey};
use crate::target::Channel;

/// A ticket about to be opened, as osTicket's `TicketFilter` receives it.
///
/// Give values as received; the filter trims them as osTicket does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Incoming {
    pub channel: Channel,
    /// The help-desk mailbox the e-mail arrived at (`emailId`).
    pub email_id: Option<EmailId>,
    /// The sender's address: the user's address when the user exists.
    pub email: String,
    /// The sender's name: the user's name when the user exists.
    pub name: String,
    pub reply_to: Option<String>,
    pub reply_to_name: Option<String>,
    /// To and Cc recipients that are not help-desk mailboxes.
    pub recipients: Vec<Recipient>,
    pub topic_id: Option<TopicId>,
    /// The message body.
    pub message: String,
    /// osTicket's filter data of the user, organization, ticket and topic
    /// forms, keyed by field (the subject is the ticket form's `subject`
    /// field, the message its `message` field).
    pub form_fields: HashMap<FormFieldKey, String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recipient {
    pub name: String,
    pub email: String,
}

/// PHP's `trim()` character list.
pub(crate) fn php_trim(value: &str) -> &str {
    value.trim_matches([' ', '\t', '\n', '\r', '\0', '\x0B'])
}

impl Incoming {
    pub fn new(channel: Channel, email: impl Into<String>, name: impl Into<String>) -> Self {
        Self {
            channel,
            email_id: None,
            email: email.into(),
            name: name.into(),
            reply_to: None,
            reply_to_name: None,
            recipients: Vec::new(),
            topic_id: None,
            message: String::new(),
            form_fields: HashMap::new(),
        }
    }

    /// The value a rule on `field` is compared with, `None` when the ticket
    /// has no such value (rules then compare against "").
    pub fn value_of(&self, field: &Field) -> Option<Cow<'_, str>> {
        let trimmed = |value: &str| php_trim(value).to_owned();
        match field {
            Field::Name => Some(Cow::Borrowed(php_trim(&self.name))),
            Field::Email => Some(Cow::Borrowed(php_trim(&self.email))),
            Field::ReplyTo => self.reply_to.as_deref().map(|v| Cow::Owned(trimmed(v))),
            Field::ReplyToName => self
                .reply_to_name
                .as_deref()
                .map(|v| Cow::Owned(trimmed(v))),
            Field::TopicId => self.topic_id.map(|id| Cow::Owned(id.to_string())),
            // osTicket copies the message in before trimming anything else.
            Field::Body => Some(Cow::Borrowed(&self.message)),
            Field::Addressee => (!self.recipients.is_empty()).then(|| {
                let parts: Vec<&str> = self
                    .recipients
                    .iter()
                    .flat_map(|r| [r.name.as_str(), r.email.as_str()])
                    .collect();
                Cow::Owned(parts.join(" "))
            }),
            Field::Form(key) => self
                .form_fields
                .get(key)
                .map(|v| Cow::Borrowed(php_trim(v))),
        }
    }

    pub(crate) fn trimmed_reply_to(&self) -> Option<&str> {
        self.reply_to
            .as_deref()
            .map(php_trim)
            .filter(|v| !v.is_empty())
    }

    pub(crate) fn trimmed_reply_to_name(&self) -> Option<&str> {
        self.reply_to_name
            .as_deref()
            .map(php_trim)
            .filter(|v| !v.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxt_ticket::ids::FormFieldId;

    #[test]
    fn fields_are_trimmed_like_php_except_the_body() {
        let mut incoming = Incoming::new(Channel::Web, " a@example.com\n", "\tAnn ");
        incoming.message = "  body \n".to_owned();
        incoming.form_fields.insert(
            FormFieldKey::field(FormFieldId::new(20)),
            " Subject ".to_owned(),
        );
        assert_eq!(incoming.value_of(&Field::Email).unwrap(), "a@example.com");
        assert_eq!(incoming.value_of(&Field::Name).unwrap(), "Ann");
        assert_eq!(incoming.value_of(&Field::Body).unwrap(), "  body \n");
        assert_eq!(
            incoming
                .value_of(&Field::Form(FormFieldKey::field(FormFieldId::new(20))))
                .unwrap(),
            "Subject"
        );
    }

    #[test]
    fn absent_values_are_missing() {
        let incoming = Incoming::new(Channel::Email, "a@example.com", "Ann");
        assert_eq!(incoming.value_of(&Field::ReplyTo), None);
        assert_eq!(incoming.value_of(&Field::TopicId), None);
        assert_eq!(incoming.value_of(&Field::Addressee), None);
        assert_eq!(
            incoming.value_of(&Field::Form(FormFieldKey::field(FormFieldId::new(3)))),
            None
        );
    }

    #[test]
    fn addressee_lists_names_and_addresses_in_order() {
        let mut incoming = Incoming::new(Channel::Email, "a@example.com", "Ann");
        incoming.recipients = vec![
            Recipient {
                name: "Bob".to_owned(),
                email: "bob@example.com".to_owned(),
            },
            Recipient {
                name: String::new(),
                email: "carol@example.com".to_owned(),
            },
        ];
        assert_eq!(
            incoming.value_of(&Field::Addressee).unwrap(),
            "Bob bob@example.com  carol@example.com"
        );
    }

    #[test]
    fn incoming_tickets_round_trip_through_json() {
        let mut incoming = Incoming::new(Channel::Api, "a@example.com", "Ann");
        incoming.form_fields.insert(
            FormFieldKey::field(FormFieldId::new(20)),
            "Subject".to_owned(),
        );
        let json = serde_json::to_value(&incoming).unwrap();
        assert_eq!(json["form_fields"]["field.20"], "Subject");
        assert_eq!(json["channel"], "api");
        assert_eq!(serde_json::from_value::<Incoming>(json).unwrap(), incoming);
    }

    #[test]
    fn the_topic_reads_as_its_number() {
        let mut incoming = Incoming::new(Channel::Web, "a@example.com", "Ann");
        incoming.topic_id = Some(TopicId::new(12));
        assert_eq!(incoming.value_of(&Field::TopicId).unwrap(), "12");
    }
}
