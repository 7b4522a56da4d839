//! A use-case context over a freshly migrated test database.

use chrono::{DateTime, TimeZone, Utc};
use oxt_identity::{AccessTokens, BcryptCost, JwtConfig, RefreshTokenConfig, TokenTtl};
use oxt_service::{Ctx, FixedClock};
use oxt_store::Store;
use oxt_testkit::TestDb;
use std::sync::Arc;

/// The instant every suite test runs at: a Saturday, as in osTicket's own
/// recorded example (FACTS.md), so business-hours rules are exercised.
pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 21, 23, 32, 49).unwrap()
}

/// Migrates `db` (schema and fresh-install rows) and builds a context on it.
pub async fn ctx(db: &TestDb) -> Ctx {
    oxt_migrations::migrate(db.conn(), now())
        .await
        .expect("the test database migrates");
    ctx_at(db, now())
}

/// A context on an already migrated `db` whose clock reads `at`.
pub fn ctx_at(db: &TestDb, at: DateTime<Utc>) -> Ctx {
    let jwt = JwtConfig {
        secret: "a-test-secret-of-at-least-32-bytes!!".into(),
        issuer: "oxticket-test".to_owned(),
        access_ttl_secs: TokenTtl::ACCESS_DEFAULT,
    };
    Ctx {
        store: Store::from_connection(db.conn().clone()),
        clock: Arc::new(FixedClock(at)),
        access_tokens: Arc::new(AccessTokens::try_from(&jwt).expect("valid test JWT settings")),
        refresh_tokens: RefreshTokenConfig {
            ttl_secs: TokenTtl::REFRESH_DEFAULT,
        },
        password_cost: BcryptCost::parse(4).expect("cost 4 is valid"),
    }
}
