//! `ost_sla` rows: read, written and deleted with the clean-up osTicket's
//! `SLA::delete` does.

use crate::entity::{department, help_topic, sla, ticket};
use crate::{Conn, OstDateTime, StoreError};
use chrono::{DateTime, Utc};
use oxt_ticket::ids::{ScheduleId, SlaId};
use sea_orm::sea_query::{Expr, ExprTrait, Func};
use sea_orm::{ActiveValue::Set, ColumnTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, SqlErr};

/// `SLA::FLAG_*` as booleans.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SlaFlags {
    /// `FLAG_ACTIVE` (1): tickets under an inactive SLA get no due date.
    pub active: bool,
    /// `FLAG_ESCALATE` (2): an overdue ticket's priority is raised.
    pub escalate: bool,
    /// `FLAG_NOALERTS` (4): no overdue alerts.
    pub no_alerts: bool,
    /// `FLAG_TRANSIENT` (8): the SLA gives way to the department's or help
    /// topic's on transfer and edit.
    pub transient: bool,
}

const ACTIVE: u32 = 0x1;
const ESCALATE: u32 = 0x2;
const NO_ALERTS: u32 = 0x4;
const TRANSIENT: u32 = 0x8;
const KNOWN: u32 = ACTIVE | ESCALATE | NO_ALERTS | TRANSIENT;

impl SlaFlags {
    pub fn from_bits(bits: u32) -> Self {
        Self {
            active: bits & ACTIVE != 0,
            escalate: bits & ESCALATE != 0,
            no_alerts: bits & NO_ALERTS != 0,
            transient: bits & TRANSIENT != 0,
        }
    }

    /// These flags over `bits`, keeping any bit osTicket may add later.
    pub fn over(self, bits: u32) -> u32 {
        let flag = |on: bool, bit: u32| if on { bit } else { 0 };
        (bits & !KNOWN)
            | flag(self.active, ACTIVE)
            | flag(self.escalate, ESCALATE)
            | flag(self.no_alerts, NO_ALERTS)
            | flag(self.transient, TRANSIENT)
    }
}

/// One `ost_sla` row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlaRecord {
    pub id: SlaId,
    pub name: String,
    /// Hours.
    pub grace_period: u32,
    pub schedule: Option<ScheduleId>,
    pub flags: SlaFlags,
    pub notes: Option<String>,
    pub created: Option<DateTime<Utc>>,
    pub updated: Option<DateTime<Utc>>,
}

/// The columns an SLA is created or updated with, already checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlaValues {
    pub name: String,
    pub grace_period: u32,
    pub schedule: Option<ScheduleId>,
    pub flags: SlaFlags,
    pub notes: Option<String>,
}

fn record(row: sla::Model) -> SlaRecord {
    let utc = |at: OstDateTime| at.get().map(|at| at.and_utc());
    SlaRecord {
        id: SlaId::new(row.id),
        name: row.name,
        grace_period: row.grace_period,
        schedule: ScheduleId::from_column(row.schedule_id),
        flags: SlaFlags::from_bits(row.flags),
        notes: row.notes,
        created: utc(row.created),
        updated: utc(row.updated),
    }
}

/// Every SLA, by name as osTicket lists them.
pub async fn list_slas(db: &impl Conn) -> Result<Vec<SlaRecord>, StoreError> {
    Ok(sla::Entity::find()
        .order_by_asc(sla::Column::Name)
        .order_by_asc(sla::Column::Id)
        .all(db.db())
        .await?
        .into_iter()
        .map(record)
        .collect())
}

pub async fn get_sla(db: &impl Conn, id: SlaId) -> Result<Option<SlaRecord>, StoreError> {
    Ok(sla::Entity::find_by_id(id.get())
        .one(db.db())
        .await?
        .map(record))
}

/// The SLA named `name`, ignoring case as MySQL's collation of the unique
/// `name` key does, so the check means the same on every backend.
pub async fn find_sla_id_by_name(db: &impl Conn, name: &str) -> Result<Option<SlaId>, StoreError> {
    Ok(sla::Entity::find()
        .filter(Expr::expr(Func::lower(Expr::col(sla::Column::Name))).eq(name.to_lowercase()))
        .one(db.db())
        .await?
        .map(|row| SlaId::new(row.id)))
}

/// Inserts an SLA; [`StoreError::Conflict`] when another holds the name.
pub async fn insert_sla(
    db: &impl Conn,
    values: &SlaValues,
    now: DateTime<Utc>,
) -> Result<SlaId, StoreError> {
    let now = OstDateTime::at(now.naive_utc());
    let id = sla::Entity::insert(sla::ActiveModel {
        schedule_id: Set(values.schedule.map_or(0, ScheduleId::get)),
        flags: Set(values.flags.over(0)),
        grace_period: Set(values.grace_period),
        name: Set(values.name.clone()),
        notes: Set(values.notes.clone()),
        created: Set(now),
        updated: Set(now),
        ..Default::default()
    })
    .exec(db.db())
    .await
    .map_err(unique_violation_is_conflict)?
    .last_insert_id;
    Ok(SlaId::new(id))
}

/// Rewrites an SLA's columns, stamping `updated` as `SLA::save` does.
pub async fn update_sla(
    db: &impl Conn,
    id: SlaId,
    values: &SlaValues,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let Some(row) = sla::Entity::find_by_id(id.get()).one(db.db()).await? else {
        return Err(StoreError::NotFound);
    };
    sla::Entity::update_many()
        .col_expr(
            sla::Column::ScheduleId,
            Expr::value(values.schedule.map_or(0, ScheduleId::get)),
        )
        .col_expr(
            sla::Column::Flags,
            Expr::value(values.flags.over(row.flags)),
        )
        .col_expr(sla::Column::GracePeriod, Expr::value(values.grace_period))
        .col_expr(sla::Column::Name, Expr::value(values.name.clone()))
        .col_expr(sla::Column::Notes, Expr::value(values.notes.clone()))
        .col_expr(
            sla::Column::Updated,
            Expr::value(OstDateTime::at(now.naive_utc())),
        )
        .filter(sla::Column::Id.eq(id.get()))
        .exec(db.db())
        .await
        .map_err(unique_violation_is_conflict)?;
    Ok(())
}

/// What deleting an SLA changed besides its row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SlaDeletion {
    /// Departments and help topics that named it, now naming none.
    pub departments: u64,
    pub topics: u64,
    /// Tickets under it, moved to the default SLA.
    pub tickets: u64,
}

/// Deletes an SLA as `SLA::delete` does: departments and help topics that
/// named it name none, and its tickets move to `replacement` (the help
/// desk's default SLA; none when there is no default).
pub async fn delete_sla(
    db: &impl Conn,
    id: SlaId,
    replacement: Option<SlaId>,
) -> Result<SlaDeletion, StoreError> {
    let deleted = sla::Entity::delete_by_id(id.get()).exec(db.db()).await?;
    if deleted.rows_affected == 0 {
        return Err(StoreError::NotFound);
    }
    let departments = department::Entity::update_many()
        .col_expr(department::Column::SlaId, Expr::value(0_u32))
        .filter(department::Column::SlaId.eq(id.get()))
        .exec(db.db())
        .await?
        .rows_affected;
    let topics = help_topic::Entity::update_many()
        .col_expr(help_topic::Column::SlaId, Expr::value(0_u32))
        .filter(help_topic::Column::SlaId.eq(id.get()))
        .exec(db.db())
        .await?
        .rows_affected;
    let tickets = ticket::Entity::update_many()
        .col_expr(
            ticket::Column::SlaId,
            Expr::value(replacement.map_or(0, SlaId::get)),
        )
        .filter(ticket::Column::SlaId.eq(id.get()))
        .exec(db.db())
        .await?
        .rows_affected;
    Ok(SlaDeletion {
        departments,
        topics,
        tickets,
    })
}

fn unique_violation_is_conflict(error: DbErr) -> StoreError {
    match error.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => StoreError::Conflict,
        _ => StoreError::Backend(error),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_read_and_write_osticket_bits() {
        let flags = SlaFlags::from_bits(3);
        assert!(flags.active && flags.escalate && !flags.no_alerts && !flags.transient);
        let changed = SlaFlags {
            transient: true,
            escalate: false,
            ..flags
        };
        assert_eq!(changed.over(3), 0x9);
        assert_eq!(changed.over(0x13), 0x19, "an unknown bit is kept");
    }
}
