//! `POST /api/v2/auth/logout`

use super::token::RefreshTokenRequest;
use crate::http::JsonBody;
use crate::http::problem::Problem;
use actix_web::{HttpResponse, post, web};
use oxt_service::Ctx;

/// Signs out: revokes the refresh token and every token rotated from the same
/// sign-in. An unknown or already revoked token is not an error.
#[utoipa::path(
    tag = "auth",
    request_body = RefreshTokenRequest,
    security(()),
    responses(
        (status = 204, description = "Signed out"),
        (status = 422, description = "`validation`: `refresh_token` missing", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/logout")]
pub async fn logout(
    ctx: web::Data<Ctx>,
    JsonBody(body): JsonBody<RefreshTokenRequest>,
) -> Result<HttpResponse, Problem> {
    let token = body.token()?;
    oxt_service::auth::logout(&ctx, &token).await?;
    Ok(HttpResponse::NoContent().finish())
}
