//! A business-hours schedule and its holidays compiled into rules that answer
//! "when is the next stretch of business time" without walking hour by hour.
//!
//! Each entry becomes a rule: a day pattern, a wall-clock start and a
//! wall-clock length. Occurrences are generated lazily in order of their
//! local start, each rule jumping straight to its next matching day, so the
//! work grows with the number of periods crossed, not with the hours added.
//! Holidays are streams of the same kind, subtracted as the business
//! occurrences go by.
//!
//! Wall-clock boundaries become instants by one rule: a local time maps to
//! the first instant at which the zone's clock reads that time or later. In
//! the hour repeated when clocks go back that is the first pass; in the hour
//! skipped when they go forward it is the instant the clock jumps. The rule
//! never maps a later wall time to an earlier instant, and business time is
//! measured in real elapsed seconds: a 00:00–24:00 day is 23 hours long on
//! the day clocks go forward and 25 hours on the day they go back.

use std::cmp::Ordering;

use chrono::offset::LocalResult;
use chrono::{DateTime, Datelike, Days, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone};
use chrono_tz::{GapInfo, Tz};
use oxt_ticket::ids::ScheduleId;

use crate::recurrence::{DayPattern, Recurrence};
use crate::schedule::{HolidaySchedule, Schedule, ScheduleEntry};

/// A schedule with its holidays, compiled once and queried many times.
#[derive(Debug, Clone)]
pub struct BusinessCalendar {
    schedule: ScheduleId,
    hours: Hours,
}

#[derive(Debug, Clone)]
enum Hours {
    /// osTicket adds plain hours when the schedule has no entries
    /// (`BusinessHours::addWorkingHours` gives up and `SLA::addGracePeriod`
    /// falls back), holidays included.
    AroundTheClock,
    Rules(Rules),
}

#[derive(Debug, Clone)]
struct Rules {
    business: ZoneRules,
    /// One set per distinct zone, floating holiday schedules in the business zone.
    holidays: Vec<ZoneRules>,
    /// Midnight UTC, as seconds, after the last date on which any rule
    /// starts or stops: from there on the calendar repeats with the
    /// Gregorian cycle.
    settled_after: i64,
}

#[derive(Debug, Clone)]
struct ZoneRules {
    zone: Tz,
    rules: Vec<Rule>,
    /// The yearly rules as (month, index into `rules`), by month.
    yearly_by_month: Vec<(u32, usize)>,
    /// How many days after its start date an occurrence may still be running.
    look_back_days: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Rule {
    days: DayPattern,
    /// The first day the rule actually occurs.
    first: NaiveDate,
    last: Option<NaiveDate>,
    starts_at: NaiveTime,
    /// Each occurrence ends this many days after the day it starts, at `ends_at`.
    ends_days_later: u64,
    ends_at: NaiveTime,
}

const SECONDS_PER_DAY: i64 = 86_400;
const UNIX_EPOCH_DAYS_FROM_CE: i64 = 719_163;
/// 400 Gregorian years. Twice this after the last rule change, with no
/// business time found, there is none to find: the calendar and the bundled
/// zone rules have long since become periodic.
const NOTHING_LEFT_AFTER_SECONDS: i64 = 2 * 146_097 * SECONDS_PER_DAY;
/// 10000-01-01T00:00:00Z: due dates go into `datetime` columns, which end
/// with the year 9999.
pub(crate) const YEAR_10000: i64 = 253_402_300_800;

impl BusinessCalendar {
    /// Compiles `schedule` with the holiday schedules it lists (osTicket's
    /// `schedule.<id>` config, `{"holidays":[...]}`).
    pub fn new(schedule: &Schedule, holidays: &[HolidaySchedule]) -> Self {
        let hours = if schedule.entries().is_empty() {
            Hours::AroundTheClock
        } else {
            Hours::Rules(Rules::new(schedule, holidays))
        };
        Self {
            schedule: schedule.id(),
            hours,
        }
    }

    pub fn schedule_id(&self) -> ScheduleId {
        self.schedule
    }

    /// The instant `seconds` of business time after `from` (both as Unix
    /// seconds): the earliest instant by which that much business time has
    /// gone by, so a due date that fills a period exactly lands on the
    /// period's end rather than on the next period's start.
    pub(crate) fn add_business_seconds(&self, from: i64, seconds: i64) -> Result<i64, AddError> {
        match &self.hours {
            Hours::AroundTheClock => Ok(from.saturating_add(seconds)),
            Hours::Rules(rules) => rules.add(from, seconds),
        }
    }

    pub(crate) fn business_seconds_between(&self, from: i64, to: i64) -> i64 {
        if to <= from {
            return 0;
        }
        match &self.hours {
            Hours::AroundTheClock => to - from,
            Hours::Rules(rules) => {
                let mut free = FreeTime::new(rules, from);
                let mut total = 0;
                while let Step::Free(piece) = free.next(to) {
                    total += piece.end.min(to) - piece.start;
                }
                total
            }
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AddError {
    /// No business time after this instant (Unix seconds).
    NoBusinessTimeAfter(i64),
    AfterYear9999,
}

impl Rules {
    fn new(schedule: &Schedule, holidays: &[HolidaySchedule]) -> Self {
        let business = ZoneRules::new(schedule.timezone(), schedule.entries().iter());
        let mut holiday_zones: Vec<(Tz, Vec<&ScheduleEntry>)> = Vec::new();
        for holiday in holidays {
            let zone = holiday.timezone().unwrap_or(schedule.timezone());
            match holiday_zones.iter_mut().find(|(known, _)| *known == zone) {
                Some((_, entries)) => entries.extend(holiday.entries()),
                None => holiday_zones.push((zone, holiday.entries().iter().collect())),
            }
        }
        let holidays: Vec<ZoneRules> = holiday_zones
            .into_iter()
            .map(|(zone, entries)| ZoneRules::new(zone, entries.into_iter()))
            .filter(|zone_rules| !zone_rules.rules.is_empty())
            .collect();
        let last_change = std::iter::once(&business)
            .chain(&holidays)
            .flat_map(|zone_rules| {
                zone_rules
                    .rules
                    .iter()
                    .map(|rule| (rule.last.unwrap_or(rule.first), zone_rules.look_back_days))
            })
            .map(|(date, look_back)| epoch_day(date) + look_back as i64 + 2)
            .max()
            .unwrap_or(0);
        Self {
            business,
            holidays,
            settled_after: last_change * SECONDS_PER_DAY,
        }
    }

    fn add(&self, from: i64, seconds: i64) -> Result<i64, AddError> {
        if seconds == 0 {
            return Ok(from);
        }
        let mut free = FreeTime::new(self, from);
        let mut remaining = seconds;
        let mut progress = from;
        loop {
            let limit = progress
                .max(self.settled_after)
                .saturating_add(NOTHING_LEFT_AFTER_SECONDS)
                .min(YEAR_10000);
            match free.next(limit) {
                Step::Free(piece) => {
                    let length = piece.end - piece.start;
                    if length >= remaining {
                        return Ok(piece.start + remaining);
                    }
                    remaining -= length;
                    progress = piece.end;
                }
                Step::Done if limit == YEAR_10000 => return Err(AddError::AfterYear9999),
                Step::Done => return Err(AddError::NoBusinessTimeAfter(progress)),
            }
        }
    }
}

impl ZoneRules {
    fn new<'a>(zone: Tz, entries: impl Iterator<Item = &'a ScheduleEntry>) -> Self {
        let mut rules: Vec<Rule> = Vec::new();
        for rule in entries.filter_map(Rule::from_entry) {
            let merged = rules
                .iter_mut()
                .find_map(|known| known.merged_with(&rule).map(|merged| (known, merged)));
            match merged {
                Some((known, merged)) => *known = merged,
                None => rules.push(rule),
            }
        }
        let look_back_days = rules
            .iter()
            .map(Rule::days_running_after_start)
            .max()
            .unwrap_or(0);
        let mut yearly_by_month: Vec<(u32, usize)> = rules
            .iter()
            .enumerate()
            .filter_map(|(index, rule)| rule.yearly_month().map(|month| (month, index)))
            .collect();
        yearly_by_month.sort_unstable();
        Self {
            zone,
            rules,
            yearly_by_month,
            look_back_days,
        }
    }
}

impl Rule {
    /// `None` for an entry that never occurs (say, weekly on Mondays from a
    /// Tuesday until the Sunday after).
    fn from_entry(entry: &ScheduleEntry) -> Option<Self> {
        let days = DayPattern::from_recurrence(entry.recurrence(), entry.starts_on());
        let first = days.first_on_or_after(entry.starts_on())?;
        let last = match entry.recurrence() {
            Recurrence::Once => Some(first),
            _ => entry.stops_on(),
        };
        if last.is_some_and(|last| last < first) {
            return None;
        }
        let starts = entry.starts_on().and_time(entry.starts_at());
        let ends = starts + entry.wall_length();
        Some(Self {
            days,
            first,
            last,
            starts_at: entry.starts_at(),
            ends_days_later: (ends.date() - starts.date()).num_days().unsigned_abs(),
            ends_at: ends.time(),
        })
    }

    fn yearly_month(&self) -> Option<u32> {
        match self.days {
            DayPattern::YearlyOnDate(month, _) | DayPattern::YearlyOnWeekday(month, ..) => {
                Some(month)
            }
            _ => None,
        }
    }

    fn days_running_after_start(&self) -> u64 {
        if self.ends_at == NaiveTime::MIN {
            self.ends_days_later.saturating_sub(1)
        } else {
            self.ends_days_later
        }
    }

    fn next_on_or_after(&self, from: NaiveDate) -> Option<NaiveDate> {
        if self.last.is_some_and(|last| from > last) {
            return None;
        }
        let date = self.days.first_on_or_after(from.max(self.first))?;
        match self.last {
            Some(last) if date > last => None,
            _ => Some(date),
        }
    }

    /// The next occurrence on or after `from`, or for yearly and monthly
    /// rules only a day it cannot come before: most of a holiday schedule's
    /// rules are months away, and working out their exact day can wait
    /// until they are next in line.
    fn upcoming(&self, from: NaiveDate) -> Option<Upcoming> {
        if self.last.is_some_and(|last| from > last) {
            return None;
        }
        let from = from.max(self.first);
        match self.days {
            DayPattern::YearlyOnDate(month, _) | DayPattern::YearlyOnWeekday(month, ..) => {
                first_of_month_on_or_after(from, month).map(Upcoming::NotBefore)
            }
            DayPattern::MonthlyOnDay(_) | DayPattern::MonthlyOnWeekday(..) => {
                Some(Upcoming::NotBefore(from))
            }
            DayPattern::Weekdays(_) | DayPattern::On(_) => {
                self.next_on_or_after(from).map(Upcoming::On)
            }
        }
    }

    /// Folds two weekly-kind rules with the same hours into one, so that a
    /// Monday-to-Friday schedule written as five `weekly` rows is a single
    /// rule. Only valid when the later-starting rule has no matching day
    /// between the two start dates, which the merged rule would otherwise add.
    fn merged_with(&self, other: &Self) -> Option<Self> {
        let (DayPattern::Weekdays(mine), DayPattern::Weekdays(theirs)) = (self.days, other.days)
        else {
            return None;
        };
        let hours = |rule: &Self| {
            (
                rule.starts_at,
                rule.ends_days_later,
                rule.ends_at,
                rule.last,
            )
        };
        if hours(self) != hours(other) {
            return None;
        }
        let (earlier, later, later_days) = if self.first <= other.first {
            (self, other, theirs)
        } else {
            (other, self, mine)
        };
        let mut day = earlier.first;
        while day < later.first {
            if later_days & (1 << day.weekday().num_days_from_monday()) != 0 {
                return None;
            }
            day = day.succ_opt()?;
        }
        Some(Self {
            days: DayPattern::Weekdays(mine | theirs),
            first: earlier.first,
            ..*self
        })
    }
}

fn first_of_month_on_or_after(from: NaiveDate, month: u32) -> Option<NaiveDate> {
    match from.month().cmp(&month) {
        Ordering::Equal => Some(from),
        Ordering::Less => NaiveDate::from_ymd_opt(from.year(), month, 1),
        Ordering::Greater => NaiveDate::from_ymd_opt(from.year().checked_add(1)?, month, 1),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Upcoming {
    On(NaiveDate),
    NotBefore(NaiveDate),
}

impl Upcoming {
    fn date(self) -> NaiveDate {
        match self {
            Self::On(date) | Self::NotBefore(date) => date,
        }
    }
}

/// A half-open stretch of time, `[start, end)`, in Unix seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Interval {
    start: i64,
    end: i64,
}

/// An occurrence as the wall clock of its zone shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct WallInterval {
    start: NaiveDateTime,
    end: NaiveDateTime,
}

impl WallInterval {
    fn in_zone(self, zone: Tz) -> Interval {
        Interval {
            start: first_instant_reading(zone, self.start),
            end: first_instant_reading(zone, self.end),
        }
    }

    /// An instant the occurrence cannot start before, found without
    /// consulting the zone: no zone's clock runs a day or more ahead of UTC.
    fn earliest_start(self) -> i64 {
        self.start.and_utc().timestamp() - SECONDS_PER_DAY
    }
}

/// The first instant (Unix seconds) at which the clock in `zone` reads `wall`
/// or later.
fn first_instant_reading(zone: Tz, wall: NaiveDateTime) -> i64 {
    let wall_seconds = wall.and_utc().timestamp();
    match zone.offset_from_local_datetime(&wall) {
        LocalResult::Single(offset) | LocalResult::Ambiguous(offset, _) => {
            wall_seconds - i64::from(offset.fix().local_minus_utc())
        }
        LocalResult::None => GapInfo::new(&wall, &zone)
            .and_then(|gap| gap.end)
            .map_or_else(
                || {
                    let offset = zone.offset_from_utc_datetime(&wall).fix();
                    wall_seconds - i64::from(offset.local_minus_utc())
                },
                |after_gap| after_gap.timestamp(),
            ),
    }
}

fn local_date(zone: Tz, instant: i64) -> Option<NaiveDate> {
    DateTime::from_timestamp(instant, 0).map(|instant| instant.with_timezone(&zone).date_naive())
}

fn epoch_day(date: NaiveDate) -> i64 {
    i64::from(date.num_days_from_ce()) - UNIX_EPOCH_DAYS_FROM_CE
}

/// The occurrences of one zone's rules, in order of their start.
struct Occurrences<'a> {
    rules: &'a [Rule],
    upcoming: Vec<Option<Upcoming>>,
    asleep: Asleep<'a>,
}

/// Yearly rules not looked at yet. A holiday schedule is mostly yearly
/// rules, and only those whose month comes up need their day worked out, so
/// they are woken month by month from the starting day on.
struct Asleep<'a> {
    by_month: &'a [(u32, usize)],
    /// Where the months from the starting day's on begin in `by_month`;
    /// the earlier months come up in the following year.
    split: usize,
    woken: usize,
    from: NaiveDate,
}

impl Asleep<'_> {
    /// The next rule to wake, and the day to look for its occurrences from.
    fn next(&self) -> Option<(usize, NaiveDate)> {
        if self.woken == self.by_month.len() {
            return None;
        }
        let position = self.split + self.woken;
        let (year, (month, index)) = match self.by_month.get(position) {
            Some(rule) => (self.from.year(), *rule),
            None => (
                self.from.year() + 1,
                self.by_month[position - self.by_month.len()],
            ),
        };
        let wake_from = if (year, month) == (self.from.year(), self.from.month()) {
            self.from
        } else {
            NaiveDate::from_ymd_opt(year, month, 1)?
        };
        Some((index, wake_from))
    }
}

impl<'a> Occurrences<'a> {
    /// Every occurrence still running on `local_date` or starting after it
    /// comes out (and possibly a few that ended before the instant of
    /// interest on that day).
    fn around(zone_rules: &'a ZoneRules, local_date: Option<NaiveDate>) -> Self {
        let first_date =
            local_date.and_then(|date| date.checked_sub_days(Days::new(zone_rules.look_back_days)));
        let asleep = match first_date {
            Some(from) => Asleep {
                by_month: &zone_rules.yearly_by_month,
                split: zone_rules
                    .yearly_by_month
                    .partition_point(|(month, _)| *month < from.month()),
                woken: 0,
                from,
            },
            None => Asleep {
                by_month: &[],
                split: 0,
                woken: 0,
                from: NaiveDate::MIN,
            },
        };
        Self {
            rules: &zone_rules.rules,
            upcoming: zone_rules
                .rules
                .iter()
                .map(|rule| match rule.yearly_month() {
                    Some(_) => None,
                    None => first_date.and_then(|date| rule.upcoming(date)),
                })
                .collect(),
            asleep,
        }
    }

    fn next(&mut self) -> Option<WallInterval> {
        loop {
            let earliest = self
                .upcoming
                .iter()
                .enumerate()
                .filter_map(|(index, upcoming)| upcoming.map(|upcoming| (index, upcoming)))
                .min_by_key(|(index, upcoming)| (upcoming.date(), self.rules[*index].starts_at));
            if let Some((index, wake_from)) = self.asleep.next()
                && earliest.is_none_or(|(_, upcoming)| wake_from <= upcoming.date())
            {
                self.upcoming[index] = self.rules[index].upcoming(wake_from);
                self.asleep.woken += 1;
                continue;
            }
            let (index, upcoming) = earliest?;
            let rule = &self.rules[index];
            match upcoming {
                Upcoming::NotBefore(date) => {
                    self.upcoming[index] = rule.next_on_or_after(date).map(Upcoming::On);
                }
                Upcoming::On(date) => {
                    self.upcoming[index] = date.succ_opt().and_then(|day| rule.upcoming(day));
                    let end_date = date.checked_add_days(Days::new(rule.ends_days_later))?;
                    return Some(WallInterval {
                        start: date.and_time(rule.starts_at),
                        end: end_date.and_time(rule.ends_at),
                    });
                }
            }
        }
    }
}

/// A holiday stream with its next occurrence at hand, placed in time only
/// when it comes close.
struct HolidayTrack<'a> {
    zone: Tz,
    occurrences: Occurrences<'a>,
    next: Option<WallInterval>,
    placed: Option<Interval>,
}

impl<'a> HolidayTrack<'a> {
    fn new(zone: Tz, occurrences: Occurrences<'a>) -> Self {
        let mut track = Self {
            zone,
            occurrences,
            next: None,
            placed: None,
        };
        track.advance();
        track
    }

    fn advance(&mut self) {
        self.next = self.occurrences.next();
        self.placed = None;
    }

    /// The next holiday if it starts before `before`.
    fn next_starting_before(&mut self, before: i64) -> Option<Interval> {
        let next = self.next?;
        if next.earliest_start() >= before {
            return None;
        }
        let zone = self.zone;
        let placed = *self.placed.get_or_insert_with(|| next.in_zone(zone));
        (placed.start < before).then_some(placed)
    }
}

enum Step {
    Free(Interval),
    /// Nothing more before the limit, or nothing more at all.
    Done,
}

/// Business time with holidays taken out, as consecutive pieces from a
/// starting instant on.
struct FreeTime<'a> {
    zone: Tz,
    business: Occurrences<'a>,
    holidays: Vec<HolidayTrack<'a>>,
    /// What is left of the business occurrence being consumed.
    current: Interval,
    /// Everything before this instant has been handed out or lies in a
    /// holiday; later occurrences (an entry crossing midnight into the next
    /// day's, business days inside a long holiday) are clipped to it.
    cursor: i64,
}

impl<'a> FreeTime<'a> {
    fn new(rules: &'a Rules, from: i64) -> Self {
        let zone = rules.business.zone;
        let business_date = local_date(zone, from);
        Self {
            zone,
            business: Occurrences::around(&rules.business, business_date),
            holidays: rules
                .holidays
                .iter()
                .map(|holidays| {
                    let date = if holidays.zone == zone {
                        business_date
                    } else {
                        local_date(holidays.zone, from)
                    };
                    HolidayTrack::new(holidays.zone, Occurrences::around(holidays, date))
                })
                .collect(),
            current: Interval {
                start: from,
                end: from,
            },
            cursor: from,
        }
    }

    /// The next piece of free business time that starts before `limit`.
    fn next(&mut self, limit: i64) -> Step {
        loop {
            if self.current.start >= self.current.end {
                let Some(occurrence) = self.business.next() else {
                    return Step::Done;
                };
                if occurrence.earliest_start() >= limit {
                    return Step::Done;
                }
                let occurrence = occurrence.in_zone(self.zone);
                self.current = Interval {
                    start: occurrence.start.max(self.cursor),
                    end: occurrence.end,
                };
                continue;
            }
            let start = self.skip_holidays(self.current.start, limit);
            if start >= limit {
                return Step::Done;
            }
            if start >= self.current.end {
                // Holidays cover everything up to `start`, which may reach
                // past later business occurrences too.
                self.cursor = self.cursor.max(start);
                self.current.start = self.current.end;
                continue;
            }
            let end = self.next_holiday_start(self.current.end);
            self.current.start = end;
            self.cursor = end;
            return Step::Free(Interval { start, end });
        }
    }

    /// The first instant at or after `at` that no holiday covers (or `limit`,
    /// whichever comes first).
    fn skip_holidays(&mut self, mut at: i64, limit: i64) -> i64 {
        loop {
            let mut moved = false;
            for track in &mut self.holidays {
                while at < limit {
                    let Some(holiday) = track.next_starting_before(at + 1) else {
                        break;
                    };
                    if holiday.end > at {
                        at = holiday.end;
                        moved = true;
                    }
                    track.advance();
                }
            }
            if !moved || at >= limit {
                return at;
            }
        }
    }

    /// When the next holiday starts, if before `before`; else `before`.
    fn next_holiday_start(&mut self, before: i64) -> i64 {
        self.holidays
            .iter_mut()
            .filter_map(|track| track.next_starting_before(before))
            .map(|holiday| holiday.start)
            .fold(before, i64::min)
    }
}
