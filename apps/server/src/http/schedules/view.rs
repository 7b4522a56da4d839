//! The JSON shapes of a schedule and its entries, both ways.

use crate::http::problem::FieldError;
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use oxt_service::schedules::{
    ScheduleDetails, ScheduleEntryRecord, ScheduleEntryValues, ScheduleKind,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// `business_hours` or `holidays` (`ost_schedule.flags` bit 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ScheduleKindBody {
    BusinessHours,
    Holidays,
}

impl From<ScheduleKindBody> for ScheduleKind {
    fn from(kind: ScheduleKindBody) -> Self {
        match kind {
            ScheduleKindBody::BusinessHours => Self::BusinessHours,
            ScheduleKindBody::Holidays => Self::Holidays,
        }
    }
}

impl From<ScheduleKind> for ScheduleKindBody {
    fn from(kind: ScheduleKind) -> Self {
        match kind {
            ScheduleKind::BusinessHours => Self::BusinessHours,
            ScheduleKind::Holidays => Self::Holidays,
        }
    }
}

/// One schedule with its entries.
#[derive(Debug, Serialize, ToSchema)]
pub struct ScheduleBody {
    pub id: u32,
    pub kind: ScheduleKindBody,
    pub name: String,
    /// IANA zone; `null`: the help desk's zone (business hours) or floating (holidays).
    pub timezone: Option<String>,
    pub description: String,
    /// Business hours: the holiday schedules whose days are not business time.
    pub holiday_schedule_ids: Vec<u32>,
    pub entries: Vec<ScheduleEntryBody>,
    pub created: Option<DateTime<Utc>>,
    pub updated: Option<DateTime<Utc>>,
}

/// Every schedule, by name.
#[derive(Debug, Serialize, ToSchema)]
pub struct ScheduleListBody {
    pub items: Vec<ScheduleBody>,
}

/// One `ost_schedule_entry` row.
#[derive(Debug, Serialize, ToSchema)]
pub struct ScheduleEntryBody {
    pub id: u32,
    pub sort: u32,
    pub name: String,
    /// `never`, `daily`, `weekdays`, `weekends`, `weekly`, `monthly` or `yearly`.
    pub repeats: String,
    pub starts_on: NaiveDate,
    pub starts_at: Option<NaiveTime>,
    pub ends_on: Option<NaiveDate>,
    /// An end at `:59` seconds covers that whole last minute (osTicket's `23:59:59`).
    pub ends_at: Option<NaiveTime>,
    /// The whole day: `00:00:00` to `23:59:59`.
    pub all_day: bool,
    pub stops_on: Option<NaiveDate>,
    pub day: Option<i8>,
    pub week: Option<i8>,
    pub month: Option<i8>,
}

impl From<ScheduleDetails> for ScheduleBody {
    fn from(schedule: ScheduleDetails) -> Self {
        Self {
            id: schedule.id.get(),
            kind: schedule.kind.into(),
            name: schedule.name,
            timezone: schedule.timezone,
            description: schedule.description,
            holiday_schedule_ids: schedule
                .holiday_schedules
                .iter()
                .map(|id| id.get())
                .collect(),
            entries: schedule
                .entries
                .into_iter()
                .map(ScheduleEntryBody::from)
                .collect(),
            created: schedule.created,
            updated: schedule.updated,
        }
    }
}

impl From<ScheduleEntryRecord> for ScheduleEntryBody {
    fn from(entry: ScheduleEntryRecord) -> Self {
        let values = entry.values;
        let (midnight, last_second) = all_day();
        Self {
            id: entry.id.get(),
            sort: entry.sort,
            all_day: values.starts_at == Some(midnight)
                && values.ends_at == Some(last_second)
                && values.ends_on.is_none_or(|ends| ends == values.starts_on),
            name: values.name,
            repeats: values.repeats,
            starts_on: values.starts_on,
            starts_at: values.starts_at,
            ends_on: values.ends_on,
            ends_at: values.ends_at,
            stops_on: values.stops_on.map(|stops| stops.date()),
            day: values.day,
            week: values.week,
            month: values.month,
        }
    }
}

/// An entry as sent. `name`, `repeats` and `starts_on` are required;
/// `all_day` stands for `starts_at` 00:00:00 and `ends_at` 23:59:59.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ScheduleEntryInput {
    name: Option<String>,
    /// `never`, `daily`, `weekdays`, `weekends`, `weekly`, `monthly` or `yearly`.
    repeats: Option<String>,
    starts_on: Option<NaiveDate>,
    /// `HH:MM:SS`; default midnight.
    starts_at: Option<NaiveTime>,
    /// Default: the day it starts; a later day runs past midnight.
    ends_on: Option<NaiveDate>,
    /// `HH:MM:SS`; default the end of the day. `:59` seconds covers the whole minute.
    ends_at: Option<NaiveTime>,
    all_day: Option<bool>,
    /// The last day it occurs; default never stops.
    stops_on: Option<NaiveDate>,
    /// `weekly`: 1 (Monday) to 7. `monthly`/`yearly`: day of the month, or weekday with `week`.
    day: Option<i8>,
    /// `monthly`/`yearly`: 1 to 5, or -1 for the last.
    week: Option<i8>,
    /// `yearly`: 1 to 12.
    month: Option<i8>,
}

/// osTicket's all-day entry: midnight to `23:59:59`.
fn all_day() -> (NaiveTime, NaiveTime) {
    (
        NaiveTime::MIN,
        NaiveTime::from_hms_opt(23, 59, 59).unwrap_or(NaiveTime::MIN),
    )
}

/// Reads the entries, naming every missing or contradictory field.
pub fn parse_entries(
    entries: Vec<ScheduleEntryInput>,
    errors: &mut Vec<FieldError>,
) -> Vec<ScheduleEntryValues> {
    let mut parsed = Vec::with_capacity(entries.len());
    for (index, entry) in entries.into_iter().enumerate() {
        let field = |name: &str| format!("entries[{index}].{name}");
        let mut required = |name: &str, present: bool| {
            if !present {
                errors.push(FieldError::new(
                    field(name),
                    "required",
                    format!("{name} is required"),
                ));
            }
        };
        required("name", entry.name.is_some());
        required("repeats", entry.repeats.is_some());
        required("starts_on", entry.starts_on.is_some());
        let (mut starts_at, mut ends_at) = (entry.starts_at, entry.ends_at);
        if entry.all_day == Some(true) {
            if starts_at.is_some() || ends_at.is_some() {
                errors.push(FieldError::new(
                    field("all_day"),
                    "invalid",
                    "an all-day entry takes no starts_at or ends_at",
                ));
            }
            let (midnight, last_second) = all_day();
            (starts_at, ends_at) = (Some(midnight), Some(last_second));
        }
        let (Some(name), Some(repeats), Some(starts_on)) =
            (entry.name, entry.repeats, entry.starts_on)
        else {
            continue;
        };
        parsed.push(ScheduleEntryValues {
            name,
            repeats,
            starts_on,
            starts_at,
            ends_on: entry.ends_on,
            ends_at,
            stops_on: entry.stops_on.map(|day| day.and_time(NaiveTime::MIN)),
            day: entry.day,
            week: entry.week,
            month: entry.month,
        });
    }
    parsed
}
