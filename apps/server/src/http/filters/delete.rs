//! `DELETE /api/v2/filters/{id}`

use crate::http::Authenticated;
use crate::http::problem::Problem;
use actix_web::{HttpResponse, delete, web};
use oxt_service::Ctx;
use oxt_ticket::ids::FilterId;

/// Deletes a filter with its rules and actions (administrators only). The
/// system ban list is not deleted, as osTicket's panel marks it.
#[utoipa::path(
    tag = "filters",
    params(("id" = u32, Path, description = "`ost_filter.id`")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`forbidden`: not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`filter-not-found`", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`system-ban-list`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/filters/{id}")]
pub async fn delete_filter(
    ctx: web::Data<Ctx>,
    Authenticated(caller): Authenticated,
    id: web::Path<u32>,
) -> Result<HttpResponse, Problem> {
    oxt_service::filters::delete(&ctx, &caller, FilterId::new(id.into_inner())).await?;
    Ok(HttpResponse::NoContent().finish())
}
