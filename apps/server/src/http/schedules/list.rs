//! `GET /api/v2/schedules`

use super::view::{ScheduleBody, ScheduleListBody};
use crate::http::Authenticated;
use crate::http::problem::Problem;
use actix_web::{HttpResponse, get, web};
use oxt_service::Ctx;

/// Every schedule with its entries, by name (staff).
#[utoipa::path(
    tag = "schedules",
    responses(
        (status = 200, body = ScheduleListBody),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`forbidden`: not a staff member", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/schedules")]
pub async fn list_schedules(
    ctx: web::Data<Ctx>,
    Authenticated(caller): Authenticated,
) -> Result<HttpResponse, Problem> {
    let schedules = oxt_service::schedules::list(&ctx, &caller).await?;
    Ok(HttpResponse::Ok().json(ScheduleListBody {
        items: schedules.into_iter().map(ScheduleBody::from).collect(),
    }))
}
