//! The e-mail channel: a received message opens a ticket, or continues the
//! ticket it answers, as osTicket's `TicketApiController::processEmail`
//! does. Piped messages (`POST /api/tickets.email`) arrive here; a mailbox
//! fetcher is to hand its messages to the same [`receive_email`].

mod receive;
mod recipients;

pub use receive::{EmailOutcome, ReceiveEmailError, ReceivedEmail, receive_email};
pub use recipients::EntryRecipients;
