//! `schedule` and `schedule_entry`: business hours for SLA due dates.
//!
//! Schedule 1 is `core.schedule_id`; its holidays come from schedule 4 (see the
//! `schedule.1` row in `config`). Entries are recurring periods; the 2019 dates only
//! anchor the recurrence.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use sea_orm::Value;

use super::SeedRow;

/// `BusinessHoursSchedule::FLAG_BIZHRS`: working hours, as opposed to a holiday list.
const BUSINESS_HOURS: u32 = 0x1;

pub(super) struct Schedule {
    id: u32,
    flags: u32,
    name: &'static str,
}

pub(super) const SCHEDULES: [Schedule; 4] = [
    Schedule {
        id: 1,
        flags: BUSINESS_HOURS,
        name: "Monday - Friday 8am - 5pm with U.S. Holidays",
    },
    Schedule {
        id: 2,
        flags: BUSINESS_HOURS,
        name: "24/7",
    },
    Schedule {
        id: 3,
        flags: BUSINESS_HOURS,
        name: "24/5",
    },
    Schedule {
        id: 4,
        flags: 0,
        name: "U.S. Holidays",
    },
];

impl SeedRow<7> for Schedule {
    const TABLE: &'static str = "schedule";
    const COLUMNS: [&'static str; 7] = [
        "id",
        "flags",
        "name",
        "timezone",
        "description",
        "created",
        "updated",
    ];
    const SERIAL: Option<&'static str> = Some("id");

    fn values(&self, now: NaiveDateTime) -> [Value; 7] {
        [
            self.id.into(),
            self.flags.into(),
            self.name.into(),
            // No zone of its own: the system's `default_timezone` applies.
            Option::<&str>::None.into(),
            "".into(),
            now.into(),
            now.into(),
        ]
    }
}

/// How an entry recurs (`schedule_entry.repeats`).
#[derive(Clone, Copy)]
pub(super) enum Repeats {
    Daily,
    Weekdays,
    Weekly,
    Yearly,
}

impl Repeats {
    fn as_str(self) -> &'static str {
        match self {
            Repeats::Daily => "daily",
            Repeats::Weekdays => "weekdays",
            Repeats::Weekly => "weekly",
            Repeats::Yearly => "yearly",
        }
    }
}

pub(super) struct Entry {
    id: u32,
    schedule_id: u32,
    name: &'static str,
    repeats: Repeats,
    /// First occurrence; it starts and ends on that day.
    on: NaiveDate,
    from: NaiveTime,
    to: NaiveTime,
    /// Weekly: ISO weekday (1 = Monday). Yearly: day of month, or the weekday when
    /// `week` is set.
    day: Option<i32>,
    /// Yearly: which occurrence of `day` in the month (-1 = the last).
    week: Option<i32>,
    month: Option<i32>,
}

// Evaluated at compile time: an impossible date or time fails the build.
const fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(year, month, day) {
        Some(date) => date,
        None => panic!("not a calendar date"),
    }
}

const fn time(hour: u32, minute: u32, second: u32) -> NaiveTime {
    match NaiveTime::from_hms_opt(hour, minute, second) {
        Some(time) => time,
        None => panic!("not a time of day"),
    }
}

const WORKDAY_FROM: NaiveTime = time(8, 0, 0);
const WORKDAY_TO: NaiveTime = time(17, 0, 0);
const DAY_FROM: NaiveTime = time(0, 0, 0);
const DAY_TO: NaiveTime = time(23, 59, 59);

const fn weekday(id: u32, name: &'static str, on: NaiveDate, iso_day: i32) -> Entry {
    Entry {
        id,
        schedule_id: 1,
        name,
        repeats: Repeats::Weekly,
        on,
        from: WORKDAY_FROM,
        to: WORKDAY_TO,
        day: Some(iso_day),
        week: None,
        month: None,
    }
}

const fn holiday(
    id: u32,
    name: &'static str,
    on: NaiveDate,
    day: i32,
    week: Option<i32>,
    month: i32,
) -> Entry {
    Entry {
        id,
        schedule_id: 4,
        name,
        repeats: Repeats::Yearly,
        on,
        from: DAY_FROM,
        to: DAY_TO,
        day: Some(day),
        week,
        month: Some(month),
    }
}

pub(super) const ENTRIES: [Entry; 16] = [
    weekday(1, "Monday", date(2019, 1, 7), 1),
    weekday(2, "Tuesday", date(2019, 1, 8), 2),
    weekday(3, "Wednesday", date(2019, 1, 9), 3),
    weekday(4, "Thursday", date(2019, 1, 10), 4),
    weekday(5, "Friday", date(2019, 1, 11), 5),
    Entry {
        id: 6,
        schedule_id: 2,
        name: "Daily",
        repeats: Repeats::Daily,
        on: date(2019, 1, 1),
        from: DAY_FROM,
        to: DAY_TO,
        day: None,
        week: None,
        month: None,
    },
    Entry {
        id: 7,
        schedule_id: 3,
        name: "Weekdays",
        repeats: Repeats::Weekdays,
        on: date(2019, 1, 1),
        from: DAY_FROM,
        to: DAY_TO,
        day: None,
        week: None,
        month: None,
    },
    holiday(8, "New Year's Day", date(2019, 1, 1), 1, None, 1),
    // Third Monday of January.
    holiday(9, "MLK Day", date(2019, 1, 21), 1, Some(3), 1),
    // Last Monday of May.
    holiday(10, "Memorial Day", date(2019, 5, 27), 1, Some(-1), 5),
    holiday(
        11,
        "Independence Day (4th of July)",
        date(2019, 7, 4),
        4,
        None,
        7,
    ),
    // First Monday of September.
    holiday(12, "Labor Day", date(2019, 9, 2), 1, Some(1), 9),
    // Second Monday of October.
    holiday(
        13,
        "Indigenous Peoples' Day (Whodat Columbus)",
        date(2019, 10, 14),
        1,
        Some(2),
        10,
    ),
    holiday(14, "Veterans Day", date(2019, 11, 11), 11, None, 11),
    // Fourth Thursday of November.
    holiday(15, "Thanksgiving Day", date(2019, 11, 28), 4, Some(4), 11),
    // osTicket anchors Christmas on 2019-11-25; the recurrence (day 25 of month 12) is what counts.
    holiday(16, "Christmas Day", date(2019, 11, 25), 25, None, 12),
];

impl SeedRow<16> for Entry {
    const TABLE: &'static str = "schedule_entry";
    const COLUMNS: [&'static str; 16] = [
        "id",
        "schedule_id",
        "flags",
        "sort",
        "name",
        "repeats",
        "starts_on",
        "starts_at",
        "ends_on",
        "ends_at",
        "stops_on",
        "day",
        "week",
        "month",
        "created",
        "updated",
    ];
    const SERIAL: Option<&'static str> = Some("id");

    fn values(&self, now: NaiveDateTime) -> [Value; 16] {
        [
            self.id.into(),
            self.schedule_id.into(),
            0_u32.into(),
            0_u32.into(),
            self.name.into(),
            self.repeats.as_str().into(),
            self.on.into(),
            self.from.into(),
            self.on.into(),
            self.to.into(),
            Option::<NaiveDateTime>::None.into(),
            self.day.into(),
            self.week.into(),
            self.month.into(),
            now.into(),
            now.into(),
        ]
    }
}
