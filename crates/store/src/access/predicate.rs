//! `oxt_perm::Predicate` as SQL: the `WHERE` condition on `ost_ticket` that
//! keeps the tickets an actor may see.
//!
//! Each variant means what its documentation says, but the probes it
//! documents as `EXISTS` subqueries (referrals, collaborators, merge
//! children; not the open state, see below) are run first, as small indexed queries
//! (`ost_thread_referral`'s `ref` key, `ost_thread_collaborator.user_id`,
//! `ost_ticket.ticket_pid`), and enter the condition as id lists:
//! `t.status_id IN (...)`, `t.ticket_id IN (...)`. The condition is then made
//! of equalities on indexed columns of `ost_ticket` only, which MariaDB can
//! answer with an index merge when the actor sees few tickets, or by walking
//! the sort index when they see many. A correlated `EXISTS` inside an `OR`
//! would instead be evaluated for every row of the table, and counting an
//! `assigned_only` agent's few tickets would read all of them.

use super::ticket::{FLAG_MERGED, FLAG_PARENT, TICKET_THREAD_TYPES};
use crate::entity::{thread, thread_collaborator, thread_referral, ticket, ticket_status, user};
use crate::{Conn, StoreError};
use oxt_perm::Predicate;
use oxt_ticket::status::StatusState;
use sea_orm::sea_query::{
    Alias, DynIden, Expr, ExprTrait, IntoIden, JoinType, Query, SelectStatement,
};
use sea_orm::{ConnectionTrait, FromQueryResult};
use std::future::Future;
use std::pin::Pin;

/// The condition `predicate` puts on the rows of `ost_ticket` in the query
/// it is added to (the table under its own name, not an alias).
pub async fn visible_condition(db: &impl Conn, predicate: &Predicate) -> Result<Expr, StoreError> {
    condition(
        db.db(),
        &disjunctive(predicate),
        ticket::Entity.into_iden(),
        0,
    )
    .await
}

/// The same condition as an `OR` of `AND`s: `open AND (mine OR my team's)`
/// becomes `(open AND mine) OR (open AND my team's)`, so that every operand of
/// the `OR` starts from an index of its own (MariaDB's index-merge union needs
/// a range in each).
fn disjunctive(predicate: &Predicate) -> Predicate {
    let alternatives = |predicate: &Predicate| -> Vec<Vec<Predicate>> {
        match disjunctive(predicate) {
            Predicate::Any(operands) => operands
                .into_iter()
                .map(|operand| match operand {
                    Predicate::All(conjuncts) => conjuncts,
                    other => vec![other],
                })
                .collect(),
            Predicate::All(conjuncts) => vec![conjuncts],
            other => vec![vec![other]],
        }
    };
    match predicate {
        Predicate::Any(operands) => Predicate::Any(
            operands
                .iter()
                .flat_map(alternatives)
                .map(conjunction)
                .collect(),
        ),
        Predicate::All(operands) => {
            let mut product: Vec<Vec<Predicate>> = vec![Vec::new()];
            for operand in operands {
                let choices = alternatives(operand);
                product = product
                    .iter()
                    .flat_map(|prefix| {
                        choices.iter().map(move |choice| {
                            prefix.iter().chain(choice).cloned().collect::<Vec<_>>()
                        })
                    })
                    .collect();
            }
            match product.len() {
                1 => conjunction(product.remove(0)),
                _ => Predicate::Any(product.into_iter().map(conjunction).collect()),
            }
        }
        Predicate::MergedChild(inner) => Predicate::MergedChild(Box::new(disjunctive(inner))),
        other => other.clone(),
    }
}

fn conjunction(mut conjuncts: Vec<Predicate>) -> Predicate {
    match conjuncts.len() {
        1 => conjuncts.remove(0),
        _ => Predicate::All(conjuncts),
    }
}

#[derive(Debug, FromQueryResult)]
struct IdRow {
    id: u32,
}

type Condition<'a> = Pin<Box<dyn Future<Output = Result<Expr, StoreError>> + Send + 'a>>;

/// `row` is the ticket row the condition is about: the listed row, or the
/// merge children `oxt_child<depth>` inside [`Predicate::MergedChild`].
fn condition<'a, C: ConnectionTrait>(
    db: &'a C,
    predicate: &'a Predicate,
    row: DynIden,
    depth: usize,
) -> Condition<'a> {
    Box::pin(async move {
        let column = |name: ticket::Column| Expr::col((row.clone(), name));
        Ok(match predicate {
            Predicate::Any(operands) => {
                let mut any = None;
                for operand in operands {
                    let next = condition(db, operand, row.clone(), depth).await?;
                    any = Some(match any {
                        None => next,
                        Some(before) => Expr::or(before, next),
                    });
                }
                any.unwrap_or_else(never)
            }
            Predicate::All(operands) => {
                let mut all = None;
                for operand in operands {
                    let next = condition(db, operand, row.clone(), depth).await?;
                    all = Some(match all {
                        None => next,
                        Some(before) => Expr::and(before, next),
                    });
                }
                all.unwrap_or_else(always)
            }
            // Kept correlated, as documented: it only ever narrows rows another
            // operand's index found (see `disjunctive`); as `status_id IN (...)`
            // MariaDB would pick the status index, which holds most of the table.
            Predicate::IsOpen => {
                let status = Alias::new(format!("oxt_status{depth}")).into_iden();
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
            Predicate::DeptIn(depts) => {
                let ids: Vec<u32> = depts.iter().map(|dept| dept.get()).collect();
                in_list(column(ticket::Column::DeptId), &ids)
            }
            Predicate::AssignedStaff(staff) => column(ticket::Column::StaffId).eq(staff.get()),
            Predicate::AssignedTeamIn(teams) => {
                let ids: Vec<u32> = teams.iter().map(|team| team.get()).collect();
                in_list(column(ticket::Column::TeamId), &ids)
            }
            Predicate::ReferredToStaff(staff) => {
                let tickets = referred_tickets(db, "S", &[staff.get()]).await?;
                in_list(column(ticket::Column::TicketId), &tickets)
            }
            Predicate::ReferredToTeamIn(teams) => {
                let ids: Vec<u32> = teams.iter().map(|team| team.get()).collect();
                let tickets = referred_tickets(db, "E", &ids).await?;
                in_list(column(ticket::Column::TicketId), &tickets)
            }
            Predicate::ReferredToDeptIn(depts) => {
                let ids: Vec<u32> = depts.iter().map(|dept| dept.get()).collect();
                let tickets = referred_tickets(db, "D", &ids).await?;
                in_list(column(ticket::Column::TicketId), &tickets)
            }
            Predicate::Owner(owner) => column(ticket::Column::UserId).eq(owner.get()),
            // An organization may have many members: an uncorrelated
            // subquery on `ost_user.org_id`, evaluated once.
            Predicate::OwnerOrg(org) => column(ticket::Column::UserId).in_subquery(
                Query::select()
                    .column(user::Column::Id)
                    .from(user::Entity)
                    .and_where(Expr::col(user::Column::OrgId).eq(org.get()))
                    .to_owned(),
            ),
            Predicate::Collaborator(collaborator) => {
                let tickets = collaborated_tickets(db, collaborator.get()).await?;
                in_list(column(ticket::Column::TicketId), &tickets)
            }
            Predicate::Ticket(id) => column(ticket::Column::TicketId).eq(id.get()),
            Predicate::MergedChild(inner) => {
                let child = Alias::new(format!("oxt_child{depth}")).into_iden();
                let on_child = condition(db, inner, child.clone(), depth + 1).await?;
                let parents = merge_parents(db, child, on_child).await?;
                let flags = || column(ticket::Column::Flags);
                in_list(column(ticket::Column::TicketId), &parents)
                    .and(flags().bit_and(FLAG_PARENT).ne(0))
                    .and(flags().bit_and(FLAG_MERGED).ne(0))
            }
        })
    })
}

async fn ids(db: &impl ConnectionTrait, select: &SelectStatement) -> Result<Vec<u32>, StoreError> {
    db.query_all(select)
        .await?
        .iter()
        .map(|row| Ok(IdRow::from_query_result(row, "")?.id))
        .collect()
}

/// The tickets whose thread (`T`, or `C` for a merged child) is referred to
/// objects `ids` of `object_type`, through the `ref` key
/// (`object_id`, `object_type`, `thread_id`).
async fn referred_tickets(
    db: &impl ConnectionTrait,
    object_type: &str,
    ids_referred_to: &[u32],
) -> Result<Vec<u32>, StoreError> {
    if ids_referred_to.is_empty() {
        return Ok(Vec::new());
    }
    let select = Query::select()
        .distinct()
        .expr_as(
            Expr::col((thread::Entity, thread::Column::ObjectId)),
            Alias::new("id"),
        )
        .from(thread_referral::Entity)
        .join(
            JoinType::InnerJoin,
            thread::Entity,
            Expr::col((thread::Entity, thread::Column::Id))
                .equals((thread_referral::Entity, thread_referral::Column::ThreadId)),
        )
        .and_where(
            Expr::col((thread_referral::Entity, thread_referral::Column::ObjectId))
                .is_in(ids_referred_to.to_vec()),
        )
        .and_where(
            Expr::col((thread_referral::Entity, thread_referral::Column::ObjectType))
                .eq(object_type),
        )
        .and_where(
            Expr::col((thread::Entity, thread::Column::ObjectType)).is_in(TICKET_THREAD_TYPES),
        )
        .to_owned();
    ids(db, &select).await
}

/// The tickets whose thread has a collaborator row for `user`, whatever its
/// flags.
async fn collaborated_tickets(
    db: &impl ConnectionTrait,
    user: u32,
) -> Result<Vec<u32>, StoreError> {
    let select = Query::select()
        .distinct()
        .expr_as(
            Expr::col((thread::Entity, thread::Column::ObjectId)),
            Alias::new("id"),
        )
        .from(thread_collaborator::Entity)
        .join(
            JoinType::InnerJoin,
            thread::Entity,
            Expr::col((thread::Entity, thread::Column::Id)).equals((
                thread_collaborator::Entity,
                thread_collaborator::Column::ThreadId,
            )),
        )
        .and_where(
            Expr::col((
                thread_collaborator::Entity,
                thread_collaborator::Column::UserId,
            ))
            .eq(user),
        )
        .and_where(
            Expr::col((thread::Entity, thread::Column::ObjectType)).is_in(TICKET_THREAD_TYPES),
        )
        .to_owned();
    ids(db, &select).await
}

/// The `ticket_pid` of every child ticket satisfying `on_child`.
async fn merge_parents(
    db: &impl ConnectionTrait,
    child: DynIden,
    on_child: Expr,
) -> Result<Vec<u32>, StoreError> {
    let parent = Expr::col((child.clone(), ticket::Column::TicketPid));
    let select = Query::select()
        .distinct()
        .expr_as(parent.clone(), Alias::new("id"))
        .from_as(ticket::Entity, child)
        .and_where(parent.gt(0))
        .and_where(on_child)
        .to_owned();
    ids(db, &select).await
}

/// `column = id` for one id, `column IN (...)` for more, false for none.
fn in_list(column: Expr, ids: &[u32]) -> Expr {
    match ids {
        [] => never(),
        [one] => column.eq(*one),
        many => column.is_in(many.iter().copied()),
    }
}

/// A condition no row satisfies, written the same on every backend.
fn never() -> Expr {
    Expr::cust("1 = 0")
}

fn always() -> Expr {
    Expr::cust("1 = 1")
}
