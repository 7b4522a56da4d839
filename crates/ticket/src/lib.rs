//! The ticket domain: the aggregate, its states and the rules that move it,
//! osTicket's ticket numbers, and the events every operation produces.
//!
//! Pure: no I/O, no clock. Callers pass `now` and a source of random digits.

mod close;
pub mod contact;
mod edit;
pub mod events;
pub mod ids;
pub mod number;
mod post;
mod routing;
pub mod source;
pub mod status;
pub mod thread;
pub mod ticket;

pub use close::{CloseError, MarkOverdueError};
pub use edit::{EditError, TicketEdit};
pub use events::{FieldChange, TicketEvent};
pub use post::{NewEntry, PostEntryError, Reopen};
pub use routing::{OpenStatusError, TransferError};
pub use ticket::{Actor, NewTicket, Ticket, Transition};
