//! Listing teams and reading one.

use super::{Team, load};
use crate::access::{AdminAccessError, require_staff};
use crate::{Caller, Ctx};
use oxt_store::{StoreError, teams};
use oxt_ticket::ids::TeamId;

#[derive(Debug, thiserror::Error)]
pub enum ListTeamsError {
    #[error(transparent)]
    Access(#[from] AdminAccessError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

#[derive(Debug, thiserror::Error)]
pub enum GetTeamError {
    #[error(transparent)]
    Access(#[from] AdminAccessError),
    #[error("no team {0}")]
    NotFound(TeamId),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Every team with its members, by name.
#[tracing::instrument(skip_all)]
pub async fn list(ctx: &Ctx, caller: &Caller) -> Result<Vec<Team>, ListTeamsError> {
    require_staff(&ctx.store, caller).await?;
    let records = teams::list(&ctx.store).await?;
    let mut members = teams::members(&ctx.store, None).await?;
    Ok(records
        .into_iter()
        .map(|record| {
            let (own, rest) = members
                .drain(..)
                .partition(|member| member.team == record.id);
            members = rest;
            Team {
                record,
                members: own,
            }
        })
        .collect())
}

#[tracing::instrument(skip_all, fields(team_id = %id))]
pub async fn get(ctx: &Ctx, caller: &Caller, id: TeamId) -> Result<Team, GetTeamError> {
    require_staff(&ctx.store, caller).await?;
    load(&ctx.store, id)
        .await?
        .ok_or(GetTeamError::NotFound(id))
}
