//! `POST /api/v2/schedules`

use super::view::{ScheduleBody, ScheduleEntryInput, ScheduleKindBody, parse_entries};
use crate::http::problem::{FieldError, Problem};
use crate::http::{Authenticated, JsonBody};
use actix_web::http::header::LOCATION;
use actix_web::{HttpResponse, post, web};
use oxt_service::Ctx;
use oxt_service::schedules::NewSchedule;
use oxt_ticket::ids::ScheduleId;
use serde::Deserialize;
use utoipa::ToSchema;

/// A new schedule. `name` and `kind` are required; the kind never changes.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateScheduleBody {
    name: Option<String>,
    kind: Option<ScheduleKindBody>,
    /// IANA zone; absent: the help desk's (business hours) or floating (holidays).
    timezone: Option<String>,
    description: Option<String>,
    /// Business hours only: holiday schedules whose days are skipped.
    holiday_schedule_ids: Option<Vec<u32>>,
    entries: Option<Vec<ScheduleEntryInput>>,
}

impl CreateScheduleBody {
    fn parse(self) -> Result<NewSchedule, Problem> {
        let mut errors = Vec::new();
        if self.name.is_none() {
            errors.push(FieldError::new("name", "required", "name is required"));
        }
        if self.kind.is_none() {
            errors.push(FieldError::new(
                "kind",
                "required",
                "kind is business_hours or holidays",
            ));
        }
        let entries = parse_entries(self.entries.unwrap_or_default(), &mut errors);
        let (Some(name), Some(kind), true) = (self.name, self.kind, errors.is_empty()) else {
            return Err(Problem::invalid(errors));
        };
        Ok(NewSchedule {
            kind: kind.into(),
            name,
            timezone: self.timezone,
            description: self.description.unwrap_or_default(),
            holidays: self
                .holiday_schedule_ids
                .unwrap_or_default()
                .into_iter()
                .map(ScheduleId::new)
                .collect(),
            entries,
        })
    }
}

/// Creates a schedule with its entries (administrators). Every entry is
/// checked as the due-date calculator reads it; a business schedule must
/// leave some business time after its holidays.
#[utoipa::path(
    tag = "schedules",
    request_body = CreateScheduleBody,
    responses(
        (status = 201, body = ScheduleBody, headers(("Location" = String, description = "`/api/v2/schedules/{id}`"))),
        (status = 400, description = "`malformed-json`", body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`forbidden`: not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation`, the fields named (`entries[2].ends_at`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/schedules")]
pub async fn create_schedule(
    ctx: web::Data<Ctx>,
    Authenticated(caller): Authenticated,
    JsonBody(body): JsonBody<CreateScheduleBody>,
) -> Result<HttpResponse, Problem> {
    let new = body.parse()?;
    let schedule = oxt_service::schedules::create(&ctx, &caller, new).await?;
    Ok(HttpResponse::Created()
        .insert_header((LOCATION, format!("/api/v2/schedules/{}", schedule.id)))
        .json(ScheduleBody::from(schedule)))
}
