//! The token pair a sign-in or refresh answers with (OAuth 2's token response).

use oxt_service::auth::Session;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Serialize, ToSchema)]
pub struct TokenResponse {
    /// A JWT to send as `Authorization: Bearer <token>`.
    pub access_token: String,
    /// Exchanged at `/api/v2/auth/refresh` for a new pair; usable once.
    pub refresh_token: String,
    /// Always `Bearer`.
    pub token_type: &'static str,
    /// Seconds until the access token expires.
    pub expires_in: u32,
    /// The password must be changed first: osTicket's "change password at
    /// next login" for an agent, `REQUIRE_PASSWD_RESET` for an end user.
    pub password_change_required: bool,
}

impl From<Session> for TokenResponse {
    fn from(session: Session) -> Self {
        Self {
            access_token: session.access_token.token.clone(),
            refresh_token: session.refresh_token.as_str().to_owned(),
            token_type: "Bearer",
            expires_in: session.access_token.expires_in,
            password_change_required: session.password_change_required,
        }
    }
}

/// A body carrying a refresh token (`refresh` and `logout`).
#[derive(Debug, Deserialize, ToSchema)]
pub struct RefreshTokenRequest {
    pub refresh_token: Option<String>,
}

impl RefreshTokenRequest {
    pub fn token(self) -> Result<String, crate::http::problem::Problem> {
        self.refresh_token.ok_or_else(|| {
            crate::http::problem::Problem::invalid_field(
                "refresh_token",
                "required",
                "a refresh token is required",
            )
        })
    }
}
