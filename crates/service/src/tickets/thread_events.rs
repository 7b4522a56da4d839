//! Writing the `ost_thread_event` rows osTicket logs for a ticket's events.

use chrono::{DateTime, Utc};
use oxt_store::tickets::{
    EventAuthor, NewThreadEvent, annul_thread_events, find_staff_name, insert_thread_event,
};
use oxt_store::{Conn, StoreError};
use oxt_ticket::ids::ThreadId;
use oxt_ticket::thread::ThreadEventKind;
use oxt_ticket::{Actor, Ticket, TicketEvent};

/// The `username`/`uid` osTicket records. A user acting through the API has
/// no client session, so osTicket writes `SYSTEM` with the user's id.
pub(crate) async fn author_of(db: &impl Conn, actor: Actor) -> Result<EventAuthor, StoreError> {
    Ok(match actor {
        Actor::User(user) => EventAuthor {
            username: SYSTEM.to_owned(),
            uid: Some(user.get()),
            uid_type: 'U',
        },
        Actor::Staff(staff) => EventAuthor {
            username: find_staff_name(db, staff)
                .await?
                .map_or_else(|| SYSTEM.to_owned(), |name| name.username),
            uid: Some(staff.get()),
            uid_type: 'S',
        },
        Actor::System => EventAuthor {
            username: SYSTEM.to_owned(),
            uid: None,
            uid_type: 'S',
        },
    })
}

const SYSTEM: &str = "SYSTEM";

/// Logs `event` if osTicket logs one for it, with the ticket's routing as it
/// stands (`ThreadEvent::forTicket`: an agent acting on an unassigned ticket
/// is recorded as its `staff_id`), annulling the earlier events it annuls.
pub(crate) async fn log_event(
    db: &impl Conn,
    thread: ThreadId,
    ticket: &Ticket,
    event: &TicketEvent,
    data: Option<String>,
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    let Some(kind) = event.thread_event() else {
        return Ok(());
    };
    if let Some(annulled) = event.annuls() {
        annul_thread_events(db, thread, annulled).await?;
    }
    let actor = event.actor();
    let staff = match (actor, ticket.staff) {
        (Actor::Staff(agent), None) => Some(agent),
        (_, assignee) => assignee,
    };
    insert(
        db,
        thread,
        ticket,
        kind,
        staff,
        data,
        author_of(db, actor).await?,
        at,
    )
    .await
}

/// Logs an event osTicket's domain has no `TicketEvent` for (the automatic
/// assignment a help topic makes).
#[allow(clippy::too_many_arguments)]
pub(crate) async fn insert(
    db: &impl Conn,
    thread: ThreadId,
    ticket: &Ticket,
    kind: ThreadEventKind,
    staff: Option<oxt_ticket::ids::StaffId>,
    data: Option<String>,
    author: EventAuthor,
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    insert_thread_event(
        db,
        &NewThreadEvent {
            thread,
            kind,
            staff,
            team: ticket.team,
            dept: ticket.dept,
            topic: ticket.topic,
            data,
            author,
            at,
        },
    )
    .await
}
