//! The store and `migrate` under a prefix other than osTicket's default. The prefix is
//! process-wide, so these tests have a binary of their own, and each one installs
//! `acme_` before anything can read the prefix.

use chrono::{TimeZone, Utc};
use oxt_migrations::{ExistingOsticket, Step, migrate};
use oxt_store::entity::{self, ticket_status};
use oxt_store::{TablePrefix, install_table_prefix};
use oxt_testkit::TestDb;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, EntityName, EntityTrait, Statement};
use std::collections::BTreeSet;

fn use_acme_prefix() {
    install_table_prefix(TablePrefix::parse("acme_").expect("a valid prefix"))
        .expect("acme_ is this binary's only prefix");
}

async fn tables_of(db: &DatabaseConnection) -> BTreeSet<String> {
    let sql = match db.get_database_backend() {
        DbBackend::MySql => {
            "SELECT CAST(TABLE_NAME AS CHAR) AS name FROM information_schema.TABLES \
             WHERE TABLE_SCHEMA = DATABASE()"
        }
        DbBackend::Postgres => {
            "SELECT CAST(table_name AS TEXT) AS name FROM information_schema.tables \
             WHERE table_schema = current_schema()"
        }
        _ => "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
    };
    db.query_all_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .expect("listing tables")
        .iter()
        .map(|row| row.try_get::<String>("", "name").expect("a table name"))
        .collect()
}

async fn migrate_fresh_database_under_acme(db: &TestDb) {
    let report = migrate(
        db.conn(),
        Utc.with_ymd_and_hms(2026, 11, 21, 12, 0, 0).unwrap(),
    )
    .await
    .expect("migrate");
    assert_eq!(report.ran, Step::ALL);

    let tables = tables_of(db.conn()).await;
    let expected: BTreeSet<String> = entity::OSTICKET_TABLES
        .iter()
        .chain(&[
            "oxt_job_lease",
            "oxt_migrations",
            "oxt_outbox",
            "oxt_refresh_token",
        ])
        .map(|table| format!("acme_{table}"))
        .collect();
    assert_eq!(tables, expected);
    assert_eq!(ticket_status::Entity.table_name(), "acme_ticket_status");
    let statuses = ticket_status::Entity::find()
        .all(db.conn())
        .await
        .expect("read through acme_ticket_status");
    assert!(!statuses.is_empty());
}

#[tokio::test]
async fn sqlite_schema_takes_the_custom_prefix() {
    use_acme_prefix();
    migrate_fresh_database_under_acme(&TestDb::sqlite().await).await;
}

#[tokio::test]
async fn mariadb_schema_takes_the_custom_prefix() {
    use_acme_prefix();
    if let Some(db) = TestDb::mysql().await {
        migrate_fresh_database_under_acme(&db).await;
    }
}

#[tokio::test]
async fn postgres_schema_takes_the_custom_prefix() {
    use_acme_prefix();
    if let Some(db) = TestDb::postgres().await {
        migrate_fresh_database_under_acme(&db).await;
    }
}

/// An osTicket installed with the prefix `acme_` is recognised by its own `acme_config`.
#[tokio::test]
async fn osticket_installed_under_the_custom_prefix_is_recognised() {
    use_acme_prefix();
    let Some(db) = TestDb::mysql_with_fresh_install().await else {
        return;
    };

    let report = migrate(
        db.conn(),
        Utc.with_ymd_and_hms(2026, 11, 21, 12, 0, 0).unwrap(),
    )
    .await
    .expect("migrate");

    assert_eq!(
        report.existing_osticket,
        Some(ExistingOsticket {
            schema_signature: "5fb92bef17f3b603659e024c01cc7a59".to_owned()
        })
    );
    assert_eq!(report.ran, [Step::OxticketTables, Step::JobLease]);
    let tables = tables_of(db.conn()).await;
    assert!(tables.iter().all(|table| table.starts_with("acme_")));
    assert!(tables.contains("acme_oxt_migrations"));
}
