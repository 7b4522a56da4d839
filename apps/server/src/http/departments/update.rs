//! `PATCH /api/v2/departments/{id}`

use super::request::DepartmentRequest;
use super::view::DepartmentBody;
use crate::http::problem::Problem;
use crate::http::{Authenticated, JsonBody};
use actix_web::{HttpResponse, patch, web};
use oxt_service::Ctx;
use oxt_ticket::ids::DeptId;

/// Edits a department (administrators only). Moving it to another parent
/// rewrites its `path` and those of its subdepartments.
#[utoipa::path(
    tag = "departments",
    params(("id" = u32, Path, description = "`ost_department.id`")),
    request_body = DepartmentRequest,
    responses(
        (status = 200, body = DepartmentBody),
        (status = 400, description = "`malformed-json`", body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`forbidden`: not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`department-not-found`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation`: the invalid fields, named", body = Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/departments/{id}")]
pub async fn update_department(
    ctx: web::Data<Ctx>,
    Authenticated(caller): Authenticated,
    id: web::Path<u32>,
    JsonBody(body): JsonBody<DepartmentRequest>,
) -> Result<HttpResponse, Problem> {
    let department =
        oxt_service::departments::update(&ctx, &caller, DeptId::new(id.into_inner()), body.into())
            .await?;
    Ok(HttpResponse::Ok().json(DepartmentBody::from(department)))
}
