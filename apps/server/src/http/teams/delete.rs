//! `DELETE /api/v2/teams/{id}`

use crate::http::Authenticated;
use crate::http::problem::Problem;
use actix_web::{HttpResponse, delete, web};
use oxt_service::Ctx;
use oxt_ticket::ids::TeamId;

/// Deletes a team (administrators only): its memberships go and the tickets
/// assigned to it are no longer assigned to a team.
#[utoipa::path(
    tag = "teams",
    params(("id" = u32, Path, description = "`ost_team.team_id`")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`forbidden`: not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`team-not-found`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/teams/{id}")]
pub async fn delete_team(
    ctx: web::Data<Ctx>,
    Authenticated(caller): Authenticated,
    id: web::Path<u32>,
) -> Result<HttpResponse, Problem> {
    oxt_service::teams::delete(&ctx, &caller, TeamId::new(id.into_inner())).await?;
    Ok(HttpResponse::NoContent().finish())
}
