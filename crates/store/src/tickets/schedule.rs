//! Schedules for due dates: an `ost_schedule` row with its entries, in the
//! row shape `oxt-sla` reads.

use crate::entity::{schedule, schedule_entry};
use crate::reference_cache::{ReferenceKey, cached};
use crate::{Conn, StoreError};
use oxt_sla::{ScheduleEntryId, ScheduleEntryRow, ScheduleRow};
use oxt_ticket::ids::ScheduleId;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

/// A schedule with its entries, through the reference cache.
pub async fn find_schedule(
    db: &impl Conn,
    id: ScheduleId,
) -> Result<Option<ScheduleRow>, StoreError> {
    cached(
        db.reference_cache(),
        ReferenceKey::Schedule(id.get()),
        load_schedule(db, id),
    )
    .await
}

async fn load_schedule(db: &impl Conn, id: ScheduleId) -> Result<Option<ScheduleRow>, StoreError> {
    let Some(row) = schedule::Entity::find_by_id(id.get()).one(db.db()).await? else {
        return Ok(None);
    };
    let entries = schedule_entry::Entity::find()
        .filter(schedule_entry::Column::ScheduleId.eq(id.get()))
        .order_by_asc(schedule_entry::Column::Sort)
        .order_by_asc(schedule_entry::Column::Id)
        .all(db.db())
        .await?
        .into_iter()
        .map(|entry| ScheduleEntryRow {
            id: ScheduleEntryId::new(entry.id),
            repeats: entry.repeats,
            starts_on: entry.starts_on.get(),
            starts_at: entry.starts_at,
            ends_on: entry.ends_on.get(),
            ends_at: entry.ends_at,
            stops_on: entry.stops_on.get(),
            day: entry.day.and_then(|day| i8::try_from(day).ok()),
            week: entry.week.and_then(|week| i8::try_from(week).ok()),
            month: entry.month.and_then(|month| i8::try_from(month).ok()),
        })
        .collect();
    Ok(Some(ScheduleRow {
        id,
        timezone: row.timezone,
        entries,
    }))
}
