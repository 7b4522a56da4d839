//! `POST /api/v2/api-keys`

use super::view::ApiKeyBody;
use crate::http::problem::Problem;
use crate::http::{Authenticated, JsonBody};
use actix_web::http::header::LOCATION;
use actix_web::{HttpResponse, post, web};
use oxt_service::Ctx;
use oxt_service::api_keys::{ApiKeySettings, NewApiKey};
use serde::Deserialize;
use std::net::IpAddr;
use utoipa::ToSchema;

/// A key to issue. Flags default as in osTicket's form: active, may create
/// tickets, may not run cron.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateApiKeyBody {
    /// The client's IPv4 or IPv6 address; requests from any other address
    /// are refused.
    ipaddr: String,
    isactive: Option<bool>,
    can_create_tickets: Option<bool>,
    can_exec_cron: Option<bool>,
    notes: Option<String>,
}

impl CreateApiKeyBody {
    fn parse(self) -> Result<NewApiKey, Problem> {
        let ip_address = self
            .ipaddr
            .trim()
            .parse::<IpAddr>()
            .map_err(|_| Problem::invalid_field("ipaddr", "invalid", "Valid IP is required"))?;
        Ok(NewApiKey {
            ip_address,
            settings: ApiKeySettings {
                active: self.isactive.unwrap_or(true),
                can_create_tickets: self.can_create_tickets.unwrap_or(true),
                can_exec_cron: self.can_exec_cron.unwrap_or(false),
                notes: self.notes.unwrap_or_default(),
            },
        })
    }
}

/// Issues a new random key for one client address. Administrators only.
#[utoipa::path(
    tag = "api-keys",
    request_body = CreateApiKeyBody,
    responses(
        (status = 201, body = ApiKeyBody, headers(("Location" = String, description = "`/api/v2/api-keys/{id}`"))),
        (status = 400, description = "`malformed-json`", body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`forbidden`: not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation`: `ipaddr` is not an address", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/api-keys")]
pub async fn create_api_key(
    ctx: web::Data<Ctx>,
    Authenticated(caller): Authenticated,
    JsonBody(body): JsonBody<CreateApiKeyBody>,
) -> Result<HttpResponse, Problem> {
    let new = body.parse()?;
    let record = oxt_service::api_keys::create(&ctx, &caller, new).await?;
    Ok(HttpResponse::Created()
        .insert_header((LOCATION, format!("/api/v2/api-keys/{}", record.id)))
        .json(ApiKeyBody::from(record)))
}
