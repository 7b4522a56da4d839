//! What reading a ticket answers, and who may read which ticket.

use crate::Caller;
use oxt_store::tickets::{TicketFieldValue, TicketFilter, TicketSummary};

/// A ticket with the names it refers to and its custom field values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketView {
    pub ticket: TicketSummary,
    /// The values of the ticket's forms other than subject, message and priority,
    /// in form and field order.
    pub fields: Vec<TicketFieldValue>,
}

/// Whether `caller` may see `ticket`.
///
/// The one place ticket visibility is decided for a single ticket, beside
/// [`visible_filter`] for lists; both must say the same. Until agents' department
/// access and end users' own tickets are enforced, every authenticated caller
/// sees every ticket.
pub(crate) fn can_see(caller: &Caller, ticket: &TicketSummary) -> bool {
    let _ = (caller, ticket);
    true
}

/// `filter` narrowed to the tickets `caller` may see (see [`can_see`]).
pub(crate) fn visible_filter(caller: &Caller, filter: TicketFilter) -> TicketFilter {
    let _ = caller;
    filter
}
