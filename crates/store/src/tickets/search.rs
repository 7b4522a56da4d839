//! osTicket's MySQL search index (`ost__search`): one row per indexed object,
//! replaced whenever the object changes (`MysqlSearchBackend::update`).

use crate::entity::search;
use crate::{Conn, StoreError};
use sea_orm::{ActiveValue::Set, EntityTrait};

/// What an index row describes: `H` a thread entry, `T` a ticket.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchObject {
    ThreadEntry(u32),
    Ticket(u32),
}

impl SearchObject {
    fn key(self) -> (&'static str, u32) {
        match self {
            Self::ThreadEntry(id) => ("H", id),
            Self::Ticket(id) => ("T", id),
        }
    }
}

/// Replaces the object's index row, as MySQL's `REPLACE INTO` does.
pub async fn index_for_search(
    db: &impl Conn,
    object: SearchObject,
    title: &str,
    content: &str,
) -> Result<(), StoreError> {
    let (kind, id) = object.key();
    search::Entity::delete_by_id((kind.to_owned(), id))
        .exec(db.db())
        .await?;
    search::Entity::insert(search::ActiveModel {
        object_type: Set(kind.to_owned()),
        object_id: Set(id),
        title: Set(Some(title.to_owned())),
        content: Set(Some(content.to_owned())),
    })
    .exec_without_returning(db.db())
    .await?;
    Ok(())
}
