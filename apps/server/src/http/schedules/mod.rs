//! `/api/v2/schedules`: business-hours and holiday schedules with their entries.

mod create;
mod delete;
mod get;
mod list;
mod update;
mod view;

/// Registers the schedule handlers.
pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list::list_schedules);
    cfg.service(get::get_schedule);
    cfg.service(create::create_schedule);
    cfg.service(update::update_schedule);
    cfg.service(delete::delete_schedule);
}
