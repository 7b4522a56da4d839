//! Mail a filter asks for, queued to `{prefix}oxt_outbox` in the ticket's
//! transaction, so it is sent once the ticket exists and never for a ticket
//! that was rolled back.

use crate::entity::oxt_outbox;
use crate::{Conn, StoreError};
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, JsonValue, NotSet};

/// Queues one outbox event; answers its id.
pub async fn queue_outbox_event(
    db: &impl Conn,
    topic: &str,
    payload: JsonValue,
    now: DateTime<Utc>,
) -> Result<i64, StoreError> {
    let row = oxt_outbox::ActiveModel {
        id: NotSet,
        topic: Set(topic.to_owned()),
        payload: Set(payload),
        created_at: Set(now),
        published_at: Set(None),
    }
    .insert(db.db())
    .await?;
    Ok(row.id)
}
