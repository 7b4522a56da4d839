//! Creating a role.

use super::{Role, UnreadableRole, check_fields};
use crate::access::{AdminAccessError, require_admin};
use crate::validation::{Checks, Invalid, Issue};
use crate::{Caller, Ctx};
use oxt_perm::RolePermissions;
use oxt_store::StoreError;
use oxt_store::roles::{self, RoleFields};

/// A new role as the client sent it; [`create`] checks every field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRole {
    pub name: String,
    pub notes: Option<String>,
    pub enabled: bool,
    /// osTicket permission keys (`ticket.assign`, ...).
    pub permissions: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum CreateRoleError {
    #[error(transparent)]
    Access(#[from] AdminAccessError),
    #[error(transparent)]
    Invalid(#[from] Invalid),
    #[error(transparent)]
    Unreadable(#[from] UnreadableRole),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Creates the role with the permissions JSON osTicket writes.
#[tracing::instrument(skip_all)]
pub async fn create(ctx: &Ctx, caller: &Caller, new: NewRole) -> Result<Role, CreateRoleError> {
    let now = ctx.clock.now();
    let tx = ctx.store.begin().await?;
    require_admin(&tx, caller).await?;
    let mut checks = Checks::default();
    let (name, granted) =
        check_fields(&tx, &mut checks, None, &new.name, Some(&new.permissions)).await?;
    checks.finish()?;
    let fields = RoleFields {
        name,
        notes: new.notes,
        enabled: new.enabled,
        permissions: granted
            .unwrap_or_default()
            .into_iter()
            .collect::<RolePermissions>()
            .to_json(),
    };
    let id = match roles::insert(&tx, &fields, now).await {
        Ok(id) => id,
        // Another request took the name after the check.
        Err(StoreError::Conflict) => return Err(Invalid::field("name", Issue::Taken).into()),
        Err(other) => return Err(other.into()),
    };
    let record = roles::find(&tx, id).await?.ok_or(StoreError::NotFound)?;
    tx.commit().await?;
    tracing::info!(role_id = %id, "role created");
    Ok(Role::try_from(record)?)
}
