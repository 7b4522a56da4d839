//! Property tests against a naive oracle that reads the schedule rows
//! directly and walks time minute by minute.
//!
//! The oracle shares no code with the calculator. It says a minute is
//! business time when, on the wall clock of the schedule's zone, some entry
//! occurrence covers it and no holiday occurrence covers it on the holiday
//! schedule's clock. Where clocks go back, "the wall clock" is the latest
//! reading shown so far (so the repeated hour reads as the first pass, and a
//! period ending inside it ends at the first pass); where they jump forward,
//! the skipped readings never show. All schedules, zones and starts here are
//! whole minutes, so minute steps are exact.

use chrono::{
    DateTime, Datelike, Days, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, TimeZone, Timelike,
    Utc, Weekday,
};
use chrono_tz::Tz;
use oxt_sla::{
    BusinessCalendar, DueError, GracePeriod, HolidaySchedule, Schedule, ScheduleEntryId,
    ScheduleEntryRow, ScheduleRow, business_time_between, due,
};
use oxt_ticket::ids::ScheduleId;
use proptest::prelude::*;

/// Zones with whole-minute offsets since 2000 and awkward rules: half-hour
/// and 45-minute offsets, half-hour DST, clocks changing at midnight, DST
/// abolished or suspended mid-year.
const ZONES: &[&str] = &[
    "UTC",
    "America/New_York",
    "Europe/Berlin",
    "Australia/Lord_Howe",
    "America/Santiago",
    "America/Sao_Paulo",
    "America/Havana",
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "Asia/Tehran",
    "Pacific/Chatham",
    "Africa/Casablanca",
];

/// How far the oracle walks before giving up.
const ORACLE_HORIZON_MINUTES: i64 = 45 * 24 * 60;

// ---------------------------------------------------------------- oracle

struct OracleSchedule {
    zone: Tz,
    entries: Vec<ScheduleEntryRow>,
}

struct Oracle {
    business: OracleSchedule,
    holidays: Vec<OracleSchedule>,
}

fn parse_zone(name: &Option<String>) -> Option<Tz> {
    name.as_deref().map(|name| name.parse().unwrap())
}

impl Oracle {
    fn new(business: &ScheduleRow, holidays: &[ScheduleRow]) -> Self {
        let zone = parse_zone(&business.timezone).unwrap_or(chrono_tz::UTC);
        Self {
            business: OracleSchedule {
                zone,
                entries: business.entries.clone(),
            },
            holidays: holidays
                .iter()
                .map(|row| OracleSchedule {
                    zone: parse_zone(&row.timezone).unwrap_or(zone),
                    entries: row.entries.clone(),
                })
                .collect(),
        }
    }

    /// Walks minute by minute from `from`, calling `visit` with each minute
    /// and whether it is business time, until `visit` says stop.
    fn walk(&self, from: DateTime<Utc>, mut visit: impl FnMut(DateTime<Utc>, bool) -> bool) {
        let mut business = Reader::new(&self.business);
        let mut holidays: Vec<Reader> = self.holidays.iter().map(Reader::new).collect();
        // Clocks that went back within the last day still show their latest reading.
        let mut minute = from - TimeDelta::days(1);
        loop {
            business.tick(minute);
            holidays.iter_mut().for_each(|reader| reader.tick(minute));
            if minute >= from {
                let free = business.covered() && !holidays.iter_mut().any(Reader::covered);
                if !visit(minute, free) {
                    return;
                }
            }
            minute += TimeDelta::minutes(1);
        }
    }

    /// `None` when the oracle gave up before the grace period was used.
    fn due(&self, start: DateTime<Utc>, grace_hours: u32) -> Option<DateTime<Utc>> {
        if grace_hours == 0 {
            return Some(start);
        }
        let mut left = i64::from(grace_hours) * 60;
        let mut found = None;
        self.walk(start, |minute, business| {
            if business {
                left -= 1;
                if left == 0 {
                    found = Some(minute + TimeDelta::minutes(1));
                    return false;
                }
            }
            minute - start < TimeDelta::minutes(ORACLE_HORIZON_MINUTES)
        });
        found
    }

    fn business_time_between(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> TimeDelta {
        let mut minutes = 0;
        if from < to {
            self.walk(from, |minute, business| {
                if business {
                    minutes += 1;
                }
                minute + TimeDelta::minutes(1) < to
            });
        }
        TimeDelta::minutes(minutes)
    }
}

/// A schedule read on its zone's clock, which shows the latest reading so far.
struct Reader<'a> {
    schedule: &'a OracleSchedule,
    reading: NaiveDateTime,
    /// The wall-clock windows of the occurrences that may cover `day`.
    day: NaiveDate,
    windows: Vec<(NaiveDateTime, NaiveDateTime)>,
}

impl<'a> Reader<'a> {
    fn new(schedule: &'a OracleSchedule) -> Self {
        Self {
            schedule,
            reading: NaiveDateTime::MIN,
            day: NaiveDate::MIN,
            windows: Vec::new(),
        }
    }

    fn tick(&mut self, instant: DateTime<Utc>) {
        self.reading = self
            .reading
            .max(instant.with_timezone(&self.schedule.zone).naive_local());
    }

    fn covered(&mut self) -> bool {
        if self.day != self.reading.date() {
            self.day = self.reading.date();
            // Generated entries last at most two days.
            self.windows = (0..=3)
                .map(|back| self.day - TimeDelta::days(back))
                .flat_map(|day| {
                    self.schedule
                        .entries
                        .iter()
                        .filter(move |entry| occurs_on(entry, day))
                        .map(move |entry| wall_window(entry, day))
                })
                .collect();
        }
        self.windows
            .iter()
            .any(|(start, end)| *start <= self.reading && self.reading < *end)
    }
}

fn occurs_on(entry: &ScheduleEntryRow, day: NaiveDate) -> bool {
    let starts_on = entry.starts_on.unwrap();
    if day < starts_on || entry.stops_on.is_some_and(|stops| day > stops.date()) {
        return false;
    }
    let weekday = day.weekday().number_from_monday() as i8;
    let week_of_month = match entry.week.unwrap_or(0) {
        0 => None,
        -1 => Some((day + TimeDelta::days(7)).month() != day.month()),
        n => Some(((day.day() - 1) / 7 + 1) as i8 == n),
    };
    let in_month = entry.month == Some(day.month() as i8);
    match (entry.repeats.as_str(), week_of_month) {
        ("never", _) => day == starts_on,
        ("daily", _) => true,
        ("weekdays", _) => weekday <= 5,
        ("weekends", _) => weekday >= 6,
        ("weekly", _) => entry.day == Some(weekday),
        ("monthly", Some(nth)) => entry.day == Some(weekday) && nth,
        ("monthly", None) => entry.day == Some(day.day() as i8),
        ("yearly", Some(nth)) => in_month && entry.day == Some(weekday) && nth,
        ("yearly", None) => in_month && entry.day == Some(day.day() as i8),
        (other, _) => panic!("generated an unknown repeat {other}"),
    }
}

fn wall_window(entry: &ScheduleEntryRow, day: NaiveDate) -> (NaiveDateTime, NaiveDateTime) {
    let starts_on = entry.starts_on.unwrap();
    let days_later = (entry.ends_on.unwrap_or(starts_on) - starts_on).num_days();
    let start = day.and_time(entry.starts_at.unwrap_or(NaiveTime::MIN));
    let end_day = (day + TimeDelta::days(days_later)).and_time(NaiveTime::MIN);
    let end = match entry.ends_at {
        None => end_day + TimeDelta::days(1),
        Some(at) if at.second() == 59 => end_day + (at - NaiveTime::MIN) + TimeDelta::seconds(1),
        Some(at) => end_day + (at - NaiveTime::MIN),
    };
    (start, end)
}

// ---------------------------------------------------------------- inputs

fn zone_name() -> impl Strategy<Value = String> {
    prop::sample::select(ZONES).prop_map(str::to_owned)
}

fn day_in(from: (i32, u32, u32), days: u64) -> impl Strategy<Value = NaiveDate> {
    let first = NaiveDate::from_ymd_opt(from.0, from.1, from.2).unwrap();
    (0..days).prop_map(move |offset| first + Days::new(offset))
}

#[derive(Debug, Clone)]
enum Repeat {
    Never,
    Daily,
    Weekdays,
    Weekends,
    Weekly(i8),
    MonthlyOnDay(i8),
    MonthlyOnWeekday(i8, i8),
    YearlyOnDate(i8, i8),
    YearlyOnWeekday(i8, i8, i8),
}

fn week() -> impl Strategy<Value = i8> {
    prop_oneof![1..=5_i8, Just(-1_i8)]
}

fn weekly_kind() -> impl Strategy<Value = Repeat> {
    prop_oneof![
        Just(Repeat::Daily),
        Just(Repeat::Weekdays),
        Just(Repeat::Weekends),
        (1..=7_i8).prop_map(Repeat::Weekly),
    ]
}

fn dated_kind() -> impl Strategy<Value = Repeat> {
    prop_oneof![
        Just(Repeat::Never),
        (1..=31_i8).prop_map(Repeat::MonthlyOnDay),
        (week(), 1..=7_i8).prop_map(|(week, day)| Repeat::MonthlyOnWeekday(week, day)),
        (1..=12_i8, 1..=31_i8).prop_map(|(month, day)| {
            let longest = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month as usize - 1];
            Repeat::YearlyOnDate(month, day.min(longest))
        }),
        (1..=12_i8, week(), 1..=7_i8)
            .prop_map(|(month, week, day)| Repeat::YearlyOnWeekday(month, week, day)),
    ]
}

fn any_kind() -> impl Strategy<Value = Repeat> {
    prop_oneof![weekly_kind(), dated_kind()]
}

/// Start minute and wall length in minutes; favours the small hours, where
/// clocks change, and all-day entries.
fn hours() -> impl Strategy<Value = (u32, u32, bool)> {
    prop_oneof![
        (0..1440_u32, 1..=2880_u32).prop_map(|(start, length)| (start, length, false)),
        (0..240_u32, 1..=300_u32).prop_map(|(start, length)| (start, length, false)),
        Just((0, 1440, true)),
        (420..600_u32, 300..=600_u32).prop_map(|(start, length)| (start, length, false)),
    ]
}

/// `stops_after`: how many days after it starts the entry stops, if ever.
fn entry_row(
    kind: impl Strategy<Value = Repeat>,
    stops_after: impl Strategy<Value = Option<u64>>,
) -> impl Strategy<Value = ScheduleEntryRow> {
    (kind, day_in((2023, 6, 1), 3 * 365), hours(), stops_after).prop_map(
        |(repeat, starts_on, (start, length, all_day), stops_after)| {
            let starts = starts_on.and_time(NaiveTime::MIN) + TimeDelta::minutes(i64::from(start));
            let ends = starts + TimeDelta::minutes(i64::from(length));
            let (ends_on, ends_at) = if all_day {
                (starts_on, NaiveTime::from_hms_opt(23, 59, 59).unwrap())
            } else {
                (ends.date(), ends.time())
            };
            let (repeats, day, week, month) = match repeat {
                Repeat::Never => ("never", None, None, None),
                Repeat::Daily => ("daily", None, None, None),
                Repeat::Weekdays => ("weekdays", None, None, None),
                Repeat::Weekends => ("weekends", None, None, None),
                Repeat::Weekly(day) => ("weekly", Some(day), None, None),
                Repeat::MonthlyOnDay(day) => ("monthly", Some(day), None, None),
                Repeat::MonthlyOnWeekday(week, day) => ("monthly", Some(day), Some(week), None),
                Repeat::YearlyOnDate(month, day) => ("yearly", Some(day), None, Some(month)),
                Repeat::YearlyOnWeekday(month, week, day) => {
                    ("yearly", Some(day), Some(week), Some(month))
                }
            };
            ScheduleEntryRow {
                id: ScheduleEntryId::new(1),
                repeats: repeats.to_owned(),
                starts_on: Some(starts_on),
                starts_at: Some(starts.time()),
                ends_on: Some(ends_on),
                ends_at: Some(ends_at),
                stops_on: stops_after
                    .map(|days| (starts_on + Days::new(days)).and_time(NaiveTime::MIN)),
                day,
                week,
                month,
            }
        },
    )
}

fn sometimes_stops() -> impl Strategy<Value = Option<u64>> {
    prop::option::weighted(0.25, 0..900_u64)
}

fn numbered(mut entries: Vec<ScheduleEntryRow>) -> Vec<ScheduleEntryRow> {
    for (index, entry) in entries.iter_mut().enumerate() {
        entry.id = ScheduleEntryId::new(index as u32 + 1);
    }
    entries
}

/// The first entry recurs every week and never stops, so that long grace
/// periods stay quick to compute; schedules that run dry have unit tests.
fn business_row() -> impl Strategy<Value = ScheduleRow> {
    (
        zone_name(),
        entry_row(weekly_kind(), Just(None)),
        prop::collection::vec(entry_row(any_kind(), sometimes_stops()), 0..3),
    )
        .prop_map(|(zone, first, rest)| ScheduleRow {
            id: ScheduleId::new(1),
            timezone: Some(zone),
            entries: numbered(std::iter::once(first).chain(rest).collect()),
        })
}

/// Holidays that recur every week always stop: ones that could cover all
/// time forever make the calculator search for centuries before it reports
/// that there is no business time left, which is its own unit test.
fn holiday_entry_row() -> impl Strategy<Value = ScheduleEntryRow> {
    prop_oneof![
        entry_row(dated_kind(), sometimes_stops()),
        entry_row(weekly_kind(), (0..900_u64).prop_map(Some)),
    ]
}

fn holiday_rows() -> impl Strategy<Value = Vec<ScheduleRow>> {
    prop::collection::vec(
        (
            prop::option::of(zone_name()),
            prop::collection::vec(holiday_entry_row(), 0..4),
        )
            .prop_map(|(zone, entries)| ScheduleRow {
                id: ScheduleId::new(2),
                timezone: zone,
                entries: numbered(entries),
            }),
        0..3,
    )
}

fn instant() -> impl Strategy<Value = DateTime<Utc>> {
    let first = NaiveDate::from_ymd_opt(2024, 1, 1)
        .unwrap()
        .and_time(NaiveTime::MIN)
        .and_utc();
    (0..3 * 365 * 24 * 60_i64).prop_map(move |minutes| first + TimeDelta::minutes(minutes))
}

fn compile(business: &ScheduleRow, holidays: &[ScheduleRow]) -> BusinessCalendar {
    let schedule = Schedule::parse(business, chrono_tz::UTC).expect("generated rows are valid");
    let holidays: Vec<HolidaySchedule> = holidays
        .iter()
        .map(|row| HolidaySchedule::parse(row).expect("generated rows are valid"))
        .collect();
    BusinessCalendar::new(&schedule, &holidays)
}

fn grace(hours: u32) -> GracePeriod {
    GracePeriod::try_from(hours).unwrap()
}

// ---------------------------------------------------------------- properties

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn due_dates_match_the_minute_by_minute_oracle(
        business in business_row(),
        holidays in holiday_rows(),
        start in instant(),
        hours in 0..=40_u32,
    ) {
        let calendar = compile(&business, &holidays);
        let oracle = Oracle::new(&business, &holidays);
        let due_at = due(start, grace(hours), Some(&calendar));
        match oracle.due(start, hours) {
            Some(expected) => prop_assert_eq!(due_at, Ok(expected)),
            None => {
                let horizon = start + TimeDelta::minutes(ORACLE_HORIZON_MINUTES);
                prop_assert!(
                    matches!(due_at, Err(DueError::NoBusinessTime { .. }))
                        || due_at.is_ok_and(|at| at > horizon),
                    "oracle found too little business time within its horizon, calculator said {:?}",
                    due_at
                );
            }
        }
    }

    #[test]
    fn business_time_between_matches_the_minute_by_minute_oracle(
        business in business_row(),
        holidays in holiday_rows(),
        from in instant(),
        minutes in 0..20 * 24 * 60_i64,
    ) {
        let calendar = compile(&business, &holidays);
        let oracle = Oracle::new(&business, &holidays);
        let to = from + TimeDelta::minutes(minutes);
        prop_assert_eq!(
            business_time_between(from, to, Some(&calendar)),
            oracle.business_time_between(from, to)
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn a_due_date_closes_a_minute_of_business_time_and_uses_the_whole_grace_period(
        business in business_row(),
        holidays in holiday_rows(),
        start in instant(),
        hours in 1..=500_u32,
    ) {
        let calendar = compile(&business, &holidays);
        let Ok(due_at) = due(start, grace(hours), Some(&calendar)) else {
            return Ok(());
        };
        prop_assert!(due_at > start);
        prop_assert_eq!(
            business_time_between(due_at - TimeDelta::minutes(1), due_at, Some(&calendar)),
            TimeDelta::minutes(1)
        );
        prop_assert_eq!(
            business_time_between(start, due_at, Some(&calendar)),
            TimeDelta::hours(i64::from(hours))
        );
    }

    #[test]
    fn adding_a_then_b_equals_adding_a_plus_b(
        business in business_row(),
        holidays in holiday_rows(),
        start in instant(),
        a in 0..=300_u32,
        b in 0..=300_u32,
    ) {
        let calendar = compile(&business, &holidays);
        let at_once = due(start, grace(a + b), Some(&calendar));
        let in_two_steps = due(start, grace(a), Some(&calendar))
            .and_then(|halfway| due(halfway, grace(b), Some(&calendar)));
        match (at_once, in_two_steps) {
            (Ok(at_once), Ok(in_two_steps)) => prop_assert_eq!(at_once, in_two_steps),
            (Err(_), Err(_)) => {}
            (at_once, in_two_steps) => prop_assert!(
                false,
                "one way found a due date, the other did not: {:?} vs {:?}",
                at_once,
                in_two_steps
            ),
        }
    }

    #[test]
    fn a_later_start_is_never_due_earlier(
        business in business_row(),
        holidays in holiday_rows(),
        start in instant(),
        later_by in 0..30 * 24 * 60_i64,
        hours in 0..=300_u32,
    ) {
        let calendar = compile(&business, &holidays);
        let later = start + TimeDelta::minutes(later_by);
        if let (Ok(first), Ok(second)) = (
            due(start, grace(hours), Some(&calendar)),
            due(later, grace(hours), Some(&calendar)),
        ) {
            prop_assert!(first <= second);
        }
    }

    #[test]
    fn a_longer_grace_period_is_never_due_earlier(
        business in business_row(),
        holidays in holiday_rows(),
        start in instant(),
        hours in 0..=300_u32,
        more in 0..=300_u32,
    ) {
        let calendar = compile(&business, &holidays);
        let shorter = due(start, grace(hours), Some(&calendar));
        let longer = due(start, grace(hours + more), Some(&calendar));
        if let (Ok(shorter), Ok(longer)) = (shorter, longer) {
            prop_assert!(shorter <= longer);
            prop_assert!(shorter >= start);
        }
    }

    #[test]
    fn without_a_calendar_the_grace_period_is_plain_hours(
        start in instant(),
        hours in 0..=8760_u32,
    ) {
        prop_assert_eq!(
            due(start, grace(hours), None),
            Ok(start + TimeDelta::hours(i64::from(hours)))
        );
    }
}

#[test]
fn the_oracle_sees_the_skipped_and_the_repeated_hour() {
    // A self-check of the oracle on the New York changes of 2026, where
    // 00:00–24:00 lasts 23 and 25 hours.
    let all_day = ScheduleEntryRow {
        id: ScheduleEntryId::new(1),
        repeats: "daily".to_owned(),
        starts_on: NaiveDate::from_ymd_opt(2026, 1, 1),
        starts_at: Some(NaiveTime::MIN),
        ends_on: NaiveDate::from_ymd_opt(2026, 1, 1),
        ends_at: NaiveTime::from_hms_opt(23, 59, 59),
        stops_on: None,
        day: None,
        week: None,
        month: None,
    };
    let weekend_only = ScheduleRow {
        id: ScheduleId::new(1),
        timezone: Some("America/New_York".to_owned()),
        entries: vec![ScheduleEntryRow {
            repeats: "weekends".to_owned(),
            ..all_day
        }],
    };
    let oracle = Oracle::new(&weekend_only, &[]);
    let new_york: Tz = "America/New_York".parse().unwrap();
    let midnight = |m, d| {
        new_york
            .from_local_datetime(
                &NaiveDate::from_ymd_opt(2026, m, d)
                    .unwrap()
                    .and_time(NaiveTime::MIN),
            )
            .unwrap()
            .with_timezone(&Utc)
    };
    assert_eq!(midnight(3, 8).weekday(), Weekday::Sun);
    assert_eq!(
        oracle.business_time_between(midnight(3, 8), midnight(3, 9)),
        TimeDelta::hours(23)
    );
    assert_eq!(
        oracle.business_time_between(midnight(11, 1), midnight(11, 2)),
        TimeDelta::hours(25)
    );
}
