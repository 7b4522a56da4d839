//! `POST /api/v2/staff`

use super::request::StaffRequest;
use super::view::StaffBody;
use crate::http::problem::Problem;
use crate::http::{Authenticated, JsonBody};
use actix_web::http::header::LOCATION;
use actix_web::{HttpResponse, post, web};
use oxt_service::Ctx;

/// Creates a staff member (administrators only).
#[utoipa::path(
    tag = "staff",
    request_body = StaffRequest,
    responses(
        (status = 201, body = StaffBody, headers(("Location" = String, description = "`/api/v2/staff/{id}`"))),
        (status = 400, description = "`malformed-json`", body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`forbidden`: not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation`: the invalid fields, named (`username` or `email` taken, `dept_id` or `role_id` unknown, ...)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/staff")]
pub async fn create_staff(
    ctx: web::Data<Ctx>,
    Authenticated(caller): Authenticated,
    JsonBody(body): JsonBody<StaffRequest>,
) -> Result<HttpResponse, Problem> {
    let member = oxt_service::staff::create(&ctx, &caller, body.into()).await?;
    Ok(HttpResponse::Created()
        .insert_header((LOCATION, format!("/api/v2/staff/{}", member.record.id)))
        .json(StaffBody::from(member)))
}
