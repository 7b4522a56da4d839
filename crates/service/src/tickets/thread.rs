//! Reading a ticket's thread: its entries and its events.

use super::list::Paging;
use super::view::can_see;
use crate::{Caller, Ctx};
use oxt_store::StoreError;
use oxt_store::tickets::{EntryWindow, TicketThread, find_ticket, get_thread as read_thread};
use oxt_ticket::ids::TicketId;

#[derive(Debug, thiserror::Error)]
pub enum GetThreadError {
    /// No such ticket, or one the caller may not see.
    #[error("ticket {0} does not exist")]
    NotFound(TicketId),
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
    let ticket = find_ticket(&ctx.store, id)
        .await?
        .filter(|ticket| can_see(caller, ticket))
        .ok_or(GetThreadError::NotFound(id))?;
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
    Ok(read_thread(&ctx.store, thread, window).await?)
}
