//! `POST /api/v2/teams`

use super::request::CreateTeamRequest;
use super::view::TeamBody;
use crate::http::problem::Problem;
use crate::http::{Authenticated, JsonBody};
use actix_web::http::header::LOCATION;
use actix_web::{HttpResponse, post, web};
use oxt_service::Ctx;

/// Creates a team with its members (administrators only).
#[utoipa::path(
    tag = "teams",
    request_body = CreateTeamRequest,
    responses(
        (status = 201, body = TeamBody, headers(("Location" = String, description = "`/api/v2/teams/{id}`"))),
        (status = 400, description = "`malformed-json`", body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`forbidden`: not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation`: the invalid fields, named (`lead_id` not a member, `members[i].staff_id` unknown, ...)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/teams")]
pub async fn create_team(
    ctx: web::Data<Ctx>,
    Authenticated(caller): Authenticated,
    JsonBody(body): JsonBody<CreateTeamRequest>,
) -> Result<HttpResponse, Problem> {
    let (changes, members) = body.into_parts();
    let team = oxt_service::teams::create(&ctx, &caller, changes, members).await?;
    Ok(HttpResponse::Created()
        .insert_header((LOCATION, format!("/api/v2/teams/{}", team.record.id)))
        .json(TeamBody::from(team)))
}
