//! `/api/v2/departments`: departments with their flags and nesting. Agents
//! read them; administrators write them.

mod create;
mod delete;
mod get;
mod list;
mod request;
mod update;
mod view;

/// Registers the department handlers.
pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list::list_departments);
    cfg.service(create::create_department);
    cfg.service(get::get_department);
    cfg.service(update::update_department);
    cfg.service(delete::delete_department);
}
