//! osTicket's API keys (`ost_api_key`): the credential of its v1 API, bound
//! to one client address, with a flag per thing the key may do.

use crate::entity::api_key;
use crate::{Conn, OstDateTime, StoreError};
use chrono::{DateTime, Utc};
use oxt_ticket::ids::ApiKeyId;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DbErr, EntityTrait, NotSet, QueryFilter,
    QueryOrder, SqlErr,
};

/// A stored key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiKeyRecord {
    pub id: ApiKeyId,
    pub key: String,
    /// The one client address the key is accepted from, compared as a string.
    pub ip_address: String,
    pub active: bool,
    pub can_create_tickets: bool,
    pub can_exec_cron: bool,
    pub notes: String,
    pub created: Option<DateTime<Utc>>,
    pub updated: Option<DateTime<Utc>>,
}

/// What an administrator sets on a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiKeySettings {
    pub active: bool,
    pub can_create_tickets: bool,
    pub can_exec_cron: bool,
    pub notes: String,
}

/// The key `key` registered for `ip_address`, as osTicket's `API::getIdByKey`
/// finds it: both compared exactly, so a key sent from another address is not
/// found at all.
pub async fn find_by_key_and_ip(
    db: &impl Conn,
    key: &str,
    ip_address: &str,
) -> Result<Option<ApiKeyRecord>, StoreError> {
    Ok(api_key::Entity::find()
        .filter(api_key::Column::Apikey.eq(key))
        .filter(api_key::Column::Ipaddr.eq(ip_address))
        .one(db.db())
        .await?
        // MySQL's collation compares without case; osTicket's keys are
        // upper-case hex, and a key differing in case is another key.
        .filter(|row| row.apikey == key && row.ipaddr == ip_address)
        .map(ApiKeyRecord::from))
}

pub async fn find(db: &impl Conn, id: ApiKeyId) -> Result<Option<ApiKeyRecord>, StoreError> {
    Ok(api_key::Entity::find_by_id(id.get())
        .one(db.db())
        .await?
        .map(ApiKeyRecord::from))
}

/// Every key, oldest first.
pub async fn list(db: &impl Conn) -> Result<Vec<ApiKeyRecord>, StoreError> {
    Ok(api_key::Entity::find()
        .order_by_asc(api_key::Column::Id)
        .all(db.db())
        .await?
        .into_iter()
        .map(ApiKeyRecord::from)
        .collect())
}

/// Inserts a key; a key that is already stored is [`StoreError::Conflict`].
pub async fn insert(
    db: &impl Conn,
    key: &str,
    ip_address: &str,
    settings: &ApiKeySettings,
    now: DateTime<Utc>,
) -> Result<ApiKeyRecord, StoreError> {
    let row = api_key::ActiveModel {
        id: NotSet,
        isactive: Set(i16::from(settings.active)),
        ipaddr: Set(ip_address.to_owned()),
        apikey: Set(key.to_owned()),
        can_create_tickets: Set(u32::from(settings.can_create_tickets)),
        can_exec_cron: Set(u32::from(settings.can_exec_cron)),
        notes: Set(Some(settings.notes.clone())),
        updated: Set(OstDateTime::at(now.naive_utc())),
        created: Set(OstDateTime::at(now.naive_utc())),
    }
    .insert(db.db())
    .await
    .map_err(unique_violation_is_conflict)?;
    Ok(row.into())
}

/// Changes a key's settings (its key and address never change, as in
/// osTicket's admin panel); [`StoreError::NotFound`] when there is no such key.
pub async fn update(
    db: &impl Conn,
    id: ApiKeyId,
    settings: &ApiKeySettings,
    now: DateTime<Utc>,
) -> Result<ApiKeyRecord, StoreError> {
    let row = api_key::Entity::find_by_id(id.get())
        .one(db.db())
        .await?
        .ok_or(StoreError::NotFound)?;
    let mut row: api_key::ActiveModel = row.into();
    row.isactive = Set(i16::from(settings.active));
    row.can_create_tickets = Set(u32::from(settings.can_create_tickets));
    row.can_exec_cron = Set(u32::from(settings.can_exec_cron));
    row.notes = Set(Some(settings.notes.clone()));
    row.updated = Set(OstDateTime::at(now.naive_utc()));
    Ok(row.update(db.db()).await?.into())
}

/// Deletes a key; [`StoreError::NotFound`] when there is no such key.
pub async fn delete(db: &impl Conn, id: ApiKeyId) -> Result<(), StoreError> {
    let result = api_key::Entity::delete_by_id(id.get())
        .exec(db.db())
        .await?;
    if result.rows_affected == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

impl From<api_key::Model> for ApiKeyRecord {
    fn from(row: api_key::Model) -> Self {
        Self {
            id: ApiKeyId::new(row.id),
            key: row.apikey,
            ip_address: row.ipaddr,
            active: row.isactive != 0,
            can_create_tickets: row.can_create_tickets != 0,
            can_exec_cron: row.can_exec_cron != 0,
            notes: row.notes.unwrap_or_default(),
            created: row.created.get().map(|at| at.and_utc()),
            updated: row.updated.get().map(|at| at.and_utc()),
        }
    }
}

fn unique_violation_is_conflict(error: DbErr) -> StoreError {
    match error.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => StoreError::Conflict,
        _ => StoreError::Backend(error),
    }
}
