//! The JSON of a ticket, field names after osTicket's columns.

use chrono::{DateTime, Utc};
use oxt_service::tickets::{
    NamedRef, PriorityRef, StatusRef, TicketFieldValue, TicketSummary, TicketView, UserRef,
};
use serde::Serialize;
use std::collections::BTreeMap;
use utoipa::ToSchema;

/// A ticket as lists show it. A reference is `null` when the ticket has none
/// (no help topic, unassigned) or the row it names no longer exists.
#[derive(Debug, Serialize, ToSchema)]
pub struct TicketSummaryBody {
    /// `ticket_id`
    pub id: u32,
    pub number: Option<String>,
    /// `ticket__cdata.subject`
    pub subject: Option<String>,
    pub status: Option<StatusBody>,
    pub dept: Option<RefBody>,
    pub topic: Option<RefBody>,
    pub priority: Option<PriorityBody>,
    pub sla: Option<RefBody>,
    pub user: Option<UserBody>,
    /// The assigned agent.
    pub staff: Option<RefBody>,
    /// The assigned team.
    pub team: Option<RefBody>,
    /// `Web`, `Email`, `Phone`, `API` or `Other`.
    pub source: &'static str,
    pub ip_address: String,
    /// The due date an agent set; it takes precedence over `est_duedate`.
    pub duedate: Option<DateTime<Utc>>,
    /// The due date of the ticket's SLA.
    pub est_duedate: Option<DateTime<Utc>>,
    pub isoverdue: bool,
    pub isanswered: bool,
    pub reopened: Option<DateTime<Utc>>,
    pub closed: Option<DateTime<Utc>>,
    pub lastupdate: Option<DateTime<Utc>>,
    pub created: Option<DateTime<Utc>>,
    pub updated: Option<DateTime<Utc>>,
    /// `thread.lastmessage`: the user's last message.
    pub lastmessage: Option<DateTime<Utc>>,
    /// `thread.lastresponse`: the last agent response.
    pub lastresponse: Option<DateTime<Utc>>,
}

/// A ticket with its custom field values.
#[derive(Debug, Serialize, ToSchema)]
pub struct TicketBody {
    #[serde(flatten)]
    pub ticket: TicketSummaryBody,
    /// The values of the ticket's form fields other than subject, message and
    /// priority, keyed by field name (by field id for a field without a name), as
    /// osTicket stores them (choices are JSON text).
    pub fields: BTreeMap<String, Option<String>>,
}

/// A row referred to by id, with its name.
#[derive(Debug, Serialize, ToSchema)]
pub struct RefBody {
    pub id: u32,
    pub name: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct StatusBody {
    pub id: u32,
    pub name: String,
    /// `open`, `closed`, `archived` or `deleted`; `null` for a status without a state.
    pub state: Option<&'static str>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PriorityBody {
    pub id: u32,
    /// `priority_desc`
    pub name: String,
    /// `priority_color`, e.g. `#FFFFF0`.
    pub color: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct UserBody {
    pub id: u32,
    pub name: String,
    /// The user's default email address.
    pub email: Option<String>,
}

impl From<TicketSummary> for TicketSummaryBody {
    fn from(ticket: TicketSummary) -> Self {
        Self {
            id: ticket.id.get(),
            number: ticket.number,
            subject: ticket.subject,
            status: ticket.status.map(StatusBody::from),
            dept: ticket.dept.map(RefBody::from),
            topic: ticket.topic.map(RefBody::from),
            priority: ticket.priority.map(PriorityBody::from),
            sla: ticket.sla.map(RefBody::from),
            user: ticket.user.map(UserBody::from),
            staff: ticket.staff.map(RefBody::from),
            team: ticket.team.map(RefBody::from),
            source: ticket.source.as_str(),
            ip_address: ticket.ip_address,
            duedate: ticket.duedate,
            est_duedate: ticket.est_duedate,
            isoverdue: ticket.isoverdue,
            isanswered: ticket.isanswered,
            reopened: ticket.reopened,
            closed: ticket.closed,
            lastupdate: ticket.lastupdate,
            created: ticket.created,
            updated: ticket.updated,
            lastmessage: ticket.lastmessage,
            lastresponse: ticket.lastresponse,
        }
    }
}

impl From<TicketView> for TicketBody {
    fn from(view: TicketView) -> Self {
        Self {
            ticket: view.ticket.into(),
            fields: view.fields.into_iter().map(field_entry).collect(),
        }
    }
}

fn field_entry(field: TicketFieldValue) -> (String, Option<String>) {
    let key = if field.name.is_empty() {
        field.field_id.to_string()
    } else {
        field.name
    };
    (key, field.value)
}

impl<Id: Into<u32>> From<NamedRef<Id>> for RefBody {
    fn from(named: NamedRef<Id>) -> Self {
        Self {
            id: named.id.into(),
            name: named.name,
        }
    }
}

impl From<StatusRef> for StatusBody {
    fn from(status: StatusRef) -> Self {
        Self {
            id: status.id.get(),
            name: status.name,
            state: status.state.map(|state| state.as_str()),
        }
    }
}

impl From<PriorityRef> for PriorityBody {
    fn from(priority: PriorityRef) -> Self {
        Self {
            id: priority.id.get(),
            name: priority.name,
            color: priority.color,
        }
    }
}

impl From<UserRef> for UserBody {
    fn from(user: UserRef) -> Self {
        Self {
            id: user.id.get(),
            name: user.name,
            email: user.email,
        }
    }
}
