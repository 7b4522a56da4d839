//! `/api/v2/tickets`: tickets, their threads, and lists of them.

mod get;
mod list;
mod thread;
pub mod view;

/// Registers the ticket handlers.
pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list::list_tickets);
    cfg.service(get::get_ticket);
    cfg.service(thread::get_ticket_thread);
}
