//! `GET /api/v2/banlist`

use super::view::{BanBody, BanListBody};
use crate::http::Authenticated;
use crate::http::problem::Problem;
use actix_web::{HttpResponse, get, web};
use oxt_service::Ctx;

/// Every banned address, alphabetically (administrators only). The list is
/// not paginated: osTicket's ban-list page shows it whole.
#[utoipa::path(
    tag = "banlist",
    responses(
        (status = 200, body = BanListBody),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`forbidden`: not an administrator", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/banlist")]
pub async fn list_banned(
    ctx: web::Data<Ctx>,
    Authenticated(caller): Authenticated,
) -> Result<HttpResponse, Problem> {
    let banned = oxt_service::filters::list_banned(&ctx, &caller).await?;
    Ok(HttpResponse::Ok().json(BanListBody {
        items: banned.into_iter().map(BanBody::from).collect(),
    }))
}
