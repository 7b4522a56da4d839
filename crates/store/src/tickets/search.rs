//! osTicket's MySQL search index (`ost__search`): one row per indexed object,
//! replaced whenever the object changes (`MysqlSearchBackend::update`).

use crate::entity::search;
use crate::{Conn, StoreError};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, EntityTrait};

/// What an index row describes: `H` a thread entry, `T` a ticket, `U` a user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchObject {
    ThreadEntry(u32),
    Ticket(u32),
    User(u32),
}

impl SearchObject {
    fn key(self) -> (&'static str, u32) {
        match self {
            Self::ThreadEntry(id) => ("H", id),
            Self::Ticket(id) => ("T", id),
            Self::User(id) => ("U", id),
        }
    }
}

/// One object's index row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchRow {
    pub object: SearchObject,
    pub title: String,
    pub content: String,
}

/// Writes or replaces the object's index row, as osTicket's `REPLACE INTO` does.
pub async fn index_for_search(
    db: &impl Conn,
    object: SearchObject,
    title: &str,
    content: &str,
) -> Result<(), StoreError> {
    index_all_for_search(
        db,
        &[SearchRow {
            object,
            title: title.to_owned(),
            content: content.to_owned(),
        }],
    )
    .await
}

/// Writes or replaces the index rows of several objects in one statement (the rows
/// osTicket writes one by one when it opens a ticket).
pub async fn index_all_for_search(db: &impl Conn, rows: &[SearchRow]) -> Result<(), StoreError> {
    if rows.is_empty() {
        return Ok(());
    }
    let rows = rows.iter().map(|row| {
        let (kind, id) = row.object.key();
        search::ActiveModel {
            object_type: Set(kind.to_owned()),
            object_id: Set(id),
            title: Set(Some(row.title.clone())),
            content: Set(Some(row.content.clone())),
        }
    });
    // One upsert, not DELETE then INSERT: on MariaDB the DELETE of a key that does
    // not exist yet (the object was created in this transaction) takes a gap lock,
    // and two concurrent creations then deadlock on each other's INSERT.
    search::Entity::insert_many(rows)
        .on_conflict(
            OnConflict::columns([search::Column::ObjectType, search::Column::ObjectId])
                .update_columns([search::Column::Title, search::Column::Content])
                .to_owned(),
        )
        .exec_without_returning(db.db())
        .await?;
    Ok(())
}
