//! `/api/v2/teams`: teams, their flags, lead and members. Agents read them;
//! administrators write them.

mod create;
mod delete;
mod get;
mod list;
mod members;
mod request;
mod update;
mod view;

/// Registers the team handlers.
pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list::list_teams);
    cfg.service(create::create_team);
    cfg.service(get::get_team);
    cfg.service(update::update_team);
    cfg.service(delete::delete_team);
    cfg.service(members::set_team_members);
}
