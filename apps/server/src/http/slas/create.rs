//! `POST /api/v2/slas`

use super::view::SlaBody;
use crate::http::problem::{FieldError, Problem};
use crate::http::{Authenticated, JsonBody};
use actix_web::http::header::LOCATION;
use actix_web::{HttpResponse, post, web};
use oxt_service::Ctx;
use oxt_service::slas::{SlaDraft, SlaFlags};
use oxt_ticket::ids::ScheduleId;
use serde::Deserialize;
use utoipa::ToSchema;

/// A new SLA. `name` and `grace_period` are required.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateSlaBody {
    /// Unique (ignoring case), at most 64 characters.
    name: Option<String>,
    /// Whole hours, 1 to 8760.
    grace_period: Option<i64>,
    /// A business-hours schedule; absent or `null`: the department's, else the help desk's.
    schedule_id: Option<u32>,
    /// Default `true`.
    active: Option<bool>,
    /// Default `false`.
    escalate: Option<bool>,
    /// Default `false`.
    no_alerts: Option<bool>,
    /// Default `false`.
    transient: Option<bool>,
    /// HTML, sanitised.
    notes: Option<String>,
}

impl CreateSlaBody {
    fn parse(self) -> Result<SlaDraft, Problem> {
        let mut errors = Vec::new();
        if self.name.is_none() {
            errors.push(FieldError::new("name", "required", "name is required"));
        }
        if self.grace_period.is_none() {
            errors.push(FieldError::new(
                "grace_period",
                "required",
                "grace_period is required",
            ));
        }
        let (Some(name), Some(grace_period)) = (self.name, self.grace_period) else {
            return Err(Problem::invalid(errors));
        };
        Ok(SlaDraft {
            name,
            grace_period,
            schedule: self.schedule_id.and_then(ScheduleId::from_column),
            flags: SlaFlags {
                active: self.active.unwrap_or(true),
                escalate: self.escalate.unwrap_or(false),
                no_alerts: self.no_alerts.unwrap_or(false),
                transient: self.transient.unwrap_or(false),
            },
            notes: self.notes,
        })
    }
}

/// Creates an SLA (administrators).
#[utoipa::path(
    tag = "slas",
    request_body = CreateSlaBody,
    responses(
        (status = 201, body = SlaBody, headers(("Location" = String, description = "`/api/v2/slas/{id}`"))),
        (status = 400, description = "`malformed-json`", body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`forbidden`: not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation`, the fields named", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/slas")]
pub async fn create_sla(
    ctx: web::Data<Ctx>,
    Authenticated(caller): Authenticated,
    JsonBody(body): JsonBody<CreateSlaBody>,
) -> Result<HttpResponse, Problem> {
    let draft = body.parse()?;
    let sla = oxt_service::slas::create(&ctx, &caller, draft).await?;
    Ok(HttpResponse::Created()
        .insert_header((LOCATION, format!("/api/v2/slas/{}", sla.id)))
        .json(SlaBody::from(sla)))
}
