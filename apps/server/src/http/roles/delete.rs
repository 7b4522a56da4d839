//! `DELETE /api/v2/roles/{id}`

use crate::http::Authenticated;
use crate::http::problem::Problem;
use actix_web::{HttpResponse, delete, web};
use oxt_service::Ctx;
use oxt_ticket::ids::RoleId;

/// Deletes a role no agent holds, as a primary role or through extended
/// department access (administrators only).
#[utoipa::path(
    tag = "roles",
    params(("id" = u32, Path, description = "`ost_role.id`")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`forbidden`: not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`role-not-found`", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`role-in-use`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/roles/{id}")]
pub async fn delete_role(
    ctx: web::Data<Ctx>,
    Authenticated(caller): Authenticated,
    id: web::Path<u32>,
) -> Result<HttpResponse, Problem> {
    oxt_service::roles::delete(&ctx, &caller, RoleId::new(id.into_inner())).await?;
    Ok(HttpResponse::NoContent().finish())
}
