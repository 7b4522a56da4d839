//! Pages of tickets, filtered and sorted, with the total count.
//!
//! The page is chosen on `ost_ticket` alone, where osTicket's single-column keys
//! (`dept_id`, `status_id`, `staff_id`, `user_id`, `created`, `duedate`) serve the
//! filter and the order; only the page's ids are then joined to the names they
//! refer to. Joining `__cdata` and the rest for every matching row before the
//! `LIMIT` is what makes osTicket's own queue pages take seconds on large tables.
//!
//! Every list is narrowed to what the caller may see by the `oxt_perm`
//! predicate, in the same `WHERE`, so neither the page nor the count can
//! reveal a hidden ticket. The count stops at a cap: counting every ticket
//! of a predicate that matches most of a million-row table is what costs,
//! not the page.

use super::view::{TicketSummary, summary_from_row, summary_select};
use crate::access::visible_condition;
use crate::entity::{ticket, ticket_cdata, ticket_status};
use crate::{Conn, StoreError};
use oxt_perm::Predicate;
use oxt_ticket::ids::{DeptId, StaffId, StatusId, TicketId, UserId};
use oxt_ticket::status::StatusState;
use sea_orm::sea_query::{
    Alias, Cond, Expr, ExprTrait, Func, JoinType, LikeExpr, Order, Query, SelectStatement,
};
use sea_orm::{ConnectionTrait, FromQueryResult};
use std::collections::HashMap;

/// Which tickets to list; every filter given must hold.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TicketFilter {
    pub status: Option<StatusFilter>,
    pub dept_id: Option<DeptId>,
    pub staff_id: Option<StaffId>,
    pub user_id: Option<UserId>,
    /// Matches a ticket whose number is exactly this text or whose subject contains
    /// it, ignoring case.
    pub text: Option<String>,
}

/// Tickets in any status of a state, or in one status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusFilter {
    State(StatusState),
    Id(StatusId),
}

/// The column a page is sorted by; ties are broken by ticket id, in the same direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TicketSortKey {
    Created,
    Updated,
    Number,
    Duedate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TicketOrder {
    pub key: TicketSortKey,
    pub descending: bool,
}

/// `limit` tickets after the first `offset` of the sorted list, and matching
/// tickets counted up to `count_cap`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TicketPageRequest {
    pub offset: u64,
    pub limit: u64,
    pub count_cap: u64,
}

/// One page of the list and how many tickets match the filter in all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketPage {
    pub items: Vec<TicketSummary>,
    /// The number of matching tickets when `total_exact`; otherwise the cap,
    /// which more tickets than that match.
    pub total: u64,
    pub total_exact: bool,
}

#[derive(Debug, FromQueryResult)]
struct IdRow {
    ticket_id: u32,
}

#[derive(Debug, FromQueryResult)]
struct StatusIdRow {
    id: i32,
}

#[derive(Debug, FromQueryResult)]
struct CountRow {
    total: i64,
}

/// The tickets matching `filter` among those `visible` allows, sorted by
/// `order`, the `page` asked for.
pub async fn list_tickets(
    conn: &impl Conn,
    filter: &TicketFilter,
    visible: &Predicate,
    order: TicketOrder,
    page: TicketPageRequest,
) -> Result<TicketPage, StoreError> {
    let db = conn.db();
    let status_ids = match filter.status {
        None => None,
        Some(StatusFilter::Id(id)) => Some(vec![id.get()]),
        Some(StatusFilter::State(state)) => Some(status_ids_in_state(db, state).await?),
    };
    if status_ids.as_ref().is_some_and(Vec::is_empty) {
        return Ok(TicketPage {
            items: Vec::new(),
            total: 0,
            total_exact: true,
        });
    }

    let visible = visible_condition(conn, visible).await?;
    let mut ids_select = filtered(filter, &visible, status_ids.as_deref());
    ids_select.column((ticket::Entity, ticket::Column::TicketId));
    let sort_column = match order.key {
        TicketSortKey::Created => ticket::Column::Created,
        TicketSortKey::Updated => ticket::Column::Updated,
        TicketSortKey::Number => ticket::Column::Number,
        TicketSortKey::Duedate => ticket::Column::Duedate,
    };
    let direction = if order.descending {
        Order::Desc
    } else {
        Order::Asc
    };
    ids_select
        .order_by((ticket::Entity, sort_column), direction.clone())
        .order_by((ticket::Entity, ticket::Column::TicketId), direction)
        .limit(page.limit)
        .offset(page.offset);
    // SELECT COUNT(*) FROM (SELECT 1 FROM ost_ticket WHERE ... LIMIT cap + 1):
    // the engine stops reading once it knows there are more than the cap.
    let mut capped = filtered(filter, &visible, status_ids.as_deref());
    capped
        .expr(Expr::val(1))
        .limit(page.count_cap.saturating_add(1));
    let count_select = Query::select()
        .expr_as(Expr::cust("COUNT(*)"), Alias::new("total"))
        .from_subquery(capped, Alias::new("oxt_capped"))
        .to_owned();
    // Both statements walk the same rows; on a pool they run at once on two
    // connections (a transaction still runs them one after the other).
    let ids = async {
        db.query_all(&ids_select)
            .await?
            .iter()
            .map(|row| Ok(IdRow::from_query_result(row, "")?.ticket_id))
            .collect::<Result<Vec<u32>, StoreError>>()
    };
    let counted = async {
        Ok::<_, StoreError>(match db.query_one(&count_select).await? {
            Some(row) => {
                u64::try_from(CountRow::from_query_result(&row, "")?.total).unwrap_or_default()
            }
            None => 0,
        })
    };
    let (ids, counted) = tokio::try_join!(ids, counted)?;
    let total_exact = counted <= page.count_cap;

    Ok(TicketPage {
        items: summaries_in_order(db, &ids).await?,
        total: Ord::min(counted, page.count_cap),
        total_exact,
    })
}

/// `FROM ost_ticket WHERE <visible> AND <filter>`, joined to `__cdata` only
/// when the subject is searched.
fn filtered(filter: &TicketFilter, visible: &Expr, status_ids: Option<&[u32]>) -> SelectStatement {
    let mut select = Query::select();
    select.from(ticket::Entity);
    select.and_where(visible.clone());
    if let Some(ids) = status_ids {
        select.and_where(
            Expr::col((ticket::Entity, ticket::Column::StatusId)).is_in(ids.iter().copied()),
        );
    }
    if let Some(dept) = filter.dept_id {
        select.and_where(Expr::col((ticket::Entity, ticket::Column::DeptId)).eq(dept.get()));
    }
    if let Some(staff) = filter.staff_id {
        select.and_where(Expr::col((ticket::Entity, ticket::Column::StaffId)).eq(staff.get()));
    }
    if let Some(user) = filter.user_id {
        select.and_where(Expr::col((ticket::Entity, ticket::Column::UserId)).eq(user.get()));
    }
    if let Some(text) = filter.text.as_deref() {
        select
            .join(
                JoinType::LeftJoin,
                ticket_cdata::Entity,
                Expr::col((ticket_cdata::Entity, ticket_cdata::Column::TicketId))
                    .equals((ticket::Entity, ticket::Column::TicketId)),
            )
            .cond_where(
                Cond::any()
                    .add(Expr::col((ticket::Entity, ticket::Column::Number)).eq(text))
                    .add(
                        Func::lower(Expr::col((
                            ticket_cdata::Entity,
                            ticket_cdata::Column::Subject,
                        )))
                        .like(contains_ignoring_case(text)),
                    ),
            );
    }
    select
}

/// `%text%` in lower case, with the pattern characters of `text` taken literally.
fn contains_ignoring_case(text: &str) -> LikeExpr {
    let mut pattern = String::with_capacity(text.len() + 2);
    pattern.push('%');
    for character in text.to_lowercase().chars() {
        if matches!(character, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(character);
    }
    pattern.push('%');
    LikeExpr::new(pattern).escape('\\')
}

/// The ids of the statuses in `state`: a handful of rows, read first so that the
/// ticket query filters on `ost_ticket.status_id` with a plain `IN (...)`.
async fn status_ids_in_state(
    db: &impl ConnectionTrait,
    state: StatusState,
) -> Result<Vec<u32>, StoreError> {
    let select = Query::select()
        .column(ticket_status::Column::Id)
        .from(ticket_status::Entity)
        .and_where(Expr::col(ticket_status::Column::State).eq(state.as_str()))
        .to_owned();
    db.query_all(&select)
        .await?
        .iter()
        .filter_map(|row| match StatusIdRow::from_query_result(row, "") {
            Ok(row) => u32::try_from(row.id).ok().map(Ok),
            Err(error) => Some(Err(error.into())),
        })
        .collect()
}

/// The summaries of `ids`, in the order of `ids`.
async fn summaries_in_order(
    db: &impl ConnectionTrait,
    ids: &[u32],
) -> Result<Vec<TicketSummary>, StoreError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut select = summary_select(db.get_database_backend());
    select.and_where(
        Expr::col((ticket::Entity, ticket::Column::TicketId)).is_in(ids.iter().copied()),
    );
    let mut by_id = db
        .query_all(&select)
        .await?
        .iter()
        .map(|row| summary_from_row(row).map(|summary| (summary.id, summary)))
        .collect::<Result<HashMap<TicketId, TicketSummary>, StoreError>>()?;
    Ok(ids
        .iter()
        .filter_map(|id| by_id.remove(&TicketId::new(*id)))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn searched_text_is_matched_literally_and_in_lower_case() {
        let pattern = contains_ignoring_case("50%_Off\\");
        let select = Query::select()
            .expr(Expr::val("x").like(pattern))
            .to_owned()
            .to_string(sea_orm::sea_query::SqliteQueryBuilder);
        assert!(select.contains(r"'%50\%\_off\\%' ESCAPE '\'"), "{select}");
    }
}
