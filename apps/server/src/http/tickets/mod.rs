//! `/api/v2/tickets`: tickets, their threads, and lists of them.

mod create;
mod get;
mod list;
mod permissions;
mod post_entry;
mod thread;
mod update;
pub mod view;

pub(crate) use create::field_answers;

/// Registers the ticket handlers.
pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list::list_tickets);
    cfg.service(get::get_ticket);
    cfg.service(thread::get_ticket_thread);
    cfg.service(create::create_ticket);
    cfg.service(post_entry::post_ticket_entry);
    cfg.service(update::update_ticket);
    cfg.service(permissions::get_ticket_permissions);
}
