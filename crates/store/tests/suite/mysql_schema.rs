//! The schema `migrate` creates on MariaDB against the one osTicket's installer creates.

use crate::support::{install_time, mysql_definition, tables_of};
use oxt_migrations::migrate;
use oxt_store::{entity::OSTICKET_TABLES, prefixed_table_name};
use oxt_testkit::TestDb;
use std::collections::BTreeSet;

fn assert_same_definition(genuine: &BTreeSet<String>, ours: &BTreeSet<String>) {
    let missing: Vec<_> = genuine.difference(ours).collect();
    let unexpected: Vec<_> = ours.difference(genuine).collect();
    assert!(
        missing.is_empty() && unexpected.is_empty(),
        "osTicket has:\n{missing:#?}\nbut migrate created:\n{unexpected:#?}"
    );
}

#[tokio::test]
async fn migrated_mariadb_schema_matches_osticket_install_sql_column_for_column() {
    let Some(genuine) = TestDb::mysql_with_osticket_schema().await else {
        return;
    };
    let Some(ours) = TestDb::mysql().await else {
        return;
    };
    migrate(ours.conn(), install_time()).await.expect("migrate");

    let osticket_tables = tables_of(genuine.conn()).await;
    assert_eq!(osticket_tables.len(), 67);
    assert_same_definition(
        &mysql_definition(genuine.conn(), None).await,
        &mysql_definition(ours.conn(), Some(&osticket_tables)).await,
    );
}

#[tokio::test]
async fn migrated_mariadb_schema_matches_a_fresh_osticket_install_with_its_runtime_tables() {
    let Some(genuine) = TestDb::mysql_with_fresh_install().await else {
        return;
    };
    let Some(ours) = TestDb::mysql().await else {
        return;
    };
    migrate(ours.conn(), install_time()).await.expect("migrate");

    let osticket_tables: BTreeSet<String> = OSTICKET_TABLES
        .iter()
        .map(|table| prefixed_table_name(table).to_owned())
        .collect();
    assert_eq!(tables_of(genuine.conn()).await, osticket_tables);
    assert_same_definition(
        &mysql_definition(genuine.conn(), None).await,
        &mysql_definition(ours.conn(), Some(&osticket_tables)).await,
    );
}
