//! The ticket aggregate: what the rules read and change, and opening a ticket.
//!
//! A `Ticket` is a snapshot of one `ost_ticket` row with the bits of its
//! `__cdata` (subject, priority) and `ost_thread` (last message and response
//! times) the rules use. Every rule takes `&self` and returns a
//! [`Transition`]: the next snapshot and the events that describe the move.
//!
//! Invariants every transition keeps (rows written by osTicket itself may not
//! hold them, so loading a ticket never checks them):
//! - the status state is `closed` exactly when `closed` is set;
//! - an overdue ticket is open; closing clears `isoverdue`;
//! - `isanswered` changes only through thread entries: a user message clears
//!   it, an agent response sets it, a system response (canned auto-reply)
//!   clears it, a note leaves it alone;
//! - `lastupdate`, `reopened`, `closed`, `lastmessage`, `lastresponse` and
//!   `updated` are never before `created`;
//! - a deleted ticket never changes.

use crate::contact::Subject;
use crate::events::TicketEvent;
use crate::ids::{DeptId, PriorityId, SlaId, StaffId, TeamId, TicketId, TopicId, UserId};
use crate::number::TicketNumber;
use crate::source::TicketSource;
use crate::status::{OpenStatus, StatusState, TicketStatus};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Who does something to a ticket.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "type", content = "id", rename_all = "lowercase")]
pub enum Actor {
    User(UserId),
    Staff(StaffId),
    /// Cron, filters, auto-replies: osTicket's `SYSTEM`.
    System,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ticket {
    /// `None` until the store has inserted the row.
    pub id: Option<TicketId>,
    pub number: TicketNumber,
    pub user: UserId,
    pub status: TicketStatus,
    pub source: TicketSource,
    /// `__cdata.subject`; osTicket rows can lack one.
    pub subject: Option<Subject>,
    /// `__cdata.priority`; osTicket rows can lack one.
    pub priority: Option<PriorityId>,
    pub dept: DeptId,
    pub topic: Option<TopicId>,
    pub sla: Option<SlaId>,
    pub staff: Option<StaffId>,
    pub team: Option<TeamId>,
    pub isanswered: bool,
    pub isoverdue: bool,
    /// Set by an agent; takes precedence over `est_duedate`.
    pub duedate: Option<DateTime<Utc>>,
    /// From the SLA, computed by `oxt-sla`.
    pub est_duedate: Option<DateTime<Utc>>,
    pub reopened: Option<DateTime<Utc>>,
    pub closed: Option<DateTime<Utc>>,
    pub lastupdate: Option<DateTime<Utc>>,
    /// `ost_thread.lastmessage`
    pub lastmessage: Option<DateTime<Utc>>,
    /// `ost_thread.lastresponse`
    pub lastresponse: Option<DateTime<Utc>>,
    pub created: DateTime<Utc>,
    pub updated: DateTime<Utc>,
}

/// The next state of a ticket and what happened on the way, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transition {
    pub ticket: Ticket,
    pub events: Vec<TicketEvent>,
}

/// A ticket about to be opened, every field already resolved by the
/// service (department, topic, SLA, priority and status defaults, filters).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewTicket {
    /// The owner, who also posts the opening message.
    pub user: UserId,
    /// The owner, or the agent who opens the ticket on the owner's behalf.
    pub opened_by: Actor,
    pub source: TicketSource,
    pub subject: Subject,
    pub dept: DeptId,
    pub topic: Option<TopicId>,
    pub priority: PriorityId,
    pub sla: Option<SlaId>,
    pub status: OpenStatus,
    /// From the SLA, counted from `now`.
    pub est_duedate: Option<DateTime<Utc>>,
}

impl Ticket {
    /// Opens a ticket with its first message, as osTicket's `Ticket::create`
    /// does: a `created` event, then the owner's message, which leaves the
    /// ticket unanswered. The service writes that message with
    /// [`EntryFlags::ORIGINAL_MESSAGE`](crate::thread::EntryFlags::ORIGINAL_MESSAGE).
    pub fn open(new: NewTicket, number: TicketNumber, now: DateTime<Utc>) -> Transition {
        let ticket = Ticket {
            id: None,
            number,
            user: new.user,
            status: new.status.into(),
            source: new.source,
            subject: Some(new.subject),
            priority: Some(new.priority),
            dept: new.dept,
            topic: new.topic,
            sla: new.sla,
            staff: None,
            team: None,
            isanswered: false,
            isoverdue: false,
            duedate: None,
            est_duedate: new.est_duedate,
            reopened: None,
            closed: None,
            lastupdate: Some(now),
            lastmessage: Some(now),
            lastresponse: None,
            created: now,
            updated: now,
        };
        Transition {
            ticket,
            events: vec![
                TicketEvent::TicketCreated { by: new.opened_by },
                TicketEvent::MessagePosted { by: new.user },
            ],
        }
    }

    pub fn state(&self) -> StatusState {
        self.status.state
    }

    pub(crate) fn is_deleted(&self) -> bool {
        self.state() == StatusState::Deleted
    }

    /// Ends a rule: stamps `updated` when the ticket itself changed,
    /// as osTicket's `Ticket::save` does for a dirty row. The thread's
    /// `lastmessage` and `lastresponse` live in `ost_thread`, not here.
    pub(crate) fn settle(
        self,
        before: &Ticket,
        events: Vec<TicketEvent>,
        now: DateTime<Utc>,
    ) -> Transition {
        let row = Ticket {
            lastmessage: before.lastmessage,
            lastresponse: before.lastresponse,
            ..self.clone()
        };
        let ticket = if row == *before {
            self
        } else {
            Ticket {
                updated: now,
                ..self
            }
        };
        Transition { ticket, events }
    }
}

#[cfg(test)]
pub(crate) mod fixtures {
    use super::*;
    use crate::ids::StatusId;
    use crate::status::ClosedStatus;
    use chrono::TimeZone;

    pub(crate) const OWNER: UserId = UserId::new(1);
    pub(crate) const AGENT: StaffId = StaffId::new(7);

    pub(crate) fn at(hour: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 21, hour, 0, 0).unwrap()
    }

    pub(crate) fn open_status() -> OpenStatus {
        OpenStatus::parse(TicketStatus {
            id: StatusId::new(1),
            name: "Open".to_owned(),
            state: StatusState::Open,
        })
        .unwrap()
    }

    pub(crate) fn closed_status(id: u32) -> ClosedStatus {
        ClosedStatus::parse(TicketStatus {
            id: StatusId::new(id),
            name: "Closed".to_owned(),
            state: StatusState::Closed,
        })
        .unwrap()
    }

    pub(crate) fn new_ticket() -> NewTicket {
        NewTicket {
            user: OWNER,
            opened_by: Actor::User(OWNER),
            source: TicketSource::Api,
            subject: Subject::parse("Testing API").unwrap(),
            dept: DeptId::new(1),
            topic: None,
            priority: PriorityId::new(2),
            sla: Some(SlaId::new(1)),
            status: open_status(),
            est_duedate: Some(at(20)),
        }
    }

    /// A ticket opened at 01:00.
    pub(crate) fn opened() -> Ticket {
        Ticket::open(new_ticket(), TicketNumber::parse("795436").unwrap(), at(1)).ticket
    }

    pub(crate) fn closed() -> Ticket {
        opened()
            .close(closed_status(3), Actor::Staff(AGENT), at(2))
            .unwrap()
            .ticket
    }

    pub(crate) fn in_state(state: StatusState) -> Ticket {
        let mut ticket = opened();
        ticket.status = TicketStatus {
            id: StatusId::new(9),
            name: state.as_str().to_owned(),
            state,
        };
        ticket
    }
}

#[cfg(test)]
mod tests {
    use super::fixtures::*;
    use super::*;

    #[test]
    fn an_opened_ticket_is_open_unanswered_and_stamped_now() {
        let Transition { ticket, .. } =
            Ticket::open(new_ticket(), TicketNumber::parse("795436").unwrap(), at(1));
        assert_eq!(ticket.state(), StatusState::Open);
        assert_eq!(ticket.number.as_str(), "795436");
        assert!(!ticket.isanswered && !ticket.isoverdue);
        assert_eq!(
            (ticket.created, ticket.updated, ticket.lastupdate),
            (at(1), at(1), Some(at(1)))
        );
        assert_eq!(ticket.lastmessage, Some(at(1)));
        assert_eq!(
            (ticket.closed, ticket.reopened, ticket.lastresponse),
            (None, None, None)
        );
        assert_eq!((ticket.staff, ticket.team, ticket.id), (None, None, None));
        assert_eq!(ticket.est_duedate, Some(at(20)));
    }

    #[test]
    fn opening_records_creation_then_the_owners_message() {
        let new = NewTicket {
            opened_by: Actor::Staff(AGENT),
            ..new_ticket()
        };
        let transition = Ticket::open(new, TicketNumber::parse("1").unwrap(), at(1));
        assert_eq!(
            transition.events,
            [
                TicketEvent::TicketCreated {
                    by: Actor::Staff(AGENT)
                },
                TicketEvent::MessagePosted { by: OWNER },
            ]
        );
    }

    #[test]
    fn settling_without_a_row_change_keeps_updated() {
        let before = opened();
        let after = Ticket {
            lastresponse: Some(at(3)),
            ..before.clone()
        };
        assert_eq!(
            after.settle(&before, Vec::new(), at(3)).ticket.updated,
            at(1)
        );
    }

    #[test]
    fn settling_a_row_change_stamps_updated() {
        let before = opened();
        let after = Ticket {
            isanswered: true,
            ..before.clone()
        };
        assert_eq!(
            after.settle(&before, Vec::new(), at(3)).ticket.updated,
            at(3)
        );
    }

    #[test]
    fn actors_serialize_with_their_kind() {
        assert_eq!(
            serde_json::to_string(&Actor::User(OWNER)).unwrap(),
            r#"{"type":"user","id":1}"#
        );
        assert_eq!(
            serde_json::to_string(&Actor::System).unwrap(),
            r#"{"type":"system"}"#
        );
    }
}
