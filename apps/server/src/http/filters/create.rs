//! `POST /api/v2/filters`

use super::request::FilterRequest;
use super::view::FilterBody;
use crate::http::problem::Problem;
use crate::http::{Authenticated, JsonBody};
use actix_web::http::header::LOCATION;
use actix_web::{HttpResponse, post, web};
use oxt_service::Ctx;

/// Creates a filter with its rules and actions, checked as osTicket's
/// filter editor checks them (administrators only). Every invalid field is
/// named at once and nothing is written; the next ticket opened runs it.
#[utoipa::path(
    tag = "filters",
    request_body = FilterRequest,
    responses(
        (status = 201, body = FilterBody, headers(("Location" = String, description = "`/api/v2/filters/{id}`"))),
        (status = 400, description = "`malformed-json`", body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`forbidden`: not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation`: the invalid fields, named (`rules[0].how`, `actions[1].configuration.dept_id`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/filters")]
pub async fn create_filter(
    ctx: web::Data<Ctx>,
    Authenticated(caller): Authenticated,
    JsonBody(body): JsonBody<FilterRequest>,
) -> Result<HttpResponse, Problem> {
    let filter = oxt_service::filters::create(&ctx, &caller, body.into()).await?;
    Ok(HttpResponse::Created()
        .insert_header((
            LOCATION,
            format!("/api/v2/filters/{}", filter.definition.filter.id),
        ))
        .json(FilterBody::from(filter)))
}
