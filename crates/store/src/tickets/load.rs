//! Reading one ticket: its summary, its custom field values, its thread.

use super::view::{
    ThreadEntryRecord, ThreadEventRecord, TicketFieldValue, TicketSummary, TicketThread,
    summary_from_row, summary_select, unreadable, utc,
};
use crate::entity::{
    event, form_entry, form_entry_values, form_field, thread_entry, thread_event, ticket,
};
use crate::{Conn, OstDateTime, StoreError};
use oxt_ticket::ids::{DeptId, EntryId, StaffId, TeamId, ThreadId, TicketId, TopicId, UserId};
use oxt_ticket::thread::{BodyFormat, EntryFlags, EntryType};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, JoinType, Order, Query};
use sea_orm::{ConnectionTrait, FromQueryResult};

/// `ost_form_entry.object_type` of a ticket's form entries.
const TICKET_FORM_ENTRY_TYPE: &str = "T";

/// The fields whose values the ticket itself carries (`__cdata.subject`, the first
/// thread entry, `__cdata.priority`), so they are not custom fields.
const BUILT_IN_FIELDS: [&str; 3] = ["subject", "message", "priority"];

/// The ticket `id` with the names it refers to; `None` when there is no such ticket.
pub async fn find_ticket(
    db: &impl Conn,
    id: TicketId,
) -> Result<Option<TicketSummary>, StoreError> {
    let db = db.db();
    let mut select = summary_select(db.get_database_backend());
    select.and_where(Expr::col((ticket::Entity, ticket::Column::TicketId)).eq(id.get()));
    db.query_one(&select)
        .await?
        .as_ref()
        .map(summary_from_row)
        .transpose()
}

#[derive(Debug, FromQueryResult)]
struct FieldValueRow {
    field_id: u32,
    name: String,
    value: Option<String>,
}

/// The values of the ticket's form entries (`ost_form_entry` of type `T`), other
/// than the built-in subject, message and priority, in form and field order.
pub async fn list_ticket_fields(
    db: &impl Conn,
    id: TicketId,
) -> Result<Vec<TicketFieldValue>, StoreError> {
    let db = db.db();
    let select = Query::select()
        .expr_as(
            Expr::col((form_field::Entity, form_field::Column::Id)),
            Alias::new("field_id"),
        )
        .column((form_field::Entity, form_field::Column::Name))
        .column((form_entry_values::Entity, form_entry_values::Column::Value))
        .from(form_entry::Entity)
        .join(
            JoinType::InnerJoin,
            form_entry_values::Entity,
            Expr::col((
                form_entry_values::Entity,
                form_entry_values::Column::EntryId,
            ))
            .equals((form_entry::Entity, form_entry::Column::Id)),
        )
        .join(
            JoinType::InnerJoin,
            form_field::Entity,
            Expr::col((form_field::Entity, form_field::Column::Id)).equals((
                form_entry_values::Entity,
                form_entry_values::Column::FieldId,
            )),
        )
        .and_where(
            Expr::col((form_entry::Entity, form_entry::Column::ObjectType))
                .eq(TICKET_FORM_ENTRY_TYPE),
        )
        .and_where(Expr::col((form_entry::Entity, form_entry::Column::ObjectId)).eq(id.get()))
        .and_where(
            Expr::col((form_field::Entity, form_field::Column::Name)).is_not_in(BUILT_IN_FIELDS),
        )
        .order_by((form_entry::Entity, form_entry::Column::Sort), Order::Asc)
        .order_by((form_entry::Entity, form_entry::Column::Id), Order::Asc)
        .order_by((form_field::Entity, form_field::Column::Sort), Order::Asc)
        .to_owned();
    db.query_all(&select)
        .await?
        .iter()
        .map(|row| {
            let row = FieldValueRow::from_query_result(row, "")?;
            Ok(TicketFieldValue {
                field_id: row.field_id,
                name: row.name,
                value: row.value,
            })
        })
        .collect()
}

/// Which entries of a thread to read: `limit` entries after the first `offset`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EntryWindow {
    pub offset: u64,
    pub limit: u64,
}

#[derive(Debug, FromQueryResult)]
struct CountRow {
    count: i64,
}

#[derive(Debug, FromQueryResult)]
struct EventRow {
    id: u32,
    event_name: Option<String>,
    staff_id: u32,
    team_id: u32,
    dept_id: u32,
    topic_id: u32,
    data: Option<String>,
    username: String,
    uid: Option<u32>,
    uid_type: String,
    annulled: u32,
    timestamp: OstDateTime,
}

/// The entries of `thread` in posting order (all of them, or the `window` asked
/// for) and all its events in time order.
pub async fn get_thread(
    db: &impl Conn,
    thread: ThreadId,
    window: Option<EntryWindow>,
) -> Result<TicketThread, StoreError> {
    let db = db.db();
    let thread_id = thread.get();
    let mut entries_select = Query::select()
        .columns([
            thread_entry::Column::Id,
            thread_entry::Column::Pid,
            thread_entry::Column::StaffId,
            thread_entry::Column::UserId,
            thread_entry::Column::Flags,
            thread_entry::Column::Poster,
            thread_entry::Column::Source,
            thread_entry::Column::Title,
            thread_entry::Column::Body,
            thread_entry::Column::Format,
            thread_entry::Column::Created,
            thread_entry::Column::Updated,
        ])
        .expr_as(
            Expr::col(thread_entry::Column::Type),
            Alias::new("entry_type"),
        )
        .from(thread_entry::Entity)
        .and_where(Expr::col(thread_entry::Column::ThreadId).eq(thread_id))
        .order_by(thread_entry::Column::Created, Order::Asc)
        .order_by(thread_entry::Column::Id, Order::Asc)
        .to_owned();
    if let Some(window) = window {
        entries_select.limit(window.limit).offset(window.offset);
    }
    let entries = db
        .query_all(&entries_select)
        .await?
        .iter()
        .map(|row| entry_from_row(EntryRow::from_query_result(row, "")?))
        .collect::<Result<Vec<_>, StoreError>>()?;

    let entries_total = match window {
        None => entries.len() as u64,
        Some(_) => count_entries(db, thread_id).await?,
    };

    let events_select = Query::select()
        .columns(
            [
                thread_event::Column::Id,
                thread_event::Column::StaffId,
                thread_event::Column::TeamId,
                thread_event::Column::DeptId,
                thread_event::Column::TopicId,
                thread_event::Column::Data,
                thread_event::Column::Username,
                thread_event::Column::Uid,
                thread_event::Column::UidType,
                thread_event::Column::Annulled,
                thread_event::Column::Timestamp,
            ]
            .map(|column| (thread_event::Entity, column)),
        )
        .expr_as(
            Expr::col((event::Entity, event::Column::Name)),
            Alias::new("event_name"),
        )
        .from(thread_event::Entity)
        .join(
            JoinType::LeftJoin,
            event::Entity,
            Expr::col((event::Entity, event::Column::Id))
                .equals((thread_event::Entity, thread_event::Column::EventId)),
        )
        .and_where(Expr::col((thread_event::Entity, thread_event::Column::ThreadId)).eq(thread_id))
        .order_by(
            (thread_event::Entity, thread_event::Column::Timestamp),
            Order::Asc,
        )
        .order_by((thread_event::Entity, thread_event::Column::Id), Order::Asc)
        .to_owned();
    let events = db
        .query_all(&events_select)
        .await?
        .iter()
        .map(|row| {
            let row = EventRow::from_query_result(row, "")?;
            Ok(ThreadEventRecord {
                id: row.id,
                event: row.event_name,
                staff_id: StaffId::from_column(row.staff_id),
                team_id: TeamId::from_column(row.team_id),
                dept_id: DeptId::from_column(row.dept_id),
                topic_id: TopicId::from_column(row.topic_id),
                username: row.username,
                uid: row.uid,
                uid_type: row.uid_type,
                data: row.data,
                annulled: row.annulled != 0,
                timestamp: utc(row.timestamp),
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;

    Ok(TicketThread {
        entries,
        entries_total,
        events,
    })
}

#[derive(Debug, FromQueryResult)]
struct EntryRow {
    id: u32,
    pid: u32,
    staff_id: u32,
    user_id: u32,
    entry_type: String,
    flags: u32,
    poster: String,
    source: String,
    title: Option<String>,
    body: String,
    format: String,
    created: OstDateTime,
    updated: OstDateTime,
}

fn entry_from_row(row: EntryRow) -> Result<ThreadEntryRecord, StoreError> {
    let entry_type = row
        .entry_type
        .chars()
        .next()
        .ok_or_else(|| unreadable("a thread entry without a type"))
        .and_then(|kind| EntryType::parse(kind).map_err(unreadable))?;
    Ok(ThreadEntryRecord {
        id: EntryId::new(row.id),
        pid: EntryId::from_column(row.pid),
        entry_type,
        poster: row.poster,
        staff_id: StaffId::from_column(row.staff_id),
        user_id: UserId::from_column(row.user_id),
        title: row.title,
        body: row.body,
        format: BodyFormat::parse(&row.format).map_err(unreadable)?,
        source: row.source,
        flags: EntryFlags::from_bits(row.flags),
        created: utc(row.created),
        updated: utc(row.updated),
    })
}

async fn count_entries(db: &impl ConnectionTrait, thread_id: u32) -> Result<u64, StoreError> {
    let select = Query::select()
        .expr_as(
            Expr::col(thread_entry::Column::Id).count(),
            Alias::new("count"),
        )
        .from(thread_entry::Entity)
        .and_where(Expr::col(thread_entry::Column::ThreadId).eq(thread_id))
        .to_owned();
    let count = match db.query_one(&select).await? {
        Some(row) => CountRow::from_query_result(&row, "")?.count,
        None => 0,
    };
    u64::try_from(count).map_err(unreadable)
}
