//! `GET /api/v2/roles`

use super::view::{RoleBody, RoleListBody};
use crate::http::Authenticated;
use crate::http::problem::Problem;
use actix_web::{HttpResponse, get, web};
use oxt_service::Ctx;

/// Every role, by name.
#[utoipa::path(
    tag = "roles",
    responses(
        (status = 200, body = RoleListBody),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`forbidden`: not an active agent", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/roles")]
pub async fn list_roles(
    ctx: web::Data<Ctx>,
    Authenticated(caller): Authenticated,
) -> Result<HttpResponse, Problem> {
    let roles = oxt_service::roles::list(&ctx, &caller).await?;
    Ok(HttpResponse::Ok().json(RoleListBody {
        items: roles.into_iter().map(RoleBody::from).collect(),
    }))
}
