//! `GET /api/v2/slas`

use super::view::{SlaBody, SlaListBody};
use crate::http::Authenticated;
use crate::http::problem::Problem;
use actix_web::{HttpResponse, get, web};
use oxt_service::Ctx;

/// Every SLA, by name (staff).
#[utoipa::path(
    tag = "slas",
    responses(
        (status = 200, body = SlaListBody),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`forbidden`: not a staff member", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/slas")]
pub async fn list_slas(
    ctx: web::Data<Ctx>,
    Authenticated(caller): Authenticated,
) -> Result<HttpResponse, Problem> {
    let slas = oxt_service::slas::list(&ctx, &caller).await?;
    Ok(HttpResponse::Ok().json(SlaListBody {
        items: slas.into_iter().map(SlaBody::from).collect(),
    }))
}
