//! `POST /api/v2/banlist`

use super::view::BanBody;
use crate::http::problem::Problem;
use crate::http::{Authenticated, JsonBody};
use actix_web::http::header::LOCATION;
use actix_web::{HttpResponse, post, web};
use oxt_service::Ctx;
use oxt_service::filters::NewBan;
use oxt_ticket::contact::EmailAddress;
use serde::Deserialize;
use utoipa::ToSchema;

/// An address to ban.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BanRequest {
    /// A whole e-mail address: like osTicket's ban list, no patterns (a
    /// filter with a `reject` action bans by pattern).
    email: Option<String>,
    /// Default `true`; a paused ban is listed but bans nobody.
    isactive: Option<bool>,
    notes: Option<String>,
}

/// Bans an address (administrators only): tickets and replies from it are
/// refused on every channel from the next request on. The system ban list
/// is created if the help desk has none.
#[utoipa::path(
    tag = "banlist",
    request_body = BanRequest,
    responses(
        (status = 201, body = BanBody, headers(("Location" = String, description = "`/api/v2/banlist/{email}`"))),
        (status = 400, description = "`malformed-json`", body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`forbidden`: not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`already-banned`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation`: `email` missing or not an address", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/banlist")]
pub async fn ban_address(
    ctx: web::Data<Ctx>,
    Authenticated(caller): Authenticated,
    JsonBody(body): JsonBody<BanRequest>,
) -> Result<HttpResponse, Problem> {
    let email = match body.email {
        None => {
            return Err(Problem::invalid_field(
                "email",
                "required",
                "email is required",
            ));
        }
        Some(raw) => EmailAddress::parse(&raw)
            .map_err(|error| Problem::invalid_field("email", "invalid", error.to_string()))?,
    };
    let ban = NewBan {
        email,
        active: body.isactive.unwrap_or(true),
        notes: body.notes.unwrap_or_default(),
    };
    let banned = oxt_service::filters::ban(&ctx, &caller, ban).await?;
    Ok(HttpResponse::Created()
        .insert_header((LOCATION, format!("/api/v2/banlist/{}", banned.email)))
        .json(BanBody::from(banned)))
}
