//! `DELETE /api/v2/staff/{id}`

use crate::http::Authenticated;
use crate::http::problem::Problem;
use actix_web::{HttpResponse, delete, web};
use oxt_service::Ctx;
use oxt_ticket::ids::StaffId;

/// Deletes a staff member (administrators only; not one's own account). Their
/// tickets are released, their thread entries keep their name, their team
/// memberships and extended access go, and teams they led lose their lead.
#[utoipa::path(
    tag = "staff",
    params(("id" = u32, Path, description = "`ost_staff.staff_id`")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`forbidden`: not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`staff-not-found`", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`staff-own-account`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/staff/{id}")]
pub async fn delete_staff(
    ctx: web::Data<Ctx>,
    Authenticated(caller): Authenticated,
    id: web::Path<u32>,
) -> Result<HttpResponse, Problem> {
    oxt_service::staff::delete(&ctx, &caller, StaffId::new(id.into_inner())).await?;
    Ok(HttpResponse::NoContent().finish())
}
