//! `PATCH /api/v2/teams/{id}`

use super::request::UpdateTeamRequest;
use super::view::TeamBody;
use crate::http::problem::Problem;
use crate::http::{Authenticated, JsonBody};
use actix_web::{HttpResponse, patch, web};
use oxt_service::Ctx;
use oxt_ticket::ids::TeamId;

/// Edits a team (administrators only); a new lead must be a member.
#[utoipa::path(
    tag = "teams",
    params(("id" = u32, Path, description = "`ost_team.team_id`")),
    request_body = UpdateTeamRequest,
    responses(
        (status = 200, body = TeamBody),
        (status = 400, description = "`malformed-json`", body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`forbidden`: not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`team-not-found`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation`: the invalid fields, named", body = Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/teams/{id}")]
pub async fn update_team(
    ctx: web::Data<Ctx>,
    Authenticated(caller): Authenticated,
    id: web::Path<u32>,
    JsonBody(body): JsonBody<UpdateTeamRequest>,
) -> Result<HttpResponse, Problem> {
    let team = oxt_service::teams::update(&ctx, &caller, TeamId::new(id.into_inner()), body.into())
        .await?;
    Ok(HttpResponse::Ok().json(TeamBody::from(team)))
}
