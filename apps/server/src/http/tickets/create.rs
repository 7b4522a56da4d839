//! `POST /api/v2/tickets`

use super::view::TicketBody;
use crate::http::problem::{FieldError, Problem};
use crate::http::{Authenticated, JsonBody};
use actix_web::http::header::LOCATION;
use actix_web::{HttpRequest, HttpResponse, post, web};
use oxt_service::Ctx;
use oxt_service::tickets::NewTicketRequest;
use oxt_ticket::contact::{EmailAddress, MessageBody, PersonName, Subject};
use oxt_ticket::ids::{DeptId, PriorityId, TopicId};
use oxt_ticket::source::TicketSource;
use oxt_ticket::thread::BodyFormat;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;
use std::net::IpAddr;
use utoipa::ToSchema;

/// A new ticket. `email`, `name`, `subject` and `message` are required.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateTicketBody {
    email: Option<String>,
    name: Option<String>,
    subject: Option<String>,
    message: Option<String>,
    /// `text` (default) or `html` (sanitised).
    format: Option<String>,
    topic_id: Option<u32>,
    dept_id: Option<u32>,
    priority_id: Option<u32>,
    /// `Web`, `Email`, `Phone`, `API` or `Other`; default `API` for agents,
    /// `Web` (the only one allowed) for end users.
    source: Option<String>,
    phone: Option<String>,
    /// The requester's address; default: the client's.
    ip: Option<String>,
    /// Custom ticket-form fields by name or id.
    #[schema(value_type = Option<Object>)]
    fields: Option<BTreeMap<String, Value>>,
}

/// Longest `ost_ticket.ip_address`.
const MAX_IP_CHARS: usize = 64;

impl CreateTicketBody {
    fn parse(self, client_ip: Option<IpAddr>) -> Result<NewTicketRequest, Problem> {
        let mut errors = Vec::new();
        let email = required(&mut errors, "email", self.email, |raw| {
            EmailAddress::parse(raw).map_err(|error| error.to_string())
        });
        let name = required(&mut errors, "name", self.name, |raw| {
            PersonName::parse(raw).map_err(|error| error.to_string())
        });
        let subject = required(&mut errors, "subject", self.subject, |raw| {
            Subject::parse(raw).map_err(|error| error.to_string())
        });
        let message = required(&mut errors, "message", self.message, |raw| {
            MessageBody::parse(raw).map_err(|error| error.to_string())
        });
        let format = optional(&mut errors, "format", self.format, |raw| {
            BodyFormat::parse(raw).map_err(|error| error.to_string())
        })
        .unwrap_or(BodyFormat::Text);
        let source = optional(&mut errors, "source", self.source, |raw| {
            TicketSource::parse(raw).map_err(|error| error.to_string())
        });
        let ip = match self.ip {
            Some(raw) if raw.trim().parse::<IpAddr>().is_ok() && raw.len() <= MAX_IP_CHARS => {
                Some(raw.trim().to_owned())
            }
            Some(_) => {
                errors.push(FieldError::new("ip", "invalid", "not an IP address"));
                None
            }
            None => client_ip.map(|ip| ip.to_string()),
        };
        let fields = field_answers(self.fields.unwrap_or_default(), &mut errors);
        match (email, name, subject, message) {
            (Some(email), Some(name), Some(subject), Some(message)) if errors.is_empty() => {
                Ok(NewTicketRequest {
                    email,
                    name,
                    phone: self.phone.filter(|phone| !phone.trim().is_empty()),
                    subject,
                    message,
                    format,
                    topic: self.topic_id.map(TopicId::new),
                    dept: self.dept_id.map(DeptId::new),
                    priority: self.priority_id.map(PriorityId::new),
                    source,
                    ip: ip.unwrap_or_default(),
                    fields,
                })
            }
            _ => Err(Problem::invalid(errors)),
        }
    }
}

/// Custom ticket-form answers as the service takes them: text, numbers and
/// booleans as text; anything else is named as `fields.<key>`.
pub(crate) fn field_answers(
    sent: BTreeMap<String, Value>,
    errors: &mut Vec<FieldError>,
) -> Vec<(String, String)> {
    let mut fields = Vec::new();
    for (key, value) in sent {
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
    fields
}

fn required<T>(
    errors: &mut Vec<FieldError>,
    field: &str,
    raw: Option<String>,
    parse: impl FnOnce(&str) -> Result<T, String>,
) -> Option<T> {
    match raw {
        None => {
            errors.push(FieldError::new(
                field,
                "required",
                format!("{field} is required"),
            ));
            None
        }
        Some(raw) => optional(errors, field, Some(raw), parse),
    }
}

fn optional<T>(
    errors: &mut Vec<FieldError>,
    field: &str,
    raw: Option<String>,
    parse: impl FnOnce(&str) -> Result<T, String>,
) -> Option<T> {
    match parse(&raw?) {
        Ok(value) => Some(value),
        Err(message) => {
            errors.push(FieldError::new(field, "invalid", message));
            None
        }
    }
}

/// Opens a ticket for the user with `email` (created if unknown), routed by
/// its help topic, numbered and given its SLA due date as osTicket does.
#[utoipa::path(
    tag = "tickets",
    request_body = CreateTicketBody,
    responses(
        (status = 201, body = CreatedTicketBody, headers(("Location" = String, description = "`/api/v2/tickets/{id}`"))),
        (status = 400, description = "`malformed-json`", body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`forbidden`: an agent whose role in the department lacks `ticket.create`, or an end user opening a ticket for another address", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "`body-too-large`", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "`unsupported-media-type`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation`, the fields named", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/tickets")]
pub async fn create_ticket(
    req: HttpRequest,
    ctx: web::Data<Ctx>,
    Authenticated(caller): Authenticated,
    JsonBody(body): JsonBody<CreateTicketBody>,
) -> Result<HttpResponse, Problem> {
    let request = body.parse(req.peer_addr().map(|address| address.ip()))?;
    let opened = oxt_service::tickets::create(&ctx, &caller, request).await?;
    let id = opened.id.get();
    let body = match opened.view {
        Some(view) => CreatedTicketBody::Visible(Box::new(TicketBody::from(view))),
        None => CreatedTicketBody::NotVisible { id },
    };
    Ok(HttpResponse::Created()
        .insert_header((LOCATION, format!("/api/v2/tickets/{id}")))
        .json(body))
}

/// The ticket as opened; or, when it was opened where the caller may not see
/// it (an agent opening a ticket in another department, as osTicket allows
/// where the agent has no role there), its id only: osTicket then says the
/// ticket was created and that the agent no longer has access.
#[derive(Debug, Serialize, ToSchema)]
#[serde(untagged)]
pub enum CreatedTicketBody {
    Visible(Box<TicketBody>),
    NotVisible { id: u32 },
}
