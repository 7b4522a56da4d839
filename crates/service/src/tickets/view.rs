//! What reading a ticket answers.

use oxt_store::tickets::{TicketFieldValue, TicketSummary};

/// A ticket with the names it refers to and its custom field values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketView {
    pub ticket: TicketSummary,
    /// The values of the ticket's forms other than subject, message and priority,
    /// in form and field order.
    pub fields: Vec<TicketFieldValue>,
}
