//! `/api/v2/slas`: service-level agreements and the due dates they give.

mod create;
mod delete;
mod due;
mod get;
mod list;
mod update;
mod view;

/// Registers the SLA handlers.
pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list::list_slas);
    cfg.service(get::get_sla);
    cfg.service(create::create_sla);
    cfg.service(update::update_sla);
    cfg.service(delete::delete_sla);
    cfg.service(due::get_sla_due);
}
