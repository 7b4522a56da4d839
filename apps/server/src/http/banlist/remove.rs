//! `DELETE /api/v2/banlist/{email}`

use crate::http::Authenticated;
use crate::http::problem::Problem;
use actix_web::{HttpResponse, delete, web};
use oxt_service::Ctx;

/// Lifts the ban on an address, as osTicket's `Banlist::remove` does
/// (administrators only).
#[utoipa::path(
    tag = "banlist",
    params(("email" = String, Path, description = "The banned address (ignoring case)")),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`forbidden`: not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`ban-not-found`: the address is not on the ban list", body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/banlist/{email}")]
pub async fn unban_address(
    ctx: web::Data<Ctx>,
    Authenticated(caller): Authenticated,
    email: web::Path<String>,
) -> Result<HttpResponse, Problem> {
    oxt_service::filters::unban(&ctx, &caller, &email).await?;
    Ok(HttpResponse::NoContent().finish())
}
