//! `GET /api/v2/api-keys/{id}`

use super::view::ApiKeyBody;
use crate::http::Authenticated;
use crate::http::problem::Problem;
use actix_web::{HttpResponse, get, web};
use oxt_service::Ctx;
use oxt_ticket::ids::ApiKeyId;

/// One API key. Administrators only.
#[utoipa::path(
    tag = "api-keys",
    params(("id" = u32, Path, description = "`ost_api_key.id`")),
    responses(
        (status = 200, body = ApiKeyBody),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`forbidden`: not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`api-key-not-found`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/api-keys/{id}")]
pub async fn get_api_key(
    ctx: web::Data<Ctx>,
    Authenticated(caller): Authenticated,
    id: web::Path<u32>,
) -> Result<HttpResponse, Problem> {
    let record = oxt_service::api_keys::get(&ctx, &caller, ApiKeyId::new(id.into_inner())).await?;
    Ok(HttpResponse::Ok().json(ApiKeyBody::from(record)))
}
