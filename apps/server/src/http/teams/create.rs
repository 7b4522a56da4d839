//! `POST /api/v2/teams`

use super::request::TeamRequest;
use super::view::TeamBody;
use crate::http::problem::Problem;
use crate::http::{Authenticated, JsonBody};
use actix_web::http::header::LOCATION;
use actix_web::{HttpResponse, post, web};
use oxt_service::Ctx;

/// Creates a team (administrators only).
#[utoipa::path(
    tag = "teams",
    request_body = TeamRequest,
    responses(
        (status = 201, body = TeamBody, headers(("Location" = String, description = "`/api/v2/teams/{id}`"))),
        (status = 400, description = "`malformed-json`", body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`forbidden`: not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation`: the invalid fields, named", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/teams")]
pub async fn create_team(
    ctx: web::Data<Ctx>,
    Authenticated(caller): Authenticated,
    JsonBody(body): JsonBody<TeamRequest>,
) -> Result<HttpResponse, Problem> {
    let team = oxt_service::teams::create(&ctx, &caller, body.into()).await?;
    Ok(HttpResponse::Created()
        .insert_header((LOCATION, format!("/api/v2/teams/{}", team.id)))
        .json(TeamBody::from(team)))
}
