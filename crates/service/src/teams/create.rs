//! Creating a team with its members.

use super::changes::{MemberChange, TeamChanges, apply, check_members};
use super::{Team, load};
use crate::access::{AdminAccessError, require_admin};
use crate::validation::{Checks, Invalid, Issue};
use crate::{Caller, Ctx};
use oxt_store::{StoreError, teams};

#[derive(Debug, thiserror::Error)]
pub enum CreateTeamError {
    #[error(transparent)]
    Access(#[from] AdminAccessError),
    #[error(transparent)]
    Invalid(#[from] Invalid),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Creates a team from `changes` (a name required) with `members`; a lead
/// must be one of them.
#[tracing::instrument(skip_all)]
pub async fn create(
    ctx: &Ctx,
    caller: &Caller,
    changes: TeamChanges,
    members: Vec<MemberChange>,
) -> Result<Team, CreateTeamError> {
    let now = ctx.clock.now();
    let tx = ctx.store.begin().await?;
    require_admin(&tx, caller).await?;
    let mut checks = Checks::default();
    let members = check_members(&tx, &mut checks, "members", &members).await?;
    let fields = apply(&tx, &mut checks, None, None, changes, &members).await?;
    checks.finish()?;
    let id = match teams::insert(&tx, &fields, now).await {
        Ok(id) => id,
        // Another request took the name after the check.
        Err(StoreError::Conflict) => return Err(Invalid::field("name", Issue::Taken).into()),
        Err(other) => return Err(other.into()),
    };
    teams::replace_members(&tx, id, &members).await?;
    let created = load(&tx, id).await?.ok_or(StoreError::NotFound)?;
    tx.commit().await?;
    tracing::info!(team_id = %id, "team created");
    Ok(created)
}
