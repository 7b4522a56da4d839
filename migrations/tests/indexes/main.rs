//! The opt-in performance indexes: never created by `migrate`, created once on request,
//! on a database Oxticket installed (every backend) and on one osTicket installed.

use chrono::{TimeZone, Utc};
use oxt_migrations::{PERFORMANCE_INDEXES, create_performance_indexes, migrate};
use oxt_store::prefixed_table_name;
use oxt_testkit::{TestDb, db_test};
use sea_orm_migration::SchemaManager;

async fn present(db: &TestDb) -> Vec<bool> {
    let manager = SchemaManager::new(db.conn());
    let mut present = Vec::new();
    for index in PERFORMANCE_INDEXES {
        present.push(
            manager
                .has_index(prefixed_table_name(index.table), index.full_name())
                .await
                .expect("the index lookup runs"),
        );
    }
    present
}

async fn created_names(db: &TestDb) -> Vec<&'static str> {
    create_performance_indexes(db.conn())
        .await
        .expect("the indexes are created")
        .iter()
        .map(|index| index.full_name())
        .collect()
}

fn every_index() -> Vec<&'static str> {
    PERFORMANCE_INDEXES
        .iter()
        .map(|index| index.full_name())
        .collect()
}

db_test!(
    migrate_leaves_them_out_and_the_request_creates_them_once,
    |db| async move {
        migrate(
            db.conn(),
            Utc.with_ymd_and_hms(2026, 11, 22, 4, 0, 0).unwrap(),
        )
        .await
        .expect("the database migrates");
        assert_eq!(present(&db).await, [false]);
        assert_eq!(created_names(&db).await, every_index());
        assert_eq!(present(&db).await, [true]);
        assert!(created_names(&db).await.is_empty());
    }
);

#[tokio::test]
async fn on_an_osticket_install_only_the_request_adds_them() {
    let Some(db) = TestDb::mysql_with_fresh_install().await else {
        return;
    };
    let report = migrate(
        db.conn(),
        Utc.with_ymd_and_hms(2026, 11, 22, 4, 0, 0).unwrap(),
    )
    .await
    .expect("Oxticket's own tables are added");
    assert!(report.existing_osticket.is_some());
    assert_eq!(present(&db).await, [false]);
    assert_eq!(created_names(&db).await, every_index());
    assert_eq!(present(&db).await, [true]);
}
