//! The rows the overdue monitor reads and writes: open tickets past their due
//! date, their `isoverdue` flag, and the priority an escalation moves them to.
//!
//! osTicket indexes `ost_ticket` on `status_id` and `duedate` but not on
//! `isoverdue` or `est_duedate`, and Oxticket adds no index to an osTicket
//! table. So the monitor walks the primary key in ascending ranges (keyset
//! pages: `ticket_id > last seen`): each page is one bounded range scan, a
//! whole run reads each open ticket once, and a page never comes back to a
//! ticket it passed, whatever happened to it.
//!
//! Every function here issues exactly one SQL statement unless it says
//! otherwise, so the monitor can report the statements a run cost.

use crate::entity::{
    form_entry, form_entry_values, sla, thread, thread_event, ticket, ticket_cdata,
    ticket_priority, ticket_status,
};
use crate::tickets::create::time;
use crate::tickets::thread::NewThreadEvent;
use crate::{Conn, StoreError};
use chrono::{DateTime, Utc};
use oxt_ticket::ids::{
    DeptId, FormFieldId, PriorityId, SlaId, StaffId, StatusId, TeamId, ThreadId, TicketId, TopicId,
};
use sea_orm::sea_query::{Expr, LockBehavior, LockType};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, EntityTrait, NotSet, QueryFilter, QueryOrder,
    QuerySelect,
};
use std::collections::HashMap;

/// An open ticket, not yet flagged, whose due date the database found past.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverdueCandidate {
    pub id: TicketId,
    pub number: Option<String>,
    pub dept: DeptId,
    pub staff: Option<StaffId>,
    pub team: Option<TeamId>,
    pub topic: Option<TopicId>,
    pub sla: Option<SlaId>,
    /// Set by staff; wins over `est_duedate`.
    pub duedate: Option<DateTime<Utc>>,
    /// The SLA's due date.
    pub est_duedate: Option<DateTime<Utc>>,
}

/// A row of `ost_ticket_priority`, with the urgency escalation orders by
/// (osTicket: 1 is the most urgent).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PriorityLevel {
    pub id: PriorityId,
    pub desc: String,
    pub urgency: u32,
}

/// The ids of the statuses whose state is `open`.
pub async fn list_open_status_ids(db: &impl Conn) -> Result<Vec<StatusId>, StoreError> {
    Ok(ticket_status::Entity::find()
        .filter(ticket_status::Column::State.eq("open"))
        .all(db.db())
        .await?
        .into_iter()
        .filter_map(|row| u32::try_from(row.id).ok())
        .map(StatusId::new)
        .collect())
}

/// `ost_sla.flags` of every SLA.
pub async fn list_sla_flags(db: &impl Conn) -> Result<HashMap<SlaId, u32>, StoreError> {
    Ok(sla::Entity::find()
        .all(db.db())
        .await?
        .into_iter()
        .map(|row| (SlaId::new(row.id), row.flags))
        .collect())
}

/// Every priority, most urgent first.
pub async fn list_priority_levels(db: &impl Conn) -> Result<Vec<PriorityLevel>, StoreError> {
    Ok(ticket_priority::Entity::find()
        .order_by_asc(ticket_priority::Column::PriorityUrgency)
        .all(db.db())
        .await?
        .into_iter()
        .filter_map(|row| {
            Some(PriorityLevel {
                id: PriorityId::new(u32::try_from(row.priority_id).ok()?),
                desc: row.priority_desc,
                urgency: row.priority_urgency,
            })
        })
        .collect())
}

/// osTicket's `Ticket::checkOverdue` selection: not flagged, in an open status,
/// and `duedate` — or, without one, `est_duedate` — before `now`.
fn overdue_condition(open: &[StatusId], now: DateTime<Utc>) -> Condition {
    use ticket::Column;
    let now = time(Some(now));
    Condition::all()
        .add(Column::Isoverdue.eq(0))
        .add(Column::StatusId.is_in(open.iter().map(|id| id.get())))
        .add(
            Condition::any()
                .add(
                    Condition::all()
                        .add(Column::Duedate.is_null())
                        .add(Column::EstDuedate.lt(now)),
                )
                .add(Column::Duedate.lt(now)),
        )
}

/// The next page of candidates after `after` (from the first ticket when
/// `None`), at most `limit`, in id order. A plain read: nothing is locked.
pub async fn list_overdue_candidates(
    db: &impl Conn,
    open: &[StatusId],
    after: Option<TicketId>,
    now: DateTime<Utc>,
    limit: u64,
) -> Result<Vec<OverdueCandidate>, StoreError> {
    let mut condition = overdue_condition(open, now);
    if let Some(after) = after {
        condition = condition.add(ticket::Column::TicketId.gt(after.get()));
    }
    let rows = ticket::Entity::find()
        .filter(condition)
        .order_by_asc(ticket::Column::TicketId)
        .limit(limit)
        .all(db.db())
        .await?;
    Ok(rows.into_iter().map(candidate).collect())
}

/// Of `ids`, those still candidates, with their rows locked until the
/// transaction ends. A row another transaction holds is skipped, not waited
/// for (`SKIP LOCKED`): another monitor is marking it, or an agent is changing
/// it, and the next run looks again. On SQLite the transaction already holds
/// the database's write lock, so the re-check alone suffices.
pub async fn lock_overdue_candidates(
    db: &impl Conn,
    open: &[StatusId],
    ids: &[TicketId],
    now: DateTime<Utc>,
) -> Result<Vec<OverdueCandidate>, StoreError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut query = ticket::Entity::find()
        .filter(overdue_condition(open, now))
        .filter(ticket::Column::TicketId.is_in(ids.iter().map(|id| id.get())))
        .order_by_asc(ticket::Column::TicketId);
    if db.locks_rows() {
        query = query.lock_with_behavior(LockType::Update, LockBehavior::SkipLocked);
    }
    Ok(query
        .all(db.db())
        .await?
        .into_iter()
        .map(candidate)
        .collect())
}

fn candidate(row: ticket::Model) -> OverdueCandidate {
    let utc = |at: crate::OstDateTime| at.get().map(|at| at.and_utc());
    OverdueCandidate {
        id: TicketId::new(row.ticket_id),
        number: row.number,
        dept: DeptId::new(row.dept_id),
        staff: StaffId::from_column(row.staff_id),
        team: TeamId::from_column(row.team_id),
        topic: TopicId::from_column(row.topic_id),
        sla: SlaId::from_column(row.sla_id),
        duedate: utc(row.duedate),
        est_duedate: utc(row.est_duedate),
    }
}

/// Sets `isoverdue = 1` (and `updated`, as osTicket's `Ticket::save` does) on
/// those of `ids` not flagged yet. Answers how many rows it changed.
pub async fn mark_tickets_overdue(
    db: &impl Conn,
    ids: &[TicketId],
    now: DateTime<Utc>,
) -> Result<u64, StoreError> {
    if ids.is_empty() {
        return Ok(0);
    }
    let result = ticket::Entity::update_many()
        .col_expr(ticket::Column::Isoverdue, Expr::value(1_u32))
        .col_expr(ticket::Column::Updated, Expr::value(time(Some(now))))
        .filter(ticket::Column::TicketId.is_in(ids.iter().map(|id| id.get())))
        .filter(ticket::Column::Isoverdue.eq(0))
        .exec(db.db())
        .await?;
    Ok(result.rows_affected)
}

/// The thread of each of `tickets` that has one.
pub async fn find_ticket_threads(
    db: &impl Conn,
    tickets: &[TicketId],
) -> Result<HashMap<TicketId, ThreadId>, StoreError> {
    if tickets.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(thread::Entity::find()
        .filter(thread::Column::ObjectType.eq("T"))
        .filter(thread::Column::ObjectId.is_in(tickets.iter().map(|id| id.get())))
        .all(db.db())
        .await?
        .into_iter()
        .map(|row| (TicketId::new(row.object_id), ThreadId::new(row.id)))
        .collect())
}

/// Writes `events` in one multi-row `INSERT`.
pub async fn insert_thread_events(
    db: &impl Conn,
    events: &[NewThreadEvent],
) -> Result<(), StoreError> {
    if events.is_empty() {
        return Ok(());
    }
    let rows = events.iter().map(|event| thread_event::ActiveModel {
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
    });
    thread_event::Entity::insert_many(rows)
        .exec_without_returning(db.db())
        .await?;
    Ok(())
}

/// The priority `__cdata` records for each of `tickets` (absent: none recorded).
pub async fn find_ticket_priorities(
    db: &impl Conn,
    tickets: &[TicketId],
) -> Result<HashMap<TicketId, PriorityId>, StoreError> {
    if tickets.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(ticket_cdata::Entity::find()
        .filter(ticket_cdata::Column::TicketId.is_in(tickets.iter().map(|id| id.get())))
        .all(db.db())
        .await?
        .into_iter()
        .filter_map(|row| {
            let priority = row.priority?.trim().parse::<u32>().ok()?;
            Some((
                TicketId::new(row.ticket_id),
                PriorityId::from_column(priority)?,
            ))
        })
        .collect())
}

/// Stores new priorities where osTicket keeps a ticket's priority: the
/// `__cdata` column and the ticket form's answer to the priority `field`
/// (`value` the description, `value_id` the id), as a staff edit writes them.
///
/// Issues one `UPDATE` per distinct new priority, and when `field` is given a
/// `SELECT` of the form entries, a `DELETE` and an `INSERT` of their answers.
/// Answers the number of statements issued.
pub async fn set_ticket_priorities(
    db: &impl Conn,
    field: Option<FormFieldId>,
    changes: &[(TicketId, &PriorityLevel)],
) -> Result<u64, StoreError> {
    let mut statements = 0;
    let mut by_priority: HashMap<PriorityId, Vec<u32>> = HashMap::new();
    for (ticket, level) in changes {
        by_priority.entry(level.id).or_default().push(ticket.get());
    }
    for (priority, tickets) in &by_priority {
        ticket_cdata::Entity::update_many()
            .col_expr(
                ticket_cdata::Column::Priority,
                Expr::value(priority.get().to_string()),
            )
            .filter(ticket_cdata::Column::TicketId.is_in(tickets.iter().copied()))
            .exec(db.db())
            .await?;
        statements += 1;
    }
    let Some(field) = field else {
        return Ok(statements);
    };
    // A ticket's form entry is its first `T` entry, as `find_form_value` reads it.
    let mut entries: HashMap<u32, u32> = HashMap::new();
    for entry in form_entry::Entity::find()
        .filter(form_entry::Column::ObjectType.eq("T"))
        .filter(form_entry::Column::ObjectId.is_in(changes.iter().map(|(ticket, _)| ticket.get())))
        .order_by_asc(form_entry::Column::Id)
        .all(db.db())
        .await?
    {
        if let Some(ticket) = entry.object_id {
            entries.entry(ticket).or_insert(entry.id);
        }
    }
    statements += 1;
    let answers: Vec<form_entry_values::ActiveModel> = changes
        .iter()
        .filter_map(|(ticket, level)| {
            Some(form_entry_values::ActiveModel {
                entry_id: Set(*entries.get(&ticket.get())?),
                field_id: Set(field.get()),
                value: Set(Some(level.desc.clone())),
                value_id: Set(i32::try_from(level.id.get()).ok()),
            })
        })
        .collect();
    if answers.is_empty() {
        return Ok(statements);
    }
    form_entry_values::Entity::delete_many()
        .filter(form_entry_values::Column::FieldId.eq(field.get()))
        .filter(form_entry_values::Column::EntryId.is_in(entries.values().copied()))
        .exec(db.db())
        .await?;
    form_entry_values::Entity::insert_many(answers)
        .exec_without_returning(db.db())
        .await?;
    Ok(statements + 2)
}
