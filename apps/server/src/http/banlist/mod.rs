//! `/api/v2/banlist`: osTicket's system ban list, the addresses that may not
//! open tickets or reply on any channel. Administrators only, as osTicket's
//! ban-list page.

mod add;
mod list;
mod remove;
mod view;

/// Registers the ban-list handlers.
pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list::list_banned);
    cfg.service(add::ban_address);
    cfg.service(remove::unban_address);
}
