//! `GET /api/v2/departments`

use super::view::{DepartmentBody, DepartmentListBody};
use crate::http::Authenticated;
use crate::http::problem::Problem;
use actix_web::{HttpResponse, get, web};
use oxt_service::Ctx;

/// Every department with its parent, path and full name, by full name.
#[utoipa::path(
    tag = "departments",
    responses(
        (status = 200, body = DepartmentListBody),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`forbidden`: not an active agent", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/departments")]
pub async fn list_departments(
    ctx: web::Data<Ctx>,
    Authenticated(caller): Authenticated,
) -> Result<HttpResponse, Problem> {
    let departments = oxt_service::departments::list(&ctx, &caller).await?;
    Ok(HttpResponse::Ok().json(DepartmentListBody {
        items: departments.into_iter().map(DepartmentBody::from).collect(),
    }))
}
