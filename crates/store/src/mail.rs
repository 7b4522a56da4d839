//! What the e-mail channel reads and writes beside a ticket: the help
//! desk's own mailboxes (`ost_email`), the Message-IDs osTicket threads
//! replies by (`ost_thread_entry_email`), and the collaborators a reply adds
//! (`ost_thread_collaborator`).

use crate::entity::{email, thread, thread_collaborator, thread_entry, thread_entry_email, ticket};
use crate::{Conn, OstDateTime, StoreError};
use chrono::{DateTime, Utc};
use oxt_ticket::contact::EmailAddress;
use oxt_ticket::ids::{DeptId, EmailId, EntryId, PriorityId, ThreadId, TicketId, TopicId, UserId};
use sea_orm::sea_query::{Expr, ExprTrait, Func};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseBackend, EntityTrait, NotSet,
    PaginatorTrait, QueryFilter, QueryOrder,
};

/// `Collaborator::create`: active and copied on replies.
const COLLABORATOR_ACTIVE_CC: u32 = 0x1 | 0x2;

/// One of the help desk's addresses (`ost_email`), with the routing a
/// ticket opened through it takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SystemEmail {
    pub id: EmailId,
    pub email: String,
    pub name: String,
    pub dept: Option<DeptId>,
    pub priority: Option<PriorityId>,
    pub topic: Option<TopicId>,
}

impl SystemEmail {
    /// `Email::getAddress`: `Name <address>`, or the bare address.
    pub fn address(&self) -> String {
        if self.name.is_empty() {
            self.email.clone()
        } else {
            format!("{} <{}>", self.name, self.email)
        }
    }
}

impl From<email::Model> for SystemEmail {
    fn from(row: email::Model) -> Self {
        Self {
            id: EmailId::new(row.email_id),
            email: row.email,
            name: row.name,
            dept: DeptId::from_column(row.dept_id),
            priority: PriorityId::from_column(row.priority_id),
            topic: TopicId::from_column(row.topic_id),
        }
    }
}

/// The help-desk mailbox with this address (`Email::getIdByEmail`), compared
/// without case.
pub async fn find_system_email_by_address(
    db: &impl Conn,
    address: &EmailAddress,
) -> Result<Option<SystemEmail>, StoreError> {
    // MySQL's collation already ignores case and keeps the unique index usable.
    let matches = match db.db().get_database_backend() {
        DatabaseBackend::MySql => email::Column::Email.eq(address.as_str()),
        _ => Expr::expr(Func::lower(Expr::col(email::Column::Email))).eq(address.lookup_key()),
    };
    Ok(email::Entity::find()
        .filter(matches)
        .order_by_asc(email::Column::EmailId)
        .one(db.db())
        .await?
        .map(SystemEmail::from))
}

pub async fn find_system_email(
    db: &impl Conn,
    id: EmailId,
) -> Result<Option<SystemEmail>, StoreError> {
    Ok(email::Entity::find_by_id(id.get())
        .one(db.db())
        .await?
        .map(SystemEmail::from))
}

/// `ThreadEntry::saveEmailInfo`: the Message-ID (and header block) of the
/// e-mail an entry was posted from, by which later replies find it.
pub async fn insert_email_info(
    db: &impl Conn,
    entry: EntryId,
    mid: &str,
    headers: Option<&str>,
) -> Result<(), StoreError> {
    thread_entry_email::Entity::insert(thread_entry_email::ActiveModel {
        id: NotSet,
        thread_entry_id: Set(entry.get()),
        // osTicket looks the mailbox up under a header key it has already
        // lower-cased, so it never finds one.
        email_id: Set(None),
        mid: Set(mid.to_owned()),
        headers: Set(headers.map(|headers| headers.trim().to_owned())),
    })
    .exec_without_returning(db.db())
    .await?;
    Ok(())
}

/// A ticket's thread entry found by one of an e-mail's Message-IDs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThreadedEntry {
    pub entry: EntryId,
    pub thread: ThreadId,
    pub ticket: TicketId,
    /// The Message-ID that matched.
    pub mid: String,
}

/// The first of `mids` (in the order given) stored with an entry of a
/// ticket's thread.
pub async fn find_entry_by_message_ids(
    db: &impl Conn,
    mids: &[String],
) -> Result<Option<ThreadedEntry>, StoreError> {
    if mids.is_empty() {
        return Ok(None);
    }
    let rows = thread_entry_email::Entity::find()
        .filter(thread_entry_email::Column::Mid.is_in(mids.iter().map(String::as_str)))
        .filter(thread_entry_email::Column::ThreadEntryId.ne(0_u32))
        .order_by_asc(thread_entry_email::Column::Id)
        .all(db.db())
        .await?;
    for mid in mids {
        for row in rows.iter().filter(|row| &row.mid == mid) {
            if let Some(found) = ticket_entry(db, EntryId::new(row.thread_entry_id)).await? {
                return Ok(Some(ThreadedEntry {
                    mid: mid.clone(),
                    ..found
                }));
            }
        }
    }
    Ok(None)
}

async fn ticket_entry(db: &impl Conn, id: EntryId) -> Result<Option<ThreadedEntry>, StoreError> {
    let Some(entry) = thread_entry::Entity::find_by_id(id.get())
        .one(db.db())
        .await?
    else {
        return Ok(None);
    };
    let thread = thread::Entity::find_by_id(entry.thread_id)
        .one(db.db())
        .await?
        .filter(|thread| thread.object_type == "T");
    Ok(thread.map(|thread| ThreadedEntry {
        entry: id,
        thread: ThreadId::new(thread.id),
        ticket: TicketId::new(thread.object_id),
        mid: String::new(),
    }))
}

/// A ticket found by its number, with its owner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberedTicket {
    pub id: TicketId,
    pub owner: UserId,
    pub thread: ThreadId,
}

pub async fn find_ticket_by_number(
    db: &impl Conn,
    number: &str,
) -> Result<Option<NumberedTicket>, StoreError> {
    let Some(row) = ticket::Entity::find()
        .filter(ticket::Column::Number.eq(number))
        .order_by_asc(ticket::Column::TicketId)
        .one(db.db())
        .await?
    else {
        return Ok(None);
    };
    let thread = thread::Entity::find()
        .filter(thread::Column::ObjectType.eq("T"))
        .filter(thread::Column::ObjectId.eq(row.ticket_id))
        .one(db.db())
        .await?;
    Ok(thread.map(|thread| NumberedTicket {
        id: TicketId::new(row.ticket_id),
        owner: UserId::new(row.user_id),
        thread: ThreadId::new(thread.id),
    }))
}

/// The thread's most recent message (`Ticket::getLastMessage`).
pub async fn find_last_message(
    db: &impl Conn,
    thread: ThreadId,
) -> Result<Option<EntryId>, StoreError> {
    Ok(thread_entry::Entity::find()
        .filter(thread_entry::Column::ThreadId.eq(thread.get()))
        .filter(thread_entry::Column::Type.eq("M"))
        .order_by_desc(thread_entry::Column::Created)
        .order_by_desc(thread_entry::Column::Id)
        .one(db.db())
        .await?
        .map(|row| EntryId::new(row.id)))
}

pub async fn is_collaborator(
    db: &impl Conn,
    thread: ThreadId,
    user: UserId,
) -> Result<bool, StoreError> {
    Ok(thread_collaborator::Entity::find()
        .filter(thread_collaborator::Column::ThreadId.eq(thread.get()))
        .filter(thread_collaborator::Column::UserId.eq(user.get()))
        .count(db.db())
        .await?
        > 0)
}

/// `Thread::addCollaborator`: the user joins the thread, active and copied.
pub async fn add_collaborator(
    db: &impl Conn,
    thread: ThreadId,
    user: UserId,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    thread_collaborator::Entity::insert(thread_collaborator::ActiveModel {
        id: NotSet,
        flags: Set(COLLABORATOR_ACTIVE_CC),
        thread_id: Set(thread.get()),
        user_id: Set(user.get()),
        role: Set("M".to_owned()),
        created: Set(OstDateTime::from(Some(now.naive_utc()))),
        updated: Set(OstDateTime::from(Some(now.naive_utc()))),
    })
    .exec_without_returning(db.db())
    .await?;
    Ok(())
}
