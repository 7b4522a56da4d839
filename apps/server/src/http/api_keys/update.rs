//! `PATCH /api/v2/api-keys/{id}`

use super::view::ApiKeyBody;
use crate::http::problem::Problem;
use crate::http::{Authenticated, JsonBody};
use actix_web::{HttpResponse, patch, web};
use oxt_service::Ctx;
use oxt_service::api_keys::ApiKeyChanges;
use oxt_ticket::ids::ApiKeyId;
use serde::Deserialize;
use utoipa::ToSchema;

/// The settings to change; absent ones stay. A key's value and address are
/// fixed once issued, as in osTicket.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateApiKeyBody {
    isactive: Option<bool>,
    can_create_tickets: Option<bool>,
    can_exec_cron: Option<bool>,
    notes: Option<String>,
}

/// Changes an API key's flags or notes. Administrators only.
#[utoipa::path(
    tag = "api-keys",
    params(("id" = u32, Path, description = "`ost_api_key.id`")),
    request_body = UpdateApiKeyBody,
    responses(
        (status = 200, body = ApiKeyBody),
        (status = 400, description = "`malformed-json`", body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`forbidden`: not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`api-key-not-found`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation`: the fields named", body = Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/api-keys/{id}")]
pub async fn update_api_key(
    ctx: web::Data<Ctx>,
    Authenticated(caller): Authenticated,
    id: web::Path<u32>,
    JsonBody(body): JsonBody<UpdateApiKeyBody>,
) -> Result<HttpResponse, Problem> {
    let changes = ApiKeyChanges {
        active: body.isactive,
        can_create_tickets: body.can_create_tickets,
        can_exec_cron: body.can_exec_cron,
        notes: body.notes,
    };
    let id = ApiKeyId::new(id.into_inner());
    let record = oxt_service::api_keys::update(&ctx, &caller, id, changes).await?;
    Ok(HttpResponse::Ok().json(ApiKeyBody::from(record)))
}
