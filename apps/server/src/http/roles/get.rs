//! `GET /api/v2/roles/{id}`

use super::view::RoleBody;
use crate::http::Authenticated;
use crate::http::problem::Problem;
use actix_web::{HttpResponse, get, web};
use oxt_service::Ctx;
use oxt_ticket::ids::RoleId;

/// One role.
#[utoipa::path(
    tag = "roles",
    params(("id" = u32, Path, description = "`ost_role.id`")),
    responses(
        (status = 200, body = RoleBody),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`forbidden`: not an active agent", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`role-not-found`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/roles/{id}")]
pub async fn get_role(
    ctx: web::Data<Ctx>,
    Authenticated(caller): Authenticated,
    id: web::Path<u32>,
) -> Result<HttpResponse, Problem> {
    let role = oxt_service::roles::get(&ctx, &caller, RoleId::new(id.into_inner())).await?;
    Ok(HttpResponse::Ok().json(RoleBody::from(role)))
}
