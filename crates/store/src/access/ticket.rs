//! What `oxt_perm::TicketFacts` needs about one ticket.

use crate::entity::{thread, thread_collaborator, thread_referral, ticket, ticket_status, user};
use crate::{Conn, StoreError};
use oxt_perm::{MergeFacts, MergeThreads, Referral, TicketFacts};
use oxt_ticket::ids::{DeptId, OrgId, StaffId, TeamId, TicketId, UserId};
use oxt_ticket::status::StatusState;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, JoinType, Query, SelectStatement};
use sea_orm::{ConnectionTrait, FromQueryResult};

/// `ost_ticket.flags` bit osTicket sets on the parent of a merge or link.
pub(super) const FLAG_PARENT: u32 = 0x0010;
/// `ost_ticket.flags` bits of a merge that shares access (combined or
/// separate threads), as opposed to a link.
pub(super) const FLAG_MERGED: u32 = 0x0001 | 0x0002;
/// `ost_thread.object_type` of a ticket's thread, and of a merged child's.
pub(super) const TICKET_THREAD_TYPES: [&str; 2] = ["T", "C"];

#[derive(Debug, FromQueryResult)]
struct TicketRow {
    ticket_id: u32,
    ticket_pid: Option<u32>,
    dept_id: u32,
    staff_id: u32,
    team_id: u32,
    user_id: u32,
    flags: u32,
    status_state: Option<String>,
    owner_org_id: Option<u32>,
}

#[derive(Debug, FromQueryResult)]
struct ReferralRow {
    ticket_id: u32,
    object_type: String,
    object_id: u32,
}

#[derive(Debug, FromQueryResult)]
struct CollaboratorRow {
    ticket_id: u32,
    user_id: u32,
}

/// The facts access to ticket `id` depends on, in three queries: the ticket
/// with its status' state and its owner's organization (and, in the same
/// query, its merge children), then the referrals and the collaborators of
/// all their threads. `None` when there is no such ticket.
pub async fn load_ticket_facts(
    db: &impl Conn,
    id: TicketId,
) -> Result<Option<TicketFacts>, StoreError> {
    let db = db.db();
    let rows = ticket_rows(db, id).await?;
    let Some(parent) = rows.iter().find(|row| row.ticket_id == id.get()) else {
        return Ok(None);
    };
    let is_parent = parent.flags & FLAG_PARENT != 0;
    let children: Vec<&TicketRow> = rows
        .iter()
        .filter(|row| is_parent && row.ticket_id != id.get() && row.ticket_pid == Some(id.get()))
        .collect();
    let ids: Vec<u32> = std::iter::once(id.get())
        .chain(children.iter().map(|row| row.ticket_id))
        .collect();
    let referrals = referral_rows(db, &ids).await?;
    let collaborators = collaborator_rows(db, &ids).await?;
    let facts = |row: &TicketRow| facts_of(row, &referrals, &collaborators);
    let mut ticket = facts(parent);
    if is_parent {
        ticket.merge = Some(MergeFacts {
            threads: MergeThreads::from_flags(parent.flags),
            children: children.into_iter().map(facts).collect(),
        });
    }
    Ok(Some(ticket))
}

fn facts_of(
    row: &TicketRow,
    referrals: &[ReferralRow],
    collaborators: &[CollaboratorRow],
) -> TicketFacts {
    TicketFacts {
        id: TicketId::new(row.ticket_id),
        dept: DeptId::new(row.dept_id),
        is_open: row.status_state.as_deref() == Some(StatusState::Open.as_str()),
        assigned_staff: StaffId::from_column(row.staff_id),
        assigned_team: TeamId::from_column(row.team_id),
        owner: UserId::new(row.user_id),
        owner_org: row.owner_org_id.and_then(OrgId::from_column),
        collaborators: collaborators
            .iter()
            .filter(|c| c.ticket_id == row.ticket_id)
            .map(|c| UserId::new(c.user_id))
            .collect(),
        // A referral row osTicket could not have written (another object
        // type, object 0) refers the ticket to nobody.
        referrals: referrals
            .iter()
            .filter(|r| r.ticket_id == row.ticket_id)
            .filter_map(|r| Referral::from_columns(&r.object_type, r.object_id).ok())
            .collect(),
        merge: None,
    }
}

/// The ticket and the tickets whose `ticket_pid` is it.
async fn ticket_rows(
    db: &impl ConnectionTrait,
    id: TicketId,
) -> Result<Vec<TicketRow>, StoreError> {
    use ticket::Column as T;
    let select = Query::select()
        .columns(
            [
                T::TicketId,
                T::TicketPid,
                T::DeptId,
                T::StaffId,
                T::TeamId,
                T::UserId,
                T::Flags,
            ]
            .map(|column| (ticket::Entity, column)),
        )
        .expr_as(
            Expr::col((ticket_status::Entity, ticket_status::Column::State)),
            Alias::new("status_state"),
        )
        .expr_as(
            Expr::col((user::Entity, user::Column::OrgId)),
            Alias::new("owner_org_id"),
        )
        .from(ticket::Entity)
        .join(
            JoinType::LeftJoin,
            ticket_status::Entity,
            Expr::col((ticket_status::Entity, ticket_status::Column::Id))
                .equals((ticket::Entity, T::StatusId)),
        )
        .join(
            JoinType::LeftJoin,
            user::Entity,
            Expr::col((user::Entity, user::Column::Id)).equals((ticket::Entity, T::UserId)),
        )
        .cond_where(
            Expr::col((ticket::Entity, T::TicketId))
                .eq(id.get())
                .or(Expr::col((ticket::Entity, T::TicketPid)).eq(id.get())),
        )
        .to_owned();
    db.query_all(&select)
        .await?
        .iter()
        .map(|row| Ok(TicketRow::from_query_result(row, "")?))
        .collect()
}

/// `FROM ost_thread` restricted to the threads of `tickets`, selecting the
/// ticket id as `ticket_id`.
fn threads_of(tickets: &[u32]) -> SelectStatement {
    Query::select()
        .expr_as(
            Expr::col((thread::Entity, thread::Column::ObjectId)),
            Alias::new("ticket_id"),
        )
        .from(thread::Entity)
        .and_where(Expr::col((thread::Entity, thread::Column::ObjectId)).is_in(tickets.to_vec()))
        .and_where(
            Expr::col((thread::Entity, thread::Column::ObjectType)).is_in(TICKET_THREAD_TYPES),
        )
        .to_owned()
}

async fn referral_rows(
    db: &impl ConnectionTrait,
    tickets: &[u32],
) -> Result<Vec<ReferralRow>, StoreError> {
    use thread_referral::Column as R;
    let select = threads_of(tickets)
        .columns([R::ObjectType, R::ObjectId].map(|column| (thread_referral::Entity, column)))
        .join(
            JoinType::InnerJoin,
            thread_referral::Entity,
            Expr::col((thread_referral::Entity, R::ThreadId))
                .equals((thread::Entity, thread::Column::Id)),
        )
        .to_owned();
    db.query_all(&select)
        .await?
        .iter()
        .map(|row| Ok(ReferralRow::from_query_result(row, "")?))
        .collect()
}

async fn collaborator_rows(
    db: &impl ConnectionTrait,
    tickets: &[u32],
) -> Result<Vec<CollaboratorRow>, StoreError> {
    use thread_collaborator::Column as C;
    let select = threads_of(tickets)
        .column((thread_collaborator::Entity, C::UserId))
        .join(
            JoinType::InnerJoin,
            thread_collaborator::Entity,
            Expr::col((thread_collaborator::Entity, C::ThreadId))
                .equals((thread::Entity, thread::Column::Id)),
        )
        .to_owned();
    db.query_all(&select)
        .await?
        .iter()
        .map(|row| Ok(CollaboratorRow::from_query_result(row, "")?))
        .collect()
}
