//! Ticket statuses: the rows of `ost_ticket_status` and the state each one is in.

use crate::ids::StatusId;
use serde::{Deserialize, Serialize};
use std::fmt;

/// `ost_ticket_status.state`. osTicket compares states case-insensitively
/// (`Ticket::hasState`), so parsing does too.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StatusState {
    Open,
    Closed,
    Archived,
    Deleted,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a ticket status state (open, closed, archived, deleted)")]
pub struct UnknownStatusState(pub String);

impl StatusState {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Closed => "closed",
            Self::Archived => "archived",
            Self::Deleted => "deleted",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, UnknownStatusState> {
        [Self::Open, Self::Closed, Self::Archived, Self::Deleted]
            .into_iter()
            .find(|state| state.as_str().eq_ignore_ascii_case(raw))
            .ok_or_else(|| UnknownStatusState(raw.to_owned()))
    }
}

impl fmt::Display for StatusState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One `ost_ticket_status` row, as far as ticket rules need it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketStatus {
    pub id: StatusId,
    pub name: String,
    pub state: StatusState,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("status {id} is in state {found}, not {expected}")]
pub struct WrongStatusState {
    pub id: StatusId,
    pub expected: StatusState,
    pub found: StatusState,
}

macro_rules! status_in_state {
    ($($(#[$meta:meta])* $name:ident => $state:ident;)+) => {$(
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
        #[serde(try_from = "TicketStatus", into = "TicketStatus")]
        pub struct $name(TicketStatus);

        impl $name {
            pub fn parse(status: TicketStatus) -> Result<Self, WrongStatusState> {
                if status.state == StatusState::$state {
                    Ok(Self(status))
                } else {
                    Err(WrongStatusState { id: status.id, expected: StatusState::$state, found: status.state })
                }
            }

            pub fn status(&self) -> &TicketStatus {
                &self.0
            }
        }

        impl TryFrom<TicketStatus> for $name {
            type Error = WrongStatusState;

            fn try_from(status: TicketStatus) -> Result<Self, Self::Error> {
                Self::parse(status)
            }
        }

        impl From<$name> for TicketStatus {
            fn from(status: $name) -> TicketStatus {
                status.0
            }
        }
    )+};
}

status_in_state! {
    /// A status in the `open` state: what a new or reopened ticket gets.
    OpenStatus => Open;
    /// A status in the `closed` state (osTicket seeds "Resolved" and "Closed").
    ClosedStatus => Closed;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(id: u32, name: &str, state: StatusState) -> TicketStatus {
        TicketStatus {
            id: StatusId::new(id),
            name: name.to_owned(),
            state,
        }
    }

    #[test]
    fn states_read_and_write_the_column_strings() {
        for state in [
            StatusState::Open,
            StatusState::Closed,
            StatusState::Archived,
            StatusState::Deleted,
        ] {
            assert_eq!(StatusState::parse(state.as_str()), Ok(state));
        }
        assert_eq!(StatusState::Archived.as_str(), "archived");
    }

    #[test]
    fn states_parse_case_insensitively_like_osticket() {
        assert_eq!(StatusState::parse("Closed"), Ok(StatusState::Closed));
    }

    #[test]
    fn an_unknown_state_is_rejected() {
        assert_eq!(
            StatusState::parse("pending"),
            Err(UnknownStatusState("pending".to_owned()))
        );
    }

    #[test]
    fn an_open_status_must_be_in_the_open_state() {
        assert!(OpenStatus::parse(status(1, "Open", StatusState::Open)).is_ok());
        assert_eq!(
            OpenStatus::parse(status(3, "Closed", StatusState::Closed)),
            Err(WrongStatusState {
                id: StatusId::new(3),
                expected: StatusState::Open,
                found: StatusState::Closed
            })
        );
    }

    #[test]
    fn a_closed_status_must_be_in_the_closed_state() {
        assert!(ClosedStatus::parse(status(2, "Resolved", StatusState::Closed)).is_ok());
        assert!(ClosedStatus::parse(status(4, "Archived", StatusState::Archived)).is_err());
    }

    #[test]
    fn a_state_bound_status_deserializes_only_in_its_state() {
        let json = r#"{"id":1,"name":"Open","state":"open"}"#;
        assert!(serde_json::from_str::<OpenStatus>(json).is_ok());
        assert!(serde_json::from_str::<ClosedStatus>(json).is_err());
    }
}
