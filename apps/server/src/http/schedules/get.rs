//! `GET /api/v2/schedules/{id}`

use super::view::ScheduleBody;
use crate::http::Authenticated;
use crate::http::problem::Problem;
use actix_web::{HttpResponse, get, web};
use oxt_service::Ctx;
use oxt_ticket::ids::ScheduleId;

/// One schedule with its entries (staff).
#[utoipa::path(
    tag = "schedules",
    params(("id" = u32, Path, description = "`ost_schedule.id`")),
    responses(
        (status = 200, body = ScheduleBody),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`forbidden`: not a staff member", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`schedule-not-found`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/schedules/{id}")]
pub async fn get_schedule(
    ctx: web::Data<Ctx>,
    Authenticated(caller): Authenticated,
    id: web::Path<u32>,
) -> Result<HttpResponse, Problem> {
    let schedule =
        oxt_service::schedules::get(&ctx, &caller, ScheduleId::new(id.into_inner())).await?;
    Ok(HttpResponse::Ok().json(ScheduleBody::from(schedule)))
}
