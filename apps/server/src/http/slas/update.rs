//! `PATCH /api/v2/slas/{id}`

use super::view::SlaBody;
use crate::http::nullable::nullable;
use crate::http::problem::Problem;
use crate::http::{Authenticated, JsonBody};
use actix_web::{HttpResponse, patch, web};
use oxt_service::Ctx;
use oxt_service::slas::SlaChanges;
use oxt_ticket::ids::{ScheduleId, SlaId};
use serde::Deserialize;
use utoipa::ToSchema;

/// The fields to change; absent ones stay as they are.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateSlaBody {
    name: Option<String>,
    /// Whole hours, 1 to 8760.
    grace_period: Option<i64>,
    /// `null` removes the SLA's own schedule.
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<u32>)]
    schedule_id: Option<Option<u32>>,
    active: Option<bool>,
    escalate: Option<bool>,
    no_alerts: Option<bool>,
    transient: Option<bool>,
    /// `null` clears the notes.
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>)]
    notes: Option<Option<String>>,
}

impl From<UpdateSlaBody> for SlaChanges {
    fn from(body: UpdateSlaBody) -> Self {
        Self {
            name: body.name,
            grace_period: body.grace_period,
            schedule: body
                .schedule_id
                .map(|id| id.and_then(ScheduleId::from_column)),
            active: body.active,
            escalate: body.escalate,
            no_alerts: body.no_alerts,
            transient: body.transient,
            notes: body.notes,
        }
    }
}

/// Changes an SLA (administrators).
#[utoipa::path(
    tag = "slas",
    params(("id" = u32, Path, description = "`ost_sla.id`")),
    request_body = UpdateSlaBody,
    responses(
        (status = 200, body = SlaBody),
        (status = 400, description = "`malformed-json`", body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`forbidden`: not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`sla-not-found`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation`, the fields named", body = Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/slas/{id}")]
pub async fn update_sla(
    ctx: web::Data<Ctx>,
    Authenticated(caller): Authenticated,
    id: web::Path<u32>,
    JsonBody(body): JsonBody<UpdateSlaBody>,
) -> Result<HttpResponse, Problem> {
    let id = SlaId::new(id.into_inner());
    let sla = oxt_service::slas::update(&ctx, &caller, id, body.into()).await?;
    Ok(HttpResponse::Ok().json(SlaBody::from(sla)))
}
