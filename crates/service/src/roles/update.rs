//! Editing a role (PATCH: absent fields keep their value).

use super::{Role, UnreadableRole, check_fields};
use crate::access::{AdminAccessError, require_admin};
use crate::validation::{Checks, Invalid, Issue};
use crate::{Caller, Ctx};
use oxt_store::StoreError;
use oxt_store::roles::{self, RoleFields};
use oxt_ticket::ids::RoleId;

/// The fields to change; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RolePatch {
    pub name: Option<String>,
    /// `Some(None)` clears the notes.
    pub notes: Option<Option<String>>,
    pub enabled: Option<bool>,
    /// Replaces the whole set of osTicket permission keys.
    pub permissions: Option<Vec<String>>,
}

#[derive(Debug, thiserror::Error)]
pub enum UpdateRoleError {
    #[error(transparent)]
    Access(#[from] AdminAccessError),
    #[error("no role {0}")]
    NotFound(RoleId),
    #[error(transparent)]
    Invalid(#[from] Invalid),
    #[error(transparent)]
    Unreadable(#[from] UnreadableRole),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Applies `patch` to role `id`. Permission keys this version of osTicket
/// does not register (a plugin's) stay granted, as osTicket keeps them.
#[tracing::instrument(skip_all, fields(role_id = %id))]
pub async fn update(
    ctx: &Ctx,
    caller: &Caller,
    id: RoleId,
    patch: RolePatch,
) -> Result<Role, UpdateRoleError> {
    let now = ctx.clock.now();
    let tx = ctx.store.begin().await?;
    require_admin(&tx, caller).await?;
    let current = Role::try_from(
        roles::find(&tx, id)
            .await?
            .ok_or(UpdateRoleError::NotFound(id))?,
    )?;
    let name = patch.name.unwrap_or(current.record.name.clone());
    let mut checks = Checks::default();
    let (name, granted) = check_fields(
        &tx,
        &mut checks,
        Some(id),
        &name,
        patch.permissions.as_deref(),
    )
    .await?;
    checks.finish()?;
    let fields = RoleFields {
        name,
        notes: patch.notes.unwrap_or(current.record.notes),
        enabled: patch.enabled.unwrap_or(current.record.enabled),
        permissions: match granted {
            Some(granted) => current.permissions.regrant(granted).to_json(),
            None => current.permissions.to_json(),
        },
    };
    match roles::update(&tx, id, &fields, now).await {
        Ok(()) => {}
        Err(StoreError::Conflict) => return Err(Invalid::field("name", Issue::Taken).into()),
        Err(other) => return Err(other.into()),
    }
    let record = roles::find(&tx, id).await?.ok_or(StoreError::NotFound)?;
    tx.commit().await?;
    tracing::info!("role updated");
    Ok(Role::try_from(record)?)
}
