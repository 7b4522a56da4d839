//! Mail adapters. Today: rendering osTicket's e-mail templates
//! (`ost_email_template` bodies with `%{ticket.number}` variables), so the
//! templates an osTicket install already has keep working unchanged.

mod template;

pub use template::{TemplateVars, render};
