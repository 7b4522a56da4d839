//! Reading filters: every definition for compilation, one filter or all of
//! them with their bookkeeping columns for the editor, and the cheap marker
//! that tells whether anything changed.

use crate::entity::{filter, filter_action, filter_rule};
use crate::{Conn, OstDateTime, StoreError};
use chrono::NaiveDateTime;
use oxt_filter::{ActionRow, FilterActionId, FilterDefinition, FilterRow, FilterRuleId, RuleRow};
use oxt_ticket::ids::{EmailId, FilterId};
use sea_orm::sea_query::{Expr, Func};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

/// A filter as the editor shows it: its definition plus the columns that
/// take no part in evaluation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilterRecord {
    pub definition: FilterDefinition,
    pub notes: Option<String>,
    pub created: Option<NaiveDateTime>,
    pub updated: Option<NaiveDateTime>,
}

/// What changes whenever a filter, rule or action row is added, removed or
/// saved, by Oxticket or by osTicket's admin panel beside it: per table, the
/// row count, the highest id and the latest `updated`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FiltersMarker {
    pub filters: TableMarker,
    pub rules: TableMarker,
    pub actions: TableMarker,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TableMarker {
    pub rows: i64,
    pub max_id: Option<u32>,
    pub max_updated: Option<NaiveDateTime>,
}

/// Every filter, active or not (the ban list may be either), with its rules
/// and actions.
pub async fn load_filter_definitions(db: &impl Conn) -> Result<Vec<FilterDefinition>, StoreError> {
    let filters = filter::Entity::find()
        .order_by_asc(filter::Column::Id)
        .all(db.db())
        .await?;
    let rules = filter_rule::Entity::find()
        .order_by_asc(filter_rule::Column::Id)
        .all(db.db())
        .await?;
    let actions = filter_action::Entity::find()
        .order_by_asc(filter_action::Column::Id)
        .all(db.db())
        .await?;
    Ok(FilterDefinition::assemble(
        filters.into_iter().map(filter_row).collect(),
        rules.into_iter().map(rule_row).collect(),
        actions.into_iter().map(action_row).collect(),
    ))
}

/// Every filter with its rules and actions, in execution order.
pub async fn list_filters(db: &impl Conn) -> Result<Vec<FilterRecord>, StoreError> {
    let rows = filter::Entity::find()
        .order_by_asc(filter::Column::Execorder)
        .order_by_asc(filter::Column::Id)
        .all(db.db())
        .await?;
    let rules = filter_rule::Entity::find()
        .order_by_asc(filter_rule::Column::Id)
        .all(db.db())
        .await?;
    let actions = filter_action::Entity::find()
        .order_by_asc(filter_action::Column::Sort)
        .order_by_asc(filter_action::Column::Id)
        .all(db.db())
        .await?;
    Ok(records(rows, rules, actions))
}

pub async fn find_filter(db: &impl Conn, id: FilterId) -> Result<Option<FilterRecord>, StoreError> {
    let Some(row) = filter::Entity::find_by_id(id.get()).one(db.db()).await? else {
        return Ok(None);
    };
    let rules = filter_rule::Entity::find()
        .filter(filter_rule::Column::FilterId.eq(id.get()))
        .order_by_asc(filter_rule::Column::Id)
        .all(db.db())
        .await?;
    let actions = filter_action::Entity::find()
        .filter(filter_action::Column::FilterId.eq(id.get()))
        .order_by_asc(filter_action::Column::Sort)
        .order_by_asc(filter_action::Column::Id)
        .all(db.db())
        .await?;
    Ok(records(vec![row], rules, actions).pop())
}

fn records(
    rows: Vec<filter::Model>,
    rules: Vec<filter_rule::Model>,
    actions: Vec<filter_action::Model>,
) -> Vec<FilterRecord> {
    rows.into_iter()
        .map(|row| {
            let id = row.id;
            FilterRecord {
                notes: row.notes.clone(),
                created: row.created.get(),
                updated: row.updated.get(),
                definition: FilterDefinition {
                    filter: filter_row(row),
                    rules: rules
                        .iter()
                        .filter(|rule| rule.filter_id == id)
                        .cloned()
                        .map(rule_row)
                        .collect(),
                    actions: actions
                        .iter()
                        .filter(|action| action.filter_id == id)
                        .cloned()
                        .map(action_row)
                        .collect(),
                },
            }
        })
        .collect()
}

/// Three aggregate queries on small tables; no row is read.
pub async fn filters_marker(db: &impl Conn) -> Result<FiltersMarker, StoreError> {
    Ok(FiltersMarker {
        filters: table_marker::<filter::Entity>(db, filter::Column::Id, filter::Column::Updated)
            .await?,
        rules: table_marker::<filter_rule::Entity>(
            db,
            filter_rule::Column::Id,
            filter_rule::Column::Updated,
        )
        .await?,
        actions: table_marker::<filter_action::Entity>(
            db,
            filter_action::Column::Id,
            filter_action::Column::Updated,
        )
        .await?,
    })
}

async fn table_marker<E: EntityTrait>(
    db: &impl Conn,
    id: E::Column,
    updated: E::Column,
) -> Result<TableMarker, StoreError> {
    let (rows, max_id, max_updated): (i64, Option<u32>, OstDateTime) = E::find()
        .select_only()
        .expr(Func::count(Expr::col(id)))
        .expr(Func::max(Expr::col(id)))
        .expr(Func::max(Expr::col(updated)))
        .into_tuple()
        .one(db.db())
        .await?
        .ok_or(StoreError::NotFound)?;
    Ok(TableMarker {
        rows,
        max_id,
        max_updated: max_updated.get(),
    })
}

fn filter_row(row: filter::Model) -> FilterRow {
    FilterRow {
        id: FilterId::new(row.id),
        execorder: row.execorder,
        isactive: row.isactive != 0,
        match_all_rules: row.match_all_rules != 0,
        stop_onmatch: row.stop_onmatch != 0,
        target: row.target,
        email_id: EmailId::from_column(row.email_id),
        name: row.name,
    }
}

fn rule_row(row: filter_rule::Model) -> RuleRow {
    RuleRow {
        id: FilterRuleId::new(row.id),
        filter_id: FilterId::new(row.filter_id),
        what: row.what,
        how: row.how,
        val: row.val,
        isactive: row.isactive != 0,
    }
}

fn action_row(row: filter_action::Model) -> ActionRow {
    ActionRow {
        id: FilterActionId::new(row.id),
        filter_id: FilterId::new(row.filter_id),
        sort: row.sort,
        kind: row.r#type,
        configuration: row.configuration,
    }
}
