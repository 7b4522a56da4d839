//! `GET /api/v2/teams`

use super::view::{TeamBody, TeamListBody};
use crate::http::Authenticated;
use crate::http::problem::Problem;
use actix_web::{HttpResponse, get, web};
use oxt_service::Ctx;

/// Every team with its members, by name.
#[utoipa::path(
    tag = "teams",
    responses(
        (status = 200, body = TeamListBody),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`forbidden`: not an active agent", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/teams")]
pub async fn list_teams(
    ctx: web::Data<Ctx>,
    Authenticated(caller): Authenticated,
) -> Result<HttpResponse, Problem> {
    let teams = oxt_service::teams::list(&ctx, &caller).await?;
    Ok(HttpResponse::Ok().json(TeamListBody {
        items: teams.into_iter().map(TeamBody::from).collect(),
    }))
}
