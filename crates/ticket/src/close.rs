//! Closing a ticket, and marking an open one overdue.

use crate::events::TicketEvent;
use crate::status::{ClosedStatus, StatusState};
use crate::ticket::{Actor, Ticket, Transition};
use chrono::{DateTime, Utc};

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CloseError {
    #[error("a deleted ticket cannot be closed")]
    TicketDeleted,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum MarkOverdueError {
    #[error("only an open ticket can become overdue; this one is {0}")]
    TicketNotOpen(StatusState),
}

impl Ticket {
    /// Moves the ticket to a closed status, as osTicket's `setStatus`: it
    /// stamps `closed` and `lastupdate`, makes a closing agent the assignee
    /// and clears `isoverdue`. Both due dates are cleared, even one still
    /// ahead (osTicket keeps those): a closed ticket runs no clock, and a
    /// reopened one gets a fresh `est_duedate`. Setting the status the
    /// ticket already has changes nothing and records nothing.
    ///
    /// Whether the ticket may close at all (open tasks, unanswered required
    /// fields, the agent's permission) is the service's question to ask first.
    pub fn close(
        &self,
        status: ClosedStatus,
        by: Actor,
        now: DateTime<Utc>,
    ) -> Result<Transition, CloseError> {
        if self.is_deleted() {
            return Err(CloseError::TicketDeleted);
        }
        if self.status.id == status.status().id {
            return Ok(Transition {
                ticket: self.clone(),
                events: Vec::new(),
            });
        }
        let mut next = self.clone();
        next.status = status.into();
        next.closed = Some(now);
        next.lastupdate = Some(now);
        if let Actor::Staff(agent) = by {
            next.staff = Some(agent);
        }
        next.isoverdue = false;
        next.duedate = None;
        next.est_duedate = None;
        let event = TicketEvent::TicketClosed {
            by,
            status: next.status.clone(),
        };
        Ok(next.settle(self, vec![event], now))
    }

    /// Flags an open ticket overdue (osTicket's `markOverdue`, run by cron
    /// for tickets whose due date `oxt-sla` found past). A ticket already
    /// overdue stays as it is, with no second event.
    pub fn mark_overdue(&self, now: DateTime<Utc>) -> Result<Transition, MarkOverdueError> {
        if self.state() != StatusState::Open {
            return Err(MarkOverdueError::TicketNotOpen(self.state()));
        }
        if self.isoverdue {
            return Ok(Transition {
                ticket: self.clone(),
                events: Vec::new(),
            });
        }
        let next = Ticket {
            isoverdue: true,
            ..self.clone()
        };
        Ok(next.settle(self, vec![TicketEvent::TicketMarkedOverdue], now))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::StaffId;
    use crate::ticket::fixtures::*;

    #[test]
    fn closing_stamps_the_ticket_and_records_the_status() {
        let Transition { ticket, events } = opened()
            .close(closed_status(3), Actor::Staff(AGENT), at(2))
            .unwrap();
        assert_eq!(ticket.state(), StatusState::Closed);
        assert_eq!(
            (ticket.closed, ticket.lastupdate, ticket.updated),
            (Some(at(2)), Some(at(2)), at(2))
        );
        assert_eq!(
            events,
            [TicketEvent::TicketClosed {
                by: Actor::Staff(AGENT),
                status: closed_status(3).into()
            }]
        );
    }

    #[test]
    fn the_closing_agent_becomes_the_assignee() {
        let assigned = Ticket {
            staff: Some(StaffId::new(8)),
            ..opened()
        };
        let closed = assigned
            .close(closed_status(3), Actor::Staff(AGENT), at(2))
            .unwrap()
            .ticket;
        assert_eq!(closed.staff, Some(AGENT));
    }

    #[test]
    fn closing_by_the_system_keeps_the_assignee() {
        let assigned = Ticket {
            staff: Some(StaffId::new(8)),
            ..opened()
        };
        let closed = assigned
            .close(closed_status(3), Actor::System, at(2))
            .unwrap()
            .ticket;
        assert_eq!(closed.staff, Some(StaffId::new(8)));
    }

    #[test]
    fn closing_clears_the_overdue_flag_and_both_due_dates() {
        let overdue = Ticket {
            duedate: Some(at(2)),
            est_duedate: Some(at(5)),
            ..opened().mark_overdue(at(3)).unwrap().ticket
        };
        let closed = overdue
            .close(closed_status(3), Actor::Staff(AGENT), at(4))
            .unwrap()
            .ticket;
        assert!(!closed.isoverdue);
        assert_eq!((closed.duedate, closed.est_duedate), (None, None));
    }

    #[test]
    fn closing_leaves_the_answered_flag_alone() {
        assert!(
            !opened()
                .close(closed_status(3), Actor::Staff(AGENT), at(2))
                .unwrap()
                .ticket
                .isanswered
        );
    }

    #[test]
    fn closing_with_the_current_status_changes_nothing() {
        let before = closed();
        let after = before
            .close(closed_status(3), Actor::Staff(AGENT), at(5))
            .unwrap();
        assert_eq!(
            after,
            Transition {
                ticket: before,
                events: Vec::new()
            }
        );
    }

    #[test]
    fn closing_into_another_closed_status_records_a_new_close() {
        let after = closed()
            .close(closed_status(2), Actor::Staff(AGENT), at(5))
            .unwrap();
        assert_eq!(after.ticket.closed, Some(at(5)));
        assert_eq!(after.events.len(), 1);
    }

    #[test]
    fn closing_a_deleted_ticket_is_rejected() {
        let deleted = in_state(StatusState::Deleted);
        assert_eq!(
            deleted.close(closed_status(3), Actor::Staff(AGENT), at(2)),
            Err(CloseError::TicketDeleted)
        );
    }

    #[test]
    fn an_open_ticket_can_be_marked_overdue_once() {
        let Transition { ticket, events } = opened().mark_overdue(at(3)).unwrap();
        assert!(ticket.isoverdue);
        assert_eq!(ticket.updated, at(3));
        assert_eq!(events, [TicketEvent::TicketMarkedOverdue]);
        let again = ticket.mark_overdue(at(4)).unwrap();
        assert_eq!(
            again,
            Transition {
                ticket,
                events: Vec::new()
            }
        );
    }

    #[test]
    fn a_ticket_that_is_not_open_cannot_become_overdue() {
        assert_eq!(
            closed().mark_overdue(at(3)),
            Err(MarkOverdueError::TicketNotOpen(StatusState::Closed))
        );
        assert_eq!(
            in_state(StatusState::Archived).mark_overdue(at(3)),
            Err(MarkOverdueError::TicketNotOpen(StatusState::Archived))
        );
    }
}
