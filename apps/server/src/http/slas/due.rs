//! `GET /api/v2/slas/{id}/due`

use crate::http::Authenticated;
use crate::http::problem::Problem;
use actix_web::{HttpResponse, get, web};
use chrono::{DateTime, Utc};
use oxt_service::Ctx;
use oxt_service::slas::SlaDue;
use oxt_ticket::ids::SlaId;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DueParams {
    /// RFC 3339 instant the ticket would be opened at; default now.
    from: Option<String>,
}

/// When a ticket opened at `from` under this SLA would be due.
#[derive(Debug, Serialize, ToSchema)]
pub struct SlaDueBody {
    pub sla_id: u32,
    pub from: DateTime<Utc>,
    /// `null` for an inactive SLA: its tickets get no due date.
    pub due: Option<DateTime<Utc>>,
    /// The business-hours schedule counted on; `null` when every hour counts.
    pub schedule_id: Option<u32>,
    /// Hours.
    pub grace_period: u32,
}

impl From<SlaDue> for SlaDueBody {
    fn from(due: SlaDue) -> Self {
        Self {
            sla_id: due.sla.get(),
            from: due.from,
            due: due.due,
            schedule_id: due.schedule.map(|id| id.get()),
            grace_period: due.grace_period,
        }
    }
}

/// The due date a ticket opened at `from` would get under this SLA (staff).
///
/// The department is not known here, so a department's own schedule is not
/// consulted: the SLA's schedule counts, else the help desk's default
/// (`core.schedule_id`), with that schedule's holidays.
#[utoipa::path(
    tag = "slas",
    params(("id" = u32, Path, description = "`ost_sla.id`"), DueParams),
    responses(
        (status = 200, body = SlaDueBody),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`forbidden`: not a staff member", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`sla-not-found`", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`sla-unusable`: the stored SLA or schedule cannot give a due date", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation`: `from` is not an RFC 3339 instant", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/slas/{id}/due")]
pub async fn get_sla_due(
    ctx: web::Data<Ctx>,
    Authenticated(caller): Authenticated,
    id: web::Path<u32>,
    params: web::Query<DueParams>,
) -> Result<HttpResponse, Problem> {
    let from = match params.into_inner().from {
        None => None,
        Some(raw) => Some(
            DateTime::parse_from_rfc3339(raw.trim())
                .map_err(|error| {
                    Problem::invalid_field(
                        "from",
                        "invalid",
                        format!("expected an RFC 3339 instant: {error}"),
                    )
                })?
                .with_timezone(&Utc),
        ),
    };
    let due = oxt_service::slas::due_date(&ctx, &caller, SlaId::new(id.into_inner()), from).await?;
    Ok(HttpResponse::Ok().json(SlaDueBody::from(due)))
}
