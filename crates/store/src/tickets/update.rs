//! Reading a ticket for a change (its row locked until the transaction
//! ends) and saving the changed aggregate.

use crate::entity::{thread, ticket, ticket_cdata};
use crate::store::locked;
use crate::tickets::create::time;
use crate::tickets::references::find_status;
use crate::{Conn, StoreError};
use oxt_ticket::Ticket;
use oxt_ticket::contact::Subject;
use oxt_ticket::ids::{
    DeptId, PriorityId, SlaId, StaffId, StatusId, TeamId, ThreadId, TicketId, TopicId, UserId,
};
use oxt_ticket::number::TicketNumber;
use oxt_ticket::source::TicketSource;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

/// A ticket loaded for a change, with its thread.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketForUpdate {
    pub ticket: Ticket,
    pub thread: ThreadId,
}

#[derive(Debug, thiserror::Error)]
pub enum LockTicketError {
    /// A column holds what no osTicket writes and the rules cannot work with.
    #[error("ticket {id}: {column} cannot be read")]
    Unreadable { id: TicketId, column: &'static str },
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sea_orm::DbErr> for LockTicketError {
    fn from(error: sea_orm::DbErr) -> Self {
        Self::Store(error.into())
    }
}

/// The ticket with its row locked (`FOR UPDATE`; SQLite's transaction
/// already holds the write lock), or `None` when there is no such ticket.
pub async fn lock_ticket(
    db: &impl Conn,
    id: TicketId,
) -> Result<Option<TicketForUpdate>, LockTicketError> {
    let query = locked(db, ticket::Entity::find_by_id(id.get()));
    let Some(row) = query.one(db.db()).await? else {
        return Ok(None);
    };
    let unreadable = |column| LockTicketError::Unreadable { id, column };
    let status = find_status(db, StatusId::new(row.status_id))
        .await?
        .ok_or_else(|| unreadable("status_id"))?;
    let number = row
        .number
        .as_deref()
        .and_then(|number| TicketNumber::parse(number).ok())
        .ok_or_else(|| unreadable("number"))?;
    let source = TicketSource::parse(&row.source).unwrap_or(TicketSource::Other);
    let created = row
        .created
        .get()
        .ok_or_else(|| unreadable("created"))?
        .and_utc();
    let cdata = ticket_cdata::Entity::find_by_id(id.get())
        .one(db.db())
        .await?;
    let thread = thread::Entity::find()
        .filter(thread::Column::ObjectType.eq("T"))
        .filter(thread::Column::ObjectId.eq(id.get()))
        .one(db.db())
        .await?
        .ok_or_else(|| unreadable("thread"))?;
    let utc = |at: crate::OstDateTime| at.get().map(|at| at.and_utc());
    let ticket = Ticket {
        id: Some(id),
        number,
        user: UserId::new(row.user_id),
        status,
        source,
        subject: cdata
            .as_ref()
            .and_then(|cdata| cdata.subject.as_deref())
            .and_then(|subject| Subject::parse(subject).ok()),
        priority: cdata
            .as_ref()
            .and_then(|cdata| cdata.priority.as_deref())
            .and_then(|priority| priority.trim().parse::<u32>().ok())
            .and_then(PriorityId::from_column),
        dept: DeptId::new(row.dept_id),
        topic: TopicId::from_column(row.topic_id),
        sla: SlaId::from_column(row.sla_id),
        staff: StaffId::from_column(row.staff_id),
        team: TeamId::from_column(row.team_id),
        isanswered: row.isanswered != 0,
        isoverdue: row.isoverdue != 0,
        duedate: utc(row.duedate),
        est_duedate: utc(row.est_duedate),
        reopened: utc(row.reopened),
        closed: utc(row.closed),
        lastupdate: utc(row.lastupdate),
        lastmessage: utc(thread.lastmessage),
        lastresponse: utc(thread.lastresponse),
        created,
        updated: utc(row.updated).unwrap_or(created),
    };
    Ok(Some(TicketForUpdate {
        ticket,
        thread: ThreadId::new(thread.id),
    }))
}

/// Writes the ticket columns the rules change. Subject and priority live in
/// the ticket form (see `set_form_value`); the thread's times in `ost_thread`.
pub async fn save_ticket(db: &impl Conn, id: TicketId, ticket: &Ticket) -> Result<(), StoreError> {
    use ticket::Column;
    ticket::Entity::update_many()
        .col_expr(Column::StatusId, Expr::value(ticket.status.id.get()))
        .col_expr(Column::DeptId, Expr::value(ticket.dept.get()))
        .col_expr(
            Column::TopicId,
            Expr::value(ticket.topic.map_or(0, |id| id.get())),
        )
        .col_expr(
            Column::SlaId,
            Expr::value(ticket.sla.map_or(0, |id| id.get())),
        )
        .col_expr(
            Column::StaffId,
            Expr::value(ticket.staff.map_or(0, |id| id.get())),
        )
        .col_expr(
            Column::TeamId,
            Expr::value(ticket.team.map_or(0, |id| id.get())),
        )
        .col_expr(
            Column::Isanswered,
            Expr::value(u32::from(ticket.isanswered)),
        )
        .col_expr(Column::Isoverdue, Expr::value(u32::from(ticket.isoverdue)))
        .col_expr(Column::Duedate, Expr::value(time(ticket.duedate)))
        .col_expr(Column::EstDuedate, Expr::value(time(ticket.est_duedate)))
        .col_expr(Column::Reopened, Expr::value(time(ticket.reopened)))
        .col_expr(Column::Closed, Expr::value(time(ticket.closed)))
        .col_expr(Column::Lastupdate, Expr::value(time(ticket.lastupdate)))
        .col_expr(Column::Updated, Expr::value(time(Some(ticket.updated))))
        .filter(Column::TicketId.eq(id.get()))
        .exec(db.db())
        .await?;
    Ok(())
}
