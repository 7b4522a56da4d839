//! Schedule rows for the unit tests, including the ones a fresh osTicket
//! install seeds.

use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use oxt_ticket::ids::ScheduleId;

use crate::{
    BusinessCalendar, HolidaySchedule, Schedule, ScheduleEntryId, ScheduleEntryRow, ScheduleRow,
};

pub(crate) fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

pub(crate) fn time(h: u32, m: u32, s: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, s).unwrap()
}

pub(crate) fn utc(y: i32, m: u32, d: u32, h: u32, min: u32, s: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, s).unwrap()
}

/// The instant the clock in `zone` reads the given time (which must exist and be unambiguous).
pub(crate) fn local(zone: Tz, y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    zone.with_ymd_and_hms(y, m, d, h, min, 0)
        .single()
        .unwrap()
        .with_timezone(&Utc)
}

/// An entry on `on` from `starts_at` to `ends_at` the same day.
pub(crate) fn entry(
    id: u32,
    repeats: &str,
    on: NaiveDate,
    starts_at: NaiveTime,
    ends_at: NaiveTime,
) -> ScheduleEntryRow {
    ScheduleEntryRow {
        id: ScheduleEntryId::new(id),
        repeats: repeats.to_owned(),
        starts_on: Some(on),
        starts_at: Some(starts_at),
        ends_on: Some(on),
        ends_at: Some(ends_at),
        stops_on: None,
        day: None,
        week: None,
        month: None,
    }
}

pub(crate) fn all_day(id: u32, repeats: &str, on: NaiveDate) -> ScheduleEntryRow {
    entry(id, repeats, on, time(0, 0, 0), time(23, 59, 59))
}

pub(crate) fn schedule(
    id: u32,
    timezone: Option<&str>,
    entries: Vec<ScheduleEntryRow>,
) -> ScheduleRow {
    ScheduleRow {
        id: ScheduleId::new(id),
        timezone: timezone.map(str::to_owned),
        entries,
    }
}

/// Schedule 1 of a fresh install, "Monday - Friday 8am - 5pm with U.S. Holidays":
/// one `weekly` row per weekday.
pub(crate) fn seeded_business_hours() -> ScheduleRow {
    let weekday = |id: u32, day: u32| ScheduleEntryRow {
        day: Some(day as i8),
        ..entry(
            id,
            "weekly",
            date(2019, 1, 6 + day),
            time(8, 0, 0),
            time(17, 0, 0),
        )
    };
    schedule(1, None, (1..=5).map(|day| weekday(day, day)).collect())
}

/// Schedule 4 of a fresh install, "U.S. Holidays", row for row.
pub(crate) fn seeded_us_holidays() -> ScheduleRow {
    let yearly = |id: u32, on: NaiveDate, day: i8, week: Option<i8>, month: i8| ScheduleEntryRow {
        day: Some(day),
        week,
        month: Some(month),
        ..all_day(id, "yearly", on)
    };
    schedule(
        4,
        None,
        vec![
            yearly(8, date(2019, 1, 1), 1, None, 1),
            yearly(9, date(2019, 1, 21), 1, Some(3), 1),
            yearly(10, date(2019, 5, 27), 1, Some(-1), 5),
            yearly(11, date(2019, 7, 4), 4, None, 7),
            yearly(12, date(2019, 9, 2), 1, Some(1), 9),
            yearly(13, date(2019, 10, 14), 1, Some(2), 10),
            yearly(14, date(2019, 11, 11), 11, None, 11),
            yearly(15, date(2019, 11, 28), 4, Some(4), 11),
            yearly(16, date(2019, 11, 25), 25, None, 12),
        ],
    )
}

pub(crate) fn calendar(business: &ScheduleRow, holidays: &[ScheduleRow]) -> BusinessCalendar {
    let schedule = Schedule::parse(business, chrono_tz::UTC).unwrap();
    let holidays: Vec<HolidaySchedule> = holidays
        .iter()
        .map(|row| HolidaySchedule::parse(row).unwrap())
        .collect();
    BusinessCalendar::new(&schedule, &holidays)
}
