//! `GET /api/v2/tickets/{id}/thread`

use super::list::parse_paging;
use crate::http::Authenticated;
use crate::http::problem::Problem;
use actix_web::{HttpResponse, get, web};
use chrono::{DateTime, Utc};
use oxt_service::Ctx;
use oxt_service::tickets::{ThreadEntryRecord, ThreadEventRecord, TicketThread};
use oxt_ticket::ids::TicketId;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// Paging of the entries; without either parameter every entry is returned.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ThreadParams {
    /// From 1.
    page: Option<String>,
    /// 1 to 100; default 25 when `page` is given.
    per_page: Option<String>,
}

/// A ticket's thread: entries in posting order, events in time order.
#[derive(Debug, Serialize, ToSchema)]
pub struct ThreadBody {
    pub entries: Vec<ThreadEntryBody>,
    /// How many entries the thread has in all.
    pub entries_total: u64,
    pub events: Vec<ThreadEventBody>,
}

/// An `ost_thread_entry`.
#[derive(Debug, Serialize, ToSchema)]
pub struct ThreadEntryBody {
    pub id: u32,
    /// The entry this one answers.
    pub pid: Option<u32>,
    /// `M` message (from the user), `R` response (agent), `N` internal note.
    #[serde(rename = "type")]
    pub entry_type: String,
    pub poster: String,
    pub staff_id: Option<u32>,
    pub user_id: Option<u32>,
    pub title: Option<String>,
    pub body: String,
    /// `html` or `text`.
    pub format: &'static str,
    pub source: String,
    /// osTicket's entry flag bits (0x1 original message, 0x2 edited, 0x4 hidden, ...).
    pub flags: u32,
    pub created: Option<DateTime<Utc>>,
    pub updated: Option<DateTime<Utc>>,
}

/// An `ost_thread_event`.
#[derive(Debug, Serialize, ToSchema)]
pub struct ThreadEventBody {
    pub id: u32,
    /// `ost_event.name`: `created`, `closed`, `assigned`, `transferred`, ...
    pub event: Option<String>,
    pub staff_id: Option<u32>,
    pub team_id: Option<u32>,
    pub dept_id: Option<u32>,
    pub topic_id: Option<u32>,
    pub username: String,
    pub uid: Option<u32>,
    /// `S` when `uid` is a staff id, `U` when it is a user id.
    pub uid_type: String,
    /// The event's recorded details, as JSON (text osTicket stored that is not
    /// JSON comes back as a string).
    pub data: Option<serde_json::Value>,
    pub annulled: bool,
    pub timestamp: Option<DateTime<Utc>>,
}

/// The thread of one ticket.
#[utoipa::path(
    tag = "tickets",
    params(("id" = u32, Path, description = "`ticket_id`"), ThreadParams),
    responses(
        (status = 200, body = ThreadBody),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`ticket-not-found`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation`: an invalid `page` or `per_page`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/tickets/{id}/thread")]
pub async fn get_ticket_thread(
    ctx: web::Data<Ctx>,
    Authenticated(caller): Authenticated,
    id: web::Path<u32>,
    params: web::Query<ThreadParams>,
) -> Result<HttpResponse, Problem> {
    let ThreadParams { page, per_page } = params.into_inner();
    let paging = if page.is_none() && per_page.is_none() {
        None
    } else {
        Some(parse_paging(page.as_deref(), per_page.as_deref()).map_err(Problem::invalid)?)
    };
    let thread =
        oxt_service::tickets::get_thread(&ctx, &caller, TicketId::new(id.into_inner()), paging)
            .await?;
    Ok(HttpResponse::Ok().json(ThreadBody::from(thread)))
}

impl From<TicketThread> for ThreadBody {
    fn from(thread: TicketThread) -> Self {
        Self {
            entries: thread
                .entries
                .into_iter()
                .map(ThreadEntryBody::from)
                .collect(),
            entries_total: thread.entries_total,
            events: thread
                .events
                .into_iter()
                .map(ThreadEventBody::from)
                .collect(),
        }
    }
}

impl From<ThreadEntryRecord> for ThreadEntryBody {
    fn from(entry: ThreadEntryRecord) -> Self {
        Self {
            id: entry.id.get(),
            pid: entry.pid.map(|pid| pid.get()),
            entry_type: entry.entry_type.to_string(),
            poster: entry.poster,
            staff_id: entry.staff_id.map(|id| id.get()),
            user_id: entry.user_id.map(|id| id.get()),
            title: entry.title,
            body: entry.body,
            format: entry.format.as_str(),
            source: entry.source,
            flags: entry.flags.bits(),
            created: entry.created,
            updated: entry.updated,
        }
    }
}

impl From<ThreadEventRecord> for ThreadEventBody {
    fn from(event: ThreadEventRecord) -> Self {
        Self {
            id: event.id,
            event: event.event,
            staff_id: event.staff_id.map(|id| id.get()),
            team_id: event.team_id.map(|id| id.get()),
            dept_id: event.dept_id.map(|id| id.get()),
            topic_id: event.topic_id.map(|id| id.get()),
            username: event.username,
            uid: event.uid,
            uid_type: event.uid_type,
            data: event
                .data
                .map(|data| serde_json::from_str(&data).unwrap_or(serde_json::Value::String(data))),
            annulled: event.annulled,
            timestamp: event.timestamp,
        }
    }
}
