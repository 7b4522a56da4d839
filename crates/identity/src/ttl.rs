//! Token lifetimes as configuration gives them: whole seconds, never zero.

use chrono::TimeDelta;
use serde::{Deserialize, Serialize};
use std::num::NonZeroU32;

/// How long a token stays valid after it is issued.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u32", into = "u32")]
pub struct TokenTtl(NonZeroU32);

impl TokenTtl {
    /// 30 minutes: the access token's default.
    pub const ACCESS_DEFAULT: Self = Self(NonZeroU32::new(30 * 60).unwrap());
    /// 7 days: the refresh token's default.
    pub const REFRESH_DEFAULT: Self = Self(NonZeroU32::new(7 * 24 * 60 * 60).unwrap());

    pub fn parse_secs(secs: u32) -> Result<Self, TokenTtlError> {
        NonZeroU32::new(secs).map(Self).ok_or(TokenTtlError::Zero)
    }

    pub const fn as_secs(self) -> u32 {
        self.0.get()
    }

    pub fn as_delta(self) -> TimeDelta {
        TimeDelta::seconds(i64::from(self.0.get()))
    }
}

impl TryFrom<u32> for TokenTtl {
    type Error = TokenTtlError;

    fn try_from(secs: u32) -> Result<Self, Self::Error> {
        Self::parse_secs(secs)
    }
}

impl From<TokenTtl> for u32 {
    fn from(ttl: TokenTtl) -> u32 {
        ttl.as_secs()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TokenTtlError {
    #[error("a token lifetime of zero seconds would never be valid")]
    Zero,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_thirty_minutes_and_seven_days() {
        assert_eq!(TokenTtl::ACCESS_DEFAULT.as_secs(), 1800);
        assert_eq!(TokenTtl::REFRESH_DEFAULT.as_delta(), TimeDelta::days(7));
    }

    #[test]
    fn zero_seconds_is_rejected() {
        assert_eq!(TokenTtl::parse_secs(0), Err(TokenTtlError::Zero));
        assert!(serde_json::from_str::<TokenTtl>("0").is_err());
        assert_eq!(
            serde_json::from_str::<TokenTtl>("60").unwrap().as_secs(),
            60
        );
    }
}
