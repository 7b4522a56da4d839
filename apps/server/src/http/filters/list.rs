//! `GET /api/v2/filters`

use super::view::{FilterBody, FilterListBody};
use crate::http::Authenticated;
use crate::http::problem::Problem;
use actix_web::{HttpResponse, get, web};
use oxt_service::Ctx;

/// Every filter with its rules and actions, the system ban list included,
/// in execution order (administrators only).
#[utoipa::path(
    tag = "filters",
    responses(
        (status = 200, body = FilterListBody),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`forbidden`: not an administrator", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/filters")]
pub async fn list_filters(
    ctx: web::Data<Ctx>,
    Authenticated(caller): Authenticated,
) -> Result<HttpResponse, Problem> {
    let filters = oxt_service::filters::list(&ctx, &caller).await?;
    Ok(HttpResponse::Ok().json(FilterListBody {
        items: filters.into_iter().map(FilterBody::from).collect(),
    }))
}
