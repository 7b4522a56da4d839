//! Writing a new ticket's own rows: `ost_ticket`, its `ost_thread`, and the
//! ticket form's entry (`ost_form_entry`, `ost_form_entry_values`,
//! `ost_ticket__cdata`), with the values and formats osTicket writes.

use crate::entity::{thread, ticket};
use crate::tickets::forms::{FieldValue, TicketForm, save_ticket_form};
use crate::{Conn, OstDateTime, StoreError};
use chrono::{DateTime, Utc};
use oxt_ticket::Ticket;
use oxt_ticket::ids::{EmailId, ThreadId, TicketId};
use sea_orm::{ActiveValue::Set, EntityTrait, NotSet};

/// A ticket opened by `oxt_ticket::Ticket::open`, with what its rows hold
/// beside the aggregate.
#[derive(Debug, Clone)]
pub struct NewTicketRecord<'a> {
    pub ticket: &'a Ticket,
    pub ip_address: &'a str,
    /// The help-desk mailbox an e-mailed ticket arrived at.
    pub email_id: Option<EmailId>,
    pub form: &'a TicketForm,
    /// `ost_ticket_priority.priority_desc`, the value the priority field stores.
    pub priority_desc: &'a str,
    /// Further ticket-form fields, already checked against the form.
    pub fields: &'a [FieldValue],
}

/// The ids of the rows just written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CreatedTicket {
    pub id: TicketId,
    pub thread: ThreadId,
}

/// Inserts the ticket, its thread (with `lastmessage` for the opening
/// message) and its ticket-form entry. No row is read back: the inserts
/// answer the ids.
pub async fn insert_ticket(
    db: &impl Conn,
    record: &NewTicketRecord<'_>,
) -> Result<CreatedTicket, StoreError> {
    let ticket = record.ticket;
    let row = ticket::Entity::insert(ticket::ActiveModel {
        ticket_id: NotSet,
        ticket_pid: Set(None),
        number: Set(Some(ticket.number.as_str().to_owned())),
        user_id: Set(ticket.user.get()),
        // osTicket leaves 0 here for a ticket its owner opened.
        user_email_id: Set(0),
        status_id: Set(ticket.status.id.get()),
        dept_id: Set(ticket.dept.get()),
        sla_id: Set(ticket.sla.map_or(0, |id| id.get())),
        topic_id: Set(ticket.topic.map_or(0, |id| id.get())),
        staff_id: Set(ticket.staff.map_or(0, |id| id.get())),
        team_id: Set(ticket.team.map_or(0, |id| id.get())),
        email_id: Set(record.email_id.map_or(0, |id| id.get())),
        lock_id: Set(0),
        flags: Set(0),
        sort: Set(0),
        ip_address: Set(record.ip_address.to_owned()),
        source: Set(ticket.source.as_str().to_owned()),
        source_extra: Set(None),
        isoverdue: Set(u32::from(ticket.isoverdue)),
        isanswered: Set(u32::from(ticket.isanswered)),
        duedate: Set(time(ticket.duedate)),
        est_duedate: Set(time(ticket.est_duedate)),
        reopened: Set(time(ticket.reopened)),
        closed: Set(time(ticket.closed)),
        lastupdate: Set(time(ticket.lastupdate)),
        created: Set(time(Some(ticket.created))),
        updated: Set(time(Some(ticket.updated))),
    })
    .exec(db.db())
    .await?;
    let id = TicketId::new(row.last_insert_id);
    let thread = thread::Entity::insert(thread::ActiveModel {
        id: NotSet,
        object_id: Set(id.get()),
        object_type: Set("T".to_owned()),
        extra: Set(None),
        lastresponse: Set(time(ticket.lastresponse)),
        lastmessage: Set(time(ticket.lastmessage)),
        created: Set(time(Some(ticket.created))),
    })
    .exec(db.db())
    .await?;
    save_ticket_form(
        db,
        id,
        ticket,
        record.form,
        record.priority_desc,
        record.fields,
    )
    .await?;
    Ok(CreatedTicket {
        id,
        thread: ThreadId::new(thread.last_insert_id),
    })
}

pub(crate) fn time(at: Option<DateTime<Utc>>) -> OstDateTime {
    OstDateTime::from(at.map(|at| at.naive_utc()))
}
