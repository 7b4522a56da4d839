//! `POST /api/v2/auth/refresh`

use super::token::{RefreshTokenRequest, TokenResponse};
use crate::http::JsonBody;
use crate::http::problem::Problem;
use actix_web::{HttpResponse, post, web};
use oxt_service::Ctx;

/// Exchanges a refresh token for a new token pair. Each refresh token works
/// once; presenting one again revokes every token of its sign-in.
#[utoipa::path(
    tag = "auth",
    request_body = RefreshTokenRequest,
    security(()),
    responses(
        (status = 200, body = TokenResponse),
        (status = 401, description = "`invalid-refresh-token`: unknown, expired, revoked or reused", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation`: `refresh_token` missing", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/refresh")]
pub async fn refresh(
    ctx: web::Data<Ctx>,
    JsonBody(body): JsonBody<RefreshTokenRequest>,
) -> Result<HttpResponse, Problem> {
    let token = body.token()?;
    let session = oxt_service::auth::refresh(&ctx, &token).await?;
    Ok(HttpResponse::Ok()
        .insert_header(("Cache-Control", "no-store"))
        .json(TokenResponse::from(session)))
}
