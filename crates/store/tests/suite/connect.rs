//! What `oxt_store::connect` sets up per backend.

use crate::support::{install_time, strings};
use oxt_migrations::migrate;
use oxt_store::entity::oxt_outbox;
use oxt_testkit::TestDb;
use sea_orm::{
    ActiveValue::Set, ConnectionTrait, EntityTrait, PaginatorTrait, SqliteTransactionMode,
    TransactionOptions, TransactionTrait,
};

/// Every pooled MariaDB session runs as osTicket's: empty SQL mode, the server's time
/// zone, and a connection character set that holds any of osTicket's text.
#[tokio::test]
async fn every_mariadb_session_has_osticket_settings() {
    let Some(db) = TestDb::mysql().await else {
        return;
    };
    // Held open together, so each is a different pooled connection.
    let mut sessions = Vec::new();
    for _ in 0..3 {
        sessions.push(db.conn().begin().await.expect("a session"));
    }
    for session in &sessions {
        let row = session
            .query_one_raw(sea_orm::Statement::from_string(
                session.get_database_backend(),
                "SELECT CONCAT_WS(' ', CONCAT('[', @@SESSION.sql_mode, ']'), \
                 @@SESSION.time_zone, @@SESSION.character_set_connection) AS name",
            ))
            .await
            .expect("session variables")
            .expect("a row");
        let settings: String = row.try_get("", "name").expect("text");
        assert_eq!(settings, "[] SYSTEM utf8mb4");
    }
}

/// Writers on one SQLite file wait for each other (write-ahead log, busy timeout)
/// instead of failing with "database is locked".
#[tokio::test]
async fn concurrent_sqlite_writers_all_succeed() {
    let db = TestDb::sqlite_file().await;
    migrate(db.conn(), install_time()).await.expect("migrate");
    let journal = strings(
        db.conn(),
        "SELECT journal_mode AS name FROM pragma_journal_mode",
        &[],
    )
    .await
    .expect("journal mode");
    assert_eq!(journal, ["wal"]);

    let mut writers = tokio::task::JoinSet::new();
    for writer in 0..8 {
        let conn = db.conn().clone();
        writers.spawn(async move {
            for event in 0..20 {
                let options = TransactionOptions {
                    sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
                    ..Default::default()
                };
                let transaction = conn.begin_with_options(options).await?;
                // Read, then write: the pattern of a use case loading what it changes.
                oxt_outbox::Entity::find().count(&transaction).await?;
                oxt_outbox::Entity::insert(oxt_outbox::ActiveModel {
                    topic: Set(format!("writer.{writer}")),
                    payload: Set(serde_json::json!({ "event": event })),
                    created_at: Set(install_time()),
                    ..Default::default()
                })
                .exec(&transaction)
                .await?;
                transaction.commit().await?;
            }
            Ok::<(), sea_orm::DbErr>(())
        });
    }
    while let Some(outcome) = writers.join_next().await {
        outcome.expect("a writer task").expect("a writer's events");
    }

    let written = oxt_outbox::Entity::find()
        .count(db.conn())
        .await
        .expect("count");
    assert_eq!(written, 8 * 20);
}
