//! What reading a ticket answers.

use oxt_store::tickets::{TicketFieldValue, TicketSummary, find_ticket, list_ticket_fields};
use oxt_store::{Conn, StoreError};
use oxt_ticket::ids::TicketId;

/// A ticket with the names it refers to and its custom field values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketView {
    pub ticket: TicketSummary,
    /// The values of the ticket's forms other than subject, message and priority,
    /// in form and field order.
    pub fields: Vec<TicketFieldValue>,
}

impl TicketView {
    /// Two queries: the ticket with the names it refers to, then its custom
    /// field values. The caller has already been authorized; a use case that
    /// changes the ticket reads it in its own transaction, so the answer is
    /// what it wrote even when the change took the ticket out of the
    /// caller's sight (a transfer to a department the agent cannot see).
    pub(crate) async fn load(db: &impl Conn, id: TicketId) -> Result<Option<Self>, StoreError> {
        let Some(ticket) = find_ticket(db, id).await? else {
            return Ok(None);
        };
        let fields = list_ticket_fields(db, id).await?;
        Ok(Some(Self { ticket, fields }))
    }
}
