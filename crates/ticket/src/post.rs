//! Posting to a ticket's thread, with the effects osTicket's `postMessage`,
//! `postReply` and `postNote` have on the ticket.

use crate::events::TicketEvent;
use crate::ids::StaffId;
use crate::status::{OpenStatus, StatusState};
use crate::thread::EntryType;
use crate::ticket::{Actor, Ticket, Transition};
use chrono::{DateTime, Utc};

/// The entry to post, with what the surrounding configuration decides for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NewEntry {
    Message {
        reopen: Reopen,
    },
    /// `claim`: `core.auto_claim_tickets` is on and the department does not
    /// disable auto-claim.
    Response {
        claim: bool,
    },
    Note,
}

impl NewEntry {
    pub fn kind(&self) -> EntryType {
        match self {
            Self::Message { .. } => EntryType::Message,
            Self::Response { .. } => EntryType::Response,
            Self::Note => EntryType::Note,
        }
    }
}

/// What a user's message does to a closed ticket. The service decides it as
/// osTicket does: the ticket is reopenable when its status allows reopening
/// and neither its department nor its help topic is archived, and bounces
/// and auto-replies never reopen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reopen {
    KeepClosed,
    Into {
        /// The closed status's reopen status, else `core.default_ticket_status_id`.
        status: OpenStatus,
        /// The assignee (or, if none, the last respondent) when auto-assign
        /// on reopen is on and that agent is available with access to the
        /// department; `None` puts the ticket back in the unassigned pool.
        assignee: Option<StaffId>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PostEntryError {
    #[error("a deleted ticket takes no new entries")]
    TicketDeleted,
    #[error("users post messages, not {0} entries")]
    UserCannotPost(EntryType),
    #[error("only users post messages, not {0:?}")]
    OnlyUsersPostMessages(Actor),
}

impl Ticket {
    /// Posts a thread entry: a user posts messages, agents post responses
    /// and notes, the system posts notes and auto-replies.
    ///
    /// - A message marks the ticket unanswered, bumps `lastupdate` and the
    ///   thread's `lastmessage`, and may reopen a closed ticket (see [`Reopen`]).
    /// - An agent's response marks it answered, bumps `lastresponse`, and
    ///   claims an unassigned open ticket when `claim` is set. A system
    ///   response is a canned auto-reply, after which osTicket marks the
    ///   ticket unanswered again.
    /// - A note changes nothing on the ticket.
    pub fn post_entry(
        &self,
        entry: NewEntry,
        by: Actor,
        now: DateTime<Utc>,
    ) -> Result<Transition, PostEntryError> {
        if self.is_deleted() {
            return Err(PostEntryError::TicketDeleted);
        }
        let mut next = self.clone();
        let mut events = Vec::new();
        match (entry, by) {
            (NewEntry::Message { reopen }, Actor::User(user)) => {
                next.isanswered = false;
                next.lastupdate = Some(now);
                next.lastmessage = Some(now);
                events.push(TicketEvent::MessagePosted { by: user });
                if let (StatusState::Closed, Reopen::Into { status, assignee }) =
                    (self.state(), reopen)
                {
                    next.status = status.into();
                    next.staff = assignee;
                    next.closed = None;
                    next.reopened = Some(now);
                    events.push(TicketEvent::TicketReopened {
                        by,
                        status: next.status.clone(),
                    });
                }
            }
            (NewEntry::Message { .. }, by) => {
                return Err(PostEntryError::OnlyUsersPostMessages(by));
            }
            (entry, Actor::User(_)) => return Err(PostEntryError::UserCannotPost(entry.kind())),
            (NewEntry::Response { claim }, Actor::Staff(agent)) => {
                next.isanswered = true;
                next.lastresponse = Some(now);
                events.push(TicketEvent::ResponsePosted { by });
                if claim && self.state() == StatusState::Open && self.staff.is_none() {
                    next.staff = Some(agent);
                    events.push(TicketEvent::TicketClaimed { by: agent });
                }
            }
            (NewEntry::Response { .. }, Actor::System) => {
                next.isanswered = false;
                next.lastresponse = Some(now);
                events.push(TicketEvent::ResponsePosted { by });
            }
            (NewEntry::Note, by) => events.push(TicketEvent::NotePosted { by }),
        }
        Ok(next.settle(self, events, now))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::{StatusId, UserId};
    use crate::status::TicketStatus;
    use crate::ticket::fixtures::*;

    const COLLABORATOR: UserId = UserId::new(2);
    const OTHER_AGENT: crate::ids::StaffId = crate::ids::StaffId::new(8);

    fn message(reopen: Reopen) -> NewEntry {
        NewEntry::Message { reopen }
    }

    fn reopen_into_open(assignee: Option<StaffId>) -> Reopen {
        Reopen::Into {
            status: open_status(),
            assignee,
        }
    }

    fn answered() -> Ticket {
        let response = NewEntry::Response { claim: false };
        opened()
            .post_entry(response, Actor::Staff(AGENT), at(2))
            .unwrap()
            .ticket
    }

    #[test]
    fn a_user_message_marks_the_ticket_unanswered() {
        let Transition { ticket, events } = answered()
            .post_entry(message(Reopen::KeepClosed), Actor::User(OWNER), at(3))
            .unwrap();
        assert!(!ticket.isanswered);
        assert_eq!(
            (ticket.lastupdate, ticket.lastmessage, ticket.updated),
            (Some(at(3)), Some(at(3)), at(3))
        );
        assert_eq!(events, [TicketEvent::MessagePosted { by: OWNER }]);
    }

    #[test]
    fn a_collaborator_may_post_a_message() {
        let transition = opened().post_entry(
            message(Reopen::KeepClosed),
            Actor::User(COLLABORATOR),
            at(3),
        );
        assert_eq!(
            transition.unwrap().events,
            [TicketEvent::MessagePosted { by: COLLABORATOR }]
        );
    }

    #[test]
    fn a_user_message_reopens_a_reopenable_closed_ticket() {
        let Transition { ticket, events } = closed()
            .post_entry(
                message(reopen_into_open(Some(AGENT))),
                Actor::User(OWNER),
                at(4),
            )
            .unwrap();
        assert_eq!(ticket.state(), StatusState::Open);
        assert_eq!(ticket.status.id, StatusId::new(1));
        assert_eq!((ticket.closed, ticket.reopened), (None, Some(at(4))));
        assert_eq!(ticket.staff, Some(AGENT));
        assert!(!ticket.isanswered);
        assert_eq!(
            events,
            [
                TicketEvent::MessagePosted { by: OWNER },
                TicketEvent::TicketReopened {
                    by: Actor::User(OWNER),
                    status: open_status().into()
                },
            ]
        );
    }

    #[test]
    fn reopening_without_an_available_agent_unassigns_the_ticket() {
        let reopened =
            closed().post_entry(message(reopen_into_open(None)), Actor::User(OWNER), at(4));
        assert_eq!(reopened.unwrap().ticket.staff, None);
    }

    #[test]
    fn a_message_leaves_a_ticket_closed_when_it_may_not_reopen() {
        let Transition { ticket, events } = closed()
            .post_entry(message(Reopen::KeepClosed), Actor::User(OWNER), at(4))
            .unwrap();
        assert_eq!(ticket.state(), StatusState::Closed);
        assert_eq!(ticket.closed, Some(at(2)));
        assert!(!ticket.isanswered);
        assert_eq!(events, [TicketEvent::MessagePosted { by: OWNER }]);
    }

    #[test]
    fn reopen_settings_do_not_touch_an_open_ticket() {
        let before = answered();
        let Transition { ticket, events } = before
            .post_entry(message(reopen_into_open(None)), Actor::User(OWNER), at(3))
            .unwrap();
        assert_eq!(ticket.staff, before.staff);
        assert_eq!(ticket.reopened, None);
        assert_eq!(events.len(), 1);
    }

    #[test]
    fn a_message_to_an_archived_ticket_does_not_reopen_it() {
        let archived = in_state(StatusState::Archived);
        let after = archived
            .post_entry(message(reopen_into_open(None)), Actor::User(OWNER), at(3))
            .unwrap();
        assert_eq!(after.ticket.state(), StatusState::Archived);
    }

    #[test]
    fn an_agent_response_marks_the_ticket_answered() {
        let Transition { ticket, events } = opened()
            .post_entry(
                NewEntry::Response { claim: false },
                Actor::Staff(AGENT),
                at(2),
            )
            .unwrap();
        assert!(ticket.isanswered);
        assert_eq!(ticket.lastresponse, Some(at(2)));
        assert_eq!(
            ticket.lastupdate,
            Some(at(1)),
            "osTicket leaves lastupdate on a response"
        );
        assert_eq!(ticket.staff, None);
        assert_eq!(
            events,
            [TicketEvent::ResponsePosted {
                by: Actor::Staff(AGENT)
            }]
        );
    }

    #[test]
    fn a_response_claims_an_unassigned_open_ticket_when_auto_claim_is_on() {
        let Transition { ticket, events } = opened()
            .post_entry(
                NewEntry::Response { claim: true },
                Actor::Staff(AGENT),
                at(2),
            )
            .unwrap();
        assert_eq!(ticket.staff, Some(AGENT));
        assert_eq!(events[1], TicketEvent::TicketClaimed { by: AGENT });
    }

    #[test]
    fn a_response_does_not_claim_an_assigned_ticket() {
        let assigned = Ticket {
            staff: Some(OTHER_AGENT),
            ..opened()
        };
        let after = assigned
            .post_entry(
                NewEntry::Response { claim: true },
                Actor::Staff(AGENT),
                at(2),
            )
            .unwrap();
        assert_eq!(after.ticket.staff, Some(OTHER_AGENT));
        assert_eq!(after.events.len(), 1);
    }

    #[test]
    fn a_response_does_not_claim_a_closed_ticket() {
        let unassigned_closed = Ticket {
            staff: None,
            ..closed()
        };
        let after = unassigned_closed
            .post_entry(
                NewEntry::Response { claim: true },
                Actor::Staff(AGENT),
                at(3),
            )
            .unwrap();
        assert_eq!(after.ticket.staff, None);
        assert!(after.ticket.isanswered);
    }

    #[test]
    fn a_system_auto_reply_leaves_the_ticket_unanswered() {
        let Transition { ticket, events } = answered()
            .post_entry(NewEntry::Response { claim: true }, Actor::System, at(3))
            .unwrap();
        assert!(!ticket.isanswered);
        assert_eq!(ticket.lastresponse, Some(at(3)));
        assert_eq!(ticket.staff, None);
        assert_eq!(events, [TicketEvent::ResponsePosted { by: Actor::System }]);
    }

    #[test]
    fn a_note_changes_nothing_on_the_ticket() {
        for by in [Actor::Staff(AGENT), Actor::System] {
            let before = answered();
            let Transition { ticket, events } =
                before.post_entry(NewEntry::Note, by, at(5)).unwrap();
            assert_eq!(ticket, before);
            assert_eq!(events, [TicketEvent::NotePosted { by }]);
        }
    }

    #[test]
    fn a_user_cannot_post_a_response_or_a_note() {
        let ticket = opened();
        let by = Actor::User(OWNER);
        assert_eq!(
            ticket.post_entry(NewEntry::Response { claim: false }, by, at(2)),
            Err(PostEntryError::UserCannotPost(EntryType::Response))
        );
        assert_eq!(
            ticket.post_entry(NewEntry::Note, by, at(2)),
            Err(PostEntryError::UserCannotPost(EntryType::Note))
        );
    }

    #[test]
    fn agents_and_the_system_cannot_post_messages() {
        for by in [Actor::Staff(AGENT), Actor::System] {
            assert_eq!(
                opened().post_entry(message(Reopen::KeepClosed), by, at(2)),
                Err(PostEntryError::OnlyUsersPostMessages(by))
            );
        }
    }

    #[test]
    fn posting_to_a_deleted_ticket_is_rejected() {
        let deleted = in_state(StatusState::Deleted);
        assert_eq!(
            deleted.post_entry(NewEntry::Note, Actor::Staff(AGENT), at(2)),
            Err(PostEntryError::TicketDeleted)
        );
    }

    #[test]
    fn entries_report_their_thread_entry_type() {
        assert_eq!(message(Reopen::KeepClosed).kind(), EntryType::Message);
        assert_eq!(
            NewEntry::Response { claim: false }.kind(),
            EntryType::Response
        );
        assert_eq!(NewEntry::Note.kind(), EntryType::Note);
    }

    #[test]
    fn a_reopen_status_is_recorded_with_its_name() {
        let pending = TicketStatus {
            id: StatusId::new(6),
            name: "Pending".to_owned(),
            state: StatusState::Open,
        };
        let reopen = Reopen::Into {
            status: OpenStatus::parse(pending.clone()).unwrap(),
            assignee: None,
        };
        let after = closed()
            .post_entry(message(reopen), Actor::User(OWNER), at(4))
            .unwrap();
        assert_eq!(after.ticket.status, pending);
    }
}
