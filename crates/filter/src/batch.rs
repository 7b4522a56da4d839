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

/// Patterns per automaton: keeps each automaton small, so one costly
/// pattern slows only its own chunk.
const CHUNK: usize = 64;

/// Room for a chunk of patterns that each fit `pcre::COMPILED_SIZE_LIMIT`.
const CHUNK_SIZE_LIMIT: usize = 64 << 20;

/// Patterns searched together, in chunks.
#[derive(Debug, Clone)]
pub(crate) struct MultiSearch {
    chunks: Vec<RegexSet>,
    len: usize,
}

impl MultiSearch {
    /// Builds the search; also returns, for each pattern given, its position
    /// among the results, or `None` when its chunk could not be built (the
    /// rule then searches on its own).
    pub fn build(patterns: &[String]) -> (Self, Vec<Option<usize>>) {
        let mut chunks = Vec::new();
        let mut positions = Vec::with_capacity(patterns.len());
        let mut len = 0;
        for chunk in patterns.chunks(CHUNK) {
            match RegexSetBuilder::new(chunk)
                .size_limit(CHUNK_SIZE_LIMIT)
                .build()
            {
                Ok(set) => {
                    positions.extend((len..len + chunk.len()).map(Some));
                    len += chunk.len();
                    chunks.push(set);
                }
                Err(_) => positions.extend(chunk.iter().map(|_| None)),
            }
        }
        (Self { chunks, len }, positions)
    }

    /// Whether each pattern matches somewhere in `haystack`.
    pub fn hits(&self, haystack: &[u8]) -> Vec<bool> {
        let mut hits = Vec::with_capacity(self.len);
        for set in &self.chunks {
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
        let hits = search.hits(b"a x7y b x149y");
        assert!(hits[7] && hits[149]);
        assert_eq!(hits.iter().filter(|h| **h).count(), 2);
    }

    #[test]
    fn a_chunk_that_cannot_be_built_leaves_its_patterns_on_their_own() {
        let mut patterns = vec!["a".to_owned(); CHUNK];
        patterns.push("(".to_owned());
        let (search, positions) = MultiSearch::build(&patterns);
        assert_eq!(positions[CHUNK], None);
        assert_eq!(search.hits(b"a").len(), CHUNK);
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
