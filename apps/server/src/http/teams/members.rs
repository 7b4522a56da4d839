//! `PUT /api/v2/teams/{id}/members`

use super::request::MembersRequest;
use super::view::TeamBody;
use crate::http::problem::Problem;
use crate::http::{Authenticated, JsonBody};
use actix_web::{HttpResponse, put, web};
use oxt_service::Ctx;
use oxt_ticket::ids::TeamId;

/// Replaces a team's members (administrators only). A lead left out stops
/// being the lead. Each member's access follows from their next request.
#[utoipa::path(
    tag = "teams",
    params(("id" = u32, Path, description = "`ost_team.team_id`")),
    request_body = MembersRequest,
    responses(
        (status = 200, body = TeamBody),
        (status = 400, description = "`malformed-json`", body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`forbidden`: not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`team-not-found`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation`: `items[i].staff_id` unknown or repeated", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/teams/{id}/members")]
pub async fn set_team_members(
    ctx: web::Data<Ctx>,
    Authenticated(caller): Authenticated,
    id: web::Path<u32>,
    JsonBody(body): JsonBody<MembersRequest>,
) -> Result<HttpResponse, Problem> {
    let members = body.items.into_iter().map(Into::into).collect();
    let team =
        oxt_service::teams::set_members(&ctx, &caller, TeamId::new(id.into_inner()), members)
            .await?;
    Ok(HttpResponse::Ok().json(TeamBody::from(team)))
}
