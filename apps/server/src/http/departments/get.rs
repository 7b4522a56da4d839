//! `GET /api/v2/departments/{id}`

use super::view::DepartmentBody;
use crate::http::Authenticated;
use crate::http::problem::Problem;
use actix_web::{HttpResponse, get, web};
use oxt_service::Ctx;
use oxt_ticket::ids::DeptId;

/// One department.
#[utoipa::path(
    tag = "departments",
    params(("id" = u32, Path, description = "`ost_department.id`")),
    responses(
        (status = 200, body = DepartmentBody),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`forbidden`: not an active agent", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`department-not-found`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/departments/{id}")]
pub async fn get_department(
    ctx: web::Data<Ctx>,
    Authenticated(caller): Authenticated,
    id: web::Path<u32>,
) -> Result<HttpResponse, Problem> {
    let department =
        oxt_service::departments::get(&ctx, &caller, DeptId::new(id.into_inner())).await?;
    Ok(HttpResponse::Ok().json(DepartmentBody::from(department)))
}
