//! `oxticket cron`: the binary runs every periodic job once on a SQLite file and exits.

use chrono::{TimeZone, Utc};
use oxt_identity::{AccessTokens, BcryptCost, JwtConfig, RefreshTokenConfig, Subject, TokenTtl};
use oxt_service::tickets::{NewTicketRequest, create};
use oxt_service::{Caller, Ctx, FixedClock};
use oxt_store::Store;
use oxt_store::staff::NewStaff;
use oxt_testkit::TestDb;
use oxt_ticket::contact::{EmailAddress, MessageBody, PersonName, Subject as TicketSubject};
use oxt_ticket::ids::{DeptId, RoleId};
use oxt_ticket::thread::BodyFormat;
use std::process::Command;
use std::sync::Arc;

fn table(name: &str) -> String {
    format!("\"{}{name}\"", oxt_store::table_prefix())
}

async fn first_value(db: &TestDb, sql: &str) -> Option<String> {
    db.text_rows(sql)
        .await
        .into_iter()
        .next()
        .and_then(|row| row.into_values().next().flatten())
}

#[tokio::test]
async fn cron_marks_overdue_tickets_and_cleans_locks_on_a_sqlite_file() {
    let db = TestDb::sqlite_file().await;
    // A ticket opened in January, due long before the real clock the binary reads.
    let opened = Utc.with_ymd_and_hms(2026, 1, 5, 9, 0, 0).unwrap();
    oxt_migrations::migrate(db.conn(), opened)
        .await
        .expect("the file migrates");
    let jwt = JwtConfig {
        secret: "a-cron-test-secret-of-at-least-32-bytes".into(),
        issuer: "oxticket-test".to_owned(),
        access_ttl_secs: TokenTtl::ACCESS_DEFAULT,
    };
    let ctx = Ctx {
        store: Store::from_connection(db.conn().clone()),
        clock: Arc::new(FixedClock(opened)),
        access_tokens: Arc::new(AccessTokens::try_from(&jwt).unwrap()),
        refresh_tokens: RefreshTokenConfig {
            ttl_secs: TokenTtl::REFRESH_DEFAULT,
        },
        password_cost: BcryptCost::parse(4).unwrap(),
        filters: oxt_service::filters::FilterCache::default(),
    };
    let staff = oxt_store::staff::create(
        &ctx.store,
        &NewStaff {
            username: "agent".to_owned(),
            firstname: "Cron".to_owned(),
            lastname: "Agent".to_owned(),
            email: "agent@staff.example".to_owned(),
            passwd: String::new(),
            dept_id: DeptId::new(1),
            role_id: RoleId::new(1),
            is_admin: false,
            is_active: true,
            on_vacation: false,
            assigned_only: false,
            change_passwd: false,
            permissions: "{}".to_owned(),
        },
        opened,
    )
    .await
    .expect("the agent is created");
    let agent = Caller {
        subject: Subject::Staff(staff),
    };
    let ticket = create(
        &ctx,
        &agent,
        NewTicketRequest {
            email: EmailAddress::parse("late@example.com").unwrap(),
            name: PersonName::parse("Late Reply").unwrap(),
            phone: None,
            subject: TicketSubject::parse("Waiting since January").unwrap(),
            message: MessageBody::parse("Hello?").unwrap(),
            format: BodyFormat::Text,
            topic: None,
            dept: None,
            priority: None,
            source: None,
            ip: "127.0.0.1".to_owned(),
            fields: Vec::new(),
        },
    )
    .await
    .expect("the ticket opens")
    .id;
    db.text_rows(&format!(
        "INSERT INTO {} (\"lock_id\", \"staff_id\", \"expire\", \"code\", \"created\") \
         VALUES (1, 1, '2026-01-05 09:05:00', 'code', '2026-01-05 09:00:00')",
        table("lock")
    ))
    .await;

    let output = Command::new(env!("CARGO_BIN_EXE_oxticket"))
        .arg("cron")
        .env(
            "OXT_DATABASE_URL",
            db.url().expect("a file database has a URL"),
        )
        .env("OXT_TABLE_PREFIX", oxt_store::table_prefix().as_str())
        .env("OXT_JWT_SECRET", "a-cron-test-secret-of-at-least-32-bytes")
        .output()
        .expect("oxticket runs");

    assert!(
        output.status.success(),
        "oxticket cron failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let isoverdue = first_value(
        &db,
        &format!(
            "SELECT CAST(\"isoverdue\" AS TEXT) FROM {} WHERE \"ticket_id\" = {}",
            table("ticket"),
            ticket.get()
        ),
    )
    .await;
    assert_eq!(isoverdue.as_deref(), Some("1"));
    let locks = first_value(
        &db,
        &format!("SELECT CAST(COUNT(*) AS TEXT) FROM {}", table("lock")),
    )
    .await;
    assert_eq!(locks.as_deref(), Some("0"));
    let leases = first_value(
        &db,
        &format!(
            "SELECT CAST(COUNT(*) AS TEXT) FROM {}",
            table("oxt_job_lease")
        ),
    )
    .await;
    assert_eq!(leases.as_deref(), Some("0"), "the leases are released");
}
