//! `GET /api/v2/teams/{id}`

use super::view::TeamBody;
use crate::http::Authenticated;
use crate::http::problem::Problem;
use actix_web::{HttpResponse, get, web};
use oxt_service::Ctx;
use oxt_ticket::ids::TeamId;

/// One team with its members.
#[utoipa::path(
    tag = "teams",
    params(("id" = u32, Path, description = "`ost_team.team_id`")),
    responses(
        (status = 200, body = TeamBody),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`forbidden`: not an active agent", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`team-not-found`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/teams/{id}")]
pub async fn get_team(
    ctx: web::Data<Ctx>,
    Authenticated(caller): Authenticated,
    id: web::Path<u32>,
) -> Result<HttpResponse, Problem> {
    let team = oxt_service::teams::get(&ctx, &caller, TeamId::new(id.into_inner())).await?;
    Ok(HttpResponse::Ok().json(TeamBody::from(team)))
}
