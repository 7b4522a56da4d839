//! `DELETE /api/v2/schedules/{id}`

use crate::http::Authenticated;
use crate::http::problem::Problem;
use actix_web::{HttpResponse, delete, web};
use oxt_service::Ctx;
use oxt_ticket::ids::ScheduleId;

/// Deletes a schedule with its entries (administrators), unless the help
/// desk, an SLA, a department or a business schedule's holiday list uses it.
#[utoipa::path(
    tag = "schedules",
    params(("id" = u32, Path, description = "`ost_schedule.id`")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`forbidden`: not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`schedule-not-found`", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`schedule-in-use`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/schedules/{id}")]
pub async fn delete_schedule(
    ctx: web::Data<Ctx>,
    Authenticated(caller): Authenticated,
    id: web::Path<u32>,
) -> Result<HttpResponse, Problem> {
    oxt_service::schedules::delete(&ctx, &caller, ScheduleId::new(id.into_inner())).await?;
    Ok(HttpResponse::NoContent().finish())
}
