//! Many rules on one field answered by one pass over its value.
//!
//! Searching a message body once per `contains` or `match` rule costs a scan
//! per rule; a multi-pattern search scans once for all of them, so hundreds
//! of rules on the same field cost about as much as one.

use std::fmt::Write as _;

use regex::bytes::{RegexSet, RegexSetBuilder};

/// From this many distinct needles or patterns on one field, rules share a
/// search.
pub(crate) const BATCH_MIN: usize = 4;

/// Room for many patterns that each fit `pcre::COMPILED_SIZE_LIMIT`.
const SET_SIZE_LIMIT: usize = 64 << 20;

/// Patterns searched together. The cost of a search is one pass over the
/// value, nearly whatever the number of patterns, so they go into as few
/// automata as will build.
#[derive(Debug, Clone)]
pub(crate) struct MultiSearch {
    sets: Vec<RegexSet>,
    len: usize,
}

impl MultiSearch {
    /// Builds the search; also returns, for each pattern given, its position
    /// among the results, or `None` when it could not join a shared
    /// automaton (the rule then searches on its own).
    pub fn build(patterns: &[String]) -> (Self, Vec<Option<usize>>) {
        let mut search = Self {
            sets: Vec::new(),
            len: 0,
        };
        let mut positions = Vec::with_capacity(patterns.len());
        search.add(patterns, &mut positions);
        (search, positions)
    }

    /// Adds `patterns` as one automaton, or as two halves when that is too
    /// big, down to single patterns, which are left out.
    fn add(&mut self, patterns: &[String], positions: &mut Vec<Option<usize>>) {
        match RegexSetBuilder::new(patterns)
            .size_limit(SET_SIZE_LIMIT)
            .build()
        {
            Ok(set) => {
                positions.extend((self.len..self.len + patterns.len()).map(Some));
                self.len += patterns.len();
                self.sets.push(set);
            }
            Err(_) if patterns.len() > 1 => {
                let (first, second) = patterns.split_at(patterns.len() / 2);
                self.add(first, positions);
                self.add(second, positions);
            }
            Err(_) => positions.push(None),
        }
    }

    /// Whether each pattern matches somewhere in `haystack`.
    pub fn hits(&self, haystack: &[u8]) -> Vec<bool> {
        let mut hits = Vec::with_capacity(self.len);
        for set in &self.sets {
            let matches = set.matches(haystack);
            hits.extend((0..set.len()).map(|at| matches.matched(at)));
        }
        hits
    }
}

/// A pattern finding `needle` the way `stripos` does: byte for byte, ASCII
/// letters in either case (the engine folds only ASCII without Unicode).
pub(crate) fn caseless_literal_pattern(needle: &str) -> String {
    let mut pattern = String::with_capacity(needle.len() * 2 + 6);
    pattern.push_str("(?i-u)");
    for byte in needle.bytes() {
        if byte.is_ascii_alphanumeric() {
            pattern.push(char::from(byte));
        } else {
            let _ = write!(pattern, r"\x{byte:02X}");
        }
    }
    pattern
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pattern_reports_whether_it_matches() {
        let patterns: Vec<String> = (0..150).map(|n| format!("x{n}y")).collect();
        let (search, positions) = MultiSearch::build(&patterns);
        assert_eq!(positions, (0..150).map(Some).collect::<Vec<_>>());
        assert_eq!(search.sets.len(), 1);
        let hits = search.hits(b"a x7y b x149y");
        assert!(hits[7] && hits[149]);
        assert_eq!(hits.iter().filter(|h| **h).count(), 2);
    }

    #[test]
    fn a_pattern_that_cannot_join_is_left_on_its_own_and_the_rest_stay_shared() {
        let mut patterns: Vec<String> = (0..7).map(|n| format!("a{n}")).collect();
        patterns.insert(3, "(".to_owned());
        let (search, positions) = MultiSearch::build(&patterns);
        assert_eq!(
            positions,
            vec![
                Some(0),
                Some(1),
                Some(2),
                None,
                Some(3),
                Some(4),
                Some(5),
                Some(6)
            ]
        );
        let hits = search.hits(b"a0 a6");
        assert_eq!(hits.len(), 7);
        assert!(hits[0] && hits[6] && !hits[1]);
    }

    #[test]
    fn literal_patterns_match_like_stripos() {
        let set = RegexSet::new([
            caseless_literal_pattern("a.B"),
            caseless_literal_pattern("é("),
        ])
        .unwrap();
        assert!(set.matches("xxA.bxx".as_bytes()).matched(0));
        assert!(!set.matches("xxaxbxx".as_bytes()).matched(0));
        assert!(set.matches("é(".as_bytes()).matched(1));
        assert!(!set.matches("É(".as_bytes()).matched(1));
    }
}
