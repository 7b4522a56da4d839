//! Editing a team (PATCH: absent fields keep their value).

use super::changes::{TeamChanges, apply};
use super::{Team, load};
use crate::access::{AdminAccessError, require_admin};
use crate::validation::{Checks, Invalid, Issue};
use crate::{Caller, Ctx};
use oxt_store::StoreError;
use oxt_store::teams::{self, NewMember};
use oxt_ticket::ids::TeamId;

#[derive(Debug, thiserror::Error)]
pub enum UpdateTeamError {
    #[error(transparent)]
    Access(#[from] AdminAccessError),
    #[error("no team {0}")]
    NotFound(TeamId),
    #[error(transparent)]
    Invalid(#[from] Invalid),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Applies `changes` to team `id`; a new lead must already be a member.
#[tracing::instrument(skip_all, fields(team_id = %id))]
pub async fn update(
    ctx: &Ctx,
    caller: &Caller,
    id: TeamId,
    changes: TeamChanges,
) -> Result<Team, UpdateTeamError> {
    let now = ctx.clock.now();
    let tx = ctx.store.begin().await?;
    require_admin(&tx, caller).await?;
    let current = load(&tx, id).await?.ok_or(UpdateTeamError::NotFound(id))?;
    let members: Vec<NewMember> = current
        .members
        .iter()
        .map(|member| NewMember {
            staff: member.staff,
            alerts: member.alerts,
        })
        .collect();
    let mut checks = Checks::default();
    let fields = apply(
        &tx,
        &mut checks,
        Some(id),
        Some(&current.record.fields),
        changes,
        &members,
    )
    .await?;
    checks.finish()?;
    match teams::update(&tx, id, &fields, now).await {
        Ok(()) => {}
        Err(StoreError::Conflict) => return Err(Invalid::field("name", Issue::Taken).into()),
        Err(other) => return Err(other.into()),
    }
    let updated = load(&tx, id).await?.ok_or(StoreError::NotFound)?;
    tx.commit().await?;
    tracing::info!("team updated");
    Ok(updated)
}
