//! Editing a staff member (PATCH: absent fields keep their value).

use super::changes::{StaffChanges, apply, check_password, hash};
use super::{StaffMember, load};
use crate::access::{AdminAccessError, require_admin};
use crate::validation::{Invalid, Issue};
use crate::{Caller, Ctx};
use oxt_store::StoreError;
use oxt_store::staff::{self, StaffFields};
use oxt_ticket::ids::StaffId;

#[derive(Debug, thiserror::Error)]
pub enum UpdateStaffError {
    #[error(transparent)]
    Access(#[from] AdminAccessError),
    #[error("no staff member {0}")]
    NotFound(StaffId),
    #[error(transparent)]
    Invalid(#[from] Invalid),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Applies `changes` to staff member `id`. A new primary department ends
/// extended access to it; a new password resets `passwdreset`.
#[tracing::instrument(skip_all, fields(staff_id = %id))]
pub async fn update(
    ctx: &Ctx,
    caller: &Caller,
    id: StaffId,
    changes: StaffChanges,
) -> Result<StaffMember, UpdateStaffError> {
    let now = ctx.clock.now();
    require_admin(&ctx.store, caller).await?;
    check_password(changes.password.as_deref())?;
    let passwd = hash(changes.password.clone(), ctx.password_cost).await?;
    let tx = ctx.store.begin().await?;
    require_admin(&tx, caller).await?;
    let current = load(&tx, id).await?.ok_or(UpdateStaffError::NotFound(id))?;
    let stored = StaffFields {
        username: current.record.username.clone(),
        firstname: current.record.firstname.clone(),
        lastname: current.record.lastname.clone(),
        email: current.record.email.clone(),
        dept: current.record.dept,
        role: current.record.role,
        is_admin: current.record.is_admin,
        is_active: current.record.is_active,
        on_vacation: current.record.on_vacation,
        assigned_only: current.record.assigned_only,
        change_passwd: current.record.change_passwd,
        permissions: String::new(),
    };
    let fields = apply(
        &tx,
        Some(id),
        Some((&stored, &current.permissions)),
        &changes,
    )
    .await??;
    match staff::update(&tx, id, &fields, now).await {
        Ok(()) => {}
        Err(StoreError::Conflict) => return Err(Invalid::field("username", Issue::Taken).into()),
        Err(other) => return Err(other.into()),
    }
    if let Some(passwd) = passwd {
        staff::set_password(&tx, id, &passwd, now).await?;
    }
    let updated = load(&tx, id).await?.ok_or(StoreError::NotFound)?;
    tx.commit().await?;
    tracing::info!("staff member updated");
    Ok(updated)
}
