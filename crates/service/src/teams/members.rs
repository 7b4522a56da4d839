//! Replacing a team's members.

use super::changes::{MemberChange, check_members};
use super::{Team, load};
use crate::access::{AdminAccessError, require_admin};
use crate::validation::{Checks, Invalid};
use crate::{Caller, Ctx};
use oxt_store::StoreError;
use oxt_store::teams;
use oxt_ticket::ids::TeamId;

#[derive(Debug, thiserror::Error)]
pub enum SetMembersError {
    #[error(transparent)]
    Access(#[from] AdminAccessError),
    #[error("no team {0}")]
    NotFound(TeamId),
    #[error(transparent)]
    Invalid(#[from] Invalid),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Makes `members` team `id`'s whole membership, as osTicket's
/// `Team::updateMembers` does. A lead no longer listed stops being the lead,
/// as osTicket resets the lead it removes. Takes effect on each member's
/// next request.
#[tracing::instrument(skip_all, fields(team_id = %id))]
pub async fn set_members(
    ctx: &Ctx,
    caller: &Caller,
    id: TeamId,
    members: Vec<MemberChange>,
) -> Result<Team, SetMembersError> {
    let now = ctx.clock.now();
    let tx = ctx.store.begin().await?;
    require_admin(&tx, caller).await?;
    let current = teams::find(&tx, id)
        .await?
        .ok_or(SetMembersError::NotFound(id))?;
    let mut checks = Checks::default();
    let members = check_members(&tx, &mut checks, "items", &members).await?;
    checks.finish()?;
    teams::replace_members(&tx, id, &members).await?;
    if let Some(lead) = current.fields.lead
        && !members.iter().any(|member| member.staff == lead)
    {
        let mut fields = current.fields;
        fields.lead = None;
        teams::update(&tx, id, &fields, now).await?;
    }
    let updated = load(&tx, id).await?.ok_or(StoreError::NotFound)?;
    tx.commit().await?;
    tracing::info!(members = updated.members.len(), "team members replaced");
    Ok(updated)
}
