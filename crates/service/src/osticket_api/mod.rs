//! osTicket's v1 API (`/api/tickets.json`, `/api/tickets.xml`,
//! `/api/tickets.email`, `/api/tasks/cron`) as osTicket 1.18 answers it: an API key bound to one
//! client address, tickets opened through the same use case as every other
//! channel, and every refusal written to osTicket's system log.
//!
//! The HTTP edge reads the body format (JSON, XML) into an
//! [`ApiTicketSubmission`]; everything that needs the database (the form
//! fields a key may name, the requester's account, the help topic) is
//! decided here.

mod email;
mod key;
mod log;
mod text;
mod ticket;

pub use email::{SubmitEmailError, submit_email};
pub use key::{ApiPurpose, AuthorizeApiKeyError, AuthorizedApiKey, authorize};
pub use log::{ApiLogEntry, record};
pub(crate) use text::plain_field_text;
pub use text::strip_emoticons;
pub use ticket::{
    ApiTicketSubmission, FieldProblem, SubmitTicketError, SubmittedMessage, SubmittedTicket,
    submit_ticket,
};
