//! osTicket's ticket locks (`ost_lock`), which its cron purges once expired
//! (`Lock::cleanup`, run by `Cron::TicketMonitor`).

use crate::entity::lock;
use crate::{Conn, OstDateTime, StoreError};
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

/// Deletes the locks whose `expire` is before `now`; answers how many.
pub async fn delete_expired_locks(db: &impl Conn, now: DateTime<Utc>) -> Result<u64, StoreError> {
    let deleted = lock::Entity::delete_many()
        .filter(lock::Column::Expire.lt(OstDateTime::at(now.naive_utc())))
        .exec(db.db())
        .await?;
    Ok(deleted.rows_affected)
}
