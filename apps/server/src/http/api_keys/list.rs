//! `GET /api/v2/api-keys`

use super::view::ApiKeyBody;
use crate::http::Authenticated;
use crate::http::problem::Problem;
use actix_web::{HttpResponse, get, web};
use oxt_service::Ctx;

/// Every API key, oldest first. Administrators only.
#[utoipa::path(
    tag = "api-keys",
    responses(
        (status = 200, body = Vec<ApiKeyBody>),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`forbidden`: not an administrator", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/api-keys")]
pub async fn list_api_keys(
    ctx: web::Data<Ctx>,
    Authenticated(caller): Authenticated,
) -> Result<HttpResponse, Problem> {
    let keys = oxt_service::api_keys::list(&ctx, &caller).await?;
    let body: Vec<ApiKeyBody> = keys.into_iter().map(ApiKeyBody::from).collect();
    Ok(HttpResponse::Ok().json(body))
}
