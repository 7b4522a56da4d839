//! Deleting a team.

use crate::access::{AdminAccessError, require_admin};
use crate::{Caller, Ctx};
use oxt_store::{StoreError, teams};
use oxt_ticket::ids::TeamId;

#[derive(Debug, thiserror::Error)]
pub enum DeleteTeamError {
    #[error(transparent)]
    Access(#[from] AdminAccessError),
    #[error("no team {0}")]
    NotFound(TeamId),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Deletes team `id`, its memberships, and its assignment of tickets, as
/// osTicket's `Team::delete` does, in one transaction.
#[tracing::instrument(skip_all, fields(team_id = %id))]
pub async fn delete(ctx: &Ctx, caller: &Caller, id: TeamId) -> Result<(), DeleteTeamError> {
    let tx = ctx.store.begin().await?;
    require_admin(&tx, caller).await?;
    if teams::find(&tx, id).await?.is_none() {
        return Err(DeleteTeamError::NotFound(id));
    }
    teams::delete(&tx, id).await?;
    tx.commit().await?;
    tracing::info!("team deleted");
    Ok(())
}
