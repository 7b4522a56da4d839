//! Business-hours and holiday schedules: `ost_schedule` with its
//! `ost_schedule_entry` rows, read from plain row structs and checked once.
//!
//! The store maps each column to the field of the same name; everything the
//! calculator relies on (a known time zone, an entry that ends after it
//! starts, a `day` that exists) is established here, so a parsed schedule
//! cannot fail later.

use std::fmt;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, Timelike, Weekday};
use chrono_tz::Tz;
use oxt_ticket::ids::ScheduleId;
use serde::{Deserialize, Serialize};

use crate::recurrence::{Nth, Recurrence};

/// `ost_schedule_entry.id`
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ScheduleEntryId(u32);

impl ScheduleEntryId {
    pub const fn new(raw: u32) -> Self {
        Self(raw)
    }

    pub const fn get(self) -> u32 {
        self.0
    }
}

impl fmt::Display for ScheduleEntryId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// One `ost_schedule` row and its entries, column for column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScheduleRow {
    pub id: ScheduleId,
    /// IANA name; `NULL` or empty means the help desk's own zone for a
    /// business-hours schedule, and "floating" for a holiday schedule.
    pub timezone: Option<String>,
    pub entries: Vec<ScheduleEntryRow>,
}

/// One `ost_schedule_entry` row, column for column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScheduleEntryRow {
    pub id: ScheduleEntryId,
    /// `never`, `daily`, `weekdays`, `weekends`, `weekly`, `monthly` or `yearly`.
    pub repeats: String,
    pub starts_on: Option<NaiveDate>,
    pub starts_at: Option<NaiveTime>,
    pub ends_on: Option<NaiveDate>,
    pub ends_at: Option<NaiveTime>,
    pub stops_on: Option<NaiveDateTime>,
    pub day: Option<i8>,
    pub week: Option<i8>,
    pub month: Option<i8>,
}

/// A business-hours schedule (`ost_schedule` with the `FLAG_BIZHRS` bit).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schedule {
    id: ScheduleId,
    timezone: Tz,
    entries: Vec<ScheduleEntry>,
}

impl Schedule {
    /// Reads a business-hours schedule. A schedule without a zone of its own
    /// follows `helpdesk_timezone`, as osTicket's `Schedule::getTimezone()` does.
    pub fn parse(row: &ScheduleRow, helpdesk_timezone: Tz) -> Result<Self, ScheduleError> {
        Ok(Self {
            id: row.id,
            timezone: parse_timezone(row)?.unwrap_or(helpdesk_timezone),
            entries: parse_entries(&row.entries)?,
        })
    }

    pub fn id(&self) -> ScheduleId {
        self.id
    }

    pub fn timezone(&self) -> Tz {
        self.timezone
    }

    pub fn entries(&self) -> &[ScheduleEntry] {
        &self.entries
    }
}

/// A holiday schedule: its entries are taken out of business time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HolidaySchedule {
    id: ScheduleId,
    timezone: Option<Tz>,
    entries: Vec<ScheduleEntry>,
}

impl HolidaySchedule {
    /// Reads a holiday schedule. Without a zone of its own it is floating: its
    /// dates and times are read on the clock of whichever business schedule it
    /// is attached to, which is how osTicket matches holidays (by date, then
    /// by time of day, in the business schedule's zone).
    pub fn parse(row: &ScheduleRow) -> Result<Self, ScheduleError> {
        Ok(Self {
            id: row.id,
            timezone: parse_timezone(row)?,
            entries: parse_entries(&row.entries)?,
        })
    }

    pub fn id(&self) -> ScheduleId {
        self.id
    }

    /// `None` for a floating holiday schedule.
    pub fn timezone(&self) -> Option<Tz> {
        self.timezone
    }

    pub fn entries(&self) -> &[ScheduleEntry] {
        &self.entries
    }
}

/// One checked schedule entry: a stretch of wall-clock time that recurs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScheduleEntry {
    id: ScheduleEntryId,
    recurrence: Recurrence,
    starts: NaiveDateTime,
    wall_length: TimeDelta,
    stops_on: Option<NaiveDate>,
}

/// No entry may last longer than a year: a longer "closed" stretch is better
/// written as a one-off per year, and the bound keeps the look-back short.
const MAX_ENTRY_DAYS: i64 = 366;

impl ScheduleEntry {
    pub fn parse(row: &ScheduleEntryRow) -> Result<Self, ScheduleError> {
        Self::parse_row(row).map_err(|problem| ScheduleError::InvalidEntry {
            entry: row.id,
            problem,
        })
    }

    fn parse_row(row: &ScheduleEntryRow) -> Result<Self, EntryProblem> {
        let recurrence = parse_recurrence(row)?;
        let starts_on = row.starts_on.ok_or(EntryProblem::MissingStartDate)?;
        let starts = starts_on.and_time(row.starts_at.map_or(NaiveTime::MIN, whole_seconds));
        let ends_on = row.ends_on.unwrap_or(starts_on);
        if ends_on < starts_on {
            return Err(EntryProblem::EndDateBeforeStartDate);
        }
        let ends = ends_on.and_time(NaiveTime::MIN) + end_of_period(row.ends_at);
        let wall_length = ends - starts;
        if wall_length <= TimeDelta::zero() {
            return Err(EntryProblem::EndsBeforeItStarts);
        }
        if wall_length > TimeDelta::days(MAX_ENTRY_DAYS) {
            return Err(EntryProblem::LastsTooLong {
                max_days: MAX_ENTRY_DAYS,
            });
        }
        let stops_on = row.stops_on.map(|stops| stops.date());
        if stops_on.is_some_and(|stops| stops < starts_on) {
            return Err(EntryProblem::StopsBeforeItStarts);
        }
        Ok(Self {
            id: row.id,
            recurrence,
            starts,
            wall_length,
            stops_on,
        })
    }

    pub fn id(&self) -> ScheduleEntryId {
        self.id
    }

    pub fn recurrence(&self) -> Recurrence {
        self.recurrence
    }

    /// The first day the entry can occur (`starts_on`).
    pub fn starts_on(&self) -> NaiveDate {
        self.starts.date()
    }

    /// The wall-clock time each occurrence begins at (`starts_at`).
    pub fn starts_at(&self) -> NaiveTime {
        self.starts.time()
    }

    /// How long each occurrence lasts on the wall clock; more than a day for
    /// an entry that ends on a later date than it starts.
    pub fn wall_length(&self) -> TimeDelta {
        self.wall_length
    }

    /// The last day the entry can occur (`stops_on`), if it ever stops.
    pub fn stops_on(&self) -> Option<NaiveDate> {
        self.stops_on
    }
}

/// Everything wrong a schedule row can be, naming the offending column.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScheduleError {
    #[error("schedule {schedule}: unknown time zone {name:?}")]
    UnknownTimezone { schedule: ScheduleId, name: String },
    #[error("schedule entry {entry}: {problem}")]
    InvalidEntry {
        entry: ScheduleEntryId,
        problem: EntryProblem,
    },
}

impl ScheduleError {
    /// The `ost_schedule` / `ost_schedule_entry` column at fault.
    pub fn field(&self) -> &'static str {
        match self {
            Self::UnknownTimezone { .. } => "timezone",
            Self::InvalidEntry { problem, .. } => problem.field(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EntryProblem {
    #[error("repeats {0:?} is none of never, daily, weekdays, weekends, weekly, monthly, yearly")]
    UnknownRepeat(String),
    #[error("starts_on is missing")]
    MissingStartDate,
    #[error("ends_on is before starts_on")]
    EndDateBeforeStartDate,
    #[error("the entry ends before it starts")]
    EndsBeforeItStarts,
    #[error("the entry lasts longer than {max_days} days")]
    LastsTooLong { max_days: i64 },
    #[error("stops_on is before starts_on")]
    StopsBeforeItStarts,
    #[error("day is missing")]
    MissingDay,
    #[error("day {0} is not a weekday (1 = Monday … 7 = Sunday)")]
    WeekdayOutOfRange(i8),
    #[error("day {0} is not a day of the month (1–31)")]
    DayOfMonthOutOfRange(i8),
    #[error("{month}/{day} is not a date in any year")]
    DateNeverOccurs { month: u32, day: u32 },
    #[error("week {0} is not 1–5, or -1 for the last")]
    WeekOutOfRange(i8),
    #[error("month is missing")]
    MissingMonth,
    #[error("month {0} is not 1–12")]
    MonthOutOfRange(i8),
}

impl EntryProblem {
    /// The `ost_schedule_entry` column at fault.
    pub fn field(&self) -> &'static str {
        match self {
            Self::UnknownRepeat(_) => "repeats",
            Self::MissingStartDate => "starts_on",
            Self::EndDateBeforeStartDate | Self::LastsTooLong { .. } => "ends_on",
            Self::EndsBeforeItStarts => "ends_at",
            Self::StopsBeforeItStarts => "stops_on",
            Self::MissingDay
            | Self::WeekdayOutOfRange(_)
            | Self::DayOfMonthOutOfRange(_)
            | Self::DateNeverOccurs { .. } => "day",
            Self::WeekOutOfRange(_) => "week",
            Self::MissingMonth | Self::MonthOutOfRange(_) => "month",
        }
    }
}

fn parse_timezone(row: &ScheduleRow) -> Result<Option<Tz>, ScheduleError> {
    match row.timezone.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(name) => name
            .parse()
            .map(Some)
            .map_err(|_| ScheduleError::UnknownTimezone {
                schedule: row.id,
                name: name.to_owned(),
            }),
    }
}

fn parse_entries(rows: &[ScheduleEntryRow]) -> Result<Vec<ScheduleEntry>, ScheduleError> {
    rows.iter().map(ScheduleEntry::parse).collect()
}

fn whole_seconds(time: NaiveTime) -> NaiveTime {
    time.with_nanosecond(0).unwrap_or(time)
}

/// osTicket writes the end of a period as the last second it covers: all-day
/// entries end at 23:59:59 and "ends at 5:30 pm" is stored as 17:30:59
/// (`ScheduleEntryForm::process`), while its `getHours()` adds that second
/// back. An end at :59 seconds therefore means "up to the next whole minute";
/// a missing end means the end of the day.
fn end_of_period(ends_at: Option<NaiveTime>) -> TimeDelta {
    ends_at.map_or(TimeDelta::days(1), |time| {
        let seconds = i64::from(time.num_seconds_from_midnight());
        TimeDelta::seconds(if time.second() == 59 { seconds + 1 } else { seconds })
    })
}

fn parse_recurrence(row: &ScheduleEntryRow) -> Result<Recurrence, EntryProblem> {
    Ok(match row.repeats.trim().to_ascii_lowercase().as_str() {
        "never" => Recurrence::Once,
        "daily" => Recurrence::Daily,
        "weekdays" => Recurrence::Weekdays,
        "weekends" => Recurrence::Weekends,
        "weekly" => Recurrence::Weekly(weekday(row.day)?),
        "monthly" => match week(row.week)? {
            None => Recurrence::MonthlyOnDay(day_of_month(row.day)?),
            Some(nth) => Recurrence::MonthlyOnWeekday {
                nth,
                weekday: weekday(row.day)?,
            },
        },
        "yearly" => {
            let month = month(row.month)?;
            match week(row.week)? {
                None => {
                    let day = day_of_month(row.day)?;
                    if NaiveDate::from_ymd_opt(2000, month, day).is_none() {
                        return Err(EntryProblem::DateNeverOccurs { month, day });
                    }
                    Recurrence::YearlyOnDate { month, day }
                }
                Some(nth) => Recurrence::YearlyOnWeekday {
                    month,
                    nth,
                    weekday: weekday(row.day)?,
                },
            }
        }
        _ => return Err(EntryProblem::UnknownRepeat(row.repeats.clone())),
    })
}

fn weekday(day: Option<i8>) -> Result<Weekday, EntryProblem> {
    let day = day.ok_or(EntryProblem::MissingDay)?;
    u8::try_from(day)
        .ok()
        .filter(|day| (1..=7).contains(day))
        .and_then(|day| Weekday::try_from(day - 1).ok())
        .ok_or(EntryProblem::WeekdayOutOfRange(day))
}

fn day_of_month(day: Option<i8>) -> Result<u32, EntryProblem> {
    let day = day.ok_or(EntryProblem::MissingDay)?;
    u32::try_from(day)
        .ok()
        .filter(|day| (1..=31).contains(day))
        .ok_or(EntryProblem::DayOfMonthOutOfRange(day))
}

/// `week` empty or 0 means "by date", as in osTicket's `!$info['week']`.
fn week(week: Option<i8>) -> Result<Option<Nth>, EntryProblem> {
    match week {
        None | Some(0) => Ok(None),
        Some(raw) => Nth::from_column(raw)
            .map(Some)
            .ok_or(EntryProblem::WeekOutOfRange(raw)),
    }
}

fn month(month: Option<i8>) -> Result<u32, EntryProblem> {
    let month = month.ok_or(EntryProblem::MissingMonth)?;
    u32::try_from(month)
        .ok()
        .filter(|month| (1..=12).contains(month))
        .ok_or(EntryProblem::MonthOutOfRange(month))
}
