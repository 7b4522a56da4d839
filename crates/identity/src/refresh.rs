//! Opaque refresh tokens, rotated on every use.
//!
//! # Rotation
//!
//! The client only ever holds the token; the service stores
//! [`RefreshToken::token_hash`] with a *family* id (one family per login),
//! `expires_at`, `revoked_at` and which token replaced it, in a
//! `{prefix}oxt_*` table of its own.
//!
//! - **Login** issues a new token in a new family.
//! - **Refresh** parses the presented token, looks its hash up (unknown →
//!   refused) and asks [`RefreshTokenRecord::decide`]:
//!   - [`Accept`](RefreshDecision::Accept): in one transaction mark the row
//!     replaced, guarded by "not already replaced" (`UPDATE … WHERE
//!     replaced_by IS NULL`, one row affected), insert its successor in the
//!     same family with a fresh lifetime, and issue a new access token. If
//!     the guarded update touches no row, a concurrent refresh won the race:
//!     treat it as [`ReuseDetected`](RefreshDecision::ReuseDetected).
//!   - [`Expired`](RefreshDecision::Expired) or
//!     [`Revoked`](RefreshDecision::Revoked): refuse; nothing to write.
//!   - [`ReuseDetected`](RefreshDecision::ReuseDetected): a token that was
//!     already exchanged came back, so a copy exists outside the client that
//!     exchanged it. Revoke every token of the family (`revoked_at = now`)
//!     and refuse; the person signs in again.
//! - **Logout** revokes the family.

use crate::TokenTtl;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use rand::CryptoRng;
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::fmt;

const TOKEN_BYTES: usize = 32;
/// 32 bytes in unpadded base64url.
const ENCODED_LEN: usize = 43;

/// `[refresh]` settings, embedded in the server's `Settings`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub struct RefreshTokenConfig {
    #[serde(default = "default_ttl")]
    pub ttl_secs: TokenTtl,
}

fn default_ttl() -> TokenTtl {
    TokenTtl::REFRESH_DEFAULT
}

impl Default for RefreshTokenConfig {
    fn default() -> Self {
        Self {
            ttl_secs: default_ttl(),
        }
    }
}

impl RefreshTokenConfig {
    /// When a token issued at `now` stops being accepted.
    pub fn expires_at(&self, now: DateTime<Utc>) -> DateTime<Utc> {
        now + self.ttl_secs.as_delta()
    }
}

/// 32 random bytes, held in the base64url form the client sees.
/// `Debug` hides it.
#[derive(Clone, PartialEq, Eq)]
pub struct RefreshToken(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ParseRefreshTokenError {
    #[error("a refresh token is {ENCODED_LEN} characters long")]
    WrongLength,
    /// Includes padded or otherwise non-canonical spellings, so one token
    /// has exactly one string and one hash.
    #[error("a refresh token is unpadded base64url")]
    NotBase64Url,
}

impl RefreshToken {
    pub fn generate<R: CryptoRng + ?Sized>(rng: &mut R) -> Self {
        let mut bytes = [0u8; TOKEN_BYTES];
        rng.fill_bytes(&mut bytes);
        Self(URL_SAFE_NO_PAD.encode(bytes))
    }

    /// Reads a token a client presents. Passing parse says nothing about
    /// whether it was ever issued; its hash decides that.
    pub fn parse(presented: &str) -> Result<Self, ParseRefreshTokenError> {
        if presented.len() != ENCODED_LEN {
            return Err(ParseRefreshTokenError::WrongLength);
        }
        let mut bytes = [0u8; TOKEN_BYTES];
        match URL_SAFE_NO_PAD.decode_slice(presented, &mut bytes) {
            Ok(TOKEN_BYTES) => Ok(Self(presented.to_owned())),
            _ => Err(ParseRefreshTokenError::NotBase64Url),
        }
    }

    /// The string to hand the client.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// What the database keeps instead of the token: lower-case hex of
    /// SHA-256 over the token's string form (`printf %s "$token" | sha256sum`).
    pub fn token_hash(&self) -> RefreshTokenHash {
        RefreshTokenHash(hex::encode(Sha256::digest(self.0.as_bytes())))
    }
}

impl fmt::Debug for RefreshToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RefreshToken([REDACTED])")
    }
}

/// 64 lower-case hex characters; the lookup key for a stored token.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RefreshTokenHash(String);

impl RefreshTokenHash {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The stored facts about a presented token that decide its fate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RefreshTokenRecord {
    pub expires_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
    /// Already exchanged for a successor.
    pub replaced: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefreshDecision {
    /// Rotate: replace this token with a new one in the same family.
    Accept,
    Expired,
    Revoked,
    /// Revoke the whole family.
    ReuseDetected,
}

impl RefreshTokenRecord {
    /// Revoked comes first: the family is already dead, so there is nothing
    /// left to revoke. Reuse comes before expiry: an exchanged token should
    /// never be seen again, however old it is. A token is good while
    /// `now < expires_at`.
    pub fn decide(&self, now: DateTime<Utc>) -> RefreshDecision {
        // Any revocation counts, even one stamped "later" than `now`: it was
        // written by a node whose clock runs ahead, and it has happened.
        if self.revoked_at.is_some() {
            RefreshDecision::Revoked
        } else if self.replaced {
            RefreshDecision::ReuseDetected
        } else if now >= self.expires_at {
            RefreshDecision::Expired
        } else {
            RefreshDecision::Accept
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeDelta;
    use proptest::prelude::*;
    use rand::SeedableRng;
    use rand::rngs::StdRng;

    fn at(secs: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(secs, 0).unwrap()
    }

    fn rng() -> StdRng {
        StdRng::seed_from_u64(7)
    }

    #[test]
    fn generated_token_is_43_base64url_characters_and_parses_back() {
        let token = RefreshToken::generate(&mut rng());
        assert_eq!(token.as_str().len(), 43);
        assert!(
            token
                .as_str()
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        );
        assert_eq!(RefreshToken::parse(token.as_str()), Ok(token));
    }

    #[test]
    fn successive_tokens_differ() {
        let mut rng = rng();
        assert_ne!(
            RefreshToken::generate(&mut rng),
            RefreshToken::generate(&mut rng)
        );
    }

    #[test]
    fn token_hash_is_hex_sha256_of_the_token_string() {
        // sha256("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA") per coreutils sha256sum.
        let token = RefreshToken::parse("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").unwrap();
        assert_eq!(
            token.token_hash().as_str(),
            "0f007385b6f9d4b7eeb2748605afe1a984a0a3bfa3f014d09e2a784ce9e5cd1a"
        );
    }

    #[test]
    fn presented_tokens_of_the_wrong_shape_are_rejected() {
        assert_eq!(
            RefreshToken::parse(""),
            Err(ParseRefreshTokenError::WrongLength)
        );
        assert_eq!(
            RefreshToken::parse("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="),
            Err(ParseRefreshTokenError::WrongLength)
        );
        // '+' and '/' belong to standard base64, not base64url.
        assert_eq!(
            RefreshToken::parse("+AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"),
            Err(ParseRefreshTokenError::NotBase64Url)
        );
        // The last character may only carry 4 bits; 'B' sets a spare one.
        assert_eq!(
            RefreshToken::parse("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAB"),
            Err(ParseRefreshTokenError::NotBase64Url)
        );
    }

    #[test]
    fn debug_output_hides_the_token() {
        let token = RefreshToken::generate(&mut rng());
        assert!(!format!("{token:?}").contains(token.as_str()));
    }

    #[test]
    fn default_lifetime_is_seven_days() {
        let config: RefreshTokenConfig = serde_json::from_str("{}").unwrap();
        assert_eq!(config, RefreshTokenConfig::default());
        assert_eq!(config.expires_at(at(0)), at(7 * 24 * 3600));
    }

    const LIVE: RefreshTokenRecord = RefreshTokenRecord {
        expires_at: DateTime::from_timestamp(2_000, 0).unwrap(),
        revoked_at: None,
        replaced: false,
    };

    #[test]
    fn live_token_is_accepted_until_its_expiry_second() {
        assert_eq!(LIVE.decide(at(1_999)), RefreshDecision::Accept);
        assert_eq!(LIVE.decide(at(2_000)), RefreshDecision::Expired);
    }

    #[test]
    fn replayed_rotated_token_is_reuse_even_after_expiry() {
        let rotated = RefreshTokenRecord {
            replaced: true,
            ..LIVE
        };
        assert_eq!(rotated.decide(at(1_000)), RefreshDecision::ReuseDetected);
        assert_eq!(rotated.decide(at(9_000)), RefreshDecision::ReuseDetected);
    }

    #[test]
    fn revoked_token_is_revoked_whatever_else_holds() {
        let revoked = RefreshTokenRecord {
            revoked_at: Some(at(1_500)),
            replaced: true,
            ..LIVE
        };
        assert_eq!(revoked.decide(at(1_000)), RefreshDecision::Revoked);
        assert_eq!(revoked.decide(at(9_000)), RefreshDecision::Revoked);
    }

    proptest! {
        #[test]
        fn only_an_unrevoked_unreplaced_unexpired_token_is_accepted(
            expires in 0i64..10_000,
            now in 0i64..10_000,
            revoked in proptest::option::of(0i64..10_000),
            replaced in any::<bool>(),
            now_millis in 0i64..1000,
        ) {
            let record = RefreshTokenRecord {
                expires_at: at(expires),
                revoked_at: revoked.map(at),
                replaced,
            };
            let now = at(now) + TimeDelta::milliseconds(now_millis);
            let accepted = record.decide(now) == RefreshDecision::Accept;
            prop_assert_eq!(accepted, revoked.is_none() && !replaced && now < at(expires));
        }

        #[test]
        fn any_generated_token_parses_to_itself(seed in any::<u64>()) {
            let token = RefreshToken::generate(&mut StdRng::seed_from_u64(seed));
            let hash = token.token_hash();
            prop_assert_eq!(hash.as_str().len(), 64);
            prop_assert_eq!(RefreshToken::parse(token.as_str()), Ok(token));
        }
    }
}
