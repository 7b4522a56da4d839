//! `GET /api/v2/slas/{id}`

use super::view::SlaBody;
use crate::http::Authenticated;
use crate::http::problem::Problem;
use actix_web::{HttpResponse, get, web};
use oxt_service::Ctx;
use oxt_ticket::ids::SlaId;

/// One SLA (staff).
#[utoipa::path(
    tag = "slas",
    params(("id" = u32, Path, description = "`ost_sla.id`")),
    responses(
        (status = 200, body = SlaBody),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`forbidden`: not a staff member", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`sla-not-found`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/slas/{id}")]
pub async fn get_sla(
    ctx: web::Data<Ctx>,
    Authenticated(caller): Authenticated,
    id: web::Path<u32>,
) -> Result<HttpResponse, Problem> {
    let sla = oxt_service::slas::get(&ctx, &caller, SlaId::new(id.into_inner())).await?;
    Ok(HttpResponse::Ok().json(SlaBody::from(sla)))
}
