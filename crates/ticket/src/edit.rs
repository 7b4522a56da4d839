//! Editing a ticket's subject, priority, help topic, SLA and staff due date.

use crate::contact::Subject;
use crate::events::{FieldChange, TicketEvent};
use crate::ids::{PriorityId, SlaId, TopicId};
use crate::status::StatusState;
use crate::ticket::{Actor, Ticket, Transition};
use chrono::{DateTime, Utc};

/// The fields to set; `None` leaves a field as it is. A help topic can be
/// changed but not removed, as in osTicket's edit form; the SLA and the due
/// date can be removed (`Some(None)`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TicketEdit {
    pub subject: Option<Subject>,
    pub priority: Option<PriorityId>,
    pub topic: Option<TopicId>,
    pub sla: Option<Option<SlaId>>,
    /// The staff-set `duedate`, which overrides the SLA's `est_duedate`.
    pub duedate: Option<Option<DateTime<Utc>>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error("a deleted ticket cannot be edited")]
    TicketDeleted,
    /// osTicket answers "already assigned this value" rather than logging an empty edit.
    #[error("the edit changes nothing")]
    NothingChanged,
    /// osTicket's edit form: "Due date must be in the future".
    #[error("a due date must be in the future")]
    DueDateNotAhead,
    /// osTicket's edit form: "Due date can NOT be set on a closed ticket".
    #[error("a due date cannot be set on a closed ticket")]
    DueDateOnClosedTicket,
}

impl Ticket {
    /// Applies an edit and records one `edited` event listing the fields
    /// that changed. Like osTicket's field edit, it bumps `lastupdate`. A new
    /// due date clears the overdue flag, as osTicket's `Ticket::update` does.
    /// A new help topic or SLA may bring a new `est_duedate`; the service
    /// settles that with `oxt-sla`.
    pub fn edit(
        &self,
        edit: TicketEdit,
        by: Actor,
        now: DateTime<Utc>,
    ) -> Result<Transition, EditError> {
        if self.is_deleted() {
            return Err(EditError::TicketDeleted);
        }
        let mut next = self.clone();
        let mut changes = Vec::new();
        if let Some(to) = edit.subject.filter(|to| self.subject.as_ref() != Some(to)) {
            changes.push(FieldChange::Subject {
                from: self.subject.clone(),
                to: to.clone(),
            });
            next.subject = Some(to);
        }
        if let Some(to) = edit.priority.filter(|to| self.priority != Some(*to)) {
            changes.push(FieldChange::Priority {
                from: self.priority,
                to,
            });
            next.priority = Some(to);
        }
        if let Some(to) = edit.topic.filter(|to| self.topic != Some(*to)) {
            changes.push(FieldChange::Topic {
                from: self.topic,
                to,
            });
            next.topic = Some(to);
        }
        if let Some(to) = edit.sla.filter(|to| self.sla != *to) {
            changes.push(FieldChange::Sla { from: self.sla, to });
            next.sla = to;
        }
        if let Some(to) = edit.duedate.filter(|to| self.duedate != *to) {
            if let Some(due) = to {
                if self.state() == StatusState::Closed {
                    return Err(EditError::DueDateOnClosedTicket);
                }
                if due <= now {
                    return Err(EditError::DueDateNotAhead);
                }
                next.isoverdue = false;
            }
            changes.push(FieldChange::DueDate {
                from: self.duedate,
                to,
            });
            next.duedate = to;
        }
        if changes.is_empty() {
            return Err(EditError::NothingChanged);
        }
        next.lastupdate = Some(now);
        Ok(next.settle(self, vec![TicketEvent::TicketEdited { by, changes }], now))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ticket::fixtures::*;

    fn subject(text: &str) -> Subject {
        Subject::parse(text).unwrap()
    }

    #[test]
    fn an_edit_records_each_changed_field_with_old_and_new_values() {
        let edit = TicketEdit {
            subject: Some(subject("Printer on fire")),
            priority: Some(PriorityId::new(4)),
            topic: Some(TopicId::new(2)),
            ..TicketEdit::default()
        };
        let Transition { ticket, events } =
            opened().edit(edit, Actor::Staff(AGENT), at(3)).unwrap();
        assert_eq!(ticket.subject, Some(subject("Printer on fire")));
        assert_eq!(ticket.priority, Some(PriorityId::new(4)));
        assert_eq!(ticket.topic, Some(TopicId::new(2)));
        assert_eq!((ticket.lastupdate, ticket.updated), (Some(at(3)), at(3)));
        assert_eq!(
            events,
            [TicketEvent::TicketEdited {
                by: Actor::Staff(AGENT),
                changes: vec![
                    FieldChange::Subject {
                        from: Some(subject("Testing API")),
                        to: subject("Printer on fire")
                    },
                    FieldChange::Priority {
                        from: Some(PriorityId::new(2)),
                        to: PriorityId::new(4)
                    },
                    FieldChange::Topic {
                        from: None,
                        to: TopicId::new(2)
                    },
                ],
            }]
        );
    }

    #[test]
    fn fields_set_to_their_current_value_are_not_listed() {
        let edit = TicketEdit {
            subject: Some(subject("Testing API")),
            priority: Some(PriorityId::new(3)),
            ..TicketEdit::default()
        };
        let events = opened().edit(edit, Actor::System, at(3)).unwrap().events;
        let TicketEvent::TicketEdited { changes, .. } = &events[0] else {
            panic!("expected an edit: {events:?}")
        };
        assert_eq!(
            changes,
            &[FieldChange::Priority {
                from: Some(PriorityId::new(2)),
                to: PriorityId::new(3)
            }]
        );
    }

    #[test]
    fn an_edit_that_changes_nothing_is_rejected() {
        assert_eq!(
            opened().edit(TicketEdit::default(), Actor::Staff(AGENT), at(3)),
            Err(EditError::NothingChanged)
        );
        let same = TicketEdit {
            subject: Some(subject(" Testing API ")),
            ..TicketEdit::default()
        };
        assert_eq!(
            opened().edit(same, Actor::Staff(AGENT), at(3)),
            Err(EditError::NothingChanged)
        );
    }

    #[test]
    fn editing_a_deleted_ticket_is_rejected() {
        let edit = TicketEdit {
            priority: Some(PriorityId::new(4)),
            ..TicketEdit::default()
        };
        assert_eq!(
            in_state(StatusState::Deleted).edit(edit, Actor::Staff(AGENT), at(3)),
            Err(EditError::TicketDeleted)
        );
    }

    #[test]
    fn a_closed_ticket_can_still_be_edited() {
        let edit = TicketEdit {
            priority: Some(PriorityId::new(1)),
            ..TicketEdit::default()
        };
        let after = closed()
            .edit(edit, Actor::Staff(AGENT), at(3))
            .unwrap()
            .ticket;
        assert_eq!(after.state(), StatusState::Closed);
        assert_eq!(after.priority, Some(PriorityId::new(1)));
    }

    #[test]
    fn editing_leaves_the_answered_flag_alone() {
        let edit = TicketEdit {
            topic: Some(TopicId::new(1)),
            ..TicketEdit::default()
        };
        let before = opened();
        assert_eq!(
            before
                .edit(edit, Actor::Staff(AGENT), at(3))
                .unwrap()
                .ticket
                .isanswered,
            before.isanswered
        );
    }

    #[test]
    fn a_staff_due_date_overrides_and_clears_the_overdue_flag() {
        let overdue = opened().mark_overdue(at(3)).unwrap().ticket;
        let edit = TicketEdit {
            duedate: Some(Some(at(9))),
            sla: Some(None),
            ..TicketEdit::default()
        };
        let Transition { ticket, events } = overdue.edit(edit, Actor::Staff(AGENT), at(4)).unwrap();
        assert_eq!(
            (ticket.duedate, ticket.sla, ticket.isoverdue),
            (Some(at(9)), None, false)
        );
        let TicketEvent::TicketEdited { changes, .. } = &events[0] else {
            panic!("expected an edit: {events:?}")
        };
        assert_eq!(
            changes,
            &[
                FieldChange::Sla {
                    from: overdue.sla,
                    to: None
                },
                FieldChange::DueDate {
                    from: None,
                    to: Some(at(9))
                },
            ]
        );
    }

    #[test]
    fn a_due_date_must_lie_ahead_and_not_on_a_closed_ticket() {
        let due = |at| TicketEdit {
            duedate: Some(Some(at)),
            ..TicketEdit::default()
        };
        assert_eq!(
            opened().edit(due(at(4)), Actor::Staff(AGENT), at(4)),
            Err(EditError::DueDateNotAhead)
        );
        assert_eq!(
            closed().edit(due(at(9)), Actor::Staff(AGENT), at(4)),
            Err(EditError::DueDateOnClosedTicket)
        );
        let cleared = TicketEdit {
            duedate: Some(None),
            ..TicketEdit::default()
        };
        let with_due = Ticket {
            duedate: Some(at(9)),
            ..closed()
        };
        assert_eq!(
            with_due
                .edit(cleared, Actor::Staff(AGENT), at(4))
                .unwrap()
                .ticket
                .duedate,
            None
        );
    }
}
