//! `PATCH /api/v2/filters/{id}`

use super::request::FilterRequest;
use super::view::FilterBody;
use crate::http::problem::Problem;
use crate::http::{Authenticated, JsonBody};
use actix_web::{HttpResponse, patch, web};
use oxt_service::Ctx;
use oxt_ticket::ids::FilterId;

/// Edits a filter (administrators only): absent fields keep their value;
/// `rules` or `actions`, when given, replace all of them. The result is
/// checked as a whole, as on create. The system ban list keeps its name.
#[utoipa::path(
    tag = "filters",
    params(("id" = u32, Path, description = "`ost_filter.id`")),
    request_body = FilterRequest,
    responses(
        (status = 200, body = FilterBody),
        (status = 400, description = "`malformed-json`", body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`forbidden`: not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`filter-not-found`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation`: the invalid fields, named", body = Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/filters/{id}")]
pub async fn update_filter(
    ctx: web::Data<Ctx>,
    Authenticated(caller): Authenticated,
    id: web::Path<u32>,
    JsonBody(body): JsonBody<FilterRequest>,
) -> Result<HttpResponse, Problem> {
    let filter =
        oxt_service::filters::update(&ctx, &caller, FilterId::new(id.into_inner()), body.into())
            .await?;
    Ok(HttpResponse::Ok().json(FilterBody::from(filter)))
}
