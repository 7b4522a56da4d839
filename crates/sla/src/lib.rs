//! SLA arithmetic as osTicket defines it: business-hours and holiday
//! schedules (`ost_schedule`, `ost_schedule_entry`) in their own time zones,
//! due dates that count only business time, business time elapsed between
//! two instants, and the overdue rule.
//!
//! Pure: no I/O, no clock. The caller passes `now` and the rows.
//!
//! ```
//! use chrono::{TimeZone, Utc};
//! use oxt_sla::{BusinessCalendar, GracePeriod, Schedule, ScheduleEntryId, ScheduleEntryRow, ScheduleRow, due};
//! use oxt_ticket::ids::ScheduleId;
//!
//! let weekdays_8_to_5 = ScheduleRow {
//!     id: ScheduleId::new(1),
//!     timezone: None,
//!     entries: vec![ScheduleEntryRow {
//!         id: ScheduleEntryId::new(1),
//!         repeats: "weekdays".into(),
//!         starts_on: chrono::NaiveDate::from_ymd_opt(2019, 1, 1),
//!         starts_at: chrono::NaiveTime::from_hms_opt(8, 0, 0),
//!         ends_on: chrono::NaiveDate::from_ymd_opt(2019, 1, 1),
//!         ends_at: chrono::NaiveTime::from_hms_opt(17, 0, 0),
//!         stops_on: None,
//!         day: None,
//!         week: None,
//!         month: None,
//!     }],
//! };
//! let schedule = Schedule::parse(&weekdays_8_to_5, chrono_tz::UTC)?;
//! let calendar = BusinessCalendar::new(&schedule, &[]);
//! let created = Utc.with_ymd_and_hms(2026, 11, 21, 23, 32, 49).unwrap(); // a Saturday
//! let due_at = due(created, GracePeriod::parse_hours(18)?, Some(&calendar))?;
//! assert_eq!(due_at, Utc.with_ymd_and_hms(2026, 11, 24, 17, 0, 0).unwrap());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod calendar;
mod due;
mod grace;
mod overdue;
mod recurrence;
mod schedule;
#[cfg(test)]
mod test_rows;

pub use calendar::BusinessCalendar;
pub use due::{DueError, business_time_between, due};
pub use grace::{GracePeriod, GracePeriodError};
pub use overdue::{OverdueInput, becomes_overdue, is_overdue};
pub use recurrence::{Nth, Recurrence};
pub use schedule::{
    EntryProblem, HolidaySchedule, Schedule, ScheduleEntry, ScheduleEntryId, ScheduleEntryRow,
    ScheduleError, ScheduleRow,
};
