//! `/api/v2/filters`: osTicket's ticket filters with their rules and
//! actions, and the dry run. Administrators only, as in osTicket's admin
//! panel.

mod create;
mod delete;
mod dry_run;
mod get;
mod list;
mod request;
mod update;
mod view;

/// Registers the filter handlers.
pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list::list_filters);
    cfg.service(create::create_filter);
    cfg.service(dry_run::test_filters);
    cfg.service(get::get_filter);
    cfg.service(update::update_filter);
    cfg.service(delete::delete_filter);
}
