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
    /// Required: the first day the entry can occur (the only one for `never`).
    pub starts_on: Option<NaiveDate>,
    /// Wall-clock time in the schedule's zone; missing means midnight.
    pub starts_at: Option<NaiveTime>,
    /// Missing means the day it starts; a later day makes each occurrence
    /// run past midnight.
    pub ends_on: Option<NaiveDate>,
    /// Missing means the end of the day; `HH:MM:59` includes that last
    /// second, so osTicket's all-day `23:59:59` runs to midnight.
    pub ends_at: Option<NaiveTime>,
    /// The last day the entry occurs (its time of day is not used).
    pub stops_on: Option<NaiveDateTime>,
    /// `weekly`: weekday 1–7 (Monday first). `monthly`/`yearly`: day of the
    /// month 1–31, or the weekday when `week` is set.
    pub day: Option<i8>,
    /// `monthly`/`yearly`: 1–5 or -1 (last) for "the nth weekday"; empty or 0 means by date.
    pub week: Option<i8>,
    /// `yearly`: 1–12.
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
        TimeDelta::seconds(if time.second() == 59 {
            seconds + 1
        } else {
            seconds
        })
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_rows::*;

    fn problem(row: ScheduleEntryRow) -> (EntryProblem, &'static str) {
        let error = ScheduleEntry::parse(&row).unwrap_err();
        let field = error.field();
        match error {
            ScheduleError::InvalidEntry { entry, problem } => {
                assert_eq!(entry, row.id);
                (problem, field)
            }
            other => panic!("expected an invalid entry, got {other:?}"),
        }
    }

    fn nine_to_five(repeats: &str) -> ScheduleEntryRow {
        entry(3, repeats, date(2026, 1, 5), time(9, 0, 0), time(17, 0, 0))
    }

    #[test]
    fn the_schedules_of_a_fresh_osticket_install_parse() {
        let business = Schedule::parse(&seeded_business_hours(), chrono_tz::UTC).unwrap();
        assert_eq!(business.entries().len(), 5);
        assert_eq!(
            business.entries()[0].recurrence(),
            Recurrence::Weekly(Weekday::Mon)
        );
        let holidays = HolidaySchedule::parse(&seeded_us_holidays()).unwrap();
        assert_eq!(holidays.timezone(), None);
        assert_eq!(
            holidays.entries()[1].recurrence(),
            Recurrence::YearlyOnWeekday {
                month: 1,
                nth: Nth::Third,
                weekday: Weekday::Mon
            }
        );
        // Christmas is stored with starts_on 2019-11-25 but day 25, month 12.
        assert_eq!(
            holidays.entries()[8].recurrence(),
            Recurrence::YearlyOnDate { month: 12, day: 25 }
        );
    }

    #[test]
    fn an_unknown_time_zone_is_rejected_naming_the_timezone_column() {
        let row = schedule(3, Some("Mars/Olympus_Mons"), vec![]);
        let error = Schedule::parse(&row, chrono_tz::UTC).unwrap_err();
        assert_eq!(
            error,
            ScheduleError::UnknownTimezone {
                schedule: ScheduleId::new(3),
                name: "Mars/Olympus_Mons".to_owned()
            }
        );
        assert_eq!(error.field(), "timezone");
        assert!(HolidaySchedule::parse(&row).is_err());
    }

    #[test]
    fn an_empty_time_zone_means_the_help_desk_zone() {
        let row = schedule(3, Some(""), vec![]);
        let schedule = Schedule::parse(&row, chrono_tz::Europe::Paris).unwrap();
        assert_eq!(schedule.timezone(), chrono_tz::Europe::Paris);
        assert_eq!(HolidaySchedule::parse(&row).unwrap().timezone(), None);
    }

    #[test]
    fn a_named_time_zone_is_kept() {
        let row = schedule(3, Some("Asia/Kolkata"), vec![]);
        assert_eq!(
            Schedule::parse(&row, chrono_tz::UTC).unwrap().timezone(),
            chrono_tz::Asia::Kolkata
        );
    }

    #[test]
    fn an_entry_ending_before_it_starts_is_rejected() {
        let row = entry(3, "daily", date(2026, 1, 5), time(17, 0, 0), time(9, 0, 0));
        assert_eq!(problem(row), (EntryProblem::EndsBeforeItStarts, "ends_at"));
        let empty = entry(3, "daily", date(2026, 1, 5), time(9, 0, 0), time(9, 0, 0));
        assert_eq!(
            problem(empty),
            (EntryProblem::EndsBeforeItStarts, "ends_at")
        );
    }

    #[test]
    fn an_end_date_before_the_start_date_is_rejected() {
        let row = ScheduleEntryRow {
            ends_on: Some(date(2026, 1, 4)),
            ..nine_to_five("daily")
        };
        assert_eq!(
            problem(row),
            (EntryProblem::EndDateBeforeStartDate, "ends_on")
        );
    }

    #[test]
    fn an_entry_lasting_more_than_a_year_is_rejected() {
        let row = ScheduleEntryRow {
            ends_on: Some(date(2027, 1, 7)),
            ..nine_to_five("never")
        };
        assert_eq!(
            problem(row),
            (EntryProblem::LastsTooLong { max_days: 366 }, "ends_on")
        );
    }

    #[test]
    fn an_entry_may_run_into_the_next_day() {
        let row = ScheduleEntryRow {
            ends_on: Some(date(2026, 1, 6)),
            ..entry(3, "daily", date(2026, 1, 5), time(22, 0, 0), time(6, 0, 0))
        };
        assert_eq!(
            ScheduleEntry::parse(&row).unwrap().wall_length(),
            TimeDelta::hours(8)
        );
    }

    #[test]
    fn an_end_at_59_seconds_covers_that_last_second() {
        let all_day = all_day(3, "daily", date(2026, 1, 5));
        assert_eq!(
            ScheduleEntry::parse(&all_day).unwrap().wall_length(),
            TimeDelta::hours(24)
        );
        let half_past_five = entry(
            3,
            "daily",
            date(2026, 1, 5),
            time(9, 0, 0),
            time(17, 30, 59),
        );
        assert_eq!(
            ScheduleEntry::parse(&half_past_five).unwrap().wall_length(),
            TimeDelta::minutes(8 * 60 + 31)
        );
    }

    #[test]
    fn missing_times_mean_the_whole_day() {
        let row = ScheduleEntryRow {
            starts_at: None,
            ends_at: None,
            ..nine_to_five("daily")
        };
        let entry = ScheduleEntry::parse(&row).unwrap();
        assert_eq!(entry.starts_at(), NaiveTime::MIN);
        assert_eq!(entry.wall_length(), TimeDelta::hours(24));
    }

    #[test]
    fn an_entry_without_a_start_date_is_rejected() {
        let row = ScheduleEntryRow {
            starts_on: None,
            ..nine_to_five("daily")
        };
        assert_eq!(problem(row), (EntryProblem::MissingStartDate, "starts_on"));
    }

    #[test]
    fn an_entry_stopping_before_it_starts_is_rejected() {
        let row = ScheduleEntryRow {
            stops_on: Some(date(2026, 1, 4).and_time(NaiveTime::MIN)),
            ..nine_to_five("daily")
        };
        assert_eq!(
            problem(row),
            (EntryProblem::StopsBeforeItStarts, "stops_on")
        );
    }

    #[test]
    fn an_unknown_repeat_is_rejected() {
        assert_eq!(
            problem(nine_to_five("fortnightly")),
            (
                EntryProblem::UnknownRepeat("fortnightly".to_owned()),
                "repeats"
            )
        );
    }

    #[test]
    fn every_osticket_repeat_is_understood() {
        let parsed = |row: ScheduleEntryRow| ScheduleEntry::parse(&row).unwrap().recurrence();
        assert_eq!(parsed(nine_to_five("never")), Recurrence::Once);
        assert_eq!(parsed(nine_to_five("daily")), Recurrence::Daily);
        assert_eq!(parsed(nine_to_five("weekdays")), Recurrence::Weekdays);
        assert_eq!(parsed(nine_to_five("weekends")), Recurrence::Weekends);
        let on = |day: i8, week: Option<i8>, month: Option<i8>, repeats| ScheduleEntryRow {
            day: Some(day),
            week,
            month,
            ..nine_to_five(repeats)
        };
        assert_eq!(
            parsed(on(7, None, None, "weekly")),
            Recurrence::Weekly(Weekday::Sun)
        );
        assert_eq!(
            parsed(on(31, Some(0), None, "monthly")),
            Recurrence::MonthlyOnDay(31)
        );
        assert_eq!(
            parsed(on(5, Some(-1), None, "monthly")),
            Recurrence::MonthlyOnWeekday {
                nth: Nth::Last,
                weekday: Weekday::Fri
            }
        );
        assert_eq!(
            parsed(on(29, None, Some(2), "yearly")),
            Recurrence::YearlyOnDate { month: 2, day: 29 }
        );
        assert_eq!(
            parsed(on(4, Some(4), Some(11), "yearly")),
            Recurrence::YearlyOnWeekday {
                month: 11,
                nth: Nth::Fourth,
                weekday: Weekday::Thu
            }
        );
    }

    #[test]
    fn a_weekly_entry_needs_a_weekday() {
        assert_eq!(
            problem(nine_to_five("weekly")),
            (EntryProblem::MissingDay, "day")
        );
        let sunday_plus_one = ScheduleEntryRow {
            day: Some(8),
            ..nine_to_five("weekly")
        };
        assert_eq!(
            problem(sunday_plus_one),
            (EntryProblem::WeekdayOutOfRange(8), "day")
        );
        let zero = ScheduleEntryRow {
            day: Some(0),
            ..nine_to_five("weekly")
        };
        assert_eq!(problem(zero), (EntryProblem::WeekdayOutOfRange(0), "day"));
    }

    #[test]
    fn a_monthly_entry_needs_a_day_of_the_month_and_a_known_week() {
        let day_32 = ScheduleEntryRow {
            day: Some(32),
            ..nine_to_five("monthly")
        };
        assert_eq!(
            problem(day_32),
            (EntryProblem::DayOfMonthOutOfRange(32), "day")
        );
        let sixth_week = ScheduleEntryRow {
            day: Some(1),
            week: Some(6),
            ..nine_to_five("monthly")
        };
        assert_eq!(
            problem(sixth_week),
            (EntryProblem::WeekOutOfRange(6), "week")
        );
    }

    #[test]
    fn a_yearly_entry_needs_a_month_and_a_date_that_exists() {
        let no_month = ScheduleEntryRow {
            day: Some(1),
            ..nine_to_five("yearly")
        };
        assert_eq!(problem(no_month), (EntryProblem::MissingMonth, "month"));
        let month_13 = ScheduleEntryRow {
            day: Some(1),
            month: Some(13),
            ..nine_to_five("yearly")
        };
        assert_eq!(
            problem(month_13),
            (EntryProblem::MonthOutOfRange(13), "month")
        );
        let april_31 = ScheduleEntryRow {
            day: Some(31),
            month: Some(4),
            ..nine_to_five("yearly")
        };
        assert_eq!(
            problem(april_31),
            (EntryProblem::DateNeverOccurs { month: 4, day: 31 }, "day")
        );
    }

    #[test]
    fn the_first_bad_entry_fails_the_whole_schedule() {
        let row = schedule(
            3,
            None,
            vec![
                nine_to_five("daily"),
                ScheduleEntryRow {
                    id: ScheduleEntryId::new(9),
                    ..nine_to_five("hourly")
                },
            ],
        );
        assert!(matches!(
            Schedule::parse(&row, chrono_tz::UTC),
            Err(ScheduleError::InvalidEntry { entry, .. }) if entry == ScheduleEntryId::new(9)
        ));
    }
}
