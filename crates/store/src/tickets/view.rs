//! What a read of tickets returns: a ticket with the names of everything it refers
//! to, its custom field values, its thread. Plain data; the queries are in
//! `load` and `list`, which share the one summary query built here.

use crate::StoreError;
use crate::entity::{
    department, help_topic, sla, staff, team, thread, ticket, ticket_cdata, ticket_priority,
    ticket_status, user, user_email,
};
use chrono::{DateTime, NaiveDateTime, Utc};
use oxt_ticket::ids::{
    DeptId, EntryId, PriorityId, SlaId, StaffId, StatusId, TeamId, ThreadId, TicketId, TopicId,
    UserId,
};
use oxt_ticket::source::TicketSource;
use oxt_ticket::status::StatusState;
use oxt_ticket::thread::{BodyFormat, EntryFlags, EntryType};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Func, JoinType, Query, SelectStatement};
use sea_orm::{DbBackend, DbErr, FromQueryResult, QueryResult};

/// A ticket as a list or a detail page shows it: its `ost_ticket` row, the subject
/// and priority of its `ost_ticket__cdata` row, the dates of its `ost_thread`, and
/// the names of the rows it points at. A reference is `None` when the column is `0`
/// (no topic, no assignee) or names a row that no longer exists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketSummary {
    pub id: TicketId,
    pub number: Option<String>,
    pub subject: Option<String>,
    pub status: Option<StatusRef>,
    pub dept: Option<NamedRef<DeptId>>,
    pub topic: Option<NamedRef<TopicId>>,
    pub priority: Option<PriorityRef>,
    pub sla: Option<NamedRef<SlaId>>,
    pub user: Option<UserRef>,
    pub staff: Option<NamedRef<StaffId>>,
    pub team: Option<NamedRef<TeamId>>,
    pub source: TicketSource,
    pub ip_address: String,
    pub duedate: Option<DateTime<Utc>>,
    pub est_duedate: Option<DateTime<Utc>>,
    pub isoverdue: bool,
    pub isanswered: bool,
    pub reopened: Option<DateTime<Utc>>,
    pub closed: Option<DateTime<Utc>>,
    pub lastupdate: Option<DateTime<Utc>>,
    pub created: Option<DateTime<Utc>>,
    pub updated: Option<DateTime<Utc>>,
    pub thread_id: Option<ThreadId>,
    pub lastmessage: Option<DateTime<Utc>>,
    pub lastresponse: Option<DateTime<Utc>>,
}

/// A row a ticket refers to, by id and display name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedRef<Id> {
    pub id: Id,
    pub name: String,
}

/// The ticket's `ost_ticket_status` row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusRef {
    pub id: StatusId,
    pub name: String,
    /// `None` for a status whose `state` column is `NULL`.
    pub state: Option<StatusState>,
}

/// The `ost_ticket_priority` row whose id the ticket's `__cdata.priority` holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PriorityRef {
    pub id: PriorityId,
    /// `priority_desc`, the name osTicket shows.
    pub name: String,
    pub color: String,
}

/// The ticket's owner and the address of their default `ost_user_email` row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserRef {
    pub id: UserId,
    pub name: String,
    pub email: Option<String>,
}

/// One answer of the ticket's forms (`ost_form_entry_values`), with its field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketFieldValue {
    pub field_id: u32,
    /// `ost_form_field.name`; may be empty for fields an administrator left unnamed.
    pub name: String,
    pub value: Option<String>,
}

/// An `ost_thread`'s entries and events, each in time order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketThread {
    pub entries: Vec<ThreadEntryRecord>,
    /// How many entries the thread has in all; `entries` may be one page of them.
    pub entries_total: u64,
    pub events: Vec<ThreadEventRecord>,
}

/// One `ost_thread_entry` row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThreadEntryRecord {
    pub id: EntryId,
    /// The entry this one answers (`0` in osTicket's column is `None`).
    pub pid: Option<EntryId>,
    pub entry_type: EntryType,
    pub poster: String,
    pub staff_id: Option<StaffId>,
    pub user_id: Option<UserId>,
    pub title: Option<String>,
    pub body: String,
    pub format: BodyFormat,
    pub source: String,
    pub flags: EntryFlags,
    pub created: Option<DateTime<Utc>>,
    pub updated: Option<DateTime<Utc>>,
}

/// One `ost_thread_event` row with the name of its `ost_event`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThreadEventRecord {
    pub id: u32,
    /// `ost_event.name` (`created`, `assigned`, ...); `None` for an event id
    /// that names no `ost_event` row.
    pub event: Option<String>,
    pub staff_id: Option<StaffId>,
    pub team_id: Option<TeamId>,
    pub dept_id: Option<DeptId>,
    pub topic_id: Option<TopicId>,
    pub username: String,
    pub uid: Option<u32>,
    /// `S` (staff) or `U` (user): what `uid` is the id of.
    pub uid_type: String,
    /// The JSON osTicket records with the event, as stored.
    pub data: Option<String>,
    pub annulled: bool,
    pub timestamp: Option<DateTime<Utc>>,
}

/// The row of the summary query, column for column.
#[derive(Debug, FromQueryResult)]
struct SummaryRow {
    ticket_id: u32,
    number: Option<String>,
    user_id: u32,
    status_id: u32,
    dept_id: u32,
    sla_id: u32,
    topic_id: u32,
    staff_id: u32,
    team_id: u32,
    ip_address: String,
    source: String,
    isoverdue: u32,
    isanswered: u32,
    duedate: crate::OstDateTime,
    est_duedate: crate::OstDateTime,
    reopened: crate::OstDateTime,
    closed: crate::OstDateTime,
    lastupdate: crate::OstDateTime,
    created: crate::OstDateTime,
    updated: crate::OstDateTime,
    subject: Option<String>,
    status_name: Option<String>,
    status_state: Option<String>,
    dept_name: Option<String>,
    topic_name: Option<String>,
    sla_name: Option<String>,
    user_name: Option<String>,
    user_email: Option<String>,
    staff_firstname: Option<String>,
    staff_lastname: Option<String>,
    staff_username: Option<String>,
    team_name: Option<String>,
    priority_id: Option<i16>,
    priority_desc: Option<String>,
    priority_color: Option<String>,
    thread_id: Option<u32>,
    lastmessage: crate::OstDateTime,
    lastresponse: crate::OstDateTime,
}

/// `SELECT` of every [`TicketSummary`] column: `ost_ticket` joined to the rows it
/// names. The caller adds the `WHERE`. Each join is on a primary key (or, for the
/// thread, on `ost_thread`'s `object_id` key), so a page of tickets costs one
/// index lookup per joined row.
pub(super) fn summary_select(backend: DbBackend) -> SelectStatement {
    use ticket::Column as T;
    let mut select = Query::select();
    select
        .columns(
            [
                T::TicketId,
                T::Number,
                T::UserId,
                T::StatusId,
                T::DeptId,
                T::SlaId,
                T::TopicId,
                T::StaffId,
                T::TeamId,
                T::IpAddress,
                T::Source,
                T::Isoverdue,
                T::Isanswered,
                T::Duedate,
                T::EstDuedate,
                T::Reopened,
                T::Closed,
                T::Lastupdate,
                T::Created,
                T::Updated,
            ]
            .map(|column| (ticket::Entity, column)),
        )
        .expr_as(
            Expr::col((ticket_cdata::Entity, ticket_cdata::Column::Subject)),
            Alias::new("subject"),
        )
        .expr_as(
            Expr::col((ticket_status::Entity, ticket_status::Column::Name)),
            Alias::new("status_name"),
        )
        .expr_as(
            Expr::col((ticket_status::Entity, ticket_status::Column::State)),
            Alias::new("status_state"),
        )
        .expr_as(
            Expr::col((department::Entity, department::Column::Name)),
            Alias::new("dept_name"),
        )
        .expr_as(
            Expr::col((help_topic::Entity, help_topic::Column::Topic)),
            Alias::new("topic_name"),
        )
        .expr_as(
            Expr::col((sla::Entity, sla::Column::Name)),
            Alias::new("sla_name"),
        )
        .expr_as(
            Expr::col((user::Entity, user::Column::Name)),
            Alias::new("user_name"),
        )
        .expr_as(
            Expr::col((user_email::Entity, user_email::Column::Address)),
            Alias::new("user_email"),
        )
        .expr_as(
            Expr::col((staff::Entity, staff::Column::Firstname)),
            Alias::new("staff_firstname"),
        )
        .expr_as(
            Expr::col((staff::Entity, staff::Column::Lastname)),
            Alias::new("staff_lastname"),
        )
        .expr_as(
            Expr::col((staff::Entity, staff::Column::Username)),
            Alias::new("staff_username"),
        )
        .expr_as(
            Expr::col((team::Entity, team::Column::Name)),
            Alias::new("team_name"),
        )
        .expr_as(
            Expr::col((ticket_priority::Entity, ticket_priority::Column::PriorityId)),
            Alias::new("priority_id"),
        )
        .expr_as(
            Expr::col((
                ticket_priority::Entity,
                ticket_priority::Column::PriorityDesc,
            )),
            Alias::new("priority_desc"),
        )
        .expr_as(
            Expr::col((
                ticket_priority::Entity,
                ticket_priority::Column::PriorityColor,
            )),
            Alias::new("priority_color"),
        )
        .expr_as(
            Expr::col((thread::Entity, thread::Column::Id)),
            Alias::new("thread_id"),
        )
        .expr_as(
            Expr::col((thread::Entity, thread::Column::Lastmessage)),
            Alias::new("lastmessage"),
        )
        .expr_as(
            Expr::col((thread::Entity, thread::Column::Lastresponse)),
            Alias::new("lastresponse"),
        )
        .from(ticket::Entity)
        .join(
            JoinType::LeftJoin,
            ticket_cdata::Entity,
            Expr::col((ticket_cdata::Entity, ticket_cdata::Column::TicketId))
                .equals((ticket::Entity, T::TicketId)),
        )
        .join(
            JoinType::LeftJoin,
            ticket_status::Entity,
            Expr::col((ticket_status::Entity, ticket_status::Column::Id))
                .equals((ticket::Entity, T::StatusId)),
        )
        .join(
            JoinType::LeftJoin,
            department::Entity,
            Expr::col((department::Entity, department::Column::Id))
                .equals((ticket::Entity, T::DeptId)),
        )
        .join(
            JoinType::LeftJoin,
            help_topic::Entity,
            Expr::col((help_topic::Entity, help_topic::Column::TopicId))
                .equals((ticket::Entity, T::TopicId)),
        )
        .join(
            JoinType::LeftJoin,
            sla::Entity,
            Expr::col((sla::Entity, sla::Column::Id)).equals((ticket::Entity, T::SlaId)),
        )
        .join(
            JoinType::LeftJoin,
            user::Entity,
            Expr::col((user::Entity, user::Column::Id)).equals((ticket::Entity, T::UserId)),
        )
        .join(
            JoinType::LeftJoin,
            user_email::Entity,
            Expr::col((user_email::Entity, user_email::Column::Id))
                .equals((user::Entity, user::Column::DefaultEmailId)),
        )
        .join(
            JoinType::LeftJoin,
            staff::Entity,
            Expr::col((staff::Entity, staff::Column::StaffId)).equals((ticket::Entity, T::StaffId)),
        )
        .join(
            JoinType::LeftJoin,
            team::Entity,
            Expr::col((team::Entity, team::Column::TeamId)).equals((ticket::Entity, T::TeamId)),
        )
        .join(
            JoinType::LeftJoin,
            ticket_priority::Entity,
            priority_id_text(backend)
                .equals((ticket_cdata::Entity, ticket_cdata::Column::Priority)),
        )
        .join(
            JoinType::LeftJoin,
            thread::Entity,
            Expr::col((thread::Entity, thread::Column::ObjectId))
                .equals((ticket::Entity, T::TicketId))
                .and(
                    Expr::col((thread::Entity, thread::Column::ObjectType)).eq(TICKET_THREAD_TYPE),
                ),
        );
    select
}

/// `ost_thread.object_type` of a ticket's thread.
const TICKET_THREAD_TYPE: &str = "T";

/// `ost_ticket_priority.priority_id` as text, to meet `__cdata.priority`, where
/// osTicket's form layer writes the id as text. PostgreSQL compares no integer
/// with text, and MySQL's `CAST` knows `CHAR` but not `TEXT`.
fn priority_id_text(backend: DbBackend) -> Expr {
    let text = match backend {
        DbBackend::MySql => "CHAR",
        _ => "TEXT",
    };
    Func::cast_as(
        Expr::col((ticket_priority::Entity, ticket_priority::Column::PriorityId)),
        Alias::new(text),
    )
    .into()
}

/// Reads one row of [`summary_select`].
pub(super) fn summary_from_row(row: &QueryResult) -> Result<TicketSummary, StoreError> {
    let row = SummaryRow::from_query_result(row, "")?;
    let source = TicketSource::parse(&row.source).map_err(unreadable)?;
    let status = match row.status_name {
        Some(name) => Some(StatusRef {
            id: StatusId::new(row.status_id),
            name,
            state: row
                .status_state
                .as_deref()
                .map(StatusState::parse)
                .transpose()
                .map_err(unreadable)?,
        }),
        None => None,
    };
    let staff = StaffId::from_column(row.staff_id)
        .filter(|_| row.staff_username.is_some())
        .map(|id| NamedRef {
            id,
            name: staff_name(
                row.staff_firstname.as_deref(),
                row.staff_lastname.as_deref(),
                row.staff_username.as_deref().unwrap_or_default(),
            ),
        });
    let priority = match (row.priority_id, row.priority_desc) {
        (Some(id), Some(name)) => Some(PriorityRef {
            id: PriorityId::new(u32::try_from(id).map_err(unreadable)?),
            name,
            color: row.priority_color.unwrap_or_default(),
        }),
        _ => None,
    };
    Ok(TicketSummary {
        id: TicketId::new(row.ticket_id),
        number: row.number,
        subject: row.subject,
        status,
        dept: named(DeptId::from_column(row.dept_id), row.dept_name),
        topic: named(TopicId::from_column(row.topic_id), row.topic_name),
        priority,
        sla: named(SlaId::from_column(row.sla_id), row.sla_name),
        user: UserId::from_column(row.user_id)
            .zip(row.user_name)
            .map(|(id, name)| UserRef {
                id,
                name,
                email: row.user_email,
            }),
        staff,
        team: named(TeamId::from_column(row.team_id), row.team_name),
        source,
        ip_address: row.ip_address,
        duedate: utc(row.duedate),
        est_duedate: utc(row.est_duedate),
        isoverdue: row.isoverdue != 0,
        isanswered: row.isanswered != 0,
        reopened: utc(row.reopened),
        closed: utc(row.closed),
        lastupdate: utc(row.lastupdate),
        created: utc(row.created),
        updated: utc(row.updated),
        thread_id: row.thread_id.map(ThreadId::new),
        lastmessage: utc(row.lastmessage),
        lastresponse: utc(row.lastresponse),
    })
}

fn named<Id>(id: Option<Id>, name: Option<String>) -> Option<NamedRef<Id>> {
    id.zip(name).map(|(id, name)| NamedRef { id, name })
}

/// An agent's name as osTicket shows it: first and last name, or the username
/// when both are blank.
fn staff_name(firstname: Option<&str>, lastname: Option<&str>, username: &str) -> String {
    let full = [firstname, lastname]
        .into_iter()
        .flatten()
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    if full.is_empty() {
        username.to_owned()
    } else {
        full
    }
}

/// osTicket's naive dates are UTC in Oxticket's sessions (see [`crate::OstDateTime`]).
pub(super) fn utc(time: crate::OstDateTime) -> Option<DateTime<Utc>> {
    time.get().map(|time: NaiveDateTime| time.and_utc())
}

/// A stored value outside what osTicket writes: an error of the store, not a panic.
pub(super) fn unreadable(error: impl std::fmt::Display) -> StoreError {
    StoreError::Backend(DbErr::Type(error.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agent_name_joins_first_and_last_name() {
        assert_eq!(
            staff_name(Some("Ada"), Some("Lovelace"), "ada"),
            "Ada Lovelace"
        );
    }

    #[test]
    fn agent_without_names_is_shown_by_username() {
        assert_eq!(staff_name(Some(" "), None, "ada"), "ada");
    }
}
