//! Deleting a role nobody holds.

use crate::access::{AdminAccessError, require_admin};
use crate::{Caller, Ctx};
use oxt_store::StoreError;
use oxt_store::roles::{self, RoleUsage};
use oxt_ticket::ids::RoleId;

#[derive(Debug, thiserror::Error)]
pub enum DeleteRoleError {
    #[error(transparent)]
    Access(#[from] AdminAccessError),
    #[error("no role {0}")]
    NotFound(RoleId),
    /// osTicket's `Role::isDeleteable`: no staff member's primary role and
    /// no extended department access may use it.
    #[error(
        "role {id} is the primary role of {} staff member(s) and granted by {} department access row(s)",
        usage.staff,
        usage.dept_access
    )]
    InUse { id: RoleId, usage: RoleUsage },
    #[error(transparent)]
    Store(#[from] StoreError),
}

#[tracing::instrument(skip_all, fields(role_id = %id))]
pub async fn delete(ctx: &Ctx, caller: &Caller, id: RoleId) -> Result<(), DeleteRoleError> {
    let tx = ctx.store.begin().await?;
    require_admin(&tx, caller).await?;
    if roles::find(&tx, id).await?.is_none() {
        return Err(DeleteRoleError::NotFound(id));
    }
    let usage = roles::usage(&tx, id).await?;
    if !usage.is_unused() {
        return Err(DeleteRoleError::InUse { id, usage });
    }
    roles::delete(&tx, id).await?;
    tx.commit().await?;
    tracing::info!("role deleted");
    Ok(())
}
