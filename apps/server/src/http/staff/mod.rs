//! `/api/v2/staff`: the agent directory and agent accounts with their
//! staff-level permissions, extended department access and teams. Agents
//! read the members of the departments they see; administrators write.

mod create;
mod delete;
mod departments;
mod get;
mod list;
mod request;
mod update;
mod view;

/// Registers the staff handlers.
pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list::list_staff);
    cfg.service(create::create_staff);
    cfg.service(get::get_staff);
    cfg.service(update::update_staff);
    cfg.service(delete::delete_staff);
    cfg.service(departments::get_staff_departments);
    cfg.service(departments::set_staff_departments);
}
