//! `GET /api/v2/filters/{id}`

use super::view::FilterBody;
use crate::http::Authenticated;
use crate::http::problem::Problem;
use actix_web::{HttpResponse, get, web};
use oxt_service::Ctx;
use oxt_ticket::ids::FilterId;

/// One filter with its rules and actions (administrators only).
#[utoipa::path(
    tag = "filters",
    params(("id" = u32, Path, description = "`ost_filter.id`")),
    responses(
        (status = 200, body = FilterBody),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`forbidden`: not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`filter-not-found`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/filters/{id}")]
pub async fn get_filter(
    ctx: web::Data<Ctx>,
    Authenticated(caller): Authenticated,
    id: web::Path<u32>,
) -> Result<HttpResponse, Problem> {
    let filter = oxt_service::filters::get(&ctx, &caller, FilterId::new(id.into_inner())).await?;
    Ok(HttpResponse::Ok().json(FilterBody::from(filter)))
}
