//! osTicket's zero dates and dates in general, through `OstDateTime` and `OstDate`.

use crate::support::install_time;
use oxt_migrations::migrate;
use oxt_store::entity::{schedule_entry, thread_entry};
use oxt_store::{OstDate, OstDateTime, prefixed_table_name};
use oxt_testkit::{TestDb, db_test};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait, EntityTrait};

fn at(text: &str) -> OstDateTime {
    OstDateTime::at(
        chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S").expect("a timestamp"),
    )
}

fn new_entry(updated: OstDateTime) -> thread_entry::ActiveModel {
    thread_entry::ActiveModel {
        thread_id: Set(7),
        r#type: Set("M".to_owned()),
        poster: Set("Angry User".to_owned()),
        body: Set("Hello".to_owned()),
        created: Set(at("2026-11-21 23:32:49")),
        updated: Set(updated),
        ..Default::default()
    }
}

db_test!(dates_and_no_date_round_trip, |db| async move {
    migrate(db.conn(), install_time()).await.expect("migrate");
    let edited = new_entry(at("2026-11-22 08:15:00"))
        .insert(db.conn())
        .await
        .expect("insert an edited entry");

    let read = thread_entry::Entity::find_by_id(edited.id)
        .one(db.conn())
        .await
        .expect("read")
        .expect("the entry");

    assert_eq!(read.created, at("2026-11-21 23:32:49"));
    assert_eq!(read.updated, at("2026-11-22 08:15:00"));
    // A nullable column left NULL reads as no date as well.
    let schedule_entry = schedule_entry::Entity::find()
        .one(db.conn())
        .await
        .expect("read a schedule entry")
        .expect("the seeded business hours");
    assert_eq!(schedule_entry.stops_on, OstDateTime::NONE);
});

/// MySQL with osTicket's `SQL_MODE=''` stores the zero date where an insert leaves a
/// `NOT NULL` date out, as osTicket does; it reads back as no date.
#[tokio::test]
async fn omitted_mariadb_dates_are_stored_as_zero_dates_and_read_as_none() {
    let Some(db) = TestDb::mysql().await else {
        return;
    };
    migrate(db.conn(), install_time()).await.expect("migrate");
    let mut unedited = new_entry(OstDateTime::NONE);
    unedited.updated = sea_orm::ActiveValue::NotSet;

    let inserted = unedited.insert(db.conn()).await.expect("insert");

    assert_eq!(inserted.updated, OstDateTime::NONE);
    let stored = crate::support::strings(
        db.conn(),
        &format!(
            "SELECT CAST(updated AS CHAR) AS name FROM `{}` WHERE id = ?",
            prefixed_table_name("thread_entry")
        ),
        &[&inserted.id.to_string()],
    )
    .await
    .expect("read the raw value");
    assert_eq!(stored, ["0000-00-00 00:00:00"]);
}

#[tokio::test]
async fn mariadb_zero_dates_and_days_read_as_none() {
    let Some(db) = TestDb::mysql().await else {
        return;
    };
    migrate(db.conn(), install_time()).await.expect("migrate");
    db.conn()
        .execute_unprepared(&format!(
            "UPDATE `{}` SET stops_on = '0000-00-00 00:00:00', starts_on = '0000-00-00'",
            prefixed_table_name("schedule_entry")
        ))
        .await
        .expect("store zero dates");

    let entries = schedule_entry::Entity::find()
        .all(db.conn())
        .await
        .expect("zero dates read");

    assert!(!entries.is_empty());
    for entry in entries {
        assert_eq!(entry.stops_on, OstDateTime::NONE);
        assert_eq!(entry.starts_on, OstDate::NONE);
    }
}

/// A zero date copied into SQLite as text (e.g. from an osTicket dump) reads as no date.
#[tokio::test]
async fn sqlite_zero_date_text_reads_as_none() {
    let db = TestDb::sqlite().await;
    migrate(db.conn(), install_time()).await.expect("migrate");
    db.conn()
        .execute_unprepared(&format!(
            "UPDATE \"{}\" SET stops_on = '0000-00-00 00:00:00', starts_on = '0000-00-00'",
            prefixed_table_name("schedule_entry")
        ))
        .await
        .expect("store zero dates");

    let entry = schedule_entry::Entity::find()
        .one(db.conn())
        .await
        .expect("zero dates read")
        .expect("a schedule entry");

    assert_eq!(entry.stops_on, OstDateTime::NONE);
    assert_eq!(entry.starts_on, OstDate::NONE);
}
