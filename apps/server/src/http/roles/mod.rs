//! `/api/v2/roles`: osTicket's roles and the permissions each grants in a
//! department. Agents read them; administrators write them.

mod create;
mod delete;
mod get;
mod list;
mod update;
mod view;

/// Registers the role handlers.
pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list::list_roles);
    cfg.service(create::create_role);
    cfg.service(get::get_role);
    cfg.service(update::update_role);
    cfg.service(delete::delete_role);
}
