//! Due-date arithmetic over osTicket's default business hours shape:
//! Monday–Friday 09:00–17:00 (five `weekly` rows, as osTicket seeds them)
//! in America/New_York, with a holiday schedule of 20 days a year.

use std::hint::black_box;

use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use oxt_sla::{
    BusinessCalendar, GracePeriod, HolidaySchedule, Schedule, ScheduleEntryId, ScheduleEntryRow,
    ScheduleRow, due,
};
use oxt_ticket::ids::ScheduleId;

fn entry(id: u32, repeats: &str, on: (i32, u32, u32), hours: (u32, u32)) -> ScheduleEntryRow {
    let starts_on = NaiveDate::from_ymd_opt(on.0, on.1, on.2);
    ScheduleEntryRow {
        id: ScheduleEntryId::new(id),
        repeats: repeats.to_owned(),
        starts_on,
        starts_at: NaiveTime::from_hms_opt(hours.0, 0, 0),
        ends_on: starts_on,
        ends_at: if hours.1 == 24 {
            NaiveTime::from_hms_opt(23, 59, 59)
        } else {
            NaiveTime::from_hms_opt(hours.1, 0, 0)
        },
        stops_on: None,
        day: None,
        week: None,
        month: None,
    }
}

fn business_hours() -> ScheduleRow {
    ScheduleRow {
        id: ScheduleId::new(1),
        timezone: Some("America/New_York".to_owned()),
        entries: (1..=5)
            .map(|weekday| ScheduleEntryRow {
                day: Some(weekday as i8),
                ..entry(weekday, "weekly", (2019, 1, 6 + weekday), (9, 17))
            })
            .collect(),
    }
}

/// 20 holidays a year: fixed dates and "nth weekday of" rules.
fn holidays() -> ScheduleRow {
    let on_date = |id: u32, month: i8, day: i8| ScheduleEntryRow {
        day: Some(day),
        month: Some(month),
        ..entry(id, "yearly", (2019, 1, 1), (0, 24))
    };
    let on_weekday = |id: u32, month: i8, week: i8, weekday: i8| ScheduleEntryRow {
        day: Some(weekday),
        week: Some(week),
        month: Some(month),
        ..entry(id, "yearly", (2019, 1, 1), (0, 24))
    };
    ScheduleRow {
        id: ScheduleId::new(4),
        timezone: None,
        entries: vec![
            on_date(1, 1, 1),
            on_date(2, 1, 2),
            on_weekday(3, 1, 3, 1),
            on_weekday(4, 2, 3, 1),
            on_date(5, 3, 17),
            on_weekday(6, 4, 1, 5),
            on_weekday(7, 5, -1, 1),
            on_date(8, 6, 19),
            on_date(9, 7, 3),
            on_date(10, 7, 4),
            on_weekday(11, 8, 1, 1),
            on_weekday(12, 9, 1, 1),
            on_weekday(13, 10, 2, 1),
            on_date(14, 10, 31),
            on_date(15, 11, 11),
            on_weekday(16, 11, 4, 4),
            on_weekday(17, 11, 4, 5),
            on_date(18, 12, 24),
            on_date(19, 12, 25),
            on_date(20, 12, 31),
        ],
    }
}

fn calendar() -> BusinessCalendar {
    let schedule = Schedule::parse(&business_hours(), chrono_tz::UTC).expect("valid schedule");
    let holidays = HolidaySchedule::parse(&holidays()).expect("valid holidays");
    BusinessCalendar::new(&schedule, &[holidays])
}

fn instant(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
}

fn due_dates(c: &mut Criterion) {
    let calendar = calendar();
    let eight_hours = GracePeriod::parse_hours(8).unwrap();
    let thirty_days = GracePeriod::parse_hours(30 * 24).unwrap();
    // Tuesday 10:17 in New York.
    let tuesday_morning = instant(2026, 3, 3, 15, 17);
    // Friday 15:40 in New York, before a Monday holiday.
    let friday_afternoon = instant(2026, 1, 16, 20, 40);

    c.bench_function("due 8h grace, weekday start", |b| {
        b.iter(|| due(black_box(tuesday_morning), eight_hours, Some(&calendar)))
    });
    c.bench_function("due 8h grace, over a weekend and a holiday", |b| {
        b.iter(|| due(black_box(friday_afternoon), eight_hours, Some(&calendar)))
    });
    c.bench_function("due 30-day grace", |b| {
        b.iter(|| due(black_box(tuesday_morning), thirty_days, Some(&calendar)))
    });
    c.bench_function("compile schedule with 20 holidays", |b| {
        let schedule = Schedule::parse(&business_hours(), chrono_tz::UTC).unwrap();
        let holidays = [HolidaySchedule::parse(&holidays()).unwrap()];
        b.iter(|| BusinessCalendar::new(black_box(&schedule), black_box(&holidays)))
    });
}

criterion_group!(benches, due_dates);
criterion_main!(benches);
