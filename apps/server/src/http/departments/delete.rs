//! `DELETE /api/v2/departments/{id}`

use crate::http::Authenticated;
use crate::http::problem::Problem;
use actix_web::{HttpResponse, delete, web};
use oxt_service::Ctx;
use oxt_ticket::ids::DeptId;

/// Deletes an empty department that is not the default one (administrators
/// only). Its extended access rows go with it; help topics and system
/// e-mails that routed to it fall back to the default.
#[utoipa::path(
    tag = "departments",
    params(("id" = u32, Path, description = "`ost_department.id`")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`forbidden`: not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`department-not-found`", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`default-department` or `department-in-use` (agents, tickets, tasks or subdepartments)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/departments/{id}")]
pub async fn delete_department(
    ctx: web::Data<Ctx>,
    Authenticated(caller): Authenticated,
    id: web::Path<u32>,
) -> Result<HttpResponse, Problem> {
    oxt_service::departments::delete(&ctx, &caller, DeptId::new(id.into_inner())).await?;
    Ok(HttpResponse::NoContent().finish())
}
