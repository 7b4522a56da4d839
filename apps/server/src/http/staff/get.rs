//! `GET /api/v2/staff/{id}`

use super::view::StaffBody;
use crate::http::Authenticated;
use crate::http::problem::Problem;
use actix_web::{HttpResponse, get, web};
use oxt_service::Ctx;
use oxt_ticket::ids::StaffId;

/// One staff member with their staff-level permissions, extended department
/// access and teams.
#[utoipa::path(
    tag = "staff",
    params(("id" = u32, Path, description = "`ost_staff.staff_id`")),
    responses(
        (status = 200, body = StaffBody),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`forbidden`: not a staff member", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`staff-not-found`: none, or outside the departments the caller sees", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/staff/{id}")]
pub async fn get_staff(
    ctx: web::Data<Ctx>,
    Authenticated(caller): Authenticated,
    id: web::Path<u32>,
) -> Result<HttpResponse, Problem> {
    let member = oxt_service::staff::get(&ctx, &caller, StaffId::new(id.into_inner())).await?;
    Ok(HttpResponse::Ok().json(StaffBody::from(member)))
}
