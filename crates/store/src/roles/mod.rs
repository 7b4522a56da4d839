//! Roles (`ost_role`): the permission sets a staff member holds in a
//! department, read and written as osTicket's `Role` model does.

use crate::entity::{role, staff, staff_dept_access};
use crate::store::locked;
use crate::text::{conflict_or_backend, equals_ignoring_case};
use crate::{Conn, OstDateTime, StoreError};
use chrono::{DateTime, NaiveDateTime, Utc};
use oxt_ticket::ids::RoleId;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

/// `ost_role.flags`: `Role::FLAG_ENABLED`.
const FLAG_ENABLED: u32 = 0x1;

/// A role as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleRecord {
    pub id: RoleId,
    /// `NULL` only in rows written by something other than osTicket.
    pub name: String,
    pub notes: Option<String>,
    pub enabled: bool,
    /// `ost_role.permissions`, the JSON osTicket's `RolePermission` reads.
    pub permissions: Option<String>,
    pub created: Option<NaiveDateTime>,
    pub updated: Option<NaiveDateTime>,
}

impl From<role::Model> for RoleRecord {
    fn from(row: role::Model) -> Self {
        Self {
            id: RoleId::new(row.id),
            name: row.name.unwrap_or_default(),
            notes: row.notes,
            enabled: row.flags & FLAG_ENABLED != 0,
            permissions: row.permissions,
            created: row.created.get(),
            updated: row.updated.get(),
        }
    }
}

/// The columns a create or an edit writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleFields {
    pub name: String,
    pub notes: Option<String>,
    pub enabled: bool,
    /// The JSON to store, as `RolePermissions::to_json` writes it.
    pub permissions: String,
}

/// Every role, by name as osTicket's admin panel lists them.
pub async fn list(db: &impl Conn) -> Result<Vec<RoleRecord>, StoreError> {
    Ok(role::Entity::find()
        .order_by_asc(role::Column::Name)
        .order_by_asc(role::Column::Id)
        .all(db.db())
        .await?
        .into_iter()
        .map(RoleRecord::from)
        .collect())
}

/// The role `id`, locked for the rest of the transaction when `db` locks rows.
pub async fn find(db: &impl Conn, id: RoleId) -> Result<Option<RoleRecord>, StoreError> {
    let query = locked(db, role::Entity::find_by_id(id.get()));
    Ok(query.one(db.db()).await?.map(RoleRecord::from))
}

/// Whether `id` names a role.
pub async fn exists(db: &impl Conn, id: RoleId) -> Result<bool, StoreError> {
    Ok(role::Entity::find_by_id(id.get()).count(db.db()).await? > 0)
}

/// The role called `name` (compared without case, as the unique key does).
pub async fn find_id_by_name(db: &impl Conn, name: &str) -> Result<Option<RoleId>, StoreError> {
    let id: Option<u32> = role::Entity::find()
        .select_only()
        .column(role::Column::Id)
        .filter(equals_ignoring_case(db, role::Column::Name, name))
        .into_tuple()
        .one(db.db())
        .await?;
    Ok(id.map(RoleId::new))
}

/// Inserts a role; [`StoreError::Conflict`] when the name is taken.
pub async fn insert(
    db: &impl Conn,
    fields: &RoleFields,
    now: DateTime<Utc>,
) -> Result<RoleId, StoreError> {
    let now = OstDateTime::at(now.naive_utc());
    let id = role::Entity::insert(role::ActiveModel {
        flags: Set(flags(fields.enabled)),
        name: Set(Some(fields.name.clone())),
        permissions: Set(Some(fields.permissions.clone())),
        notes: Set(fields.notes.clone()),
        created: Set(now),
        updated: Set(now),
        ..Default::default()
    })
    .exec(db.db())
    .await
    .map_err(conflict_or_backend)?
    .last_insert_id;
    Ok(RoleId::new(id))
}

/// Rewrites role `id`'s columns and stamps `updated`.
pub async fn update(
    db: &impl Conn,
    id: RoleId,
    fields: &RoleFields,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let updated = role::Entity::update_many()
        .col_expr(role::Column::Flags, Expr::value(flags(fields.enabled)))
        .col_expr(role::Column::Name, Expr::value(fields.name.clone()))
        .col_expr(
            role::Column::Permissions,
            Expr::value(fields.permissions.clone()),
        )
        .col_expr(role::Column::Notes, Expr::value(fields.notes.clone()))
        .col_expr(
            role::Column::Updated,
            Expr::value(OstDateTime::at(now.naive_utc())),
        )
        .filter(role::Column::Id.eq(id.get()))
        .exec(db.db())
        .await
        .map_err(conflict_or_backend)?;
    if updated.rows_affected == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// Who holds a role: osTicket's `Role::isDeleteable` counts both.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RoleUsage {
    /// Staff members whose primary-department role it is.
    pub staff: u64,
    /// Extended department access rows granting it.
    pub dept_access: u64,
}

impl RoleUsage {
    pub fn is_unused(self) -> bool {
        self.staff == 0 && self.dept_access == 0
    }
}

pub async fn usage(db: &impl Conn, id: RoleId) -> Result<RoleUsage, StoreError> {
    let staff = staff::Entity::find()
        .filter(staff::Column::RoleId.eq(id.get()))
        .count(db.db())
        .await?;
    let dept_access = staff_dept_access::Entity::find()
        .filter(staff_dept_access::Column::RoleId.eq(id.get()))
        .count(db.db())
        .await?;
    Ok(RoleUsage { staff, dept_access })
}

/// Deletes role `id`; [`StoreError::NotFound`] when there is none.
pub async fn delete(db: &impl Conn, id: RoleId) -> Result<(), StoreError> {
    let deleted = role::Entity::delete_by_id(id.get()).exec(db.db()).await?;
    if deleted.rows_affected == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

fn flags(enabled: bool) -> u32 {
    if enabled { FLAG_ENABLED } else { 0 }
}
