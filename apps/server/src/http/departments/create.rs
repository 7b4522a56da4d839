//! `POST /api/v2/departments`

use super::request::DepartmentRequest;
use super::view::DepartmentBody;
use crate::http::problem::Problem;
use crate::http::{Authenticated, JsonBody};
use actix_web::http::header::LOCATION;
use actix_web::{HttpResponse, post, web};
use oxt_service::Ctx;

/// Creates a department (administrators only).
#[utoipa::path(
    tag = "departments",
    request_body = DepartmentRequest,
    responses(
        (status = 201, body = DepartmentBody, headers(("Location" = String, description = "`/api/v2/departments/{id}`"))),
        (status = 400, description = "`malformed-json`", body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`forbidden`: not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation`: the invalid fields, named", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/departments")]
pub async fn create_department(
    ctx: web::Data<Ctx>,
    Authenticated(caller): Authenticated,
    JsonBody(body): JsonBody<DepartmentRequest>,
) -> Result<HttpResponse, Problem> {
    let department = oxt_service::departments::create(&ctx, &caller, body.into()).await?;
    Ok(HttpResponse::Created()
        .insert_header((
            LOCATION,
            format!("/api/v2/departments/{}", department.record.id),
        ))
        .json(DepartmentBody::from(department)))
}
