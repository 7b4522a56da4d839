//! Access tokens: short-lived HS256 JWTs naming a [`Subject`].
//!
//! Expiry is judged against the `now` the caller passes, never the system
//! clock: jsonwebtoken's own time checks are switched off and `exp` is
//! compared here, with no leeway (every node signs and checks with the same
//! clock source, and a token 30 minutes long needs no slack).

use crate::{Subject, TokenTtl};
use chrono::{DateTime, Utc};
use jsonwebtoken::errors::ErrorKind;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use std::fmt;
use uuid::Uuid;

/// HS256 keys shorter than the hash output give away strength for nothing.
pub const MIN_SECRET_BYTES: usize = 32;

/// `[jwt]` settings, embedded in the server's `Settings`.
#[derive(Debug, Clone, Deserialize)]
pub struct JwtConfig {
    /// HMAC key, at least [`MIN_SECRET_BYTES`] bytes of its UTF-8 form.
    pub secret: SecretString,
    /// Written to and required in `iss`.
    pub issuer: String,
    #[serde(default = "default_access_ttl")]
    pub access_ttl_secs: TokenTtl,
}

fn default_access_ttl() -> TokenTtl {
    TokenTtl::ACCESS_DEFAULT
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum JwtConfigError {
    #[error("the JWT secret has {len} bytes; at least {MIN_SECRET_BYTES} are required")]
    SecretTooShort { len: usize },
    #[error("the JWT issuer is empty")]
    EmptyIssuer,
}

/// The claims of an access token Oxticket issued and has just verified.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claims {
    pub sub: Subject,
    #[serde(with = "chrono::serde::ts_seconds")]
    pub iat: DateTime<Utc>,
    #[serde(with = "chrono::serde::ts_seconds")]
    pub exp: DateTime<Utc>,
    /// Unique per token, for a deny-list should one ever be needed.
    pub jti: Uuid,
    pub iss: String,
}

/// What a login or refresh hands the client. `Debug` hides the token.
#[derive(Clone, PartialEq, Eq)]
pub struct AccessToken {
    /// The compact JWT, sent as `Authorization: Bearer <token>`.
    pub token: String,
    /// Seconds from issue to expiry, OAuth 2's `expires_in`.
    pub expires_in: u32,
    pub expires_at: DateTime<Utc>,
}

impl fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AccessToken")
            .field("token", &"[REDACTED]")
            .field("expires_in", &self.expires_in)
            .field("expires_at", &self.expires_at)
            .finish()
    }
}

#[derive(Debug, thiserror::Error)]
pub enum TokenError {
    /// Valid when issued; `now` is at or past `exp`.
    #[error("the access token expired at {expired_at}")]
    Expired { expired_at: DateTime<Utc> },
    /// Not signed with our key and algorithm (a forgery, another
    /// deployment's token, or `alg: none`).
    #[error("the access token's signature does not verify")]
    BadSignature,
    /// Signed by us but for another issuer: a token from an installation
    /// that shares this one's secret.
    #[error("the access token was issued by someone else")]
    WrongIssuer,
    /// Not a JWT, or a JWT whose claims are not ours.
    #[error("the access token is malformed")]
    Malformed(#[source] jsonwebtoken::errors::Error),
}

/// Issues and verifies access tokens with one configured key.
#[derive(Clone)]
pub struct AccessTokens {
    encoding: EncodingKey,
    decoding: DecodingKey,
    header: Header,
    validation: Validation,
    issuer: String,
    ttl: TokenTtl,
}

impl TryFrom<&JwtConfig> for AccessTokens {
    type Error = JwtConfigError;

    fn try_from(config: &JwtConfig) -> Result<Self, Self::Error> {
        let secret = config.secret.expose_secret().as_bytes();
        if secret.len() < MIN_SECRET_BYTES {
            return Err(JwtConfigError::SecretTooShort { len: secret.len() });
        }
        if config.issuer.trim().is_empty() {
            return Err(JwtConfigError::EmptyIssuer);
        }

        let mut validation = Validation::new(Algorithm::HS256);
        // Time is checked in `verify_access_token` against the caller's
        // `now`; jsonwebtoken would read the system clock.
        validation.validate_exp = false;
        validation.validate_nbf = false;
        validation.leeway = 0;
        validation.set_required_spec_claims(&["exp", "iss", "sub"]);
        validation.set_issuer(&[&config.issuer]);

        Ok(Self {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            header: Header::new(Algorithm::HS256),
            validation,
            issuer: config.issuer.clone(),
            ttl: config.access_ttl_secs,
        })
    }
}

impl AccessTokens {
    /// Signs a token for `subject`, valid from `now` (to the second) for the
    /// configured lifetime.
    pub fn issue_access_token(&self, subject: Subject, now: DateTime<Utc>) -> AccessToken {
        let issued_at = whole_seconds(now);
        let expires_at = issued_at + self.ttl.as_delta();
        let claims = Claims {
            sub: subject,
            iat: issued_at,
            exp: expires_at,
            jti: Uuid::new_v4(),
            iss: self.issuer.clone(),
        };
        let token = jsonwebtoken::encode(&self.header, &claims, &self.encoding)
            .expect("HMAC signing of serializable claims cannot fail");
        AccessToken {
            token,
            expires_in: self.ttl.as_secs(),
            expires_at,
        }
    }

    /// Checks signature, issuer and expiry (valid while `now < exp`).
    pub fn verify_access_token(
        &self,
        token: &str,
        now: DateTime<Utc>,
    ) -> Result<Claims, TokenError> {
        let claims = jsonwebtoken::decode::<Claims>(token, &self.decoding, &self.validation)
            .map_err(classify)?
            .claims;
        if now >= claims.exp {
            return Err(TokenError::Expired {
                expired_at: claims.exp,
            });
        }
        Ok(claims)
    }
}

impl fmt::Debug for AccessTokens {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AccessTokens")
            .field("issuer", &self.issuer)
            .field("ttl", &self.ttl)
            .finish_non_exhaustive()
    }
}

fn whole_seconds(now: DateTime<Utc>) -> DateTime<Utc> {
    DateTime::from_timestamp(now.timestamp(), 0).expect("a valid instant stays valid truncated")
}

fn classify(error: jsonwebtoken::errors::Error) -> TokenError {
    match error.kind() {
        ErrorKind::InvalidSignature | ErrorKind::InvalidAlgorithm => TokenError::BadSignature,
        ErrorKind::InvalidIssuer => TokenError::WrongIssuer,
        _ => TokenError::Malformed(error),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use chrono::TimeDelta;
    use oxt_ticket::ids::{StaffId, UserId};
    use proptest::prelude::*;

    const SECRET: &str = "0123456789abcdef0123456789abcdef";

    fn config(secret: &str, issuer: &str) -> JwtConfig {
        JwtConfig {
            secret: SecretString::from(secret),
            issuer: issuer.to_owned(),
            access_ttl_secs: TokenTtl::ACCESS_DEFAULT,
        }
    }

    fn tokens() -> AccessTokens {
        AccessTokens::try_from(&config(SECRET, "https://help.example.test")).unwrap()
    }

    fn at(secs: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(secs, 0).unwrap()
    }

    const T0: i64 = 1_800_000_000;
    const STAFF_12: Subject = Subject::Staff(StaffId::new(12));

    #[test]
    fn issued_token_carries_subject_issuer_and_thirty_minute_expiry() {
        let issued = tokens().issue_access_token(STAFF_12, at(T0));
        assert_eq!(issued.expires_in, 1800);
        assert_eq!(issued.expires_at, at(T0 + 1800));

        let claims = tokens()
            .verify_access_token(&issued.token, at(T0 + 60))
            .unwrap();
        assert_eq!(claims.sub, STAFF_12);
        assert_eq!(claims.iat, at(T0));
        assert_eq!(claims.exp, at(T0 + 1800));
        assert_eq!(claims.iss, "https://help.example.test");
    }

    #[test]
    fn payload_uses_the_registered_claim_names() {
        let issued = tokens().issue_access_token(Subject::User(UserId::new(7)), at(T0));
        let payload = issued.token.split('.').nth(1).unwrap();
        let json: serde_json::Value =
            serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).unwrap()).unwrap();
        assert_eq!(json["sub"], "user:7");
        assert_eq!(json["iat"], T0);
        assert_eq!(json["exp"], T0 + 1800);
        assert_eq!(json["iss"], "https://help.example.test");
        assert!(json["jti"].as_str().unwrap().parse::<Uuid>().is_ok());
    }

    #[test]
    fn each_token_gets_its_own_id() {
        let a = tokens().issue_access_token(STAFF_12, at(T0));
        let b = tokens().issue_access_token(STAFF_12, at(T0));
        let jti = |t: &AccessToken| tokens().verify_access_token(&t.token, at(T0)).unwrap().jti;
        assert_ne!(jti(&a), jti(&b));
    }

    #[test]
    fn token_is_expired_from_the_exp_second_on() {
        let issued = tokens().issue_access_token(STAFF_12, at(T0));
        assert!(
            tokens()
                .verify_access_token(&issued.token, at(T0 + 1799))
                .is_ok()
        );
        let result = tokens().verify_access_token(&issued.token, at(T0 + 1800));
        assert!(
            matches!(result, Err(TokenError::Expired { expired_at }) if expired_at == at(T0 + 1800))
        );
    }

    #[test]
    fn sub_second_issue_time_never_extends_the_lifetime() {
        let now = at(T0) + TimeDelta::milliseconds(999);
        let issued = tokens().issue_access_token(STAFF_12, now);
        assert_eq!(issued.expires_at, at(T0 + 1800));
    }

    #[test]
    fn token_signed_with_another_secret_has_a_bad_signature() {
        let other = AccessTokens::try_from(&config(
            "another secret that is long enough!!",
            "https://help.example.test",
        ))
        .unwrap();
        let issued = other.issue_access_token(STAFF_12, at(T0));
        assert!(matches!(
            tokens().verify_access_token(&issued.token, at(T0)),
            Err(TokenError::BadSignature)
        ));
    }

    #[test]
    fn tampered_payload_has_a_bad_signature() {
        let issued = tokens().issue_access_token(STAFF_12, at(T0));
        let mut parts: Vec<&str> = issued.token.split('.').collect();
        let forged = URL_SAFE_NO_PAD.encode(
            format!(r#"{{"sub":"staff:1","iat":{T0},"exp":{},"jti":"00000000-0000-0000-0000-000000000000","iss":"https://help.example.test"}}"#, T0 + 1800),
        );
        parts[1] = &forged;
        assert!(matches!(
            tokens().verify_access_token(&parts.join("."), at(T0)),
            Err(TokenError::BadSignature)
        ));
    }

    #[test]
    fn unsigned_token_is_refused() {
        let header = URL_SAFE_NO_PAD.encode(r#"{"alg":"none","typ":"JWT"}"#);
        let payload = URL_SAFE_NO_PAD.encode(format!(
            r#"{{"sub":"staff:1","exp":{},"iss":"https://help.example.test"}}"#,
            T0 + 60
        ));
        let result = tokens().verify_access_token(&format!("{header}.{payload}."), at(T0));
        assert!(
            matches!(
                result,
                Err(TokenError::BadSignature | TokenError::Malformed(_))
            ),
            "{result:?}"
        );
    }

    #[test]
    fn token_from_an_issuer_sharing_our_secret_is_refused() {
        let sibling =
            AccessTokens::try_from(&config(SECRET, "https://other.example.test")).unwrap();
        let issued = sibling.issue_access_token(STAFF_12, at(T0));
        assert!(matches!(
            tokens().verify_access_token(&issued.token, at(T0)),
            Err(TokenError::WrongIssuer)
        ));
    }

    #[test]
    fn garbage_is_malformed() {
        for token in ["", "not a jwt", "a.b.c", "eyJhbGciOiJIUzI1NiJ9"] {
            assert!(
                matches!(
                    tokens().verify_access_token(token, at(T0)),
                    Err(TokenError::Malformed(_))
                ),
                "{token:?}"
            );
        }
    }

    #[test]
    fn correctly_signed_token_with_a_foreign_subject_is_malformed() {
        let key = EncodingKey::from_secret(SECRET.as_bytes());
        let claims = serde_json::json!({
            "sub": "admin:1", "iat": T0, "exp": T0 + 60,
            "jti": "00000000-0000-0000-0000-000000000000",
            "iss": "https://help.example.test",
        });
        let token = jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &key).unwrap();
        assert!(matches!(
            tokens().verify_access_token(&token, at(T0)),
            Err(TokenError::Malformed(_))
        ));
    }

    #[test]
    fn short_secret_and_empty_issuer_are_configuration_errors() {
        assert!(matches!(
            AccessTokens::try_from(&config("too short", "oxt")),
            Err(JwtConfigError::SecretTooShort { len: 9 })
        ));
        assert!(matches!(
            AccessTokens::try_from(&config(SECRET, " ")),
            Err(JwtConfigError::EmptyIssuer)
        ));
    }

    #[test]
    fn config_defaults_access_ttl_to_thirty_minutes() {
        let config: JwtConfig =
            serde_json::from_str(&format!(r#"{{"secret":"{SECRET}","issuer":"oxt"}}"#)).unwrap();
        assert_eq!(config.access_ttl_secs, TokenTtl::ACCESS_DEFAULT);
    }

    #[test]
    fn debug_output_hides_secret_and_token() {
        let issued = tokens().issue_access_token(STAFF_12, at(T0));
        assert!(!format!("{issued:?}").contains(&issued.token));
        assert!(!format!("{:?}", tokens()).contains(SECRET));
        assert!(!format!("{:?}", config(SECRET, "oxt")).contains(SECRET));
    }

    proptest! {
        #[test]
        fn any_token_verifies_until_exp_and_fails_from_then_on(
            staff in any::<bool>(),
            id in 1u32..,
            issued_secs in 0i64..4_000_000_000,
            issued_millis in 0i64..1000,
            ttl_secs in 1u32..=7 * 24 * 3600,
            probe in 0.0f64..1.0,
            late_by in 0i64..1_000_000,
        ) {
            let subject = if staff { Subject::Staff(StaffId::new(id)) } else { Subject::User(UserId::new(id)) };
            let tokens = AccessTokens::try_from(&JwtConfig {
                access_ttl_secs: TokenTtl::parse_secs(ttl_secs).unwrap(),
                ..config(SECRET, "oxt")
            }).unwrap();
            let now = at(issued_secs) + TimeDelta::milliseconds(issued_millis);
            let issued = tokens.issue_access_token(subject, now);

            let lifetime_ms = (issued.expires_at - now).num_milliseconds();
            let within = now + TimeDelta::milliseconds((lifetime_ms as f64 * probe) as i64);
            prop_assert!(within < issued.expires_at);
            let claims = tokens.verify_access_token(&issued.token, within).unwrap();
            prop_assert_eq!(claims.sub, subject);

            let after = issued.expires_at + TimeDelta::seconds(late_by);
            let expired = matches!(tokens.verify_access_token(&issued.token, after), Err(TokenError::Expired { .. }));
            prop_assert!(expired);
        }
    }
}
