//! `POST /api/v2/auth/user-login`

use super::login::LoginRequest;
use super::token::TokenResponse;
use crate::http::JsonBody;
use crate::http::problem::Problem;
use actix_web::{HttpResponse, post, web};
use oxt_service::Ctx;

/// Signs an end user in to the client portal with their osTicket account:
/// `username` is the account's username or any of the user's e-mail
/// addresses. The access token is for the user (`sub` = `user:<id>`);
/// refresh and sign-out work as for staff.
#[utoipa::path(
    tag = "auth",
    request_body = LoginRequest,
    security(()),
    responses(
        (status = 200, body = TokenResponse),
        (status = 401, description = "`invalid-credentials`: no such account or wrong password", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`account-unconfirmed` or `account-locked`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation`: `username` or `password` missing", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/user-login")]
pub async fn user_login(
    ctx: web::Data<Ctx>,
    JsonBody(body): JsonBody<LoginRequest>,
) -> Result<HttpResponse, Problem> {
    let credentials = body.parse()?;
    let session = oxt_service::auth::user_login(&ctx, credentials).await?;
    Ok(HttpResponse::Ok()
        .insert_header(("Cache-Control", "no-store"))
        .json(TokenResponse::from(session)))
}
