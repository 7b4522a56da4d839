//! `ost_schedule` with its `ost_schedule_entry` rows and the `configuration`
//! value osTicket keeps for each in `ost_config` namespace `schedule.<id>`.

use crate::entity::{config, department, schedule, schedule_entry, sla};
use crate::{Conn, OstDate, OstDateTime, StoreError};
use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use oxt_sla::ScheduleEntryId;
use oxt_ticket::ids::{DeptId, ScheduleId, SlaId};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;

/// `Schedule::FLAG_BIZHRS`: set for business hours, clear for holidays.
const BUSINESS_HOURS: u32 = 0x1;
const CONFIGURATION: &str = "configuration";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScheduleKind {
    BusinessHours,
    Holidays,
}

impl ScheduleKind {
    fn from_flags(flags: u32) -> Self {
        if flags & BUSINESS_HOURS != 0 {
            Self::BusinessHours
        } else {
            Self::Holidays
        }
    }

    fn flags(self) -> u32 {
        match self {
            Self::BusinessHours => BUSINESS_HOURS,
            Self::Holidays => 0,
        }
    }
}

/// One schedule with its entries in their `sort` order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScheduleRecord {
    pub id: ScheduleId,
    pub kind: ScheduleKind,
    pub name: String,
    pub timezone: Option<String>,
    pub description: String,
    /// The `schedule.<id>` `configuration` value (JSON) as stored.
    pub configuration: Option<String>,
    pub entries: Vec<ScheduleEntryRecord>,
    pub created: Option<DateTime<Utc>>,
    pub updated: Option<DateTime<Utc>>,
}

/// One `ost_schedule_entry` row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScheduleEntryRecord {
    pub id: ScheduleEntryId,
    pub sort: u32,
    pub values: ScheduleEntryValues,
}

/// The columns of an entry as written, already checked by `oxt-sla`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScheduleEntryValues {
    pub name: String,
    pub repeats: String,
    pub starts_on: NaiveDate,
    pub starts_at: Option<NaiveTime>,
    pub ends_on: Option<NaiveDate>,
    pub ends_at: Option<NaiveTime>,
    pub stops_on: Option<NaiveDateTime>,
    pub day: Option<i8>,
    pub week: Option<i8>,
    pub month: Option<i8>,
}

/// The columns of `ost_schedule` an admin sets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScheduleValues {
    pub name: String,
    pub timezone: Option<String>,
    pub description: String,
}

/// Where a schedule is referred to.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ScheduleUse {
    /// It is the help desk's `core.schedule_id`.
    pub help_desk_default: bool,
    pub slas: Vec<SlaId>,
    pub departments: Vec<DeptId>,
}

impl ScheduleUse {
    pub fn is_empty(&self) -> bool {
        !self.help_desk_default && self.slas.is_empty() && self.departments.is_empty()
    }
}

fn utc(at: OstDateTime) -> Option<DateTime<Utc>> {
    at.get().map(|at| at.and_utc())
}

fn entry_record(row: schedule_entry::Model) -> ScheduleEntryRecord {
    let small = |value: Option<i16>| value.and_then(|value| i8::try_from(value).ok());
    ScheduleEntryRecord {
        id: ScheduleEntryId::new(row.id),
        sort: row.sort,
        values: ScheduleEntryValues {
            name: row.name,
            repeats: row.repeats,
            starts_on: row.starts_on.get().unwrap_or_default(),
            starts_at: row.starts_at,
            ends_on: row.ends_on.get(),
            ends_at: row.ends_at,
            stops_on: row.stops_on.get(),
            day: small(row.day),
            week: small(row.week),
            month: small(row.month),
        },
    }
}

fn namespace(id: ScheduleId) -> String {
    format!("schedule.{}", id.get())
}

fn record(
    row: schedule::Model,
    entries: Vec<ScheduleEntryRecord>,
    configuration: Option<String>,
) -> ScheduleRecord {
    ScheduleRecord {
        id: ScheduleId::new(row.id),
        kind: ScheduleKind::from_flags(row.flags),
        name: row.name,
        timezone: row.timezone,
        description: row.description,
        configuration,
        entries,
        created: utc(row.created),
        updated: utc(row.updated),
    }
}

/// Every schedule by name, as osTicket lists them, in three queries.
pub async fn list_schedules(db: &impl Conn) -> Result<Vec<ScheduleRecord>, StoreError> {
    let rows = schedule::Entity::find()
        .order_by_asc(schedule::Column::Name)
        .order_by_asc(schedule::Column::Id)
        .all(db.db())
        .await?;
    let mut entries: HashMap<u32, Vec<ScheduleEntryRecord>> = HashMap::new();
    for entry in schedule_entry::Entity::find()
        .order_by_asc(schedule_entry::Column::Sort)
        .order_by_asc(schedule_entry::Column::Id)
        .all(db.db())
        .await?
    {
        entries
            .entry(entry.schedule_id)
            .or_default()
            .push(entry_record(entry));
    }
    let mut configurations: HashMap<String, String> = config::Entity::find()
        .filter(config::Column::Namespace.starts_with("schedule."))
        .filter(config::Column::Key.eq(CONFIGURATION))
        .all(db.db())
        .await?
        .into_iter()
        .map(|row| (row.namespace, row.value))
        .collect();
    Ok(rows
        .into_iter()
        .map(|row| {
            let id = ScheduleId::new(row.id);
            let entries = entries.remove(&row.id).unwrap_or_default();
            record(row, entries, configurations.remove(&namespace(id)))
        })
        .collect())
}

pub async fn get_schedule(
    db: &impl Conn,
    id: ScheduleId,
) -> Result<Option<ScheduleRecord>, StoreError> {
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
        .map(entry_record)
        .collect();
    let configuration = config::Entity::find()
        .filter(config::Column::Namespace.eq(namespace(id)))
        .filter(config::Column::Key.eq(CONFIGURATION))
        .one(db.db())
        .await?
        .map(|row| row.value);
    Ok(Some(record(row, entries, configuration)))
}

pub async fn find_schedule_kind(
    db: &impl Conn,
    id: ScheduleId,
) -> Result<Option<ScheduleKind>, StoreError> {
    Ok(schedule::Entity::find_by_id(id.get())
        .one(db.db())
        .await?
        .map(|row| ScheduleKind::from_flags(row.flags)))
}

pub async fn insert_schedule(
    db: &impl Conn,
    kind: ScheduleKind,
    values: &ScheduleValues,
    now: DateTime<Utc>,
) -> Result<ScheduleId, StoreError> {
    let now = OstDateTime::at(now.naive_utc());
    let id = schedule::Entity::insert(schedule::ActiveModel {
        flags: Set(kind.flags()),
        name: Set(values.name.clone()),
        timezone: Set(values.timezone.clone()),
        description: Set(values.description.clone()),
        created: Set(now),
        updated: Set(now),
        ..Default::default()
    })
    .exec(db.db())
    .await?
    .last_insert_id;
    Ok(ScheduleId::new(id))
}

/// Rewrites the name, zone and description; the kind never changes, as in
/// osTicket's form, where the type is chosen once.
pub async fn update_schedule(
    db: &impl Conn,
    id: ScheduleId,
    values: &ScheduleValues,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let updated = schedule::Entity::update_many()
        .col_expr(schedule::Column::Name, Expr::value(values.name.clone()))
        .col_expr(
            schedule::Column::Timezone,
            Expr::value(values.timezone.clone()),
        )
        .col_expr(
            schedule::Column::Description,
            Expr::value(values.description.clone()),
        )
        .col_expr(
            schedule::Column::Updated,
            Expr::value(OstDateTime::at(now.naive_utc())),
        )
        .filter(schedule::Column::Id.eq(id.get()))
        .exec(db.db())
        .await?;
    if updated.rows_affected == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// Replaces every entry of a schedule, numbering `sort` in the given order.
pub async fn replace_schedule_entries(
    db: &impl Conn,
    id: ScheduleId,
    entries: &[ScheduleEntryValues],
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    schedule_entry::Entity::delete_many()
        .filter(schedule_entry::Column::ScheduleId.eq(id.get()))
        .exec(db.db())
        .await?;
    if entries.is_empty() {
        return Ok(());
    }
    let now = OstDateTime::at(now.naive_utc());
    let rows = entries
        .iter()
        .zip(0_u32..)
        .map(|(entry, sort)| schedule_entry::ActiveModel {
            schedule_id: Set(id.get()),
            flags: Set(0),
            sort: Set(sort),
            name: Set(entry.name.clone()),
            repeats: Set(entry.repeats.clone()),
            starts_on: Set(OstDate::on(entry.starts_on)),
            starts_at: Set(entry.starts_at),
            ends_on: Set(entry.ends_on.into()),
            ends_at: Set(entry.ends_at),
            stops_on: Set(entry.stops_on.into()),
            day: Set(entry.day.map(i16::from)),
            week: Set(entry.week.map(i16::from)),
            month: Set(entry.month.map(i16::from)),
            created: Set(now),
            updated: Set(now),
            ..Default::default()
        });
    schedule_entry::Entity::insert_many(rows)
        .exec_without_returning(db.db())
        .await?;
    Ok(())
}

/// Stores a schedule's `configuration` value (`{"holidays":[...]}`), as
/// osTicket's `Schedule::saveConfiguration` does.
pub async fn set_holiday_schedules(
    db: &impl Conn,
    id: ScheduleId,
    configuration: &str,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let now = OstDateTime::at(now.naive_utc());
    let updated = config::Entity::update_many()
        .col_expr(config::Column::Value, Expr::value(configuration.to_owned()))
        .col_expr(config::Column::Updated, Expr::value(now))
        .filter(config::Column::Namespace.eq(namespace(id)))
        .filter(config::Column::Key.eq(CONFIGURATION))
        .exec(db.db())
        .await?;
    if updated.rows_affected == 0 {
        config::Entity::insert(config::ActiveModel {
            namespace: Set(namespace(id)),
            key: Set(CONFIGURATION.to_owned()),
            value: Set(configuration.to_owned()),
            updated: Set(now),
            ..Default::default()
        })
        .exec(db.db())
        .await?;
    }
    Ok(())
}

/// Everything that refers to schedule `id`.
pub async fn schedule_uses(db: &impl Conn, id: ScheduleId) -> Result<ScheduleUse, StoreError> {
    let help_desk_default = config::Entity::find()
        .filter(config::Column::Namespace.eq("core"))
        .filter(config::Column::Key.eq("schedule_id"))
        .one(db.db())
        .await?
        .is_some_and(|row| row.value.trim().parse::<u32>().ok() == Some(id.get()));
    let slas = sla::Entity::find()
        .filter(sla::Column::ScheduleId.eq(id.get()))
        .all(db.db())
        .await?
        .into_iter()
        .map(|row| SlaId::new(row.id))
        .collect();
    let departments = department::Entity::find()
        .filter(department::Column::ScheduleId.eq(id.get()))
        .all(db.db())
        .await?
        .into_iter()
        .map(|row| DeptId::new(row.id))
        .collect();
    Ok(ScheduleUse {
        help_desk_default,
        slas,
        departments,
    })
}

/// Every schedule's stored `configuration` value, by schedule.
pub async fn schedule_configurations(
    db: &impl Conn,
) -> Result<Vec<(ScheduleId, String)>, StoreError> {
    Ok(config::Entity::find()
        .filter(config::Column::Namespace.starts_with("schedule."))
        .filter(config::Column::Key.eq(CONFIGURATION))
        .all(db.db())
        .await?
        .into_iter()
        .filter_map(|row| {
            let owner = row.namespace.strip_prefix("schedule.")?.parse().ok()?;
            Some((ScheduleId::new(owner), row.value))
        })
        .collect())
}

/// Deletes a schedule, its entries and its `schedule.<id>` configuration.
pub async fn delete_schedule(db: &impl Conn, id: ScheduleId) -> Result<(), StoreError> {
    let deleted = schedule::Entity::delete_by_id(id.get())
        .exec(db.db())
        .await?;
    if deleted.rows_affected == 0 {
        return Err(StoreError::NotFound);
    }
    schedule_entry::Entity::delete_many()
        .filter(schedule_entry::Column::ScheduleId.eq(id.get()))
        .exec(db.db())
        .await?;
    config::Entity::delete_many()
        .filter(config::Column::Namespace.eq(namespace(id)))
        .exec(db.db())
        .await?;
    Ok(())
}
