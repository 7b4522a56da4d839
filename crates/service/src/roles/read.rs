//! Listing roles and reading one.

use super::{Role, UnreadableRole};
use crate::access::{AdminAccessError, require_staff};
use crate::{Caller, Ctx};
use oxt_store::StoreError;
use oxt_store::roles;
use oxt_ticket::ids::RoleId;

#[derive(Debug, thiserror::Error)]
pub enum ListRolesError {
    #[error(transparent)]
    Access(#[from] AdminAccessError),
    #[error(transparent)]
    Unreadable(#[from] UnreadableRole),
    #[error(transparent)]
    Store(#[from] StoreError),
}

#[derive(Debug, thiserror::Error)]
pub enum GetRoleError {
    #[error(transparent)]
    Access(#[from] AdminAccessError),
    #[error("no role {0}")]
    NotFound(RoleId),
    #[error(transparent)]
    Unreadable(#[from] UnreadableRole),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Every role, by name.
#[tracing::instrument(skip_all)]
pub async fn list(ctx: &Ctx, caller: &Caller) -> Result<Vec<Role>, ListRolesError> {
    require_staff(&ctx.store, caller).await?;
    let records = roles::list(&ctx.store).await?;
    Ok(records
        .into_iter()
        .map(Role::try_from)
        .collect::<Result<_, _>>()?)
}

#[tracing::instrument(skip_all, fields(role_id = %id))]
pub async fn get(ctx: &Ctx, caller: &Caller, id: RoleId) -> Result<Role, GetRoleError> {
    require_staff(&ctx.store, caller).await?;
    let record = roles::find(&ctx.store, id)
        .await?
        .ok_or(GetRoleError::NotFound(id))?;
    Ok(Role::try_from(record)?)
}
