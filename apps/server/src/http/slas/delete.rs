//! `DELETE /api/v2/slas/{id}`

use crate::http::Authenticated;
use crate::http::problem::Problem;
use actix_web::{HttpResponse, delete, web};
use oxt_service::Ctx;
use oxt_ticket::ids::SlaId;

/// Deletes an SLA (administrators), as osTicket does: departments and help
/// topics naming it name none afterwards, and its tickets move to the
/// default SLA. The default SLA itself cannot be deleted.
#[utoipa::path(
    tag = "slas",
    params(("id" = u32, Path, description = "`ost_sla.id`")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`forbidden`: not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`sla-not-found`", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`sla-is-default`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/slas/{id}")]
pub async fn delete_sla(
    ctx: web::Data<Ctx>,
    Authenticated(caller): Authenticated,
    id: web::Path<u32>,
) -> Result<HttpResponse, Problem> {
    oxt_service::slas::delete(&ctx, &caller, SlaId::new(id.into_inner())).await?;
    Ok(HttpResponse::NoContent().finish())
}
