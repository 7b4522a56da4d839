//! `GET /api/v2/tickets/{id}`

use super::view::TicketBody;
use crate::http::Authenticated;
use crate::http::problem::Problem;
use actix_web::{HttpResponse, get, web};
use oxt_service::Ctx;
use oxt_ticket::ids::TicketId;

/// One ticket with the names it refers to and its custom field values.
#[utoipa::path(
    tag = "tickets",
    params(("id" = u32, Path, description = "`ticket_id`")),
    responses(
        (status = 200, body = TicketBody),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`ticket-not-found`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/tickets/{id}")]
pub async fn get_ticket(
    ctx: web::Data<Ctx>,
    Authenticated(caller): Authenticated,
    id: web::Path<u32>,
) -> Result<HttpResponse, Problem> {
    let view = oxt_service::tickets::get(&ctx, &caller, TicketId::new(id.into_inner())).await?;
    Ok(HttpResponse::Ok().json(TicketBody::from(view)))
}
