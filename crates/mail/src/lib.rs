//! Mail adapters: rendering osTicket's e-mail templates
//! (`ost_email_template` bodies with `%{ticket.number}` variables), so the
//! templates an osTicket install already has keep working unchanged, and
//! reading received messages as osTicket's mail parser reads them.

mod inbound;
mod template;

pub use inbound::{InboundMessage, MailBody, Mailbox, ParseMessageError};
pub use template::{TemplateVars, render};
