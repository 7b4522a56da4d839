//! A use-case context over a freshly migrated test database.

use chrono::{DateTime, TimeZone, Utc};
use oxt_identity::{AccessTokens, BcryptCost, JwtConfig, RefreshTokenConfig, TokenTtl};
use oxt_service::filters::FilterCache;
use oxt_service::{Ctx, FixedClock};
use oxt_store::Store;
use oxt_store::staff::NewStaff;
use oxt_store::users::NewUser;
use oxt_testkit::{Backend, TestDb};
use oxt_ticket::contact::{EmailAddress, PersonName};
use oxt_ticket::ids::{DeptId, RoleId, StaffId, UserId};
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
        filters: FilterCache::default(),
    }
}

/// The suite's agent, staff 1: primary department Support (1) with the role
/// All Access (1), and the staff permissions osTicket gives a new agent.
pub const AGENT_PERMISSIONS: &str = r#"{"user.create":1,"user.edit":1,"user.dir":1,"org.create":1,"org.edit":1,"visibility.agents":1,"visibility.departments":1}"#;

/// [`ctx`] on a desk that has the suite's agent (staff 1, see
/// [`AGENT_PERMISSIONS`]), whom the ticket and directory tests act as.
pub async fn ctx_with_agent(db: &TestDb) -> Ctx {
    let ctx = ctx(db).await;
    let id = add_staff(
        &ctx,
        "agent",
        DeptId::new(1),
        RoleId::new(1),
        AGENT_PERMISSIONS,
    )
    .await;
    assert_eq!(id, StaffId::new(1), "the suite's agent is staff 1");
    ctx
}

/// An active, non-admin staff member.
pub async fn add_staff(
    ctx: &Ctx,
    username: &str,
    dept: DeptId,
    role: RoleId,
    permissions: &str,
) -> StaffId {
    oxt_store::staff::create(
        &ctx.store,
        &NewStaff {
            username: username.to_owned(),
            firstname: username.to_owned(),
            lastname: "Staff".to_owned(),
            email: format!("{username}@staff.example"),
            passwd: String::new(),
            dept_id: dept,
            role_id: role,
            is_admin: false,
            is_active: true,
            on_vacation: false,
            assigned_only: false,
            change_passwd: false,
            permissions: permissions.to_owned(),
        },
        now(),
    )
    .await
    .expect("the staff member is created")
}

/// An end user with this address (created if new).
pub async fn add_user(ctx: &Ctx, email: &str) -> UserId {
    let tx = ctx.store.begin().await.unwrap();
    let found = oxt_store::users::find_or_create(
        &tx,
        &NewUser {
            email: EmailAddress::parse(email).unwrap(),
            name: PersonName::parse("End User").unwrap(),
            phone: None,
            notes: None,
        },
        now(),
    )
    .await
    .expect("the user is created");
    tx.commit().await.unwrap();
    found.id
}

/// `name` with the test database's table prefix.
pub fn table(name: &str) -> String {
    format!("{}{name}", oxt_store::table_prefix())
}

/// The number of rows in table `name`.
pub async fn count(db: &TestDb, name: &str) -> usize {
    let (cast, quote) = match db.backend() {
        Backend::MySql => ("CHAR", '`'),
        _ => ("TEXT", '"'),
    };
    let found = db
        .text_rows(&format!(
            "SELECT CAST(COUNT(*) AS {cast}) AS n FROM {quote}{}{quote}",
            table(name)
        ))
        .await;
    found[0]["n"].as_deref().unwrap().parse().unwrap()
}
