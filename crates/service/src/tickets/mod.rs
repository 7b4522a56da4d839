//! Ticket use cases.

mod create;
mod due_date;
pub(crate) mod entry_body;
mod get;
mod list;
mod overdue;
mod permissions;
mod post_entry;
mod reopen;
mod thread;
pub(crate) mod thread_events;
mod update;
mod view;

pub use create::{
    CreateTicketError, NewTicketRequest, OpenedTicket, Requester, create, create_with_envelope,
};
pub use due_date::DueDateError;
pub(crate) use due_date::{helpdesk_zone, sla_due_date};
pub use get::{GetTicketError, get};
pub use list::{
    ListTicketsError, Paging, PagingError, TOTAL_COUNT_CAP, TicketList, TicketQuery, list,
};
pub use overdue::{
    DEFAULT_OVERDUE_BATCH, OVERDUE_ALERT_TOPIC, OverdueMonitorError, OverdueReport,
    mark_overdue_tickets,
};
pub use oxt_store::tickets::{
    NamedRef, PriorityRef, StatusFilter, StatusRef, ThreadEntryRecord, ThreadEventRecord,
    TicketFieldValue, TicketFilter, TicketOrder, TicketSortKey, TicketSummary, TicketThread,
    UserRef,
};
pub use permissions::{ExplainPermissionsError, TicketPermissions, explain_permissions};
pub use post_entry::{NewThreadPost, PostEntryError, PostedEntry, post_entry};
pub(crate) use post_entry::{ThreadAppend, append_entry};
pub use thread::{GetThreadError, get_thread};
pub use update::{TicketChanges, UpdateTicketError, update};
pub use view::TicketView;
