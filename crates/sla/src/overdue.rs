//! osTicket's overdue rule (`Ticket::checkOverdue`, `Ticket::markOverdue`).

use chrono::{DateTime, Utc};

/// What the overdue rule reads from a ticket row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OverdueInput {
    /// The ticket's status has state `open`.
    pub state_is_open: bool,
    /// `ost_ticket.duedate`: a due date set by staff, which wins over the SLA's.
    pub duedate: Option<DateTime<Utc>>,
    /// `ost_ticket.est_duedate`: the SLA due date.
    pub est_duedate: Option<DateTime<Utc>>,
    /// `ost_ticket.isoverdue`: already marked.
    pub isoverdue: bool,
}

impl OverdueInput {
    /// The due date that counts: staff's if set, else the SLA's.
    pub fn effective_due_date(&self) -> Option<DateTime<Utc>> {
        self.duedate.or(self.est_duedate)
    }

    fn deadline_passed(&self, now: DateTime<Utc>) -> bool {
        self.effective_due_date().is_some_and(|due| due < now)
    }
}

/// Whether the ticket is overdue at `now`: open, and either already marked or
/// past its due date. Closed tickets are never overdue.
pub fn is_overdue(ticket: &OverdueInput, now: DateTime<Utc>) -> bool {
    ticket.state_is_open && (ticket.isoverdue || ticket.deadline_passed(now))
}

/// Whether the overdue sweep marks the ticket now: the selection of
/// osTicket's `checkOverdue` cron (open, not yet marked, and `duedate` — or,
/// without one, `est_duedate` — strictly before now). The caller then sets
/// `isoverdue`, logs the `overdue` event and sends the alert, once.
pub fn becomes_overdue(ticket: &OverdueInput, now: DateTime<Utc>) -> bool {
    ticket.state_is_open && !ticket.isoverdue && ticket.deadline_passed(now)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(hour: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 24, hour, 0, 0).unwrap()
    }

    fn open_ticket() -> OverdueInput {
        OverdueInput {
            state_is_open: true,
            duedate: None,
            est_duedate: None,
            isoverdue: false,
        }
    }

    #[test]
    fn an_open_ticket_past_its_sla_due_date_becomes_overdue() {
        let ticket = OverdueInput {
            est_duedate: Some(at(17)),
            ..open_ticket()
        };
        assert!(becomes_overdue(&ticket, at(18)));
        assert!(is_overdue(&ticket, at(18)));
    }

    #[test]
    fn a_ticket_due_exactly_now_is_not_yet_overdue() {
        let ticket = OverdueInput {
            est_duedate: Some(at(17)),
            ..open_ticket()
        };
        assert!(!becomes_overdue(&ticket, at(17)));
        assert!(!is_overdue(&ticket, at(17)));
    }

    #[test]
    fn a_staff_due_date_in_the_future_overrides_a_passed_sla_due_date() {
        let ticket = OverdueInput {
            duedate: Some(at(20)),
            est_duedate: Some(at(17)),
            ..open_ticket()
        };
        assert!(!becomes_overdue(&ticket, at(18)));
        assert_eq!(ticket.effective_due_date(), Some(at(20)));
    }

    #[test]
    fn a_passed_staff_due_date_makes_the_ticket_overdue_even_without_an_sla() {
        let ticket = OverdueInput {
            duedate: Some(at(9)),
            ..open_ticket()
        };
        assert!(becomes_overdue(&ticket, at(10)));
    }

    #[test]
    fn a_ticket_without_any_due_date_is_never_overdue() {
        assert!(!is_overdue(&open_ticket(), at(23)));
        assert!(!becomes_overdue(&open_ticket(), at(23)));
    }

    #[test]
    fn a_closed_ticket_is_never_overdue() {
        let ticket = OverdueInput {
            state_is_open: false,
            est_duedate: Some(at(9)),
            isoverdue: true,
            ..open_ticket()
        };
        assert!(!is_overdue(&ticket, at(10)));
        assert!(!becomes_overdue(&ticket, at(10)));
    }

    #[test]
    fn a_ticket_already_marked_stays_overdue_but_is_not_marked_again() {
        let ticket = OverdueInput {
            est_duedate: Some(at(9)),
            isoverdue: true,
            ..open_ticket()
        };
        assert!(is_overdue(&ticket, at(10)));
        assert!(!becomes_overdue(&ticket, at(10)));
    }
}
