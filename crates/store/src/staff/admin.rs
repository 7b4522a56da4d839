//! Whether a staff member may use the admin panel.

use crate::entity::staff;
use crate::{Conn, StoreError};
use oxt_ticket::ids::StaffId;
use sea_orm::{EntityTrait, QuerySelect};

/// `true` when `id` is an active staff member with `isadmin` set; `false` for
/// anyone else, including a staff id that no longer exists.
pub async fn is_active_admin(db: &impl Conn, id: StaffId) -> Result<bool, StoreError> {
    let flags: Option<(i16, i16)> = staff::Entity::find_by_id(id.get())
        .select_only()
        .column(staff::Column::Isactive)
        .column(staff::Column::Isadmin)
        .into_tuple()
        .one(db.db())
        .await?;
    Ok(flags.is_some_and(|(active, admin)| active != 0 && admin != 0))
}

/// `true` when `id` is an active staff member.
pub async fn is_active_staff(db: &impl Conn, id: StaffId) -> Result<bool, StoreError> {
    let active: Option<i16> = staff::Entity::find_by_id(id.get())
        .select_only()
        .column(staff::Column::Isactive)
        .into_tuple()
        .one(db.db())
        .await?;
    Ok(active.is_some_and(|active| active != 0))
}
