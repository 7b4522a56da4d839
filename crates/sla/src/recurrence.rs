//! Which calendar days an `ost_schedule_entry` row falls on.
//!
//! osTicket turns `repeats`, `day`, `week` and `month` into PHP relative-date
//! strings ("third monday", "2019-02-31"), which overflow into the next month
//! when the day does not exist and count "first monday" from the wrong day
//! when the month starts on a Monday. Here a day that does not exist in a
//! month or year simply has no occurrence (as in iCalendar), and "the nth
//! weekday" is counted from the first of the month.

use chrono::{Datelike, Days, NaiveDate, Weekday};

/// How an entry repeats: osTicket's `repeats` column together with `day`,
/// `week` and `month`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recurrence {
    /// `never`: only on `starts_on`.
    Once,
    /// `daily`
    Daily,
    /// `weekdays`: Monday to Friday.
    Weekdays,
    /// `weekends`: Saturday and Sunday.
    Weekends,
    /// `weekly` on `day` (1 = Monday … 7 = Sunday).
    Weekly(Weekday),
    /// `monthly` on day `day` of the month; months without that day are skipped.
    MonthlyOnDay(u32),
    /// `monthly` on the `week`-th `day` weekday of the month.
    MonthlyOnWeekday { nth: Nth, weekday: Weekday },
    /// `yearly` on `month`/`day` (February 29 only in leap years).
    YearlyOnDate { month: u32, day: u32 },
    /// `yearly` on the `week`-th `day` weekday of `month`.
    YearlyOnWeekday {
        month: u32,
        nth: Nth,
        weekday: Weekday,
    },
}

/// Which weekday of the month: osTicket's `week` column (1–5, or -1 for the last).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nth {
    First,
    Second,
    Third,
    Fourth,
    Fifth,
    Last,
}

impl Nth {
    pub(crate) fn from_column(week: i8) -> Option<Self> {
        Some(match week {
            1 => Self::First,
            2 => Self::Second,
            3 => Self::Third,
            4 => Self::Fourth,
            5 => Self::Fifth,
            -1 => Self::Last,
            _ => return None,
        })
    }

    fn in_month(self, year: i32, month: u32, weekday: Weekday) -> Option<NaiveDate> {
        let n = match self {
            Self::First => 1,
            Self::Second => 2,
            Self::Third => 3,
            Self::Fourth => 4,
            Self::Fifth => 5,
            Self::Last => {
                let first = NaiveDate::from_ymd_opt(year, month, 1)?;
                let last = first.with_day(u32::from(first.num_days_in_month()))?;
                let back = (last.weekday().days_since(weekday)) as u64;
                return last.checked_sub_days(Days::new(back));
            }
        };
        NaiveDate::from_weekday_of_month_opt(year, month, weekday, n)
    }
}

/// The days an entry can fall on, with the weekly kinds folded into one set
/// so that a Monday-to-Friday schedule of five `weekly` rows is one pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DayPattern {
    /// Bit `n` set: the weekday `n` days after Monday.
    Weekdays(u8),
    MonthlyOnDay(u32),
    MonthlyOnWeekday(Nth, Weekday),
    YearlyOnDate(u32, u32),
    YearlyOnWeekday(u32, Nth, Weekday),
    On(NaiveDate),
}

/// A "fifth Monday of February" needs a leap year that starts February on a
/// Monday; the Gregorian calendar repeats every 400 years, so looking that far
/// ahead finds every pattern that can occur at all.
const GREGORIAN_CYCLE_YEARS: i32 = 400;

impl DayPattern {
    pub(crate) fn from_recurrence(recurrence: Recurrence, starts_on: NaiveDate) -> Self {
        const MONDAY_TO_FRIDAY: u8 = 0b001_1111;
        const SATURDAY_AND_SUNDAY: u8 = 0b110_0000;
        match recurrence {
            Recurrence::Once => Self::On(starts_on),
            Recurrence::Daily => Self::Weekdays(MONDAY_TO_FRIDAY | SATURDAY_AND_SUNDAY),
            Recurrence::Weekdays => Self::Weekdays(MONDAY_TO_FRIDAY),
            Recurrence::Weekends => Self::Weekdays(SATURDAY_AND_SUNDAY),
            Recurrence::Weekly(day) => Self::Weekdays(1 << day.num_days_from_monday()),
            Recurrence::MonthlyOnDay(day) => Self::MonthlyOnDay(day),
            Recurrence::MonthlyOnWeekday { nth, weekday } => Self::MonthlyOnWeekday(nth, weekday),
            Recurrence::YearlyOnDate { month, day } => Self::YearlyOnDate(month, day),
            Recurrence::YearlyOnWeekday {
                month,
                nth,
                weekday,
            } => Self::YearlyOnWeekday(month, nth, weekday),
        }
    }

    /// The first day on or after `from` that matches, if any.
    pub(crate) fn first_on_or_after(self, from: NaiveDate) -> Option<NaiveDate> {
        match self {
            Self::Weekdays(set) => {
                let twice = u16::from(set) | (u16::from(set) << 7);
                let ahead = (twice >> from.weekday().num_days_from_monday()).trailing_zeros();
                from.checked_add_days(Days::new(u64::from(ahead)))
            }
            Self::MonthlyOnDay(day) => first_in_months(from, |year, month| {
                NaiveDate::from_ymd_opt(year, month, day)
            }),
            Self::MonthlyOnWeekday(nth, weekday) => {
                first_in_months(from, |year, month| nth.in_month(year, month, weekday))
            }
            Self::YearlyOnDate(month, day) => {
                first_in_years(from, |year| NaiveDate::from_ymd_opt(year, month, day))
            }
            Self::YearlyOnWeekday(month, nth, weekday) => {
                first_in_years(from, |year| nth.in_month(year, month, weekday))
            }
            Self::On(date) => (from <= date).then_some(date),
        }
    }
}

fn first_in_months(
    from: NaiveDate,
    in_month: impl Fn(i32, u32) -> Option<NaiveDate>,
) -> Option<NaiveDate> {
    let (mut year, mut month) = (from.year(), from.month());
    for _ in 0..GREGORIAN_CYCLE_YEARS * 12 {
        if let Some(date) = in_month(year, month).filter(|date| *date >= from) {
            return Some(date);
        }
        (year, month) = if month == 12 {
            (year.checked_add(1)?, 1)
        } else {
            (year, month + 1)
        };
    }
    None
}

fn first_in_years(
    from: NaiveDate,
    in_year: impl Fn(i32) -> Option<NaiveDate>,
) -> Option<NaiveDate> {
    (from.year()..from.year().saturating_add(GREGORIAN_CYCLE_YEARS))
        .filter_map(&in_year)
        .find(|date| *date >= from)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn weekday_set_finds_the_next_matching_weekday() {
        let fridays_and_mondays = DayPattern::Weekdays(0b001_0001);
        // 2026-11-21 is a Saturday.
        assert_eq!(
            fridays_and_mondays.first_on_or_after(date(2026, 11, 21)),
            Some(date(2026, 11, 23))
        );
        assert_eq!(
            fridays_and_mondays.first_on_or_after(date(2026, 11, 24)),
            Some(date(2026, 11, 27))
        );
        assert_eq!(
            fridays_and_mondays.first_on_or_after(date(2026, 11, 27)),
            Some(date(2026, 11, 27))
        );
    }

    #[test]
    fn monthly_on_the_31st_skips_shorter_months() {
        let pattern = DayPattern::MonthlyOnDay(31);
        assert_eq!(
            pattern.first_on_or_after(date(2026, 2, 1)),
            Some(date(2026, 3, 31))
        );
        assert_eq!(
            pattern.first_on_or_after(date(2026, 4, 1)),
            Some(date(2026, 5, 31))
        );
    }

    #[test]
    fn third_monday_is_counted_from_the_first_of_the_month() {
        // January 2024 starts on a Monday: MLK Day is the 15th, not the 22nd.
        let mlk = DayPattern::YearlyOnWeekday(1, Nth::Third, Weekday::Mon);
        assert_eq!(
            mlk.first_on_or_after(date(2024, 1, 1)),
            Some(date(2024, 1, 15))
        );
        assert_eq!(
            mlk.first_on_or_after(date(2024, 1, 16)),
            Some(date(2025, 1, 20))
        );
    }

    #[test]
    fn last_weekday_of_the_month_is_found_from_the_month_end() {
        let memorial_day = DayPattern::YearlyOnWeekday(5, Nth::Last, Weekday::Mon);
        assert_eq!(
            memorial_day.first_on_or_after(date(2026, 1, 1)),
            Some(date(2026, 5, 25))
        );
        let last_friday = DayPattern::MonthlyOnWeekday(Nth::Last, Weekday::Fri);
        assert_eq!(
            last_friday.first_on_or_after(date(2026, 2, 28)),
            Some(date(2026, 3, 27))
        );
    }

    #[test]
    fn a_fifth_weekday_only_occurs_in_months_that_have_one() {
        let fifth_monday = DayPattern::MonthlyOnWeekday(Nth::Fifth, Weekday::Mon);
        // After 2026-03-30 the next month with five Mondays is June 2026.
        assert_eq!(
            fifth_monday.first_on_or_after(date(2026, 3, 31)),
            Some(date(2026, 6, 29))
        );
        // February has a fifth Sunday only in leap years that start it on a Sunday.
        let fifth_sunday_of_february = DayPattern::YearlyOnWeekday(2, Nth::Fifth, Weekday::Sun);
        assert_eq!(
            fifth_sunday_of_february.first_on_or_after(date(2021, 1, 1)),
            Some(date(2032, 2, 29))
        );
    }

    #[test]
    fn february_29_waits_for_a_leap_year() {
        let leap_day = DayPattern::YearlyOnDate(2, 29);
        assert_eq!(
            leap_day.first_on_or_after(date(2097, 3, 1)),
            Some(date(2104, 2, 29))
        );
    }

    #[test]
    fn a_one_off_date_is_gone_once_passed() {
        let once = DayPattern::On(date(2026, 12, 24));
        assert_eq!(
            once.first_on_or_after(date(2026, 12, 1)),
            Some(date(2026, 12, 24))
        );
        assert_eq!(once.first_on_or_after(date(2026, 12, 25)), None);
    }
}
