//! `POST /api/v2/auth/login`

use super::token::TokenResponse;
use crate::http::JsonBody;
use crate::http::problem::{FieldError, Problem};
use actix_web::{HttpResponse, post, web};
use oxt_service::Ctx;
use oxt_service::auth::LoginCredentials;
use serde::Deserialize;
use std::fmt;
use utoipa::ToSchema;

/// osTicket credentials. `Debug` hides the password.
#[derive(Deserialize, ToSchema)]
pub struct LoginRequest {
    /// Staff: the osTicket username, the agent's e-mail address, or the
    /// staff id (as osTicket's sign-in accepts). End users: the account's
    /// username or one of their e-mail addresses. Any case.
    username: Option<String>,
    password: Option<String>,
}

impl fmt::Debug for LoginRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LoginRequest")
            .field("username", &self.username)
            .finish_non_exhaustive()
    }
}

/// Signs a staff member in with their osTicket password.
#[utoipa::path(
    tag = "auth",
    request_body = LoginRequest,
    security(()),
    responses(
        (status = 200, body = TokenResponse),
        (status = 401, description = "`invalid-credentials`: unknown username or wrong password", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`account-disabled`: the agent is not active", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation`: `username` or `password` missing", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/login")]
pub async fn login(
    ctx: web::Data<Ctx>,
    JsonBody(body): JsonBody<LoginRequest>,
) -> Result<HttpResponse, Problem> {
    let credentials = body.parse()?;
    let session = oxt_service::auth::login(&ctx, credentials).await?;
    Ok(HttpResponse::Ok()
        .insert_header(("Cache-Control", "no-store"))
        .json(TokenResponse::from(session)))
}

impl LoginRequest {
    pub(super) fn parse(self) -> Result<LoginCredentials, Problem> {
        let mut errors = Vec::new();
        let username = self.username.filter(|username| !username.trim().is_empty());
        if username.is_none() {
            errors.push(FieldError::new(
                "username",
                "required",
                "a username is required",
            ));
        }
        let password = self.password.filter(|password| !password.is_empty());
        if password.is_none() {
            errors.push(FieldError::new(
                "password",
                "required",
                "a password is required",
            ));
        }
        match (username, password) {
            (Some(username), Some(password)) => Ok(LoginCredentials { username, password }),
            _ => Err(Problem::invalid(errors)),
        }
    }
}
