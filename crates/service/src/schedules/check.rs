//! Checking a schedule before it is written: the name and zone, each entry
//! through `oxt-sla` (the reader the due-date calculator uses, so a stored
//! schedule always parses), the holiday list, and that a business schedule
//! leaves some business time to count.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use oxt_sla::{
    BusinessCalendar, EntryProblem, GracePeriod, HolidaySchedule, Schedule, ScheduleEntry,
    ScheduleEntryId, ScheduleEntryRow, ScheduleError, ScheduleRow, due,
};
use oxt_store::sla::{ScheduleEntryValues, ScheduleKind, find_schedule_kind};
use oxt_store::tickets::find_schedule;
use oxt_store::{Conn, StoreError};
use oxt_ticket::ids::ScheduleId;
use std::collections::HashSet;

/// `ost_schedule.name`, `description` and `ost_schedule_entry.name` are `varchar(255)`.
const MAX_NAME: usize = 255;
/// `ost_schedule_entry.sort` is a `tinyint unsigned`.
const MAX_ENTRIES: usize = 256;

/// One invalid field, named as the client sent it (`entries[2].ends_at`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {problem}")]
pub struct InvalidScheduleField {
    pub field: String,
    pub problem: ScheduleProblem,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScheduleProblem {
    #[error("a name is required")]
    NameRequired,
    #[error("longer than {0} characters")]
    TooLong(usize),
    #[error("unknown time zone {0:?}")]
    UnknownTimezone(String),
    #[error(transparent)]
    Entry(EntryProblem),
    #[error("another entry of the schedule has this name")]
    DuplicateEntryName,
    #[error("a schedule holds at most {0} entries")]
    TooManyEntries(usize),
    #[error("the schedule, less its holidays, has no business time from now on")]
    NoBusinessTime,
    #[error("schedule {0} does not exist")]
    UnknownSchedule(ScheduleId),
    #[error("schedule {0} is a business-hours schedule, not a holiday schedule")]
    NotHolidays(ScheduleId),
    #[error("holiday schedule {0} has rows that cannot be read")]
    UnreadableHolidays(ScheduleId),
    #[error("only a business-hours schedule lists holiday schedules")]
    HolidaysNotAllowed,
}

/// A schedule as it would be after the write, and which parts the write
/// changes (only those are checked, so an osTicket row the write does not
/// touch never blocks it).
pub(crate) struct ScheduleDraft<'a> {
    pub kind: ScheduleKind,
    pub name: &'a str,
    pub timezone: Option<&'a str>,
    pub description: &'a str,
    pub holidays: &'a [ScheduleId],
    pub entries: &'a [ScheduleEntryValues],
    pub holidays_changed: bool,
    pub entries_changed: bool,
    pub timezone_changed: bool,
}

/// Every problem of `draft`, in field order; empty when it may be written.
pub(crate) async fn check_schedule(
    db: &impl Conn,
    draft: &ScheduleDraft<'_>,
    helpdesk_zone: Tz,
    now: DateTime<Utc>,
) -> Result<Vec<InvalidScheduleField>, StoreError> {
    let mut invalid = Vec::new();
    let mut push = |field: String, problem| invalid.push(InvalidScheduleField { field, problem });
    check_name(draft.name, "name", &mut push);
    if draft.description.chars().count() > MAX_NAME {
        push("description".to_owned(), ScheduleProblem::TooLong(MAX_NAME));
    }
    let row = ScheduleRow {
        id: ScheduleId::new(0),
        timezone: draft.timezone.map(str::to_owned),
        entries: draft.entries.iter().zip(1..).map(entry_row).collect(),
    };
    if draft.timezone_changed
        && let Some(name) = draft.timezone
        && name.parse::<Tz>().is_err()
    {
        push(
            "timezone".to_owned(),
            ScheduleProblem::UnknownTimezone(name.to_owned()),
        );
    }
    if draft.entries_changed {
        if draft.entries.len() > MAX_ENTRIES {
            push(
                "entries".to_owned(),
                ScheduleProblem::TooManyEntries(MAX_ENTRIES),
            );
        }
        let mut names = HashSet::new();
        for (index, (values, row)) in draft.entries.iter().zip(&row.entries).enumerate() {
            let field = |name: &str| format!("entries[{index}].{name}");
            check_name(&values.name, &field("name"), &mut push);
            if !names.insert(values.name.trim().to_lowercase()) {
                push(field("name"), ScheduleProblem::DuplicateEntryName);
            }
            if let Err(ScheduleError::InvalidEntry { problem, .. }) = ScheduleEntry::parse(row) {
                push(field(problem.field()), ScheduleProblem::Entry(problem));
            }
        }
    }
    let mut holidays = Vec::new();
    if draft.holidays_changed {
        if draft.kind == ScheduleKind::Holidays && !draft.holidays.is_empty() {
            push(
                "holiday_schedule_ids".to_owned(),
                ScheduleProblem::HolidaysNotAllowed,
            );
        }
        for (index, id) in draft.holidays.iter().enumerate() {
            let field = format!("holiday_schedule_ids[{index}]");
            match find_schedule_kind(db, *id).await? {
                None => push(field, ScheduleProblem::UnknownSchedule(*id)),
                Some(ScheduleKind::BusinessHours) => push(field, ScheduleProblem::NotHolidays(*id)),
                Some(ScheduleKind::Holidays) => {}
            }
        }
    }
    let recount = draft.entries_changed || draft.holidays_changed || draft.timezone_changed;
    if !invalid.is_empty() || draft.kind != ScheduleKind::BusinessHours || !recount {
        return Ok(invalid);
    }
    for (index, id) in draft.holidays.iter().enumerate() {
        let parsed = find_schedule(db, *id)
            .await?
            .and_then(|row| HolidaySchedule::parse(&row).ok());
        match parsed {
            Some(schedule) => holidays.push(schedule),
            None => invalid.push(InvalidScheduleField {
                field: format!("holiday_schedule_ids[{index}]"),
                problem: ScheduleProblem::UnreadableHolidays(*id),
            }),
        }
    }
    if invalid.is_empty() && !has_business_time(&row, &holidays, helpdesk_zone, now) {
        invalid.push(InvalidScheduleField {
            field: "entries".to_owned(),
            problem: ScheduleProblem::NoBusinessTime,
        });
    }
    Ok(invalid)
}

/// Whether an hour of business time can still be found after `now`. A
/// schedule without entries counts every hour, as osTicket's does.
fn has_business_time(
    row: &ScheduleRow,
    holidays: &[HolidaySchedule],
    helpdesk_zone: Tz,
    now: DateTime<Utc>,
) -> bool {
    let Ok(schedule) = Schedule::parse(row, helpdesk_zone) else {
        return false;
    };
    let Ok(hour) = GracePeriod::parse_hours(1) else {
        return false;
    };
    let calendar = BusinessCalendar::new(&schedule, holidays);
    due(now, hour, Some(&calendar)).is_ok()
}

fn check_name(name: &str, field: &str, push: &mut impl FnMut(String, ScheduleProblem)) {
    let name = name.trim();
    if name.is_empty() {
        push(field.to_owned(), ScheduleProblem::NameRequired);
    } else if name.chars().count() > MAX_NAME {
        push(field.to_owned(), ScheduleProblem::TooLong(MAX_NAME));
    }
}

fn entry_row((values, id): (&ScheduleEntryValues, u32)) -> ScheduleEntryRow {
    ScheduleEntryRow {
        id: ScheduleEntryId::new(id),
        repeats: values.repeats.clone(),
        starts_on: Some(values.starts_on),
        starts_at: values.starts_at,
        ends_on: values.ends_on,
        ends_at: values.ends_at,
        stops_on: values.stops_on,
        day: values.day,
        week: values.week,
        month: values.month,
    }
}
