//! Writing to a ticket's thread: entries (`ost_thread_entry`), events
//! (`ost_thread_event`) and the thread's last message and response times.

use crate::entity::{thread, thread_entry, thread_event};
use crate::tickets::create::time;
use crate::{Conn, StoreError};
use chrono::{DateTime, Utc};
use oxt_ticket::ids::{DeptId, EntryId, StaffId, TeamId, ThreadId, TopicId, UserId};
use oxt_ticket::thread::{BodyFormat, EntryFlags, EntryType, ThreadEventKind};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, NotSet, QueryFilter};

/// A thread entry to write; the body is already what osTicket stores
/// (sanitised HTML or plain text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewThreadEntry {
    pub thread: ThreadId,
    pub kind: EntryType,
    pub staff: Option<StaffId>,
    pub user: Option<UserId>,
    pub flags: EntryFlags,
    pub poster: String,
    /// `Web`, `Email`, `API`, ... (`varchar(32)`).
    pub source: String,
    pub title: Option<String>,
    pub body: String,
    pub format: BodyFormat,
    pub ip_address: String,
    /// The entry this one answers (`pid`), for an e-mail reply.
    pub parent: Option<EntryId>,
    /// `ost_thread_entry.recipients`: who an e-mail was addressed to, as
    /// osTicket's JSON `{"to": ["Name <address>"], "cc": [...]}`.
    pub recipients: Option<String>,
    pub created: DateTime<Utc>,
}

/// Who an event row names: `username`, and `uid` with `uid_type` (`S` staff, `U` user).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventAuthor {
    pub username: String,
    pub uid: Option<u32>,
    pub uid_type: char,
}

/// A thread event to write, with the ticket's routing at that moment as
/// osTicket's `ThreadEvent::forTicket` copies it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewThreadEvent {
    pub thread: ThreadId,
    pub kind: ThreadEventKind,
    pub staff: Option<StaffId>,
    pub team: Option<TeamId>,
    pub dept: DeptId,
    pub topic: Option<TopicId>,
    /// JSON, at most 1024 characters.
    pub data: Option<String>,
    pub author: EventAuthor,
    pub at: DateTime<Utc>,
}

pub async fn insert_thread_entry(
    db: &impl Conn,
    entry: &NewThreadEntry,
) -> Result<EntryId, StoreError> {
    let row = thread_entry::Entity::insert(thread_entry::ActiveModel {
        id: NotSet,
        pid: Set(entry.parent.map_or(0, |id| id.get())),
        thread_id: Set(entry.thread.get()),
        staff_id: Set(entry.staff.map_or(0, |id| id.get())),
        user_id: Set(entry.user.map_or(0, |id| id.get())),
        r#type: Set(entry.kind.as_char().to_string()),
        flags: Set(entry.flags.bits()),
        poster: Set(entry.poster.clone()),
        editor: Set(None),
        editor_type: Set(None),
        source: Set(entry.source.clone()),
        title: Set(entry.title.clone()),
        body: Set(entry.body.clone()),
        format: Set(entry.format.as_str().to_owned()),
        ip_address: Set(entry.ip_address.clone()),
        extra: Set(None),
        recipients: Set(entry.recipients.clone()),
        created: Set(time(Some(entry.created))),
        // Never edited: NULL, which MySQL stores as osTicket's zero date.
        updated: NotSet,
    })
    .exec(db.db())
    .await?;
    Ok(EntryId::new(row.last_insert_id))
}

pub async fn insert_thread_event(db: &impl Conn, event: &NewThreadEvent) -> Result<(), StoreError> {
    thread_event::Entity::insert(thread_event::ActiveModel {
        id: NotSet,
        thread_id: Set(event.thread.get()),
        thread_type: Set("T".to_owned()),
        event_id: Set(Some(event.kind.id())),
        staff_id: Set(event.staff.map_or(0, |id| id.get())),
        team_id: Set(event.team.map_or(0, |id| id.get())),
        dept_id: Set(event.dept.get()),
        topic_id: Set(event.topic.map_or(0, |id| id.get())),
        data: Set(event.data.clone()),
        username: Set(event.author.username.clone()),
        uid: Set(event.author.uid),
        uid_type: Set(event.author.uid_type.to_string()),
        annulled: Set(0),
        timestamp: Set(time(Some(event.at))),
    })
    .exec_without_returning(db.db())
    .await?;
    Ok(())
}

/// Marks the thread's earlier events of `kind` annulled, as osTicket does to
/// `closed` events when a ticket is reopened.
pub async fn annul_thread_events(
    db: &impl Conn,
    thread: ThreadId,
    kind: ThreadEventKind,
) -> Result<(), StoreError> {
    thread_event::Entity::update_many()
        .col_expr(thread_event::Column::Annulled, Expr::value(1_u32))
        .filter(thread_event::Column::ThreadId.eq(thread.get()))
        .filter(thread_event::Column::EventId.eq(kind.id()))
        .exec(db.db())
        .await?;
    Ok(())
}

/// Stores the thread's `lastmessage` and `lastresponse`.
pub async fn update_thread_times(
    db: &impl Conn,
    thread: ThreadId,
    lastmessage: Option<DateTime<Utc>>,
    lastresponse: Option<DateTime<Utc>>,
) -> Result<(), StoreError> {
    thread::Entity::update_many()
        .col_expr(thread::Column::Lastmessage, Expr::value(time(lastmessage)))
        .col_expr(
            thread::Column::Lastresponse,
            Expr::value(time(lastresponse)),
        )
        .filter(thread::Column::Id.eq(thread.get()))
        .exec(db.db())
        .await?;
    Ok(())
}
