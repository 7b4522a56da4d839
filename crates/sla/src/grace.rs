//! An SLA's grace period (`ost_sla.grace_period`, whole hours).

use serde::{Deserialize, Serialize};

/// Whole hours of business time a ticket has before it is due: 0 to 8760
/// (a year), the range osTicket's SLA form accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "i64", into = "u32")]
pub struct GracePeriod(u32);

impl GracePeriod {
    pub const MAX_HOURS: u32 = 8760;

    /// Reads an hour count from any source that may hold nonsense (an API
    /// body, a hand-edited row).
    pub fn parse_hours(hours: i64) -> Result<Self, GracePeriodError> {
        if hours < 0 {
            return Err(GracePeriodError::Negative(hours));
        }
        match u32::try_from(hours) {
            Ok(hours) if hours <= Self::MAX_HOURS => Ok(Self(hours)),
            _ => Err(GracePeriodError::TooLong {
                hours,
                max: Self::MAX_HOURS,
            }),
        }
    }

    pub const fn hours(self) -> u32 {
        self.0
    }

    pub(crate) const fn seconds(self) -> i64 {
        self.0 as i64 * 3600
    }
}

impl TryFrom<i64> for GracePeriod {
    type Error = GracePeriodError;

    fn try_from(hours: i64) -> Result<Self, Self::Error> {
        Self::parse_hours(hours)
    }
}

impl TryFrom<u32> for GracePeriod {
    type Error = GracePeriodError;

    fn try_from(hours: u32) -> Result<Self, Self::Error> {
        Self::parse_hours(i64::from(hours))
    }
}

impl From<GracePeriod> for u32 {
    fn from(grace: GracePeriod) -> u32 {
        grace.0
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum GracePeriodError {
    #[error("grace_period {0} is negative")]
    Negative(i64),
    #[error("grace_period {hours} hours is longer than {max} hours")]
    TooLong { hours: i64, max: u32 },
}

impl GracePeriodError {
    /// The `ost_sla` column at fault.
    pub fn field(&self) -> &'static str {
        "grace_period"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_negative_grace_period_is_rejected() {
        assert_eq!(
            GracePeriod::parse_hours(-1),
            Err(GracePeriodError::Negative(-1))
        );
    }

    #[test]
    fn a_grace_period_over_a_year_is_rejected() {
        assert_eq!(
            GracePeriod::try_from(8761_u32),
            Err(GracePeriodError::TooLong {
                hours: 8761,
                max: 8760
            })
        );
        assert_eq!(
            GracePeriod::parse_hours(i64::MAX).unwrap_err().field(),
            "grace_period"
        );
    }

    #[test]
    fn zero_to_a_year_of_hours_is_accepted() {
        assert_eq!(GracePeriod::parse_hours(0).map(GracePeriod::hours), Ok(0));
        assert_eq!(
            GracePeriod::try_from(8760_u32).map(GracePeriod::hours),
            Ok(8760)
        );
    }

    #[test]
    fn grace_periods_read_and_write_json_as_hours() {
        let grace: GracePeriod = serde_json::from_str("18").unwrap();
        assert_eq!(grace.hours(), 18);
        assert_eq!(serde_json::to_string(&grace).unwrap(), "18");
        assert!(serde_json::from_str::<GracePeriod>("-3").is_err());
    }
}
