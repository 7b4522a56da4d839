//! `PATCH /api/v2/staff/{id}`

use super::request::StaffRequest;
use super::view::StaffBody;
use crate::http::problem::Problem;
use crate::http::{Authenticated, JsonBody};
use actix_web::{HttpResponse, patch, web};
use oxt_service::Ctx;
use oxt_ticket::ids::StaffId;

/// Edits a staff member (administrators only). A new primary department
/// ends extended access to it.
#[utoipa::path(
    tag = "staff",
    params(("id" = u32, Path, description = "`ost_staff.staff_id`")),
    request_body = StaffRequest,
    responses(
        (status = 200, body = StaffBody),
        (status = 400, description = "`malformed-json`", body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`forbidden`: not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`staff-not-found`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation`: the invalid fields, named", body = Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/staff/{id}")]
pub async fn update_staff(
    ctx: web::Data<Ctx>,
    Authenticated(caller): Authenticated,
    id: web::Path<u32>,
    JsonBody(body): JsonBody<StaffRequest>,
) -> Result<HttpResponse, Problem> {
    let member =
        oxt_service::staff::update(&ctx, &caller, StaffId::new(id.into_inner()), body.into())
            .await?;
    Ok(HttpResponse::Ok().json(StaffBody::from(member)))
}
