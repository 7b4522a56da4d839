//! Posting to a ticket's thread: an agent's response or internal note, or
//! the owner's message, with the effects `Ticket::post_entry` decides.

use crate::access::{TicketAccessError, actor as resolve_actor, authorize_ticket};
use crate::filters::apply::{BanCheckError, SenderBanned, refuse_banned_sender};
use crate::tickets::due_date::{DueDateError, estimated_due_date};
use crate::tickets::entry_body::EntryBody;
use crate::tickets::reopen::reopen_status;
use crate::tickets::thread_events::log_event;
use crate::{Caller, Ctx};
use chrono::{DateTime, Utc};
use oxt_identity::Subject as CallerSubject;
use oxt_perm::{Action, Permission};
use oxt_store::StoreError;
use oxt_store::tickets::{
    LockTicketError, NewThreadEntry, SearchObject, TicketForUpdate, find_department,
    find_staff_name, index_for_search, insert_thread_entry, load_ticket_settings, lock_ticket,
    save_ticket, update_thread_times,
};
use oxt_ticket::contact::MessageBody;
use oxt_ticket::ids::{EntryId, StaffId, StatusId, ThreadId, TicketId, UserId};
use oxt_ticket::thread::{BodyFormat, EntryFlags, EntryType};
use oxt_ticket::{Actor, NewEntry, Reopen, TicketEvent};
use serde::Serialize;

/// An entry to post.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewThreadPost {
    pub kind: EntryType,
    pub body: MessageBody,
    pub format: BodyFormat,
    /// The client's address, stored with the entry.
    pub ip: String,
}

/// The entry as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PostedEntry {
    pub id: EntryId,
    pub ticket_id: TicketId,
    pub thread_id: ThreadId,
    pub kind: EntryType,
    pub staff_id: Option<StaffId>,
    pub user_id: Option<UserId>,
    pub poster: String,
    pub body: String,
    pub format: BodyFormat,
    pub source: String,
    pub created: DateTime<Utc>,
}

/// What the v2 API writes in `ost_thread_entry.source` for posts.
const API_SOURCE: &str = "API";

#[derive(Debug, thiserror::Error)]
pub enum PostEntryError {
    /// Not found, not visible, not permitted, or an unknown caller.
    #[error(transparent)]
    Access(#[from] TicketAccessError),
    #[error(transparent)]
    Banned(#[from] SenderBanned),
    #[error(transparent)]
    Rule(#[from] oxt_ticket::PostEntryError),
    #[error(transparent)]
    Load(#[from] LockTicketError),
    #[error(transparent)]
    DueDate(#[from] DueDateError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<BanCheckError> for PostEntryError {
    fn from(error: BanCheckError) -> Self {
        match error {
            BanCheckError::Banned(banned) => Self::Banned(banned),
            BanCheckError::Store(error) => Self::Store(error),
        }
    }
}

#[tracing::instrument(skip_all, fields(ticket_id = %id, kind = %post.kind))]
pub async fn post_entry(
    ctx: &Ctx,
    caller: &Caller,
    id: TicketId,
    post: NewThreadPost,
) -> Result<PostedEntry, PostEntryError> {
    let now = ctx.clock.now();
    let tx = ctx.store.begin().await?;
    let grants = resolve_actor(&tx, caller)
        .await
        .map_err(TicketAccessError::from)?;
    let Some(loaded) = lock_ticket(&tx, id).await? else {
        return Err(TicketAccessError::NotFound(id).into());
    };
    authorize_ticket(&tx, &grants, id, required_action(caller, post.kind)).await?;
    // Whoever may post to the ticket is its author: the owner, a
    // collaborator or a member of a sharing organization alike.
    let actor = match caller.subject {
        CallerSubject::Staff(staff) => Actor::Staff(staff),
        CallerSubject::User(user) => Actor::User(user),
    };
    if let Actor::User(user) = actor {
        refuse_banned_sender(&ctx.filters, &tx, user).await?;
    }
    let (staff, user, poster) = match actor {
        Actor::Staff(staff) => {
            let name = find_staff_name(&tx, staff).await?;
            (
                Some(staff),
                None,
                name.map(|name| name.full_name).unwrap_or_default(),
            )
        }
        Actor::User(user) => (
            None,
            Some(user),
            oxt_store::users::get(&tx, user).await?.name,
        ),
        Actor::System => (None, None, "SYSTEM".to_owned()),
    };
    let body = EntryBody::prepare(&post.body, post.format);
    let entry = append_entry(
        &tx,
        id,
        &loaded,
        actor,
        ThreadAppend {
            kind: post.kind,
            body: body.clone(),
            poster: poster.clone(),
            source: API_SOURCE.to_owned(),
            ip: post.ip,
            flags: EntryFlags::empty(),
            parent: None,
            recipients: None,
        },
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(PostedEntry {
        id: entry,
        ticket_id: id,
        thread_id: loaded.thread,
        kind: post.kind,
        staff_id: staff,
        user_id: user,
        poster,
        body: body.stored,
        format: body.format,
        source: API_SOURCE.to_owned(),
        created: now,
    })
}

/// An entry to add to a locked ticket's thread, as it is to be written.
#[derive(Debug, Clone)]
pub(crate) struct ThreadAppend {
    pub kind: EntryType,
    pub body: EntryBody,
    pub poster: String,
    /// `ost_thread_entry.source`: `API`, `Email`, ...
    pub source: String,
    pub ip: String,
    /// Flags beyond the body's own (collaborator, e-mail recipients).
    pub flags: EntryFlags,
    pub parent: Option<EntryId>,
    pub recipients: Option<String>,
}

/// Posts to a locked ticket as `actor`, whoever checked that `actor` may:
/// the ticket rules' transition (a message reopens a closed ticket, a
/// response may claim it), the ticket and thread saved, the entry written
/// and indexed, the events logged.
pub(crate) async fn append_entry(
    db: &impl oxt_store::Conn,
    id: TicketId,
    loaded: &TicketForUpdate,
    actor: Actor,
    append: ThreadAppend,
    now: DateTime<Utc>,
) -> Result<EntryId, PostEntryError> {
    let before = &loaded.ticket;
    let settings = load_ticket_settings(db).await?;
    let dept = find_department(db, before.dept).await?;
    let entry = match append.kind {
        EntryType::Message => NewEntry::Message {
            reopen: reopen_into(db, before.staff, settings.default_status).await?,
        },
        EntryType::Response => NewEntry::Response {
            claim: settings.auto_claim && !dept.as_ref().is_some_and(|dept| dept.no_auto_claim),
        },
        EntryType::Note => NewEntry::Note,
    };
    let mut transition = before.post_entry(entry, actor, now)?;
    if transition
        .events
        .iter()
        .any(|event| matches!(event, TicketEvent::TicketReopened { .. }))
    {
        transition.ticket.est_duedate =
            estimated_due_date(db, transition.ticket.sla, dept.as_ref(), &settings, now).await?;
    }
    let ticket = &transition.ticket;
    save_ticket(db, id, ticket).await?;
    update_thread_times(db, loaded.thread, ticket.lastmessage, ticket.lastresponse).await?;
    let (staff, user) = match actor {
        Actor::Staff(staff) => (Some(staff), None),
        Actor::User(user) => (None, Some(user)),
        Actor::System => (None, None),
    };
    let entry = insert_thread_entry(
        db,
        &NewThreadEntry {
            thread: loaded.thread,
            kind: append.kind,
            staff,
            user,
            flags: append.body.flags() | append.flags,
            poster: append.poster,
            source: append.source,
            title: None,
            body: append.body.stored.clone(),
            format: append.body.format,
            ip_address: append.ip,
            parent: append.parent,
            recipients: append.recipients,
            created: now,
        },
    )
    .await?;
    index_for_search(
        db,
        SearchObject::ThreadEntry(entry.get()),
        "",
        &append.body.searchable(),
    )
    .await?;
    for event in &transition.events {
        log_event(db, loaded.thread, ticket, event, None, now).await?;
    }
    Ok(entry)
}

/// What posting `kind` asks of the caller: a response needs `ticket.reply`
/// in the ticket's department; an end user's message needs what osTicket's
/// portal asks, seeing the ticket (which `oxt_perm` answers as
/// `ticket.reply`); a note, or an agent's message (which the ticket rules
/// then refuse), needs seeing the ticket.
fn required_action(caller: &Caller, kind: EntryType) -> Action {
    match (kind, caller.subject) {
        (EntryType::Response, _) | (EntryType::Message, CallerSubject::User(_)) => {
            Permission::TicketReply.into()
        }
        (EntryType::Message | EntryType::Note, _) => Action::View,
    }
}

/// A message reopens a closed ticket back to its assignee.
async fn reopen_into(
    db: &impl oxt_store::Conn,
    assignee: Option<StaffId>,
    default_status: Option<StatusId>,
) -> Result<Reopen, StoreError> {
    Ok(match reopen_status(db, default_status).await? {
        Some(status) => Reopen::Into { status, assignee },
        None => Reopen::KeepClosed,
    })
}
