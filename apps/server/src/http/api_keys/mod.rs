//! `/api/v2/api-keys`: osTicket's API keys, for administrators, so keys for
//! the v1 API can be issued without osTicket's admin panel.

mod create;
mod delete;
mod get;
mod list;
mod update;
mod view;

/// Registers the API key handlers.
pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list::list_api_keys);
    cfg.service(create::create_api_key);
    cfg.service(get::get_api_key);
    cfg.service(update::update_api_key);
    cfg.service(delete::delete_api_key);
}
