//! `PATCH /api/v2/tickets/{id}`

use super::view::TicketBody;
use crate::http::nullable::nullable;
use crate::http::problem::{FieldError, Problem};
use crate::http::{Authenticated, JsonBody};
use actix_web::{HttpResponse, patch, web};
use chrono::{DateTime, Utc};
use oxt_service::Ctx;
use oxt_service::tickets::TicketChanges;
use oxt_ticket::contact::Subject;
use oxt_ticket::ids::{DeptId, PriorityId, SlaId, StatusId, TicketId, TopicId};
use serde::Deserialize;
use serde_json::Value;
use std::collections::BTreeMap;
use utoipa::ToSchema;

/// The fields to change; absent ones stay as they are.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateTicketBody {
    subject: Option<String>,
    priority_id: Option<u32>,
    topic_id: Option<u32>,
    /// Custom ticket-form fields by name or id.
    #[schema(value_type = Option<Object>)]
    fields: Option<BTreeMap<String, Value>>,
    /// Transfers the ticket (`ticket.transfer`); a closed ticket reopens.
    dept_id: Option<u32>,
    /// The SLA; `null` removes it. `est_duedate` is recomputed.
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<u32>, nullable)]
    sla_id: Option<Option<u32>>,
    /// A due date set by staff (RFC 3339, in the future), overriding the
    /// SLA's `est_duedate`; `null` removes it.
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>, format = DateTime, nullable)]
    duedate: Option<Option<DateTime<Utc>>>,
    /// An open status (reopens a closed ticket; `ticket.close` or
    /// `ticket.create`) or a closed one (closes it; `ticket.close`).
    status_id: Option<u32>,
}

impl UpdateTicketBody {
    fn parse(self) -> Result<TicketChanges, Problem> {
        let mut errors = Vec::new();
        let subject = match self.subject.as_deref().map(Subject::parse) {
            None => None,
            Some(Ok(subject)) => Some(subject),
            Some(Err(error)) => {
                errors.push(FieldError::new("subject", "invalid", error.to_string()));
                None
            }
        };
        let mut fields = Vec::new();
        for (key, value) in self.fields.unwrap_or_default() {
            match value {
                Value::String(text) => fields.push((key, text)),
                Value::Number(number) => fields.push((key, number.to_string())),
                Value::Bool(flag) => fields.push((key, flag.to_string())),
                _ => errors.push(FieldError::new(
                    format!("fields.{key}"),
                    "invalid",
                    "a field value is a string, a number or a boolean",
                )),
            }
        }
        if !errors.is_empty() {
            return Err(Problem::invalid(errors));
        }
        Ok(TicketChanges {
            subject,
            priority: self.priority_id.map(PriorityId::new),
            topic: self.topic_id.map(TopicId::new),
            fields,
            dept: self.dept_id.map(DeptId::new),
            sla: self.sla_id.map(|sla| sla.and_then(SlaId::from_column)),
            duedate: self.duedate,
            status: self.status_id.map(StatusId::new),
        })
    }
}

/// Changes a ticket (agents only): edits its subject, priority, help topic,
/// SLA, due date or custom fields, transfers it, closes or reopens it — in
/// one transaction, each part under its own permission.
#[utoipa::path(
    tag = "tickets",
    params(("id" = u32, Path, description = "`ticket_id`")),
    request_body = UpdateTicketBody,
    responses(
        (status = 200, body = TicketBody),
        (status = 400, description = "`malformed-json`", body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`forbidden`", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`ticket-not-found`", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`nothing-changed`, `ticket-deleted`, `ticket-archived`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation`, the fields named", body = Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/tickets/{id}")]
pub async fn update_ticket(
    ctx: web::Data<Ctx>,
    Authenticated(caller): Authenticated,
    id: web::Path<u32>,
    JsonBody(body): JsonBody<UpdateTicketBody>,
) -> Result<HttpResponse, Problem> {
    let id = TicketId::new(id.into_inner());
    let changes = body.parse()?;
    let view = oxt_service::tickets::update(&ctx, &caller, id, changes).await?;
    Ok(HttpResponse::Ok().json(TicketBody::from(view)))
}
