//! The one real clock of the process.

use chrono::{DateTime, DurationRound, TimeDelta, Utc};
use oxt_service::Clock;

#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    /// Whole seconds: osTicket's `datetime` columns hold no fraction, so every
    /// backend stores and answers the same instant.
    #[expect(
        clippy::disallowed_methods,
        reason = "the single place that reads the wall clock"
    )]
    fn now(&self) -> DateTime<Utc> {
        let now = Utc::now();
        now.duration_trunc(TimeDelta::seconds(1)).unwrap_or(now)
    }
}
