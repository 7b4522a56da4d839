//! Creating a staff member.

use super::changes::{StaffChanges, apply, check_password, hash};
use super::{StaffMember, load};
use crate::access::{AdminAccessError, require_admin};
use crate::validation::{Invalid, Issue};
use crate::{Caller, Ctx};
use oxt_store::StoreError;
use oxt_store::staff::{self, NewStaff};

#[derive(Debug, thiserror::Error)]
pub enum CreateStaffError {
    #[error(transparent)]
    Access(#[from] AdminAccessError),
    #[error(transparent)]
    Invalid(#[from] Invalid),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Creates a staff member from `changes` (username, names, e-mail, primary
/// department and role required). Without a password the account has none
/// that signs in locally until one is set.
#[tracing::instrument(skip_all)]
pub async fn create(
    ctx: &Ctx,
    caller: &Caller,
    changes: StaffChanges,
) -> Result<StaffMember, CreateStaffError> {
    let now = ctx.clock.now();
    require_admin(&ctx.store, caller).await?;
    check_password(changes.password.as_deref())?;
    let passwd = hash(changes.password.clone(), ctx.password_cost).await?;
    let tx = ctx.store.begin().await?;
    require_admin(&tx, caller).await?;
    let fields = apply(&tx, None, None, &changes).await??;
    let new = NewStaff {
        username: fields.username,
        firstname: fields.firstname,
        lastname: fields.lastname,
        email: fields.email,
        passwd: passwd.unwrap_or_default(),
        dept_id: fields.dept,
        role_id: fields.role,
        is_admin: fields.is_admin,
        is_active: fields.is_active,
        on_vacation: fields.on_vacation,
        assigned_only: fields.assigned_only,
        change_passwd: fields.change_passwd,
        permissions: fields.permissions,
    };
    let id = match staff::create(&tx, &new, now).await {
        Ok(id) => id,
        // Another request took the username after the check.
        Err(StoreError::Conflict) => return Err(Invalid::field("username", Issue::Taken).into()),
        Err(other) => return Err(other.into()),
    };
    let created = load(&tx, id).await?.ok_or(StoreError::NotFound)?;
    tx.commit().await?;
    tracing::info!(staff_id = %id, "staff member created");
    Ok(created)
}
