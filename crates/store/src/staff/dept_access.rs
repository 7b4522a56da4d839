//! Extended department access (`ost_staff_dept_access`): the departments a
//! staff member reaches beyond the primary one, each with its role.

use crate::entity::staff_dept_access;
use crate::{Conn, StoreError};
use oxt_ticket::ids::{DeptId, RoleId, StaffId};
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

/// `StaffDeptAccess::FLAG_ALERTS`: the staff member gets the department's alerts.
const FLAG_ALERTS: u32 = 0x1;

/// One department of a staff member's extended access.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeptAccessRow {
    pub dept: DeptId,
    pub role: RoleId,
    pub alerts: bool,
}

/// Staff member `id`'s extended access, by department.
pub async fn list_dept_access(
    db: &impl Conn,
    id: StaffId,
) -> Result<Vec<DeptAccessRow>, StoreError> {
    Ok(rows(db, id)
        .await?
        .into_iter()
        .map(|row| DeptAccessRow {
            dept: DeptId::new(row.dept_id),
            role: RoleId::new(row.role_id),
            alerts: row.flags & FLAG_ALERTS != 0,
        })
        .collect())
}

/// Makes `access` staff member `id`'s whole extended access, as osTicket's
/// `Staff::updateAccess` does: rows not listed go, a kept row keeps its
/// other flag bits.
pub async fn replace_dept_access(
    db: &impl Conn,
    id: StaffId,
    access: &[DeptAccessRow],
) -> Result<(), StoreError> {
    let current = rows(db, id).await?;
    staff_dept_access::Entity::delete_many()
        .filter(staff_dept_access::Column::StaffId.eq(id.get()))
        .exec(db.db())
        .await?;
    if access.is_empty() {
        return Ok(());
    }
    staff_dept_access::Entity::insert_many(access.iter().map(|row| {
        let kept = current
            .iter()
            .find(|stored| stored.dept_id == row.dept.get())
            .map_or(0, |stored| stored.flags & !FLAG_ALERTS);
        staff_dept_access::ActiveModel {
            staff_id: Set(id.get()),
            dept_id: Set(row.dept.get()),
            role_id: Set(row.role.get()),
            flags: Set(kept | if row.alerts { FLAG_ALERTS } else { 0 }),
        }
    }))
    .exec_without_returning(db.db())
    .await?;
    Ok(())
}

async fn rows(db: &impl Conn, id: StaffId) -> Result<Vec<staff_dept_access::Model>, StoreError> {
    Ok(staff_dept_access::Entity::find()
        .filter(staff_dept_access::Column::StaffId.eq(id.get()))
        .order_by_asc(staff_dept_access::Column::DeptId)
        .all(db.db())
        .await?)
}
