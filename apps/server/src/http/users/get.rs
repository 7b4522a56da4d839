//! `GET /api/v2/users/{id}`

use super::view::UserBody;
use crate::http::Authenticated;
use crate::http::problem::Problem;
use actix_web::{HttpResponse, get, web};
use oxt_service::Ctx;
use oxt_ticket::ids::UserId;

/// One user.
#[utoipa::path(
    tag = "users",
    params(("id" = u32, Path, description = "`ost_user.id`")),
    responses(
        (status = 200, body = UserBody),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`forbidden`: not a staff member", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`user-not-found`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/users/{id}")]
pub async fn get_user(
    ctx: web::Data<Ctx>,
    Authenticated(caller): Authenticated,
    id: web::Path<u32>,
) -> Result<HttpResponse, Problem> {
    let record = oxt_service::users::get(&ctx, &caller, UserId::new(id.into_inner())).await?;
    Ok(HttpResponse::Ok().json(UserBody::from(record)))
}
