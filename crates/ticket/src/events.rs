//! What happened to a ticket, as every operation reports it. The service
//! writes the `ost_thread_event` rows osTicket would write, feeds the
//! outbox, and tells live subscribers.

use crate::contact::Subject;
use crate::ids::{DeptId, PriorityId, SlaId, StaffId, TopicId, UserId};
use crate::status::TicketStatus;
use crate::thread::ThreadEventKind;
use crate::ticket::Actor;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum TicketEvent {
    TicketCreated {
        by: Actor,
    },
    MessagePosted {
        by: UserId,
    },
    ResponsePosted {
        by: Actor,
    },
    NotePosted {
        by: Actor,
    },
    /// An agent answered an unassigned open ticket and became its assignee
    /// (osTicket's auto-claim on response; it logs no thread event).
    TicketClaimed {
        by: StaffId,
    },
    TicketEdited {
        by: Actor,
        changes: Vec<FieldChange>,
    },
    TicketClosed {
        by: Actor,
        status: TicketStatus,
    },
    /// After it, the service recomputes `est_duedate` from the reopen time,
    /// as osTicket's `updateEstDueDate` does.
    TicketReopened {
        by: Actor,
        status: TicketStatus,
    },
    TicketMarkedOverdue,
    /// Moved to another department (osTicket's `transfer`).
    TicketTransferred {
        by: Actor,
        from: DeptId,
        to: DeptId,
    },
    /// Moved to another open status; osTicket logs it as `edited` with
    /// `{"status": <id>}`.
    StatusChanged {
        by: Actor,
        status: TicketStatus,
    },
}

/// One edited field with its value before and after. `from` is `None`
/// where an osTicket row had no value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "field", rename_all = "snake_case")]
pub enum FieldChange {
    Subject {
        from: Option<Subject>,
        to: Subject,
    },
    Priority {
        from: Option<PriorityId>,
        to: PriorityId,
    },
    Topic {
        from: Option<TopicId>,
        to: TopicId,
    },
    Sla {
        from: Option<SlaId>,
        to: Option<SlaId>,
    },
    /// The staff-set due date.
    DueDate {
        from: Option<DateTime<Utc>>,
        to: Option<DateTime<Utc>>,
    },
}

impl TicketEvent {
    /// The `ost_event` row osTicket records in `ost_thread_event` for this
    /// event; `None` where osTicket records none (thread entries and
    /// claims show in the thread itself).
    pub fn thread_event(&self) -> Option<ThreadEventKind> {
        match self {
            Self::TicketCreated { .. } => Some(ThreadEventKind::Created),
            Self::TicketEdited { .. } => Some(ThreadEventKind::Edited),
            Self::TicketClosed { .. } => Some(ThreadEventKind::Closed),
            Self::TicketReopened { .. } => Some(ThreadEventKind::Reopened),
            Self::TicketMarkedOverdue => Some(ThreadEventKind::Overdue),
            Self::TicketTransferred { .. } => Some(ThreadEventKind::Transferred),
            Self::StatusChanged { .. } => Some(ThreadEventKind::Edited),
            Self::MessagePosted { .. }
            | Self::ResponsePosted { .. }
            | Self::NotePosted { .. }
            | Self::TicketClaimed { .. } => None,
        }
    }

    /// The earlier thread events of the ticket this one annuls (sets
    /// `annulled = 1`), so that statistics count a ticket closed only once.
    pub fn annuls(&self) -> Option<ThreadEventKind> {
        match self {
            Self::TicketClosed { .. } | Self::TicketReopened { .. } => {
                Some(ThreadEventKind::Closed)
            }
            _ => None,
        }
    }

    /// Who caused the event; the thread event's `username`, `uid` and `uid_type` follow from it.
    pub fn actor(&self) -> Actor {
        match self {
            Self::TicketCreated { by }
            | Self::ResponsePosted { by }
            | Self::NotePosted { by }
            | Self::TicketEdited { by, .. }
            | Self::TicketClosed { by, .. }
            | Self::TicketReopened { by, .. }
            | Self::TicketTransferred { by, .. }
            | Self::StatusChanged { by, .. } => *by,
            Self::MessagePosted { by } => Actor::User(*by),
            Self::TicketClaimed { by } => Actor::Staff(*by),
            Self::TicketMarkedOverdue => Actor::System,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::StatusId;
    use crate::status::StatusState;

    fn closed_status() -> TicketStatus {
        TicketStatus {
            id: StatusId::new(3),
            name: "Closed".to_owned(),
            state: StatusState::Closed,
        }
    }

    #[test]
    fn lifecycle_events_record_their_ost_event_rows() {
        let by = Actor::Staff(StaffId::new(1));
        let cases = [
            (TicketEvent::TicketCreated { by }, ThreadEventKind::Created),
            (
                TicketEvent::TicketEdited {
                    by,
                    changes: Vec::new(),
                },
                ThreadEventKind::Edited,
            ),
            (
                TicketEvent::TicketClosed {
                    by,
                    status: closed_status(),
                },
                ThreadEventKind::Closed,
            ),
            (TicketEvent::TicketMarkedOverdue, ThreadEventKind::Overdue),
        ];
        for (event, kind) in cases {
            assert_eq!(event.thread_event(), Some(kind), "{event:?}");
        }
    }

    #[test]
    fn thread_entries_record_no_thread_event() {
        assert_eq!(
            TicketEvent::MessagePosted { by: UserId::new(1) }.thread_event(),
            None
        );
        assert_eq!(
            TicketEvent::NotePosted { by: Actor::System }.thread_event(),
            None
        );
        assert_eq!(
            TicketEvent::TicketClaimed {
                by: StaffId::new(1)
            }
            .thread_event(),
            None
        );
    }

    #[test]
    fn closing_and_reopening_annul_earlier_closed_events() {
        let by = Actor::User(UserId::new(1));
        let reopened = TicketEvent::TicketReopened {
            by,
            status: closed_status(),
        };
        assert_eq!(reopened.annuls(), Some(ThreadEventKind::Closed));
        assert_eq!(TicketEvent::TicketCreated { by }.annuls(), None);
    }

    #[test]
    fn events_name_who_caused_them() {
        assert_eq!(
            TicketEvent::MessagePosted { by: UserId::new(4) }.actor(),
            Actor::User(UserId::new(4))
        );
        assert_eq!(TicketEvent::TicketMarkedOverdue.actor(), Actor::System);
    }

    #[test]
    fn events_serialize_with_their_name_and_typed_actor() {
        let event = TicketEvent::ResponsePosted {
            by: Actor::Staff(StaffId::new(2)),
        };
        assert_eq!(
            serde_json::to_string(&event).unwrap(),
            r#"{"event":"response_posted","by":{"type":"staff","id":2}}"#
        );
    }
}
