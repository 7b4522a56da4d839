//! Business-hours and holiday schedules (`ost_schedule`, `ost_schedule_entry`)
//! with the holiday list a business schedule keeps in `ost_config`
//! (`schedule.<id>`, `configuration` = `{"holidays":[...]}`): reads for any
//! staff member, writes for administrators, each write one transaction.

mod check;
mod create;
mod delete;
mod get;
mod list;
mod update;

pub use check::{InvalidScheduleField, ScheduleProblem};
pub use create::{CreateScheduleError, NewSchedule, create};
pub use delete::{DeleteScheduleError, ScheduleInUse, delete};
pub use get::{GetScheduleError, get};
pub use list::{ListSchedulesError, list};
pub use oxt_store::sla::{ScheduleEntryRecord, ScheduleEntryValues, ScheduleKind};
pub use update::{ScheduleChanges, UpdateScheduleError, update};

use chrono::{DateTime, Utc};
use oxt_store::sla::ScheduleRecord;
use oxt_ticket::ids::ScheduleId;
use serde_json::{Value, json};

/// A schedule as the API shows it: its row, its entries, and (for business
/// hours) the holiday schedules whose days it skips.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScheduleDetails {
    pub id: ScheduleId,
    pub kind: ScheduleKind,
    pub name: String,
    /// `None`: a business schedule follows the help desk's zone, a holiday
    /// schedule floats (its dates are read on the business schedule's clock).
    pub timezone: Option<String>,
    pub description: String,
    pub holiday_schedules: Vec<ScheduleId>,
    pub entries: Vec<ScheduleEntryRecord>,
    pub created: Option<DateTime<Utc>>,
    pub updated: Option<DateTime<Utc>>,
}

impl From<ScheduleRecord> for ScheduleDetails {
    fn from(record: ScheduleRecord) -> Self {
        Self {
            holiday_schedules: match record.kind {
                ScheduleKind::BusinessHours => {
                    holiday_schedule_ids(record.configuration.as_deref())
                }
                ScheduleKind::Holidays => Vec::new(),
            },
            id: record.id,
            kind: record.kind,
            name: record.name,
            timezone: record.timezone,
            description: record.description,
            entries: record.entries,
            created: record.created,
            updated: record.updated,
        }
    }
}

/// The holiday schedules a `schedule.<id>` `configuration` value lists.
/// osTicket's installer writes numbers and its admin form numeric strings;
/// both are read, anything else is skipped.
pub(crate) fn holiday_schedule_ids(configuration: Option<&str>) -> Vec<ScheduleId> {
    let Some(parsed) = configuration.and_then(|json| serde_json::from_str::<Value>(json).ok())
    else {
        return Vec::new();
    };
    let Some(listed) = parsed.get("holidays").and_then(Value::as_array) else {
        return Vec::new();
    };
    listed
        .iter()
        .filter_map(|id| match id {
            Value::Number(number) => number.as_u64(),
            Value::String(text) => text.trim().parse().ok(),
            _ => None,
        })
        .filter_map(|id| u32::try_from(id).ok())
        .filter_map(ScheduleId::from_column)
        .collect()
}

/// The `configuration` value osTicket's `Schedule::saveConfiguration` writes.
pub(crate) fn holidays_configuration(holidays: &[ScheduleId]) -> String {
    let ids: Vec<u32> = holidays.iter().map(|id| id.get()).collect();
    json!({ "holidays": ids }).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holiday_lists_are_read_as_numbers_or_numeric_strings() {
        assert_eq!(
            holiday_schedule_ids(Some(r#"{"holidays":[4,"5"," 6",0,"x",null]}"#)),
            [4, 5, 6].map(ScheduleId::new)
        );
        assert_eq!(holiday_schedule_ids(Some("not json")), []);
        assert_eq!(holiday_schedule_ids(None), []);
    }

    #[test]
    fn holiday_lists_are_written_as_osticket_installs_them() {
        assert_eq!(
            holidays_configuration(&[ScheduleId::new(4)]),
            r#"{"holidays":[4]}"#
        );
    }
}
