//! Where a ticket came from: `ost_ticket.source`.

use serde::{Deserialize, Serialize};
use std::fmt;

/// The `enum('Web','Email','Phone','API','Other')` of `ost_ticket.source`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "&'static str")]
pub enum TicketSource {
    Web,
    Email,
    Phone,
    Api,
    Other,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a ticket source (Web, Email, Phone, API, Other)")]
pub struct UnknownTicketSource(pub String);

impl TicketSource {
    const ALL: [Self; 5] = [Self::Web, Self::Email, Self::Phone, Self::Api, Self::Other];

    /// The exact enum value MySQL stores.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Web => "Web",
            Self::Email => "Email",
            Self::Phone => "Phone",
            Self::Api => "API",
            Self::Other => "Other",
        }
    }

    /// Case-insensitive, as MySQL compares enum values and as API clients
    /// write them (`"source": "api"`).
    pub fn parse(raw: &str) -> Result<Self, UnknownTicketSource> {
        Self::ALL
            .into_iter()
            .find(|source| source.as_str().eq_ignore_ascii_case(raw))
            .ok_or_else(|| UnknownTicketSource(raw.to_owned()))
    }
}

impl TryFrom<String> for TicketSource {
    type Error = UnknownTicketSource;

    fn try_from(raw: String) -> Result<Self, Self::Error> {
        Self::parse(&raw)
    }
}

impl From<TicketSource> for &'static str {
    fn from(source: TicketSource) -> &'static str {
        source.as_str()
    }
}

impl fmt::Display for TicketSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_write_the_exact_enum_strings() {
        let written: Vec<_> = TicketSource::ALL
            .iter()
            .map(|source| source.as_str())
            .collect();
        assert_eq!(written, ["Web", "Email", "Phone", "API", "Other"]);
    }

    #[test]
    fn sources_parse_case_insensitively() {
        assert_eq!(TicketSource::parse("api"), Ok(TicketSource::Api));
        assert_eq!(TicketSource::parse("EMAIL"), Ok(TicketSource::Email));
        assert_eq!(TicketSource::parse("Web"), Ok(TicketSource::Web));
    }

    #[test]
    fn an_unknown_source_is_rejected() {
        assert_eq!(
            TicketSource::parse("Fax"),
            Err(UnknownTicketSource("Fax".to_owned()))
        );
    }

    #[test]
    fn sources_serialize_as_the_column_strings() {
        assert_eq!(
            serde_json::to_string(&TicketSource::Api).unwrap(),
            "\"API\""
        );
        assert_eq!(
            serde_json::from_str::<TicketSource>("\"phone\"").unwrap(),
            TicketSource::Phone
        );
    }
}
