//! Reading one ticket.

use super::view::{TicketView, can_see};
use crate::{Caller, Ctx};
use oxt_store::StoreError;
use oxt_store::tickets::{find_ticket, list_ticket_fields};
use oxt_ticket::ids::TicketId;

#[derive(Debug, thiserror::Error)]
pub enum GetTicketError {
    /// No such ticket, or one the caller may not see (which is not told apart, so
    /// that ids cannot be probed).
    #[error("ticket {0} does not exist")]
    NotFound(TicketId),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The ticket `id` as `caller` may see it: two queries, one for the ticket and
/// the names it refers to, one for its custom field values.
#[tracing::instrument(skip_all, fields(ticket_id = %id))]
pub async fn get(ctx: &Ctx, caller: &Caller, id: TicketId) -> Result<TicketView, GetTicketError> {
    let ticket = find_ticket(&ctx.store, id)
        .await?
        .filter(|ticket| can_see(caller, ticket))
        .ok_or(GetTicketError::NotFound(id))?;
    let fields = list_ticket_fields(&ctx.store, id).await?;
    Ok(TicketView { ticket, fields })
}
