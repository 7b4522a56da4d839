//! Reading one staff member.

use super::{StaffMember, directory_scope, in_scope, load};
use crate::access::{ActorError, actor};
use crate::{Caller, Ctx};
use oxt_perm::AccessError;
use oxt_store::StoreError;
use oxt_ticket::ids::StaffId;

#[derive(Debug, thiserror::Error)]
pub enum GetStaffError {
    #[error(transparent)]
    Caller(#[from] ActorError),
    #[error(transparent)]
    Forbidden(#[from] AccessError),
    /// No such staff member, or one outside the departments the caller sees:
    /// the two are not told apart.
    #[error("no staff member {0}")]
    NotFound(StaffId),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Staff member `id` with their department access and teams.
#[tracing::instrument(skip_all, fields(staff_id = %id))]
pub async fn get(ctx: &Ctx, caller: &Caller, id: StaffId) -> Result<StaffMember, GetStaffError> {
    let grants = actor(&ctx.store, caller).await?;
    let within = directory_scope(&grants)?;
    load(&ctx.store, id)
        .await?
        .filter(|member| in_scope(within.as_deref(), member))
        .ok_or(GetStaffError::NotFound(id))
}
