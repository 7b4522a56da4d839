//! Reading a ticket's thread: its entries and its events.

use super::list::Paging;
use crate::access::{TicketAccessError, actor, authorize_ticket};
use crate::{Caller, Ctx};
use oxt_perm::Action;
use oxt_store::StoreError;
use oxt_store::tickets::{EntryWindow, TicketThread, find_ticket, get_thread as read_thread};
use oxt_ticket::ids::TicketId;

#[derive(Debug, thiserror::Error)]
pub enum GetThreadError {
    /// Not found, not visible to the caller, or an unknown caller.
    #[error(transparent)]
    Access(#[from] TicketAccessError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The thread of ticket `id`: its entries in posting order (all, or the page
/// asked for) and all its events in time order. A ticket without a thread row
/// has an empty thread.
#[tracing::instrument(skip_all, fields(ticket_id = %id))]
pub async fn get_thread(
    ctx: &Ctx,
    caller: &Caller,
    id: TicketId,
    paging: Option<Paging>,
) -> Result<TicketThread, GetThreadError> {
    let tx = ctx.store.begin().await?;
    let actor = actor(&tx, caller).await.map_err(TicketAccessError::from)?;
    authorize_ticket(&tx, &actor, id, Action::View).await?;
    let ticket = find_ticket(&tx, id)
        .await?
        .ok_or(TicketAccessError::NotFound(id))?;
    let Some(thread) = ticket.thread_id else {
        return Ok(TicketThread {
            entries: Vec::new(),
            entries_total: 0,
            events: Vec::new(),
        });
    };
    let window = paging.map(|paging| EntryWindow {
        offset: paging.offset(),
        limit: u64::from(paging.per_page()),
    });
    let thread = read_thread(&tx, thread, window).await?;
    tx.commit().await?;
    Ok(thread)
}
