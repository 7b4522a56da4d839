//! Moving a ticket between departments and statuses outside closing:
//! osTicket's `transfer`, `setStatus` into an open status, and the SLA
//! clock's reset (`updateEstDueDate`).

use crate::events::TicketEvent;
use crate::ids::DeptId;
use crate::status::{OpenStatus, StatusState};
use crate::ticket::{Actor, Ticket, Transition};
use chrono::{DateTime, Utc};

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TransferError {
    #[error("a deleted ticket cannot be transferred")]
    TicketDeleted,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum OpenStatusError {
    #[error("a deleted ticket cannot be reopened")]
    TicketDeleted,
    /// Archived tickets are read-only in osTicket.
    #[error("a ticket in state {0} cannot change status")]
    NotChangeable(StatusState),
}

impl Ticket {
    /// Moves the ticket to department `to` (osTicket's `transfer`), with one
    /// `transferred` event. Moving to the department it is in changes
    /// nothing. Reopening a closed ticket and choosing the new department's
    /// SLA are the service's next steps, as in osTicket.
    pub fn transfer(
        &self,
        to: DeptId,
        by: Actor,
        now: DateTime<Utc>,
    ) -> Result<Transition, TransferError> {
        if self.is_deleted() {
            return Err(TransferError::TicketDeleted);
        }
        if self.dept == to {
            return Ok(Transition {
                ticket: self.clone(),
                events: Vec::new(),
            });
        }
        let next = Ticket {
            dept: to,
            ..self.clone()
        };
        let event = TicketEvent::TicketTransferred {
            by,
            from: self.dept,
            to,
        };
        Ok(next.settle(self, vec![event], now))
    }

    /// Puts the ticket in an open status (osTicket's `setStatus` into the
    /// `open` state). A closed ticket is reopened: `closed` cleared,
    /// `reopened` and `lastupdate` stamped, the answered flag cleared, a
    /// `reopened` event. An open ticket changes status with an `edited`
    /// event. The current status changes nothing.
    pub fn set_open_status(
        &self,
        status: OpenStatus,
        by: Actor,
        now: DateTime<Utc>,
    ) -> Result<Transition, OpenStatusError> {
        match self.state() {
            StatusState::Deleted => return Err(OpenStatusError::TicketDeleted),
            StatusState::Archived => {
                return Err(OpenStatusError::NotChangeable(StatusState::Archived));
            }
            StatusState::Open | StatusState::Closed => {}
        }
        if self.status.id == status.status().id {
            return Ok(Transition {
                ticket: self.clone(),
                events: Vec::new(),
            });
        }
        let mut next = self.clone();
        next.status = status.into();
        let event = if self.state() == StatusState::Closed {
            next.closed = None;
            next.reopened = Some(now);
            next.lastupdate = Some(now);
            next.isanswered = false;
            TicketEvent::TicketReopened {
                by,
                status: next.status.clone(),
            }
        } else {
            TicketEvent::StatusChanged {
                by,
                status: next.status.clone(),
            }
        };
        Ok(next.settle(self, vec![event], now))
    }

    /// The ticket with a freshly computed SLA due date, as osTicket's
    /// `updateEstDueDate`: an overdue ticket is first cleared of the flag
    /// and of a staff due date already past, then `est_duedate` is replaced.
    pub fn with_sla_due_date(
        &self,
        est_duedate: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> Ticket {
        let mut next = self.clone();
        if next.isoverdue {
            next.isoverdue = false;
            next.duedate = next.duedate.filter(|due| *due > now);
        }
        next.est_duedate = est_duedate;
        if next != *self {
            next.updated = now;
        }
        next
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::{DeptId, StatusId};
    use crate::status::TicketStatus;
    use crate::ticket::fixtures::*;

    fn pending() -> OpenStatus {
        OpenStatus::parse(TicketStatus {
            id: StatusId::new(6),
            name: "Pending".to_owned(),
            state: StatusState::Open,
        })
        .unwrap()
    }

    #[test]
    fn a_transfer_moves_the_department_and_records_both() {
        let Transition { ticket, events } = opened()
            .transfer(DeptId::new(2), Actor::Staff(AGENT), at(3))
            .unwrap();
        assert_eq!(ticket.dept, DeptId::new(2));
        assert_eq!(ticket.updated, at(3));
        assert_eq!(
            events,
            [TicketEvent::TicketTransferred {
                by: Actor::Staff(AGENT),
                from: opened().dept,
                to: DeptId::new(2)
            }]
        );
    }

    #[test]
    fn a_transfer_to_the_same_department_changes_nothing() {
        let before = opened();
        let after = before
            .transfer(before.dept, Actor::Staff(AGENT), at(3))
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
    fn deleted_tickets_are_neither_transferred_nor_reopened() {
        let deleted = in_state(StatusState::Deleted);
        assert_eq!(
            deleted.transfer(DeptId::new(2), Actor::System, at(3)),
            Err(TransferError::TicketDeleted)
        );
        assert_eq!(
            deleted.set_open_status(open_status(), Actor::System, at(3)),
            Err(OpenStatusError::TicketDeleted)
        );
    }

    #[test]
    fn an_open_status_reopens_a_closed_ticket() {
        let Transition { ticket, events } = closed()
            .set_open_status(open_status(), Actor::Staff(AGENT), at(5))
            .unwrap();
        assert_eq!(ticket.state(), StatusState::Open);
        assert_eq!(
            (ticket.closed, ticket.reopened, ticket.lastupdate),
            (None, Some(at(5)), Some(at(5)))
        );
        assert!(!ticket.isanswered);
        assert!(matches!(events[..], [TicketEvent::TicketReopened { .. }]));
    }

    #[test]
    fn another_open_status_is_an_edit() {
        let Transition { ticket, events } = opened()
            .set_open_status(pending(), Actor::Staff(AGENT), at(5))
            .unwrap();
        assert_eq!(ticket.status.id, StatusId::new(6));
        assert_eq!(ticket.reopened, None);
        assert!(matches!(events[..], [TicketEvent::StatusChanged { .. }]));
        let same = ticket
            .set_open_status(pending(), Actor::Staff(AGENT), at(6))
            .unwrap();
        assert!(same.events.is_empty());
    }

    #[test]
    fn archived_tickets_keep_their_status() {
        assert_eq!(
            in_state(StatusState::Archived).set_open_status(open_status(), Actor::System, at(3)),
            Err(OpenStatusError::NotChangeable(StatusState::Archived))
        );
    }

    #[test]
    fn a_new_sla_due_date_clears_the_overdue_flag_and_a_past_staff_due_date() {
        let overdue = Ticket {
            duedate: Some(at(2)),
            ..opened().mark_overdue(at(3)).unwrap().ticket
        };
        let reset = overdue.with_sla_due_date(Some(at(9)), at(4));
        assert!(!reset.isoverdue);
        assert_eq!(
            (reset.duedate, reset.est_duedate, reset.updated),
            (None, Some(at(9)), at(4))
        );

        let ahead = Ticket {
            duedate: Some(at(8)),
            ..opened()
        };
        let reset = ahead.with_sla_due_date(None, at(4));
        assert_eq!((reset.duedate, reset.est_duedate), (Some(at(8)), None));
    }
}
