//! Time is a parameter: use cases read `now` from a `Clock` so tests can fix it.

use chrono::{DateTime, Utc};
use std::fmt::Debug;

pub trait Clock: Debug + Send + Sync {
    fn now(&self) -> DateTime<Utc>;
}

/// A clock that always answers the same instant; for tests and replays.
#[derive(Debug, Clone, Copy)]
pub struct FixedClock(pub DateTime<Utc>);

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        self.0
    }
}
