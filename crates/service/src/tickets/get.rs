//! Reading one ticket.

use super::view::TicketView;
use crate::access::{TicketAccessError, actor, authorize_ticket};
use crate::{Caller, Ctx};
use oxt_perm::Action;
use oxt_store::StoreError;
use oxt_ticket::ids::TicketId;

#[derive(Debug, thiserror::Error)]
pub enum GetTicketError {
    /// Not found, not visible to the caller, or an unknown caller.
    #[error(transparent)]
    Access(#[from] TicketAccessError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The ticket `id` if `caller` may see it: the permission check, then two
/// queries, one for the ticket and the names it refers to, one for its custom
/// field values.
#[tracing::instrument(skip_all, fields(ticket_id = %id))]
pub async fn get(ctx: &Ctx, caller: &Caller, id: TicketId) -> Result<TicketView, GetTicketError> {
    let tx = ctx.store.begin().await?;
    let actor = actor(&tx, caller).await.map_err(TicketAccessError::from)?;
    authorize_ticket(&tx, &actor, id, Action::View).await?;
    let view = TicketView::load(&tx, id)
        .await?
        .ok_or(TicketAccessError::NotFound(id))?;
    tx.commit().await?;
    Ok(view)
}
