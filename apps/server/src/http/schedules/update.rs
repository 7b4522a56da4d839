//! `PATCH /api/v2/schedules/{id}`

use super::view::{ScheduleBody, ScheduleEntryInput, parse_entries};
use crate::http::nullable::nullable;
use crate::http::problem::Problem;
use crate::http::{Authenticated, JsonBody};
use actix_web::{HttpResponse, patch, web};
use oxt_service::Ctx;
use oxt_service::schedules::ScheduleChanges;
use oxt_ticket::ids::ScheduleId;
use serde::Deserialize;
use utoipa::ToSchema;

/// The parts to change; absent ones stay as they are. `entries` replaces
/// every entry.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateScheduleBody {
    name: Option<String>,
    /// `null` clears the zone.
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>)]
    timezone: Option<Option<String>>,
    description: Option<String>,
    holiday_schedule_ids: Option<Vec<u32>>,
    entries: Option<Vec<ScheduleEntryInput>>,
}

impl UpdateScheduleBody {
    fn parse(self) -> Result<ScheduleChanges, Problem> {
        let mut errors = Vec::new();
        let entries = self
            .entries
            .map(|entries| parse_entries(entries, &mut errors));
        if !errors.is_empty() {
            return Err(Problem::invalid(errors));
        }
        Ok(ScheduleChanges {
            name: self.name,
            timezone: self.timezone,
            description: self.description,
            holidays: self
                .holiday_schedule_ids
                .map(|ids| ids.into_iter().map(ScheduleId::new).collect()),
            entries,
        })
    }
}

/// Changes a schedule, replacing its entries when `entries` is given
/// (administrators), in one transaction.
#[utoipa::path(
    tag = "schedules",
    params(("id" = u32, Path, description = "`ost_schedule.id`")),
    request_body = UpdateScheduleBody,
    responses(
        (status = 200, body = ScheduleBody),
        (status = 400, description = "`malformed-json`", body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`forbidden`: not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`schedule-not-found`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation`, the fields named (`entries[2].ends_at`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/schedules/{id}")]
pub async fn update_schedule(
    ctx: web::Data<Ctx>,
    Authenticated(caller): Authenticated,
    id: web::Path<u32>,
    JsonBody(body): JsonBody<UpdateScheduleBody>,
) -> Result<HttpResponse, Problem> {
    let changes = body.parse()?;
    let id = ScheduleId::new(id.into_inner());
    let schedule = oxt_service::schedules::update(&ctx, &caller, id, changes).await?;
    Ok(HttpResponse::Ok().json(ScheduleBody::from(schedule)))
}
