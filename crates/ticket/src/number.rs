//! Ticket numbers exactly as osTicket 1.18 makes them.
//!
//! osTicket builds a number from a format (`core.ticket_number_format`, or a
//! help topic's `number_format`) and either a database sequence
//! (`ost_sequence`) or, on a fresh install, random digits. In a format each
//! run of `#` takes digits of the number, `\#` is a literal `#`, and every
//! other character is copied as is (`TKT-######` → `TKT-004217`).
//!
//! Uniqueness is the caller's job, as in osTicket: draw a number, look it up
//! in `ost_ticket.number`, and draw again while it is taken.

use crate::ids::SequenceId;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::ops::RangeInclusive;

/// Width of `ost_ticket.number` (`varchar(20)`).
const MAX_NUMBER_CHARS: usize = 20;

/// osTicket's `RandomSequence` never draws fewer digits than this.
const MIN_RANDOM_DIGITS: usize = 6;

/// A ticket number as stored in `ost_ticket.number`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct TicketNumber(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TicketNumberError {
    #[error("a ticket number cannot be empty")]
    Empty,
    #[error("a ticket number has at most {MAX_NUMBER_CHARS} characters, this one has {chars}")]
    TooLong { chars: usize },
}

impl TicketNumber {
    /// Reads a stored number (or one a caller typed) without reformatting it:
    /// osTicket numbers are strings, and `004217` differs from `4217`.
    pub fn parse(raw: &str) -> Result<Self, TicketNumberError> {
        let chars = raw.chars().count();
        if chars == 0 {
            return Err(TicketNumberError::Empty);
        }
        if chars > MAX_NUMBER_CHARS {
            return Err(TicketNumberError::TooLong { chars });
        }
        Ok(Self(raw.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for TicketNumber {
    type Error = TicketNumberError;

    fn try_from(raw: String) -> Result<Self, Self::Error> {
        Self::parse(&raw)
    }
}

impl From<TicketNumber> for String {
    fn from(number: TicketNumber) -> String {
        number.0
    }
}

impl fmt::Display for TicketNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Random digits for [`NumberFormat::random`]; the service implements it
/// with `rand`. Any `FnMut(RangeInclusive<u8>) -> u8` is one.
pub trait DigitSource {
    /// A digit drawn uniformly from `range` (both ends included), as PHP's
    /// `mt_rand(low, high)`.
    fn digit(&mut self, range: RangeInclusive<u8>) -> u8;
}

impl<F: FnMut(RangeInclusive<u8>) -> u8> DigitSource for F {
    fn digit(&mut self, range: RangeInclusive<u8>) -> u8 {
        self(range)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Literal(String),
    Digits(usize),
}

/// A parsed number format such as `######` or `TKT-\###-####`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberFormat {
    pieces: Vec<Piece>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NumberFormatError {
    #[error(
        "the format makes numbers of at least {chars} characters, more than the {MAX_NUMBER_CHARS} ost_ticket.number holds"
    )]
    TooWide { chars: usize },
}

impl NumberFormat {
    /// osTicket's installer default for `core.ticket_number_format`.
    pub const DEFAULT: &'static str = "######";

    /// Reads a format. Any text is a format to osTicket (an empty one yields
    /// the bare number); only a format whose narrowest number would not fit
    /// `ost_ticket.number` is refused, since no ticket could be stored with it.
    pub fn parse(raw: &str) -> Result<Self, NumberFormatError> {
        let mut pieces = Vec::new();
        let mut literal = String::new();
        let mut chars = raw.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\\' if chars.peek() == Some(&'#') => {
                    chars.next();
                    literal.push('#');
                }
                '#' => {
                    let mut run = 1;
                    while chars.next_if_eq(&'#').is_some() {
                        run += 1;
                    }
                    if !literal.is_empty() {
                        pieces.push(Piece::Literal(std::mem::take(&mut literal)));
                    }
                    pieces.push(Piece::Digits(run));
                }
                other => literal.push(other),
            }
        }
        if !literal.is_empty() {
            pieces.push(Piece::Literal(literal));
        }
        let format = Self { pieces };
        let narrowest = format.literal_chars() + format.digit_count().max(1);
        if narrowest > MAX_NUMBER_CHARS {
            return Err(NumberFormatError::TooWide { chars: narrowest });
        }
        Ok(format)
    }

    /// How many `#` the format holds (osTicket's `Sequence::getDigitCount`).
    pub fn digit_count(&self) -> usize {
        self.pieces
            .iter()
            .map(|piece| match piece {
                Piece::Digits(run) => *run,
                Piece::Literal(_) => 0,
            })
            .sum()
    }

    fn literal_chars(&self) -> usize {
        self.pieces
            .iter()
            .map(|piece| match piece {
                Piece::Literal(text) => text.chars().count(),
                Piece::Digits(_) => 0,
            })
            .sum()
    }

    /// Places a sequence value in the format (osTicket's `Sequence::format`):
    /// the value is left-padded with `padding` to the number of `#`, the `#`
    /// runs take its digits left to right, and digits beyond the `#` count
    /// follow the last run (or lead the number when the format has no `#`).
    ///
    /// osTicket pads bytewise, so only an ASCII `padding` gives the same text;
    /// `ost_sequence.padding` is `'0'` unless an admin changed it.
    pub fn format(&self, value: u64, padding: char) -> Result<TicketNumber, TicketNumberError> {
        let digits = value.to_string();
        let width = self.digit_count();
        let mut padded: String =
            std::iter::repeat_n(padding, width.saturating_sub(digits.len())).collect();
        padded.push_str(&digits);
        self.place(&padded)
    }

    /// Draws a number as osTicket's `RandomSequence`: as many digits as the
    /// format has `#` but at least six, the first 1–9 and the others 0–9
    /// (`Misc::randNumber`), placed as [`NumberFormat::format`] places them.
    ///
    /// # Panics
    /// If `digits` returns a value outside the range it was asked for.
    pub fn random(&self, digits: &mut impl DigitSource) -> Result<TicketNumber, TicketNumberError> {
        let count = self.digit_count().max(MIN_RANDOM_DIGITS);
        let drawn: String = (0..count)
            .map(|position| {
                let range = if position == 0 { 1..=9 } else { 0..=9 };
                let digit = digits.digit(range.clone());
                assert!(
                    range.contains(&digit),
                    "DigitSource returned {digit}, outside {range:?}"
                );
                char::from(b'0' + digit)
            })
            .collect();
        self.place(&drawn)
    }

    /// Puts the digits of `padded` (at least `digit_count()` of them) into the
    /// `#` runs; the surplus goes where the last run ended, or first when
    /// there is no run, which is where osTicket's loop leaves it.
    fn place(&self, padded: &str) -> Result<TicketNumber, TicketNumberError> {
        let (mut rest, surplus) = split_after_chars(padded, self.digit_count());
        let last_run = self
            .pieces
            .iter()
            .rposition(|piece| matches!(piece, Piece::Digits(_)));
        let mut out = String::new();
        if last_run.is_none() {
            out.push_str(surplus);
        }
        for (index, piece) in self.pieces.iter().enumerate() {
            match piece {
                Piece::Literal(text) => out.push_str(text),
                Piece::Digits(run) => {
                    let (taken, left) = split_after_chars(rest, *run);
                    out.push_str(taken);
                    rest = left;
                    if Some(index) == last_run {
                        out.push_str(surplus);
                    }
                }
            }
        }
        TicketNumber::parse(&out)
    }
}

/// Splits `text` after its first `count` characters (or at its end).
fn split_after_chars(text: &str, count: usize) -> (&str, &str) {
    let at = text
        .char_indices()
        .nth(count)
        .map_or(text.len(), |(at, _)| at);
    text.split_at(at)
}

/// Where the next number's value comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberSource {
    /// The `ost_sequence` row with this id. osTicket falls back to random
    /// numbers when the row does not exist, and so must the caller.
    Sequence(SequenceId),
    /// Random digits (`RandomSequence`): what a fresh install uses.
    Random,
}

impl NumberSource {
    /// Reads a sequence setting (`core.ticket_sequence_id`,
    /// `ost_help_topic.sequence_id`): empty, `0` or not a number means
    /// random, as PHP's truthiness and a failed `Sequence::lookup` do.
    pub fn from_setting(raw: &str) -> Self {
        match raw
            .trim()
            .parse::<u32>()
            .ok()
            .and_then(SequenceId::from_column)
        {
            Some(id) => Self::Sequence(id),
            None => Self::Random,
        }
    }
}

/// Everything needed to make the next number of a ticket (or task).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberingPlan {
    pub format: NumberFormat,
    pub source: NumberSource,
}

impl NumberingPlan {
    /// From `core.ticket_number_format` and `core.ticket_sequence_id` (or the
    /// task pair), as `OsticketConfig::getNewTicketNumber` reads them.
    pub fn from_settings(
        number_format: &str,
        sequence_id: &str,
    ) -> Result<Self, NumberFormatError> {
        Ok(Self {
            format: NumberFormat::parse(number_format)?,
            source: NumberSource::from_setting(sequence_id),
        })
    }

    /// For a help topic flagged `FLAG_CUSTOM_NUMBERS`: its own format (the
    /// default when empty) and sequence, as `Topic::getNewTicketNumber`.
    pub fn for_custom_topic(
        number_format: Option<&str>,
        sequence_id: u32,
    ) -> Result<Self, NumberFormatError> {
        let format = number_format
            .filter(|format| !format.is_empty())
            .unwrap_or(NumberFormat::DEFAULT);
        Ok(Self {
            format: NumberFormat::parse(format)?,
            source: SequenceId::from_column(sequence_id)
                .map_or(NumberSource::Random, NumberSource::Sequence),
        })
    }
}

/// An `ost_sequence` row: the counter behind sequential numbers.
///
/// A `NULL` or empty `padding` column reads as `'0'`, the value osTicket's
/// admin form stores in that case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sequence {
    pub id: SequenceId,
    pub next: u64,
    pub increment: i32,
    pub padding: char,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SequenceError {
    /// osTicket refuses to save such a sequence: it could only ever hand out one value.
    #[error("sequence {0} has a zero increment")]
    ZeroIncrement(SequenceId),
    #[error("sequence {0} cannot advance past {1} within ost_sequence.next")]
    Exhausted(SequenceId, u64),
    #[error(transparent)]
    Number(#[from] TicketNumberError),
}

impl Sequence {
    /// Hands out the current value and the row advanced by `increment`
    /// (`Sequence::__next`). The caller holds the row lock (`SELECT ... FOR
    /// UPDATE`) and saves the advanced row in the same transaction.
    pub fn advance(&self) -> Result<(u64, Sequence), SequenceError> {
        if self.increment == 0 {
            return Err(SequenceError::ZeroIncrement(self.id));
        }
        let next = self
            .next
            .checked_add_signed(i64::from(self.increment))
            .ok_or(SequenceError::Exhausted(self.id, self.next))?;
        Ok((self.next, Sequence { next, ..*self }))
    }

    /// The next number in `format` and the advanced row.
    pub fn next_number(
        &self,
        format: &NumberFormat,
    ) -> Result<(TicketNumber, Sequence), SequenceError> {
        let (value, advanced) = self.advance()?;
        Ok((format.format(value, self.padding)?, advanced))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn format(raw: &str) -> NumberFormat {
        NumberFormat::parse(raw).unwrap()
    }

    fn number(raw: &str, value: u64, padding: char) -> String {
        format(raw)
            .format(value, padding)
            .unwrap()
            .as_str()
            .to_owned()
    }

    /// Replays a fixed list of digits.
    fn replay(digits: &[u8]) -> impl FnMut(RangeInclusive<u8>) -> u8 + '_ {
        let mut next = digits.iter();
        move |_| *next.next().unwrap()
    }

    fn sequence(next: u64, increment: i32) -> Sequence {
        Sequence {
            id: SequenceId::new(1),
            next,
            increment,
            padding: '0',
        }
    }

    #[test]
    fn the_default_format_pads_sequence_values_to_six_digits() {
        assert_eq!(number("######", 1, '0'), "000001");
        assert_eq!(number("######", 4217, '0'), "004217");
    }

    #[test]
    fn literal_characters_are_copied_around_the_digits() {
        assert_eq!(number("TKT-######", 42, '0'), "TKT-000042");
        assert_eq!(number("TX-###-###-US", 123456, '0'), "TX-123-456-US");
    }

    #[test]
    fn digit_runs_take_the_padded_value_left_to_right() {
        assert_eq!(number("##-####", 42, '0'), "00-0042");
    }

    #[test]
    fn the_sequence_padding_character_fills_missing_digits() {
        assert_eq!(number("######", 42, 'X'), "XXXX42");
    }

    #[test]
    fn digits_beyond_the_hash_count_follow_the_last_run() {
        assert_eq!(number("##-##", 12345, '0'), "12-345");
        assert_eq!(number("A##B##C", 1234567, '0'), "A12B34567C");
    }

    #[test]
    fn a_format_without_hashes_puts_the_number_first() {
        assert_eq!(number("", 42, '0'), "42");
        assert_eq!(number("ABC", 42, '0'), "42ABC");
    }

    #[test]
    fn an_escaped_hash_is_a_literal_hash() {
        assert_eq!(number(r"\###", 7, '0'), "#07");
        assert_eq!(number(r"#\#", 7, '0'), "7#");
        assert_eq!(format(r"\#\#").digit_count(), 0);
    }

    #[test]
    fn a_backslash_before_anything_but_a_hash_is_kept() {
        assert_eq!(number(r"\\##", 5, '0'), r"\#5");
        assert_eq!(number(r"a\b#", 5, '0'), r"a\b5");
    }

    #[test]
    fn digit_count_ignores_escaped_hashes() {
        assert_eq!(format("######").digit_count(), 6);
        assert_eq!(format(r"T\#-##-##").digit_count(), 4);
    }

    #[test]
    fn a_format_too_wide_for_the_number_column_is_rejected() {
        assert_eq!(
            NumberFormat::parse(&"#".repeat(21)),
            Err(NumberFormatError::TooWide { chars: 21 })
        );
        assert_eq!(
            NumberFormat::parse(&"A".repeat(20)),
            Err(NumberFormatError::TooWide { chars: 21 })
        );
        assert!(NumberFormat::parse(&"#".repeat(20)).is_ok());
    }

    #[test]
    fn a_value_that_outgrows_the_number_column_is_rejected() {
        assert_eq!(
            format("TICKET-NUMBER-###").format(1_234_567, '0'),
            Err(TicketNumberError::TooLong { chars: 21 })
        );
    }

    #[test]
    fn random_numbers_use_at_least_six_digits_with_a_non_zero_first() {
        let mut ranges = Vec::new();
        let number = format("#")
            .random(&mut |range: RangeInclusive<u8>| {
                ranges.push(range.clone());
                *range.end()
            })
            .unwrap();
        assert_eq!(number.as_str(), "999999");
        assert_eq!(ranges[0], 1..=9);
        assert!(ranges[1..].iter().all(|range| *range == (0..=9)));
    }

    #[test]
    fn random_numbers_match_the_observed_default() {
        let number = format(NumberFormat::DEFAULT)
            .random(&mut replay(&[7, 9, 5, 4, 3, 6]))
            .unwrap();
        assert_eq!(number.as_str(), "795436");
    }

    #[test]
    fn random_numbers_fill_wider_formats() {
        let number = format("R-########")
            .random(&mut replay(&[1, 0, 0, 0, 0, 0, 0, 2]))
            .unwrap();
        assert_eq!(number.as_str(), "R-10000002");
    }

    #[test]
    #[should_panic(expected = "outside")]
    fn a_digit_source_that_breaks_its_range_is_a_bug() {
        let _ = format("######").random(&mut |_| 0);
    }

    #[test]
    fn ticket_numbers_are_kept_verbatim() {
        assert_eq!(TicketNumber::parse("004217").unwrap().as_str(), "004217");
        assert_eq!(TicketNumber::parse(""), Err(TicketNumberError::Empty));
        assert_eq!(
            TicketNumber::parse(&"1".repeat(21)),
            Err(TicketNumberError::TooLong { chars: 21 })
        );
    }

    #[test]
    fn ticket_numbers_serialize_as_strings_and_check_on_the_way_in() {
        let number = TicketNumber::parse("795436").unwrap();
        assert_eq!(serde_json::to_string(&number).unwrap(), "\"795436\"");
        assert!(serde_json::from_str::<TicketNumber>("\"\"").is_err());
    }

    #[test]
    fn sequence_settings_that_are_empty_or_zero_mean_random() {
        assert_eq!(NumberSource::from_setting(""), NumberSource::Random);
        assert_eq!(NumberSource::from_setting("0"), NumberSource::Random);
        assert_eq!(NumberSource::from_setting("general"), NumberSource::Random);
        assert_eq!(
            NumberSource::from_setting("1"),
            NumberSource::Sequence(SequenceId::new(1))
        );
    }

    #[test]
    fn a_fresh_install_numbers_tickets_randomly_with_six_digits() {
        let plan = NumberingPlan::from_settings("######", "").unwrap();
        assert_eq!(plan.source, NumberSource::Random);
        assert_eq!(plan.format.digit_count(), 6);
    }

    #[test]
    fn a_custom_topic_without_a_format_uses_the_default() {
        let plan = NumberingPlan::for_custom_topic(None, 2).unwrap();
        assert_eq!(plan.format, format(NumberFormat::DEFAULT));
        assert_eq!(plan.source, NumberSource::Sequence(SequenceId::new(2)));
        let plan = NumberingPlan::for_custom_topic(Some(""), 0).unwrap();
        assert_eq!(plan.format, format(NumberFormat::DEFAULT));
        assert_eq!(plan.source, NumberSource::Random);
    }

    #[test]
    fn a_sequence_hands_out_next_and_advances_by_its_increment() {
        let (value, advanced) = sequence(1, 1).advance().unwrap();
        assert_eq!(value, 1);
        assert_eq!(advanced.next, 2);
        let (value, advanced) = sequence(10, 5).advance().unwrap();
        assert_eq!((value, advanced.next), (10, 15));
    }

    #[test]
    fn a_sequence_gives_the_formatted_number_and_the_advanced_row() {
        let (number, advanced) = sequence(1, 1)
            .next_number(&format(NumberFormat::DEFAULT))
            .unwrap();
        assert_eq!(number.as_str(), "000001");
        assert_eq!(advanced.next, 2);
    }

    #[test]
    fn a_sequence_with_a_zero_increment_is_rejected() {
        assert_eq!(
            sequence(1, 0).advance(),
            Err(SequenceError::ZeroIncrement(SequenceId::new(1)))
        );
    }

    #[test]
    fn a_sequence_cannot_leave_the_unsigned_range() {
        assert_eq!(
            sequence(3, -5).advance(),
            Err(SequenceError::Exhausted(SequenceId::new(1), 3))
        );
        assert_eq!(
            sequence(u64::MAX, 1).advance(),
            Err(SequenceError::Exhausted(SequenceId::new(1), u64::MAX))
        );
    }

    #[test]
    fn a_sequence_reports_a_number_too_long_for_the_column() {
        assert_eq!(
            sequence(123_456_789, 1).next_number(&format("TICKET-NUMBER-###")),
            Err(SequenceError::Number(TicketNumberError::TooLong {
                chars: 23
            }))
        );
    }
}
