//! Due dates and elapsed business time.

use chrono::{DateTime, TimeDelta, Utc};
use oxt_ticket::ids::ScheduleId;

use crate::calendar::{AddError, BusinessCalendar, YEAR_10000};
use crate::grace::GracePeriod;

/// When a ticket that starts its SLA clock at `start` is due.
///
/// Without a calendar every hour counts (osTicket's fallback when no schedule
/// applies); with one, only business time outside holidays counts. A zero
/// grace period gives `start` back unchanged, even outside business hours, as
/// osTicket does. Instants are taken to the whole second, like the
/// `datetime` columns they come from and go to.
pub fn due(
    start: DateTime<Utc>,
    grace: GracePeriod,
    calendar: Option<&BusinessCalendar>,
) -> Result<DateTime<Utc>, DueError> {
    let from = start.timestamp();
    let Some(calendar) = calendar else {
        return instant(from + grace.seconds());
    };
    match calendar.add_business_seconds(from, grace.seconds()) {
        Ok(seconds) => instant(seconds),
        Err(AddError::AfterYear9999) => Err(DueError::AfterYear9999),
        Err(AddError::NoBusinessTimeAfter(seconds)) => Err(DueError::NoBusinessTime {
            schedule: calendar.schedule_id(),
            after: DateTime::from_timestamp(seconds, 0).unwrap_or(start),
        }),
    }
}

fn instant(seconds: i64) -> Result<DateTime<Utc>, DueError> {
    if seconds >= YEAR_10000 {
        return Err(DueError::AfterYear9999);
    }
    DateTime::from_timestamp(seconds, 0).ok_or(DueError::AfterYear9999)
}

/// How much business time passes from `from` to `to` (zero when `to` is not
/// after `from`); every hour counts without a calendar.
pub fn business_time_between(
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    calendar: Option<&BusinessCalendar>,
) -> TimeDelta {
    let (from, to) = (from.timestamp(), to.timestamp());
    TimeDelta::seconds(match calendar {
        None => (to - from).max(0),
        Some(calendar) => calendar.business_seconds_between(from, to),
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum DueError {
    /// The schedule (with its holidays) has no business time left from this
    /// instant on: every entry has stopped, or holidays cover all that is left.
    #[error("schedule {schedule} has no business time after {after}")]
    NoBusinessTime {
        schedule: ScheduleId,
        after: DateTime<Utc>,
    },
    /// The due date would not fit a `datetime` column.
    #[error("the due date would fall after the year 9999")]
    AfterYear9999,
}

#[cfg(test)]
mod tests {
    use chrono::{Datelike, Timelike, Weekday};
    use chrono_tz::America::New_York;
    use chrono_tz::Asia::Tokyo;
    use chrono_tz::Europe::Berlin;

    use super::*;
    use crate::test_rows::*;
    use crate::{Schedule, ScheduleEntryRow, ScheduleRow};

    fn hours(hours: i64) -> GracePeriod {
        GracePeriod::parse_hours(hours).unwrap()
    }

    fn weekdays(timezone: Option<&str>, opens: u32, closes: u32) -> ScheduleRow {
        schedule(
            1,
            timezone,
            vec![entry(
                1,
                "weekdays",
                date(2019, 1, 1),
                time(opens, 0, 0),
                time(closes, 0, 0),
            )],
        )
    }

    fn every_day(timezone: &str, starts_at: NaiveTimeArg, ends_at: NaiveTimeArg) -> ScheduleRow {
        schedule(
            1,
            Some(timezone),
            vec![entry(
                1,
                "daily",
                date(2019, 1, 1),
                time(starts_at.0, starts_at.1, 0),
                time(ends_at.0, ends_at.1, ends_at.2),
            )],
        )
    }

    type NaiveTimeArg = (u32, u32, u32);

    #[test]
    fn the_due_date_osticket_computed_for_a_saturday_ticket_is_reproduced() {
        // FACTS (h): created Sat 2026-11-21 23:32:49, Default SLA 18 h,
        // schedule 1 with the U.S. holidays => 2026-11-24 17:00:00.
        let calendar = calendar(&seeded_business_hours(), &[seeded_us_holidays()]);
        let created = utc(2026, 11, 21, 23, 32, 49);
        assert_eq!(
            due(created, hours(18), Some(&calendar)),
            Ok(utc(2026, 11, 24, 17, 0, 0))
        );
    }

    #[test]
    fn without_a_calendar_every_hour_counts() {
        let created = utc(2026, 11, 21, 23, 32, 49);
        assert_eq!(
            due(created, hours(18), None),
            Ok(utc(2026, 11, 22, 17, 32, 49))
        );
    }

    #[test]
    fn a_schedule_without_entries_counts_every_hour_and_ignores_holidays() {
        let calendar = calendar(&schedule(2, None, vec![]), &[seeded_us_holidays()]);
        let thanksgiving_eve = utc(2026, 11, 25, 12, 0, 0);
        assert_eq!(
            due(thanksgiving_eve, hours(48), Some(&calendar)),
            Ok(utc(2026, 11, 27, 12, 0, 0))
        );
    }

    #[test]
    fn a_zero_grace_period_is_due_at_once_even_outside_business_hours() {
        let calendar = calendar(&seeded_business_hours(), &[]);
        let sunday = utc(2026, 11, 22, 3, 0, 0);
        assert_eq!(due(sunday, hours(0), Some(&calendar)), Ok(sunday));
    }

    #[test]
    fn a_grace_period_that_fills_the_day_exactly_is_due_at_closing_time() {
        let calendar = calendar(&seeded_business_hours(), &[]);
        let monday_opening = utc(2026, 11, 23, 8, 0, 0);
        assert_eq!(
            due(monday_opening, hours(9), Some(&calendar)),
            Ok(utc(2026, 11, 23, 17, 0, 0))
        );
        assert_eq!(
            due(monday_opening, hours(10), Some(&calendar)),
            Ok(utc(2026, 11, 24, 9, 0, 0))
        );
    }

    #[test]
    fn time_before_opening_and_after_closing_does_not_count() {
        let calendar = calendar(&seeded_business_hours(), &[]);
        assert_eq!(
            due(utc(2026, 11, 23, 6, 0, 0), hours(2), Some(&calendar)),
            Ok(utc(2026, 11, 23, 10, 0, 0))
        );
        assert_eq!(
            due(utc(2026, 11, 23, 16, 30, 0), hours(1), Some(&calendar)),
            Ok(utc(2026, 11, 24, 8, 30, 0))
        );
    }

    #[test]
    fn a_holiday_is_skipped() {
        // Thanksgiving 2026 is Thursday the 26th.
        let calendar = calendar(&seeded_business_hours(), &[seeded_us_holidays()]);
        let wednesday = utc(2026, 11, 25, 8, 0, 0);
        assert_eq!(
            due(wednesday, hours(18), Some(&calendar)),
            Ok(utc(2026, 11, 27, 17, 0, 0))
        );
    }

    #[test]
    fn business_days_inside_a_holiday_of_several_days_are_skipped() {
        let winter_break = schedule(
            5,
            None,
            vec![ScheduleEntryRow {
                ends_on: Some(date(2027, 1, 1)),
                ..all_day(1, "never", date(2026, 12, 24))
            }],
        );
        let calendar = calendar(&seeded_business_hours(), &[winter_break]);
        let wednesday_afternoon = utc(2026, 12, 23, 16, 0, 0);
        assert_eq!(
            due(wednesday_afternoon, hours(2), Some(&calendar)),
            Ok(utc(2027, 1, 4, 9, 0, 0))
        );
        assert_eq!(
            business_time_between(
                wednesday_afternoon,
                utc(2027, 1, 4, 0, 0, 0),
                Some(&calendar)
            ),
            TimeDelta::hours(1)
        );
    }

    #[test]
    fn a_year_of_the_default_schedule_has_254_working_days_in_2027() {
        // 261 weekdays less seven U.S. holidays on weekdays (July 4th and
        // Christmas fall on a weekend; osTicket has no observed-day rule).
        let calendar = calendar(&seeded_business_hours(), &[seeded_us_holidays()]);
        assert_eq!(
            business_time_between(
                utc(2027, 1, 1, 0, 0, 0),
                utc(2028, 1, 1, 0, 0, 0),
                Some(&calendar)
            ),
            TimeDelta::hours(254 * 9)
        );
        // Across the new year, where January's holidays come round again.
        assert_eq!(
            business_time_between(
                utc(2026, 12, 1, 0, 0, 0),
                utc(2027, 2, 1, 0, 0, 0),
                Some(&calendar)
            ),
            TimeDelta::hours(41 * 9)
        );
    }

    #[test]
    fn a_holiday_shorter_than_the_day_only_takes_its_own_hours() {
        let lunch = schedule(
            5,
            None,
            vec![entry(
                1,
                "daily",
                date(2019, 1, 1),
                time(12, 0, 0),
                time(13, 0, 0),
            )],
        );
        let calendar = calendar(&seeded_business_hours(), &[lunch]);
        let monday = utc(2026, 11, 23, 8, 0, 0);
        assert_eq!(
            due(monday, hours(4), Some(&calendar)),
            Ok(utc(2026, 11, 23, 12, 0, 0))
        );
        assert_eq!(
            due(monday, hours(5), Some(&calendar)),
            Ok(utc(2026, 11, 23, 14, 0, 0))
        );
        assert_eq!(
            due(monday, hours(8), Some(&calendar)),
            Ok(utc(2026, 11, 23, 17, 0, 0))
        );
        assert_eq!(
            due(monday, hours(9), Some(&calendar)),
            Ok(utc(2026, 11, 24, 9, 0, 0))
        );
    }

    #[test]
    fn a_schedule_keeps_its_own_time_zone() {
        let calendar = calendar(&weekdays(Some("America/New_York"), 9, 17), &[]);
        // Monday 2026-11-23 16:00 in New York is 21:00 UTC.
        let due_at = due(
            local(New_York, 2026, 11, 23, 16, 0),
            hours(2),
            Some(&calendar),
        );
        assert_eq!(due_at, Ok(local(New_York, 2026, 11, 24, 10, 0)));
        assert_eq!(due_at, Ok(utc(2026, 11, 24, 15, 0, 0)));
    }

    #[test]
    fn a_schedule_without_a_zone_follows_the_help_desk() {
        let row = weekdays(None, 9, 17);
        let schedule = Schedule::parse(&row, Berlin).unwrap();
        let calendar = BusinessCalendar::new(&schedule, &[]);
        assert_eq!(
            due(local(Berlin, 2026, 11, 23, 9, 0), hours(8), Some(&calendar)),
            Ok(utc(2026, 11, 23, 16, 0, 0))
        );
    }

    #[test]
    fn the_day_clocks_go_forward_has_23_business_hours() {
        let calendar = calendar(&every_day("America/New_York", (0, 0, 0), (23, 59, 59)), &[]);
        let midnight = local(New_York, 2026, 3, 8, 0, 0);
        let next_midnight = local(New_York, 2026, 3, 9, 0, 0);
        assert_eq!(
            business_time_between(midnight, next_midnight, Some(&calendar)),
            TimeDelta::hours(23)
        );
        assert_eq!(
            due(midnight, hours(24), Some(&calendar)),
            Ok(local(New_York, 2026, 3, 9, 1, 0))
        );
    }

    #[test]
    fn the_day_clocks_go_back_has_25_business_hours() {
        let calendar = calendar(&every_day("America/New_York", (0, 0, 0), (23, 59, 59)), &[]);
        let midnight = local(New_York, 2026, 11, 1, 0, 0);
        let next_midnight = local(New_York, 2026, 11, 2, 0, 0);
        assert_eq!(
            business_time_between(midnight, next_midnight, Some(&calendar)),
            TimeDelta::hours(25)
        );
        assert_eq!(
            due(midnight, hours(24), Some(&calendar)),
            Ok(local(New_York, 2026, 11, 1, 23, 0))
        );
    }

    #[test]
    fn office_hours_keep_their_wall_clock_across_the_spring_change() {
        // Berlin moves to summer time on Sunday 2026-03-29.
        let calendar = calendar(&weekdays(Some("Europe/Berlin"), 9, 17), &[]);
        let friday_afternoon = local(Berlin, 2026, 3, 27, 16, 0);
        assert_eq!(friday_afternoon, utc(2026, 3, 27, 15, 0, 0));
        assert_eq!(
            due(friday_afternoon, hours(8), Some(&calendar)),
            Ok(utc(2026, 3, 30, 14, 0, 0))
        );
    }

    #[test]
    fn office_hours_keep_their_wall_clock_across_the_autumn_change() {
        // Berlin returns to standard time on Sunday 2026-10-25.
        let calendar = calendar(&weekdays(Some("Europe/Berlin"), 9, 17), &[]);
        let friday_afternoon = local(Berlin, 2026, 10, 23, 16, 0);
        assert_eq!(friday_afternoon, utc(2026, 10, 23, 14, 0, 0));
        assert_eq!(
            due(friday_afternoon, hours(8), Some(&calendar)),
            Ok(utc(2026, 10, 26, 15, 0, 0))
        );
    }

    #[test]
    fn hours_inside_the_skipped_hour_start_when_the_clock_jumps() {
        // 02:00–03:30 in New York: on 2026-03-08 the clock jumps from 02:00 to
        // 03:00, so only 03:00–03:30 exists.
        let calendar = calendar(&every_day("America/New_York", (2, 0, 0), (3, 30, 0)), &[]);
        let day = |d| local(New_York, 2026, 3, d, 0, 0);
        assert_eq!(
            business_time_between(day(7), day(8), Some(&calendar)),
            TimeDelta::minutes(90)
        );
        assert_eq!(
            business_time_between(day(8), day(9), Some(&calendar)),
            TimeDelta::minutes(30)
        );
    }

    #[test]
    fn hours_spanning_the_repeated_hour_count_it_twice() {
        // 01:00–02:00 in New York on 2026-11-01: the clock reads 01:00 twice,
        // and the period runs from the first 01:00 to 02:00 standard time.
        let calendar = calendar(&every_day("America/New_York", (1, 0, 0), (2, 0, 0)), &[]);
        let day = |d| local(New_York, 2026, 11, d, 0, 0);
        assert_eq!(
            business_time_between(day(1), day(2), Some(&calendar)),
            TimeDelta::hours(2)
        );
        assert_eq!(
            business_time_between(day(2), day(3), Some(&calendar)),
            TimeDelta::hours(1)
        );
    }

    #[test]
    fn a_night_shift_crosses_midnight() {
        let night_shift = schedule(
            1,
            None,
            vec![ScheduleEntryRow {
                ends_on: Some(date(2019, 1, 2)),
                ..entry(
                    1,
                    "weekdays",
                    date(2019, 1, 1),
                    time(22, 0, 0),
                    time(6, 0, 0),
                )
            }],
        );
        let calendar = calendar(&night_shift, &[]);
        let monday_evening = utc(2026, 11, 23, 21, 0, 0);
        assert_eq!(
            due(monday_evening, hours(8), Some(&calendar)),
            Ok(utc(2026, 11, 24, 6, 0, 0))
        );
        assert_eq!(
            due(monday_evening, hours(9), Some(&calendar)),
            Ok(utc(2026, 11, 24, 23, 0, 0))
        );
        // Friday's shift runs into Saturday morning; none starts on the weekend.
        let friday_evening = utc(2026, 11, 27, 22, 0, 0);
        assert_eq!(
            due(friday_evening, hours(9), Some(&calendar)),
            Ok(utc(2026, 11, 30, 23, 0, 0))
        );
    }

    #[test]
    fn a_thirty_day_grace_period_spans_eighteen_working_weeks() {
        let calendar = calendar(&weekdays(None, 9, 17), &[]);
        let monday = utc(2026, 1, 5, 9, 0, 0);
        assert_eq!(
            due(monday, hours(720), Some(&calendar)),
            Ok(utc(2026, 5, 8, 17, 0, 0))
        );
    }

    #[test]
    fn a_year_of_business_hours_is_exactly_a_year_of_business_time_later() {
        let calendar = calendar(&seeded_business_hours(), &[seeded_us_holidays()]);
        let start = utc(2026, 11, 21, 23, 32, 49);
        let due_at = due(start, hours(8760), Some(&calendar)).unwrap();
        assert_eq!(
            business_time_between(start, due_at, Some(&calendar)),
            TimeDelta::hours(8760)
        );
        // 8760 = 973 × 9 + 3: three hours into a working day.
        assert!(!matches!(due_at.weekday(), Weekday::Sat | Weekday::Sun));
        assert_eq!(
            (due_at.hour(), due_at.minute(), due_at.second()),
            (11, 0, 0)
        );
    }

    #[test]
    fn a_schedule_whose_only_day_has_passed_has_no_business_time() {
        let once = schedule(
            7,
            None,
            vec![entry(
                1,
                "never",
                date(2020, 6, 1),
                time(9, 0, 0),
                time(17, 0, 0),
            )],
        );
        let calendar = calendar(&once, &[]);
        let start = utc(2026, 1, 1, 0, 0, 0);
        assert_eq!(
            due(start, hours(1), Some(&calendar)),
            Err(DueError::NoBusinessTime {
                schedule: ScheduleId::new(7),
                after: start
            })
        );
        assert_eq!(
            due(utc(2020, 6, 1, 16, 0, 0), hours(2), Some(&calendar)),
            Err(DueError::NoBusinessTime {
                schedule: ScheduleId::new(7),
                after: utc(2020, 6, 1, 17, 0, 0)
            })
        );
    }

    #[test]
    fn holidays_that_cover_every_business_day_leave_no_business_time() {
        let mondays = schedule(
            8,
            None,
            vec![ScheduleEntryRow {
                day: Some(1),
                ..entry(1, "weekly", date(2019, 1, 7), time(9, 0, 0), time(17, 0, 0))
            }],
        );
        let every_monday_off = schedule(
            9,
            None,
            vec![ScheduleEntryRow {
                day: Some(1),
                ..all_day(1, "weekly", date(2019, 1, 7))
            }],
        );
        let calendar = calendar(&mondays, &[every_monday_off]);
        let start = utc(2026, 1, 1, 0, 0, 0);
        assert_eq!(
            due(start, hours(1), Some(&calendar)),
            Err(DueError::NoBusinessTime {
                schedule: ScheduleId::new(8),
                after: start
            })
        );
    }

    #[test]
    fn a_due_date_past_the_year_9999_is_an_error() {
        assert_eq!(
            due(utc(9999, 12, 31, 23, 0, 0), hours(2), None),
            Err(DueError::AfterYear9999)
        );
        // One second of business time every leap day.
        let leap_second = schedule(
            1,
            None,
            vec![ScheduleEntryRow {
                day: Some(29),
                month: Some(2),
                ..entry(1, "yearly", date(2000, 1, 1), time(0, 0, 0), time(0, 0, 1))
            }],
        );
        let calendar = calendar(&leap_second, &[]);
        assert_eq!(
            due(utc(2026, 1, 1, 0, 0, 0), hours(1), Some(&calendar)),
            Err(DueError::AfterYear9999)
        );
    }

    #[test]
    fn a_holiday_schedule_with_its_own_zone_is_placed_in_that_zone() {
        let business = weekdays(Some("America/New_York"), 9, 17);
        let holiday_on =
            |timezone| schedule(6, timezone, vec![all_day(1, "never", date(2026, 1, 14))]);
        // Wednesday 2026-01-14 in Tokyo runs from Tuesday 10:00 to Wednesday 10:00 in New York.
        let tokyo = calendar(&business, &[holiday_on(Some("Asia/Tokyo"))]);
        let floating = calendar(&business, &[holiday_on(None)]);
        let tuesday = local(New_York, 2026, 1, 13, 0, 0);
        let wednesday = local(New_York, 2026, 1, 14, 0, 0);
        let thursday = local(New_York, 2026, 1, 15, 0, 0);
        assert_eq!(
            local(Tokyo, 2026, 1, 14, 0, 0),
            local(New_York, 2026, 1, 13, 10, 0)
        );
        assert_eq!(
            business_time_between(tuesday, wednesday, Some(&tokyo)),
            TimeDelta::hours(1)
        );
        assert_eq!(
            business_time_between(wednesday, thursday, Some(&tokyo)),
            TimeDelta::hours(7)
        );
        assert_eq!(
            business_time_between(tuesday, wednesday, Some(&floating)),
            TimeDelta::hours(8)
        );
        assert_eq!(
            business_time_between(wednesday, thursday, Some(&floating)),
            TimeDelta::zero()
        );
    }

    #[test]
    fn an_entry_that_stops_gives_way_to_the_rest_of_the_schedule() {
        let mut row = weekdays(None, 9, 17);
        row.entries[0].stops_on = Some(date(2026, 11, 24).and_time(time(0, 0, 0)));
        row.entries.push(ScheduleEntryRow {
            day: Some(15),
            ..entry(
                2,
                "monthly",
                date(2019, 1, 1),
                time(10, 0, 0),
                time(12, 0, 0),
            )
        });
        let calendar = calendar(&row, &[]);
        // Tuesday the 24th is the last weekday; after it only the 15th of each month counts.
        assert_eq!(
            due(utc(2026, 11, 24, 16, 0, 0), hours(3), Some(&calendar)),
            Ok(utc(2026, 12, 15, 12, 0, 0))
        );
    }

    #[test]
    fn business_time_between_is_zero_backwards_and_everything_without_a_calendar() {
        let calendar = calendar(&seeded_business_hours(), &[]);
        let (monday, tuesday) = (utc(2026, 11, 23, 0, 0, 0), utc(2026, 11, 24, 0, 0, 0));
        assert_eq!(
            business_time_between(tuesday, monday, Some(&calendar)),
            TimeDelta::zero()
        );
        assert_eq!(
            business_time_between(monday, tuesday, Some(&calendar)),
            TimeDelta::hours(9)
        );
        assert_eq!(
            business_time_between(monday, tuesday, None),
            TimeDelta::hours(24)
        );
        assert_eq!(
            business_time_between(tuesday, monday, None),
            TimeDelta::zero()
        );
    }

    #[test]
    fn instants_are_taken_to_the_whole_second() {
        let start = utc(2026, 11, 23, 10, 0, 0) + TimeDelta::milliseconds(750);
        assert_eq!(due(start, hours(1), None), Ok(utc(2026, 11, 23, 11, 0, 0)));
    }
}
