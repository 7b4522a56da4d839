//! `POST /api/v2/tickets/{id}/thread`

use crate::http::problem::{FieldError, Problem};
use crate::http::{Authenticated, JsonBody};
use actix_web::{HttpRequest, HttpResponse, post, web};
use chrono::{DateTime, Utc};
use oxt_service::Ctx;
use oxt_service::tickets::{NewThreadPost, PostedEntry};
use oxt_ticket::contact::MessageBody;
use oxt_ticket::ids::TicketId;
use oxt_ticket::thread::{BodyFormat, EntryType};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// An entry for a ticket's thread.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PostEntryBody {
    /// `M` (a message, by the ticket's owner), `R` (a response) or `N` (an
    /// internal note), both by agents.
    #[serde(rename = "type")]
    kind: Option<String>,
    body: Option<String>,
    /// `text` (default) or `html` (sanitised).
    format: Option<String>,
}

impl PostEntryBody {
    fn parse(self, ip: String) -> Result<NewThreadPost, Problem> {
        let mut errors = Vec::new();
        let kind = match self.kind.as_deref().map(str::trim) {
            None => {
                errors.push(FieldError::new("type", "required", "type is required"));
                None
            }
            Some(raw) => {
                let mut chars = raw.chars();
                match (chars.next(), chars.next()) {
                    (Some(letter), None) => EntryType::parse(letter)
                        .map_err(|error| {
                            errors.push(FieldError::new("type", "invalid", error.to_string()))
                        })
                        .ok(),
                    _ => {
                        errors.push(FieldError::new("type", "invalid", "one of M, R, N"));
                        None
                    }
                }
            }
        };
        let body = match self.body.as_deref().map(MessageBody::parse) {
            None => {
                errors.push(FieldError::new("body", "required", "body is required"));
                None
            }
            Some(Err(error)) => {
                errors.push(FieldError::new("body", "invalid", error.to_string()));
                None
            }
            Some(Ok(body)) => Some(body),
        };
        let format = match self.format.as_deref().map(BodyFormat::parse) {
            None => Some(BodyFormat::Text),
            Some(Ok(format)) => Some(format),
            Some(Err(error)) => {
                errors.push(FieldError::new("format", "invalid", error.to_string()));
                None
            }
        };
        match (kind, body, format) {
            (Some(kind), Some(body), Some(format)) => Ok(NewThreadPost {
                kind,
                body,
                format,
                ip,
            }),
            _ => Err(Problem::invalid(errors)),
        }
    }
}

/// The entry as written to `ost_thread_entry`.
#[derive(Debug, Serialize, ToSchema)]
pub struct PostedEntryBody {
    id: u32,
    ticket_id: u32,
    thread_id: u32,
    /// `M`, `R` or `N`.
    #[serde(rename = "type")]
    kind: char,
    staff_id: Option<u32>,
    user_id: Option<u32>,
    poster: String,
    body: String,
    /// `text` or `html`.
    format: &'static str,
    source: String,
    created: DateTime<Utc>,
}

impl From<PostedEntry> for PostedEntryBody {
    fn from(entry: PostedEntry) -> Self {
        Self {
            id: entry.id.get(),
            ticket_id: entry.ticket_id.get(),
            thread_id: entry.thread_id.get(),
            kind: entry.kind.as_char(),
            staff_id: entry.staff_id.map(|id| id.get()),
            user_id: entry.user_id.map(|id| id.get()),
            poster: entry.poster,
            body: entry.body,
            format: entry.format.as_str(),
            source: entry.source,
            created: entry.created,
        }
    }
}

/// Posts a response or note (agents) or a message (the ticket's owner).
#[utoipa::path(
    tag = "tickets",
    params(("id" = u32, Path, description = "`ticket_id`")),
    request_body = PostEntryBody,
    responses(
        (status = 201, body = PostedEntryBody),
        (status = 400, description = "`malformed-json`", body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`entry-type-not-allowed`", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`ticket-not-found`", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`ticket-deleted`", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "`body-too-large`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation`, the fields named", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/tickets/{id}/thread")]
pub async fn post_ticket_entry(
    req: HttpRequest,
    ctx: web::Data<Ctx>,
    Authenticated(caller): Authenticated,
    id: web::Path<u32>,
    JsonBody(body): JsonBody<PostEntryBody>,
) -> Result<HttpResponse, Problem> {
    let ip = req
        .peer_addr()
        .map(|address| address.ip().to_string())
        .unwrap_or_default();
    let post = body.parse(ip)?;
    let entry =
        oxt_service::tickets::post_entry(&ctx, &caller, TicketId::new(id.into_inner()), post)
            .await?;
    Ok(HttpResponse::Created().json(PostedEntryBody::from(entry)))
}
