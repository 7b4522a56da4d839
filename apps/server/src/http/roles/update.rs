//! `PATCH /api/v2/roles/{id}`

use super::view::RoleBody;
use crate::http::nullable::nullable;
use crate::http::problem::Problem;
use crate::http::{Authenticated, JsonBody};
use actix_web::{HttpResponse, patch, web};
use oxt_service::Ctx;
use oxt_service::roles::RolePatch;
use oxt_ticket::ids::RoleId;
use serde::Deserialize;
use utoipa::ToSchema;

/// The fields to change; an absent field keeps its value.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateRoleRequest {
    name: Option<String>,
    /// `null` clears the notes.
    #[serde(default, deserialize_with = "nullable")]
    #[schema(nullable)]
    notes: Option<Option<String>>,
    enabled: Option<bool>,
    /// Replaces the granted keys; keys of plugins this server does not know
    /// stay granted.
    permissions: Option<Vec<String>>,
}

/// Edits a role (administrators only).
#[utoipa::path(
    tag = "roles",
    params(("id" = u32, Path, description = "`ost_role.id`")),
    request_body = UpdateRoleRequest,
    responses(
        (status = 200, body = RoleBody),
        (status = 400, description = "`malformed-json`", body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`forbidden`: not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`role-not-found`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation`: the invalid fields, named", body = Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/roles/{id}")]
pub async fn update_role(
    ctx: web::Data<Ctx>,
    Authenticated(caller): Authenticated,
    id: web::Path<u32>,
    JsonBody(body): JsonBody<UpdateRoleRequest>,
) -> Result<HttpResponse, Problem> {
    let patch = RolePatch {
        name: body.name,
        notes: body.notes,
        enabled: body.enabled,
        permissions: body.permissions,
    };
    let role =
        oxt_service::roles::update(&ctx, &caller, RoleId::new(id.into_inner()), patch).await?;
    Ok(HttpResponse::Ok().json(RoleBody::from(role)))
}
