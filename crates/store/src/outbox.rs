//! `{prefix}oxt_outbox`: events written in the transaction of the change that caused
//! them, for the publisher to hand on (alerts, webhooks, live updates) after commit.

use crate::entity::oxt_outbox;
use crate::{Conn, StoreError};
use chrono::{DateTime, Utc};
use sea_orm::{ActiveValue::Set, EntityTrait, NotSet};

/// An event to queue.
#[derive(Debug, Clone, PartialEq)]
pub struct NewOutboxEvent {
    /// What happened, e.g. `ticket.overdue`.
    pub topic: &'static str,
    pub payload: serde_json::Value,
    pub created_at: DateTime<Utc>,
}

/// Queues `events` in one multi-row `INSERT`.
pub async fn queue_outbox_events(
    db: &impl Conn,
    events: &[NewOutboxEvent],
) -> Result<(), StoreError> {
    if events.is_empty() {
        return Ok(());
    }
    let rows = events.iter().map(|event| oxt_outbox::ActiveModel {
        id: NotSet,
        topic: Set(event.topic.to_owned()),
        payload: Set(event.payload.clone()),
        created_at: Set(event.created_at),
        published_at: Set(None),
    });
    oxt_outbox::Entity::insert_many(rows)
        .exec_without_returning(db.db())
        .await?;
    Ok(())
}
