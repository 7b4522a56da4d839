//! Properties of ticket numbers and of the ticket lifecycle.

use chrono::{DateTime, Duration, TimeZone, Utc};
use oxt_ticket::contact::Subject;
use oxt_ticket::ids::{DeptId, PriorityId, StaffId, StatusId, TopicId, UserId};
use oxt_ticket::number::{NumberFormat, TicketNumber, TicketNumberError};
use oxt_ticket::source::TicketSource;
use oxt_ticket::status::{ClosedStatus, OpenStatus, StatusState, TicketStatus};
use oxt_ticket::{Actor, NewEntry, NewTicket, Reopen, Ticket, TicketEdit, TicketEvent, Transition};
use proptest::prelude::*;
use std::ops::RangeInclusive;

/// Formats of `#` runs and literal text, with escaped hashes now and then.
/// Literals hold no digits, so a number's digits are the sequence value's;
/// and every format fits `ost_ticket.number` (at most 16 characters wide).
fn number_format() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        (1usize..=4).prop_map(|run| "#".repeat(run)),
        "[A-Z/-]{1,3}",
        Just(r"\#".to_owned()),
    ];
    prop::collection::vec(piece, 0..4).prop_map(|pieces| pieces.concat())
}

fn digits_of(number: &TicketNumber) -> String {
    number
        .as_str()
        .chars()
        .filter(char::is_ascii_digit)
        .collect()
}

proptest! {
    #[test]
    fn a_formatted_value_reads_back_from_its_digits(raw in number_format(), value in 0u64..10_000_000_000) {
        let format = NumberFormat::parse(&raw).unwrap();
        match format.format(value, '0') {
            Ok(number) => {
                let digits = digits_of(&number);
                prop_assert_eq!(digits.parse::<u64>().unwrap(), value);
                prop_assert_eq!(digits.len(), value.to_string().len().max(format.digit_count()));
            }
            Err(TicketNumberError::TooLong { chars }) => prop_assert!(chars > 20),
            Err(other) => prop_assert!(false, "unexpected {other}"),
        }
    }

    #[test]
    fn formatting_keeps_every_literal_character(raw in number_format(), value in 0u64..1_000_000) {
        let format = NumberFormat::parse(&raw).unwrap();
        let number = format.format(value, '0').unwrap();
        let literal: String = raw.replace(r"\#", "\u{1}").chars().filter(|c| *c != '#').collect::<String>().replace('\u{1}', "#");
        let kept: String = number.as_str().chars().filter(|c| !c.is_ascii_digit()).collect();
        prop_assert_eq!(kept, literal);
    }

    #[test]
    fn random_numbers_have_the_right_length_and_a_non_zero_first_digit(
        raw in number_format(),
        seed in prop::collection::vec(0u8..=255, 20),
    ) {
        let format = NumberFormat::parse(&raw).unwrap();
        let mut draws = seed.into_iter();
        let mut source = |range: RangeInclusive<u8>| {
            let span = range.end() - range.start() + 1;
            range.start() + draws.next().unwrap_or_default() % span
        };
        let number = format.random(&mut source).unwrap();
        let digits = digits_of(&number);
        prop_assert_eq!(digits.len(), format.digit_count().max(6));
        prop_assert_ne!(digits.chars().next(), Some('0'));
    }
}

/// One legal step a caller can take on a ticket.
#[derive(Debug, Clone)]
enum Step {
    Message {
        reopen: bool,
        assignee: Option<u32>,
    },
    Response {
        claim: bool,
    },
    AutoReply,
    Note {
        by_agent: bool,
    },
    Edit {
        subject: Option<String>,
        priority: Option<u32>,
        topic: Option<u32>,
        /// A staff due date this many hours from the step's time (zero or
        /// less: not ahead, which the edit refuses).
        due_in_hours: Option<i64>,
    },
    Close {
        status: u32,
        by_agent: bool,
    },
    MarkOverdue,
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        (any::<bool>(), prop::option::of(1u32..4))
            .prop_map(|(reopen, assignee)| Step::Message { reopen, assignee }),
        any::<bool>().prop_map(|claim| Step::Response { claim }),
        Just(Step::AutoReply),
        any::<bool>().prop_map(|by_agent| Step::Note { by_agent }),
        (
            prop::option::of("[a-z ]{1,12}"),
            prop::option::of(1u32..5),
            prop::option::of(1u32..4),
            prop::option::of(-2i64..48)
        )
            .prop_map(|(subject, priority, topic, due_in_hours)| Step::Edit {
                subject,
                priority,
                topic,
                due_in_hours
            }),
        (2u32..4, any::<bool>()).prop_map(|(status, by_agent)| Step::Close { status, by_agent }),
        Just(Step::MarkOverdue),
    ]
}

const OWNER: UserId = UserId::new(1);
const AGENT: StaffId = StaffId::new(7);

fn status(id: u32, state: StatusState) -> TicketStatus {
    TicketStatus {
        id: StatusId::new(id),
        name: format!("status {id}"),
        state,
    }
}

fn agent_or_system(by_agent: bool) -> Actor {
    if by_agent {
        Actor::Staff(AGENT)
    } else {
        Actor::System
    }
}

fn apply(ticket: &Ticket, step: Step, now: DateTime<Utc>) -> Option<Transition> {
    match step {
        Step::Message { reopen, assignee } => {
            let reopen = if reopen {
                Reopen::Into {
                    status: OpenStatus::parse(status(1, StatusState::Open)).unwrap(),
                    assignee: assignee.map(StaffId::new),
                }
            } else {
                Reopen::KeepClosed
            };
            ticket
                .post_entry(NewEntry::Message { reopen }, Actor::User(OWNER), now)
                .ok()
        }
        Step::Response { claim } => ticket
            .post_entry(NewEntry::Response { claim }, Actor::Staff(AGENT), now)
            .ok(),
        Step::AutoReply => ticket
            .post_entry(NewEntry::Response { claim: true }, Actor::System, now)
            .ok(),
        Step::Note { by_agent } => ticket
            .post_entry(NewEntry::Note, agent_or_system(by_agent), now)
            .ok(),
        Step::Edit {
            subject,
            priority,
            topic,
            due_in_hours,
        } => {
            let edit = TicketEdit {
                subject: subject
                    .as_deref()
                    .and_then(|text| Subject::parse(text).ok()),
                priority: priority.map(PriorityId::new),
                topic: topic.map(TopicId::new),
                duedate: due_in_hours.map(|hours| Some(now + Duration::hours(hours))),
                ..TicketEdit::default()
            };
            ticket.edit(edit, agent_or_system(true), now).ok()
        }
        Step::Close {
            status: id,
            by_agent,
        } => {
            let closed = ClosedStatus::parse(status(id, StatusState::Closed)).unwrap();
            ticket.close(closed, agent_or_system(by_agent), now).ok()
        }
        Step::MarkOverdue => ticket.mark_overdue(now).ok(),
    }
}

fn check_invariants(ticket: &Ticket) -> Result<(), TestCaseError> {
    prop_assert_eq!(
        ticket.state() == StatusState::Closed,
        ticket.closed.is_some(),
        "closed state <=> closed date"
    );
    prop_assert!(
        !ticket.isoverdue || ticket.state() == StatusState::Open,
        "only an open ticket is overdue"
    );
    prop_assert!(
        ticket.state() != StatusState::Closed
            || (ticket.duedate.is_none() && ticket.est_duedate.is_none()),
        "a closed ticket runs no clock"
    );
    for stamp in [
        ticket.lastupdate,
        ticket.reopened,
        ticket.closed,
        ticket.lastmessage,
        ticket.lastresponse,
    ]
    .into_iter()
    .flatten()
    .chain([ticket.updated])
    {
        prop_assert!(stamp >= ticket.created, "{stamp} before creation");
    }
    Ok(())
}

proptest! {
    #[test]
    fn any_sequence_of_legal_operations_keeps_the_invariants(steps in prop::collection::vec(step(), 0..40)) {
        let start = Utc.with_ymd_and_hms(2026, 11, 21, 23, 32, 49).unwrap();
        let new = NewTicket {
            user: OWNER,
            opened_by: Actor::User(OWNER),
            source: TicketSource::Web,
            subject: Subject::parse("Printer").unwrap(),
            dept: DeptId::new(1),
            topic: None,
            priority: PriorityId::new(2),
            sla: None,
            status: OpenStatus::parse(status(1, StatusState::Open)).unwrap(),
            est_duedate: Some(start + Duration::hours(18)),
        };
        let mut ticket = Ticket::open(new, TicketNumber::parse("795436").unwrap(), start).ticket;
        check_invariants(&ticket)?;
        for (minute, step) in (1..).zip(steps) {
            let now = start + Duration::minutes(minute);
            let before = ticket.clone();
            let Some(Transition { ticket: after, events }) = apply(&ticket, step.clone(), now) else { continue };
            check_invariants(&after)?;
            let answered_by_entry = events.iter().any(|event| matches!(
                event,
                TicketEvent::MessagePosted { .. } | TicketEvent::ResponsePosted { .. }
            ));
            if !answered_by_entry {
                prop_assert_eq!(after.isanswered, before.isanswered, "{:?} changed isanswered", step);
            }
            if events.is_empty() {
                prop_assert_eq!(&after, &before, "{:?} changed the ticket silently", step);
            }
            ticket = after;
        }
    }
}
