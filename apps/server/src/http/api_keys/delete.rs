//! `DELETE /api/v2/api-keys/{id}`

use crate::http::Authenticated;
use crate::http::problem::Problem;
use actix_web::{HttpResponse, delete, web};
use oxt_service::Ctx;
use oxt_ticket::ids::ApiKeyId;

/// Deletes an API key; clients using it are refused from then on.
/// Administrators only.
#[utoipa::path(
    tag = "api-keys",
    params(("id" = u32, Path, description = "`ost_api_key.id`")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`forbidden`: not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`api-key-not-found`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/api-keys/{id}")]
pub async fn delete_api_key(
    ctx: web::Data<Ctx>,
    Authenticated(caller): Authenticated,
    id: web::Path<u32>,
) -> Result<HttpResponse, Problem> {
    oxt_service::api_keys::delete(&ctx, &caller, ApiKeyId::new(id.into_inner())).await?;
    Ok(HttpResponse::NoContent().finish())
}
