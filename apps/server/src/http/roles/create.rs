//! `POST /api/v2/roles`

use super::view::RoleBody;
use crate::http::problem::Problem;
use crate::http::{Authenticated, JsonBody};
use actix_web::http::header::LOCATION;
use actix_web::{HttpResponse, post, web};
use oxt_service::Ctx;
use oxt_service::roles::NewRole;
use serde::Deserialize;
use utoipa::ToSchema;

/// A new role.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateRoleRequest {
    /// Required, at most 64 characters, unique (ignoring case).
    name: Option<String>,
    notes: Option<String>,
    /// Default `true`.
    enabled: Option<bool>,
    /// At least one osTicket department permission key (`ticket.assign`,
    /// `task.close`, `canned.manage`, ...); an unknown key, or a staff-level
    /// one (`user.create`, ...), is named by position: `permissions[3]`.
    permissions: Option<Vec<String>>,
}

/// Creates a role (administrators only).
#[utoipa::path(
    tag = "roles",
    request_body = CreateRoleRequest,
    responses(
        (status = 201, body = RoleBody, headers(("Location" = String, description = "`/api/v2/roles/{id}`"))),
        (status = 400, description = "`malformed-json`", body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`forbidden`: not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation`: the invalid fields, named", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/roles")]
pub async fn create_role(
    ctx: web::Data<Ctx>,
    Authenticated(caller): Authenticated,
    JsonBody(body): JsonBody<CreateRoleRequest>,
) -> Result<HttpResponse, Problem> {
    let new = NewRole {
        name: body.name.unwrap_or_default(),
        notes: body.notes,
        enabled: body.enabled.unwrap_or(true),
        permissions: body.permissions.unwrap_or_default(),
    };
    let role = oxt_service::roles::create(&ctx, &caller, new).await?;
    Ok(HttpResponse::Created()
        .insert_header((LOCATION, format!("/api/v2/roles/{}", role.record.id)))
        .json(RoleBody::from(role)))
}
