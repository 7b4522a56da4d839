//! `oxt_perm::Predicate` as SQL: the `WHERE` condition on `ost_ticket` that
//! keeps the tickets an actor may see, each variant written as its
//! documentation says.

use super::ticket::{FLAG_MERGED, FLAG_PARENT, TICKET_THREAD_TYPES};
use crate::entity::{thread, thread_collaborator, thread_referral, ticket, ticket_status, user};
use oxt_perm::Predicate;
use oxt_ticket::status::StatusState;
use sea_orm::sea_query::{Alias, DynIden, Expr, ExprTrait, IntoIden, Query, SelectStatement};

/// The condition `predicate` puts on the rows of `ost_ticket` in the query
/// it is added to (the table under its own name, not an alias).
pub fn visible_condition(predicate: &Predicate) -> Expr {
    condition(predicate, &ticket::Entity.into_iden(), 0)
}

/// `row` is the ticket row the condition is about: the listed row, or a
/// merge child `c<depth>` inside [`Predicate::MergedChild`]. Every table a
/// subquery opens is aliased with the depth, so nested conditions never
/// capture each other's rows.
fn condition(predicate: &Predicate, row: &DynIden, depth: usize) -> Expr {
    let column = |name: ticket::Column| Expr::col((row.clone(), name));
    match predicate {
        Predicate::Any(operands) => operands
            .iter()
            .map(|operand| condition(operand, row, depth))
            .reduce(|a, b| a.or(b))
            .unwrap_or_else(never),
        Predicate::All(operands) => operands
            .iter()
            .map(|operand| condition(operand, row, depth))
            .reduce(|a, b| a.and(b))
            .unwrap_or_else(always),
        Predicate::IsOpen => {
            let status = alias("s", depth);
            Expr::exists(
                Query::select()
                    .expr(Expr::val(1))
                    .from_as(ticket_status::Entity, status.clone())
                    .and_where(
                        Expr::col((status.clone(), ticket_status::Column::Id))
                            .equals((row.clone(), ticket::Column::StatusId)),
                    )
                    .and_where(
                        Expr::col((status, ticket_status::Column::State))
                            .eq(StatusState::Open.as_str()),
                    )
                    .to_owned(),
            )
        }
        Predicate::DeptIn(depts) => in_list(column(ticket::Column::DeptId), depts, |d| d.get()),
        Predicate::AssignedStaff(staff) => column(ticket::Column::StaffId).eq(staff.get()),
        Predicate::AssignedTeamIn(teams) => {
            in_list(column(ticket::Column::TeamId), teams, |t| t.get())
        }
        Predicate::ReferredToStaff(staff) => referred(row, depth, "S", &[staff.get()]),
        Predicate::ReferredToTeamIn(teams) => {
            let ids: Vec<u32> = teams.iter().map(|team| team.get()).collect();
            referred(row, depth, "E", &ids)
        }
        Predicate::ReferredToDeptIn(depts) => {
            let ids: Vec<u32> = depts.iter().map(|dept| dept.get()).collect();
            referred(row, depth, "D", &ids)
        }
        Predicate::Owner(owner) => column(ticket::Column::UserId).eq(owner.get()),
        Predicate::OwnerOrg(org) => {
            let owner = alias("u", depth);
            Expr::exists(
                Query::select()
                    .expr(Expr::val(1))
                    .from_as(user::Entity, owner.clone())
                    .and_where(
                        Expr::col((owner.clone(), user::Column::Id))
                            .equals((row.clone(), ticket::Column::UserId)),
                    )
                    .and_where(Expr::col((owner, user::Column::OrgId)).eq(org.get()))
                    .to_owned(),
            )
        }
        Predicate::Collaborator(collaborator) => {
            let collaborators = alias("c", depth);
            let mut select = thread_of(row, depth);
            select
                .join_as(
                    sea_orm::sea_query::JoinType::InnerJoin,
                    thread_collaborator::Entity,
                    collaborators.clone(),
                    Expr::col((collaborators.clone(), thread_collaborator::Column::ThreadId))
                        .equals((alias("th", depth), thread::Column::Id)),
                )
                .and_where(
                    Expr::col((collaborators, thread_collaborator::Column::UserId))
                        .eq(collaborator.get()),
                );
            Expr::exists(select)
        }
        Predicate::Ticket(id) => column(ticket::Column::TicketId).eq(id.get()),
        Predicate::MergedChild(inner) => {
            let child = alias("child", depth);
            let flags = || column(ticket::Column::Flags);
            flags()
                .bit_and(FLAG_PARENT)
                .ne(0)
                .and(flags().bit_and(FLAG_MERGED).ne(0))
                .and(Expr::exists(
                    Query::select()
                        .expr(Expr::val(1))
                        .from_as(ticket::Entity, child.clone())
                        .and_where(
                            Expr::col((child.clone(), ticket::Column::TicketPid))
                                .equals((row.clone(), ticket::Column::TicketId)),
                        )
                        .and_where(condition(inner, &child, depth + 1))
                        .to_owned(),
                ))
        }
    }
}

/// `EXISTS (SELECT 1 FROM ost_thread th JOIN ost_thread_referral r ...)`
/// for referrals of `row`'s thread to objects `ids` of `object_type`.
fn referred(row: &DynIden, depth: usize, object_type: &str, ids: &[u32]) -> Expr {
    if ids.is_empty() {
        return never();
    }
    let referrals = alias("r", depth);
    let mut select = thread_of(row, depth);
    select
        .join_as(
            sea_orm::sea_query::JoinType::InnerJoin,
            thread_referral::Entity,
            referrals.clone(),
            Expr::col((referrals.clone(), thread_referral::Column::ThreadId))
                .equals((alias("th", depth), thread::Column::Id)),
        )
        .and_where(
            Expr::col((referrals.clone(), thread_referral::Column::ObjectType)).eq(object_type),
        )
        .and_where(in_list(
            Expr::col((referrals, thread_referral::Column::ObjectId)),
            ids,
            |id| *id,
        ));
    Expr::exists(select)
}

/// `SELECT 1 FROM ost_thread th WHERE th.object_id = <row>.ticket_id AND
/// th.object_type IN ('T','C')`.
fn thread_of(row: &DynIden, depth: usize) -> SelectStatement {
    let threads = alias("th", depth);
    Query::select()
        .expr(Expr::val(1))
        .from_as(thread::Entity, threads.clone())
        .and_where(
            Expr::col((threads.clone(), thread::Column::ObjectId))
                .equals((row.clone(), ticket::Column::TicketId)),
        )
        .and_where(Expr::col((threads, thread::Column::ObjectType)).is_in(TICKET_THREAD_TYPES))
        .to_owned()
}

/// `column = id` for one id, `column IN (...)` for more, false for none.
fn in_list<T>(column: Expr, items: &[T], id: impl Fn(&T) -> u32) -> Expr {
    match items {
        [] => never(),
        [one] => column.eq(id(one)),
        many => column.is_in(many.iter().map(id)),
    }
}

fn alias(name: &str, depth: usize) -> DynIden {
    Alias::new(format!("oxt_{name}{depth}")).into_iden()
}

/// A condition no row satisfies, written the same on every backend.
fn never() -> Expr {
    Expr::cust("1 = 0")
}

fn always() -> Expr {
    Expr::cust("1 = 1")
}
