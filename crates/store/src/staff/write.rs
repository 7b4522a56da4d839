//! Editing and deleting staff members as osTicket's `Staff::update` and
//! `Staff::delete` do.

use crate::entity::{staff, staff_dept_access, team, team_member, thread_entry, ticket};
use crate::text::conflict_or_backend;
use crate::{Conn, OstDateTime, StoreError};
use chrono::{DateTime, Utc};
use oxt_ticket::ids::{DeptId, RoleId, StaffId};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

/// The columns an edit writes (not the password, see [`set_password`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffFields {
    pub username: String,
    pub firstname: String,
    pub lastname: String,
    pub email: String,
    pub dept: DeptId,
    pub role: RoleId,
    pub is_admin: bool,
    pub is_active: bool,
    pub on_vacation: bool,
    pub assigned_only: bool,
    /// Ask for a new password at the next sign-in.
    pub change_passwd: bool,
    /// `ost_staff.permissions` as osTicket's JSON object.
    pub permissions: String,
}

/// Rewrites staff member `id`'s columns and stamps `updated`. As osTicket's
/// `Staff::setDepartmentId` does, extended access to the (new) primary
/// department is dropped: the primary role applies there.
pub async fn update(
    db: &impl Conn,
    id: StaffId,
    fields: &StaffFields,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let conn = db.db();
    let flag = |on: bool| Expr::value(i16::from(on));
    let unsigned = |on: bool| Expr::value(u32::from(on));
    let updated = staff::Entity::update_many()
        .col_expr(
            staff::Column::Username,
            Expr::value(fields.username.clone()),
        )
        .col_expr(
            staff::Column::Firstname,
            Expr::value(fields.firstname.clone()),
        )
        .col_expr(
            staff::Column::Lastname,
            Expr::value(fields.lastname.clone()),
        )
        .col_expr(staff::Column::Email, Expr::value(fields.email.clone()))
        .col_expr(staff::Column::DeptId, Expr::value(fields.dept.get()))
        .col_expr(staff::Column::RoleId, Expr::value(fields.role.get()))
        .col_expr(staff::Column::Isadmin, flag(fields.is_admin))
        .col_expr(staff::Column::Isactive, flag(fields.is_active))
        .col_expr(staff::Column::Onvacation, unsigned(fields.on_vacation))
        .col_expr(staff::Column::AssignedOnly, unsigned(fields.assigned_only))
        .col_expr(staff::Column::ChangePasswd, unsigned(fields.change_passwd))
        .col_expr(
            staff::Column::Permissions,
            Expr::value(fields.permissions.clone()),
        )
        .col_expr(
            staff::Column::Updated,
            Expr::value(OstDateTime::at(now.naive_utc())),
        )
        .filter(staff::Column::StaffId.eq(id.get()))
        .exec(conn)
        .await
        .map_err(conflict_or_backend)?;
    if updated.rows_affected == 0 {
        return Err(StoreError::NotFound);
    }
    staff_dept_access::Entity::delete_many()
        .filter(staff_dept_access::Column::StaffId.eq(id.get()))
        .filter(staff_dept_access::Column::DeptId.eq(fields.dept.get()))
        .exec(conn)
        .await?;
    Ok(())
}

/// Sets a new password hash as osTicket's `Staff::setPassword` does: the
/// reset date moves to now.
pub async fn set_password(
    db: &impl Conn,
    id: StaffId,
    hash: &str,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let now = OstDateTime::at(now.naive_utc());
    let updated = staff::Entity::update_many()
        .col_expr(staff::Column::Passwd, Expr::value(hash))
        .col_expr(staff::Column::Passwdreset, Expr::value(now))
        .col_expr(staff::Column::Updated, Expr::value(now))
        .filter(staff::Column::StaffId.eq(id.get()))
        .exec(db.db())
        .await?;
    if updated.rows_affected == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// How many active administrators there are besides `id`.
pub async fn other_active_admins(db: &impl Conn, id: StaffId) -> Result<u64, StoreError> {
    Ok(staff::Entity::find()
        .filter(staff::Column::Isadmin.ne(0))
        .filter(staff::Column::Isactive.ne(0))
        .filter(staff::Column::StaffId.ne(id.get()))
        .count(db.db())
        .await?)
}

/// Deletes staff member `id` and, as osTicket's `Staff::delete` does,
/// releases the tickets assigned to them, keeps their name (`poster`) on the
/// thread entries they wrote, and drops their team memberships and extended
/// access. Teams they led lose their lead, since a lead must be a member.
pub async fn delete(db: &impl Conn, id: StaffId, poster: &str) -> Result<(), StoreError> {
    let conn = db.db();
    let deleted = staff::Entity::delete_by_id(id.get()).exec(conn).await?;
    if deleted.rows_affected == 0 {
        return Err(StoreError::NotFound);
    }
    ticket::Entity::update_many()
        .col_expr(ticket::Column::StaffId, Expr::value(0u32))
        .filter(ticket::Column::StaffId.eq(id.get()))
        .exec(conn)
        .await?;
    thread_entry::Entity::update_many()
        .col_expr(thread_entry::Column::StaffId, Expr::value(0u32))
        .col_expr(thread_entry::Column::Poster, Expr::value(poster))
        .filter(thread_entry::Column::StaffId.eq(id.get()))
        .exec(conn)
        .await?;
    team_member::Entity::delete_many()
        .filter(team_member::Column::StaffId.eq(id.get()))
        .exec(conn)
        .await?;
    staff_dept_access::Entity::delete_many()
        .filter(staff_dept_access::Column::StaffId.eq(id.get()))
        .exec(conn)
        .await?;
    team::Entity::update_many()
        .col_expr(team::Column::LeadId, Expr::value(0u32))
        .filter(team::Column::LeadId.eq(id.get()))
        .exec(conn)
        .await?;
    Ok(())
}
