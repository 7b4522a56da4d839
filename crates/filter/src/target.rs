//! Which filters see a ticket depends on where it came from.

use oxt_ticket::source::TicketSource;
use serde::{Deserialize, Serialize};
use std::fmt;

/// `ost_filter.target`: the channel a filter listens to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(into = "&'static str", try_from = "String")]
pub enum Target {
    Any,
    Web,
    Email,
    Api,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a filter target (Any, Web, Email, API)")]
pub struct UnknownTarget(pub String);

impl Target {
    const ALL: [Self; 4] = [Self::Any, Self::Web, Self::Email, Self::Api];

    /// The enum value MySQL stores.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Any => "Any",
            Self::Web => "Web",
            Self::Email => "Email",
            Self::Api => "API",
        }
    }

    /// Case-insensitive, as MySQL compares enum values.
    pub fn parse(raw: &str) -> Result<Self, UnknownTarget> {
        Self::ALL
            .into_iter()
            .find(|target| target.as_str().eq_ignore_ascii_case(raw))
            .ok_or_else(|| UnknownTarget(raw.to_owned()))
    }
}

impl From<Target> for &'static str {
    fn from(target: Target) -> Self {
        target.as_str()
    }
}

impl TryFrom<String> for Target {
    type Error = UnknownTarget;

    fn try_from(raw: String) -> Result<Self, Self::Error> {
        Self::parse(&raw)
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The origin osTicket hands to its ticket filter: how the ticket is being
/// opened. Agents opening a ticket in the staff panel are their own origin,
/// whatever source they record on the ticket.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Channel {
    Web,
    Staff,
    Phone,
    Email,
    Api,
    Other,
}

impl Channel {
    /// osTicket's `TicketFilter::origin2target`. An origin it does not map
    /// (`Other`) has no target of its own: only filters targeting `Any` run.
    pub fn target(self) -> Option<Target> {
        match self {
            Self::Web | Self::Staff | Self::Phone => Some(Target::Web),
            Self::Email => Some(Target::Email),
            Self::Api => Some(Target::Api),
            Self::Other => None,
        }
    }
}

impl From<TicketSource> for Channel {
    fn from(source: TicketSource) -> Self {
        match source {
            TicketSource::Web => Self::Web,
            TicketSource::Email => Self::Email,
            TicketSource::Phone => Self::Phone,
            TicketSource::Api => Self::Api,
            TicketSource::Other => Self::Other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_map_to_targets_like_origin2target() {
        assert_eq!(Channel::Web.target(), Some(Target::Web));
        assert_eq!(Channel::Staff.target(), Some(Target::Web));
        assert_eq!(Channel::Phone.target(), Some(Target::Web));
        assert_eq!(Channel::Email.target(), Some(Target::Email));
        assert_eq!(Channel::Api.target(), Some(Target::Api));
        assert_eq!(Channel::Other.target(), None);
    }

    #[test]
    fn ticket_sources_become_channels() {
        assert_eq!(Channel::from(TicketSource::Api), Channel::Api);
        assert_eq!(Channel::from(TicketSource::Other), Channel::Other);
    }

    #[test]
    fn targets_parse_case_insensitively_and_print_as_stored() {
        assert_eq!(Target::parse("api").unwrap(), Target::Api);
        assert_eq!(Target::Api.to_string(), "API");
        assert_eq!(
            Target::parse("Fax").unwrap_err(),
            UnknownTarget("Fax".to_owned())
        );
    }
}
