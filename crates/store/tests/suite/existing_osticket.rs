//! `migrate` on a database osTicket installed (restored from a genuine fresh install,
//! plus the rows of one ticket osTicket created through its API).

use crate::support::{install_time, mysql_definition, read_every_table, strings, tables_of};
use oxt_migrations::{ExistingOsticket, Step, migrate};
use oxt_store::{OstDateTime, entity::thread_entry, prefixed_table_name};
use oxt_testkit::TestDb;
use sea_orm::{ConnectionTrait, EntityTrait};
use std::collections::{BTreeMap, BTreeSet};

async fn osticket_with_one_ticket() -> Option<TestDb> {
    let db = TestDb::mysql_with_fresh_install().await?;
    db.load_osticket_dump("ticket-rows-example.sql").await?;
    Some(db)
}

/// `CHECKSUM TABLE` of each table: equal checksums, equal rows.
async fn data_checksums(db: &TestDb, tables: &BTreeSet<String>) -> BTreeMap<String, String> {
    let mut checksums = BTreeMap::new();
    for table in tables {
        let rows = db
            .conn()
            .query_all_raw(sea_orm::Statement::from_string(
                db.conn().get_database_backend(),
                format!("CHECKSUM TABLE `{table}`"),
            ))
            .await
            .expect("CHECKSUM TABLE");
        let checksum: Option<i64> = rows[0].try_get("", "Checksum").expect("a checksum");
        checksums.insert(table.clone(), format!("{checksum:?}"));
    }
    checksums
}

#[tokio::test]
async fn migrating_an_osticket_install_reports_it_and_adds_only_oxticket_tables() {
    let Some(db) = osticket_with_one_ticket().await else {
        return;
    };
    let osticket_tables = tables_of(db.conn()).await;
    let definition = mysql_definition(db.conn(), None).await;
    let data = data_checksums(&db, &osticket_tables).await;

    let report = migrate(db.conn(), install_time()).await.expect("migrate");

    assert_eq!(
        report.existing_osticket,
        Some(ExistingOsticket {
            schema_signature: "5fb92bef17f3b603659e024c01cc7a59".to_owned()
        })
    );
    assert_eq!(report.ran, [Step::OxticketTables, Step::JobLease]);
    assert_eq!(
        report.skipped,
        [Step::OsticketSchema, Step::FreshInstallSeed]
    );
    let added: BTreeSet<String> = tables_of(db.conn())
        .await
        .difference(&osticket_tables)
        .cloned()
        .collect();
    let oxticket_tables: BTreeSet<String> = [
        "oxt_job_lease",
        "oxt_migrations",
        "oxt_outbox",
        "oxt_refresh_token",
    ]
    .into_iter()
    .map(|table| prefixed_table_name(table).to_owned())
    .collect();
    assert_eq!(added, oxticket_tables);
    assert_eq!(
        mysql_definition(db.conn(), Some(&osticket_tables)).await,
        definition
    );
    assert_eq!(data_checksums(&db, &osticket_tables).await, data);

    let again = migrate(db.conn(), install_time())
        .await
        .expect("second migrate");
    assert!(again.ran.is_empty() && again.skipped.is_empty());
}

#[tokio::test]
async fn every_row_of_an_osticket_install_reads_through_the_entities() {
    let Some(db) = osticket_with_one_ticket().await else {
        return;
    };
    migrate(db.conn(), install_time()).await.expect("migrate");

    let counts = read_every_table(db.conn()).await;

    for (table, count) in &counts {
        let counted = strings(
            db.conn(),
            &format!("SELECT CAST(COUNT(*) AS CHAR) AS name FROM `{table}`"),
            &[],
        )
        .await
        .expect("COUNT(*)");
        assert_eq!(counted, [count.to_string()], "rows of {table}");
    }
    assert!(counts[prefixed_table_name("ticket")] == 1);
    // osTicket left the entry's `updated` at MySQL's zero date.
    let entry = thread_entry::Entity::find_by_id(1u32)
        .one(db.conn())
        .await
        .expect("reading the thread entry")
        .expect("the ticket's first message");
    assert_eq!(entry.updated, OstDateTime::NONE);
    assert_eq!(
        entry.created.get().map(|created| created.to_string()),
        Some("2026-11-21 23:32:49".to_owned())
    );
}
