//! `/api/v2/users`: the end-user directory.

mod create;
mod get;
pub(crate) mod list;
mod view;

/// Registers the user handlers.
pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(create::create_user);
    cfg.service(list::list_users);
    cfg.service(get::get_user);
}
