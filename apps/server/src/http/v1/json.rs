//! `ApiJsonDataParser`: a JSON body as osTicket's API reads it.

use super::rfc2397;
use oxt_service::osticket_api::{ApiTicketSubmission, SubmittedMessage, strip_emoticons};
use oxt_ticket::thread::BodyFormat;
use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value;
use std::fmt;

/// `json_last_error_msg` texts osTicket answers with (`JsonDataParser::lastError`).
const SYNTAX: &str = "Syntax error, malformed JSON";
const DEPTH: &str = "Maximum stack depth exceeded";
const CONTROL_CHARACTER: &str = "Unexpected control character found";
const BAD_UTF8: &str = "Malformed UTF-8 characters, possibly incorrectly encoded";
const UNKNOWN: &str = "Unknown error";
/// What osTicket answers for a body that parsed but holds no object.
const NO_DATA: &str = "No errors";

/// Parses `body`; the error is the 400 body osTicket sends.
pub fn parse(body: &[u8]) -> Result<ApiTicketSubmission, &'static str> {
    if std::str::from_utf8(body).is_err() {
        return Err(BAD_UTF8);
    }
    let top: TopLevel = serde_json::from_slice(body).map_err(|error| php_error(&error))?;
    let entries = match top {
        TopLevel::Entries(entries) if !entries.is_empty() => entries,
        _ => return Err(NO_DATA),
    };
    let mut submission = ApiTicketSubmission::default();
    for (key, value) in entries {
        read_entry(&mut submission, key, value);
    }
    Ok(submission)
}

/// `ApiJsonDataParser::fixup`, then the request structure's leniency: a
/// value where osTicket expects none is reported as unexpected.
fn read_entry(submission: &mut ApiTicketSubmission, key: String, value: Value) {
    match key.as_str() {
        // `(bool)` casts; Oxticket sends no alerts or auto-responses yet.
        "alert" | "autorespond" => {}
        // Collaborator lists: accepted as osTicket's structure allows, not
        // yet acted on.
        "system_emails" | "thread_entry_recipients" => {}
        "message" => match scalar_text(&value) {
            Some(text) => {
                let url = rfc2397::parse(&text);
                let format = if url.media_type == "text/html" {
                    BodyFormat::Html
                } else {
                    BodyFormat::Text
                };
                submission.message = Some(SubmittedMessage {
                    body: strip_emoticons(&url.data),
                    format,
                });
            }
            None if value.is_null() => {}
            None => submission.unexpected.push(key),
        },
        "attachments" => match value {
            Value::Array(files) => {
                // Oxticket stores no files yet: an attachment is accepted and
                // dropped, and the log says so.
                tracing::warn!(
                    attachments = files.len(),
                    "API ticket attachments are not stored by Oxticket"
                );
            }
            Value::Null => {}
            _ => submission.unexpected.push(key),
        },
        _ => match scalar_text(&value) {
            Some(text) if key == "phone" => submission.values.push((key, text.to_uppercase())),
            Some(text) => submission.values.push((key, text)),
            None if value.is_null() => {}
            None => submission.unexpected.push(key),
        },
    }
}

/// A scalar as PHP turns it into a string (`true` is `1`, `false` empty).
fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        Value::Bool(true) => Some("1".to_owned()),
        Value::Bool(false) => Some(String::new()),
        Value::Null | Value::Array(_) | Value::Object(_) => None,
    }
}

/// The `json_decode` error osTicket would report for what serde_json refused.
fn php_error(error: &serde_json::Error) -> &'static str {
    let message = error.to_string();
    if message.starts_with("recursion limit exceeded") {
        DEPTH
    } else if message.starts_with("control character") {
        CONTROL_CHARACTER
    } else if message.starts_with("lone leading surrogate")
        || message.starts_with("unexpected end of hex escape")
    {
        UNKNOWN
    } else {
        SYNTAX
    }
}

/// The decoded body: an object's (or list's) entries in the order sent, as
/// PHP's arrays keep them, or anything else (which holds no ticket).
enum TopLevel {
    Entries(Vec<(String, Value)>),
    Other,
}

impl<'de> Deserialize<'de> for TopLevel {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(TopLevelVisitor)
    }
}

struct TopLevelVisitor;

impl<'de> Visitor<'de> for TopLevelVisitor {
    type Value = TopLevel;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<TopLevel, A::Error> {
        let mut entries: Vec<(String, Value)> = Vec::new();
        while let Some((key, value)) = map.next_entry::<String, Value>()? {
            // A repeated key keeps its first place and its last value, as in PHP.
            match entries.iter_mut().find(|(seen, _)| *seen == key) {
                Some(entry) => entry.1 = value,
                None => entries.push((key, value)),
            }
        }
        Ok(TopLevel::Entries(entries))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<TopLevel, A::Error> {
        let mut entries = Vec::new();
        while let Some(value) = seq.next_element::<Value>()? {
            entries.push((entries.len().to_string(), value));
        }
        Ok(TopLevel::Entries(entries))
    }

    fn visit_bool<E>(self, _: bool) -> Result<TopLevel, E> {
        Ok(TopLevel::Other)
    }

    fn visit_i64<E>(self, _: i64) -> Result<TopLevel, E> {
        Ok(TopLevel::Other)
    }

    fn visit_u64<E>(self, _: u64) -> Result<TopLevel, E> {
        Ok(TopLevel::Other)
    }

    fn visit_f64<E>(self, _: f64) -> Result<TopLevel, E> {
        Ok(TopLevel::Other)
    }

    fn visit_str<E>(self, _: &str) -> Result<TopLevel, E> {
        Ok(TopLevel::Other)
    }

    fn visit_unit<E>(self) -> Result<TopLevel, E> {
        Ok(TopLevel::Other)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value<'a>(submission: &'a ApiTicketSubmission, key: &str) -> Option<&'a str> {
        submission
            .values
            .iter()
            .find(|(name, _)| name == key)
            .map(|(_, value)| value.as_str())
    }

    #[test]
    fn malformed_and_empty_bodies_are_syntax_errors() {
        assert_eq!(parse(b""), Err(SYNTAX));
        assert_eq!(parse(b"{\"name\":"), Err(SYNTAX));
        assert_eq!(parse(b"{} {}"), Err(SYNTAX));
    }

    #[test]
    fn php_error_texts() {
        assert_eq!(parse(b"{\"a\":\"x\x01y\"}"), Err(CONTROL_CHARACTER));
        assert_eq!(parse(b"{\"a\":\"\xff\"}"), Err(BAD_UTF8));
        assert_eq!(parse(b"{\"a\":\"\\ud800\"}"), Err(UNKNOWN));
        let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
        assert_eq!(parse(deep.as_bytes()), Err(DEPTH));
    }

    #[test]
    fn a_body_without_entries_holds_no_ticket() {
        for body in ["{}", "[]", "\"text\"", "12", "null", "true"] {
            assert_eq!(parse(body.as_bytes()), Err(NO_DATA), "{body}");
        }
    }

    #[test]
    fn values_become_text_as_php_casts_them() {
        let submission =
            parse(br#"{"name":"Ann","topicId":2,"priorityId":"4","flag":true,"off":false,"phone":"318x12"}"#)
                .unwrap();
        assert_eq!(value(&submission, "name"), Some("Ann"));
        assert_eq!(value(&submission, "topicId"), Some("2"));
        assert_eq!(value(&submission, "flag"), Some("1"));
        assert_eq!(value(&submission, "off"), Some(""));
        assert_eq!(value(&submission, "phone"), Some("318X12"));
    }

    #[test]
    fn keys_keep_their_order() {
        let submission = parse(br#"{"zeta":"1","alpha":"2"}"#).unwrap();
        let keys: Vec<_> = submission
            .values
            .iter()
            .map(|(key, _)| key.as_str())
            .collect();
        assert_eq!(keys, ["zeta", "alpha"]);
    }

    #[test]
    fn messages_are_read_as_data_urls_with_emoticons_dropped() {
        let submission =
            parse(r#"{"message":"data:text/html;charset=utf-8,<b>Hi</b> 😀"}"#.as_bytes()).unwrap();
        assert_eq!(
            submission.message,
            Some(SubmittedMessage {
                body: "<b>Hi</b> ".into(),
                format: BodyFormat::Html
            })
        );
        let plain = parse(r#"{"message":"<b>Hi</b>"}"#.as_bytes()).unwrap();
        assert_eq!(plain.message.unwrap().format, BodyFormat::Text);
    }

    #[test]
    fn structures_where_a_value_belongs_are_unexpected() {
        let submission =
            parse(br#"{"name":["Ann"],"message":{"a":1},"attachments":"x","alert":"false"}"#)
                .unwrap();
        assert_eq!(submission.unexpected, ["name", "message", "attachments"]);
        assert!(submission.values.is_empty());
    }
}
