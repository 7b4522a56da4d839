//! `migrate` on an empty database, on every backend.

use crate::support::{entity_tables, install_time, read_every_table, tables_of};
use oxt_migrations::{ExistingOsticket, Step, migrate};
use oxt_store::prefixed_table_name;
use oxt_testkit::db_test;
use std::collections::BTreeSet;

/// What osTicket 1.18.1's installer stores as `core.schema_signature`.
const OSTICKET_1_18_SIGNATURE: &str = "5fb92bef17f3b603659e024c01cc7a59";

db_test!(
    migrating_an_empty_database_creates_every_table,
    |db| async move {
        let report = migrate(db.conn(), install_time()).await.expect("migrate");

        assert_eq!(report.existing_osticket, None);
        assert_eq!(report.ran, Step::ALL);
        assert!(report.skipped.is_empty());
        let mut expected = entity_tables();
        expected.insert(prefixed_table_name("oxt_migrations").to_owned());
        assert_eq!(tables_of(db.conn()).await, expected);
    }
);

db_test!(
    every_entity_reads_its_table_after_migrating,
    |db| async move {
        migrate(db.conn(), install_time()).await.expect("migrate");

        let counts = read_every_table(db.conn()).await;

        assert_eq!(
            counts.keys().cloned().collect::<BTreeSet<_>>(),
            entity_tables()
        );
        // The fresh-install rows came back through the entities too.
        assert!(counts[prefixed_table_name("ticket_status")] > 0);
        assert!(counts[prefixed_table_name("email_template")] > 0);
    }
);

db_test!(migrating_twice_changes_nothing, |db| async move {
    migrate(db.conn(), install_time())
        .await
        .expect("first migrate");
    let tables = tables_of(db.conn()).await;
    let rows = read_every_table(db.conn()).await;

    let again = migrate(db.conn(), install_time())
        .await
        .expect("second migrate");

    assert!(again.ran.is_empty());
    assert!(again.skipped.is_empty());
    assert_eq!(
        again.existing_osticket,
        Some(ExistingOsticket {
            schema_signature: OSTICKET_1_18_SIGNATURE.to_owned()
        })
    );
    assert_eq!(tables_of(db.conn()).await, tables);
    assert_eq!(read_every_table(db.conn()).await, rows);
});
