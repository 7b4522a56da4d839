//! Saving filters as osTicket's editor does: the filter row, then its rules
//! and actions, replaced as a whole on update.

use crate::entity::{filter, filter_action, filter_rule};
use crate::{Conn, OstDateTime, StoreError};
use chrono::{DateTime, Utc};
use oxt_filter::{FilterRuleId, NewAction, NewRule, ValidatedFilter};
use oxt_ticket::ids::FilterId;
use sea_orm::sea_query::{Expr, ExprTrait, Func};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, NotSet, QueryFilter};

/// Whether another filter already has `name`, compared without case as
/// MySQL's collation compares osTicket's names.
pub async fn filter_name_taken(
    db: &impl Conn,
    name: &str,
    except: Option<FilterId>,
) -> Result<bool, StoreError> {
    let mut query = filter::Entity::find()
        .filter(Expr::expr(Func::lower(Expr::col(filter::Column::Name))).eq(name.to_lowercase()));
    if let Some(except) = except {
        query = query.filter(filter::Column::Id.ne(except.get()));
    }
    Ok(query.one(db.db()).await?.is_some())
}

/// Inserts a filter with its rules and actions.
pub async fn insert_filter(
    db: &impl Conn,
    new: &ValidatedFilter,
    notes: Option<&str>,
    now: DateTime<Utc>,
) -> Result<FilterId, StoreError> {
    let row = filter::ActiveModel {
        id: NotSet,
        execorder: Set(new.execorder),
        isactive: Set(u32::from(new.isactive)),
        flags: Set(Some(0)),
        status: Set(0),
        match_all_rules: Set(u32::from(new.match_all_rules)),
        stop_onmatch: Set(u32::from(new.stop_onmatch)),
        target: Set(new.target.to_string()),
        email_id: Set(new.email_id.map_or(0, |id| id.get())),
        name: Set(new.name.clone()),
        notes: Set(notes.map(str::to_owned)),
        created: Set(time(Some(now))),
        updated: Set(time(Some(now))),
    }
    .insert(db.db())
    .await?;
    let id = FilterId::new(row.id);
    insert_rules(db, id, &new.rules, now).await?;
    insert_actions(db, id, &new.actions, now).await?;
    Ok(id)
}

/// Overwrites filter `id` and replaces its rules and actions;
/// [`StoreError::NotFound`] when there is no such filter.
pub async fn replace_filter(
    db: &impl Conn,
    id: FilterId,
    new: &ValidatedFilter,
    notes: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let updated = filter::Entity::update_many()
        .col_expr(filter::Column::Execorder, Expr::value(new.execorder))
        .col_expr(
            filter::Column::Isactive,
            Expr::value(u32::from(new.isactive)),
        )
        .col_expr(
            filter::Column::MatchAllRules,
            Expr::value(u32::from(new.match_all_rules)),
        )
        .col_expr(
            filter::Column::StopOnmatch,
            Expr::value(u32::from(new.stop_onmatch)),
        )
        .col_expr(filter::Column::Target, Expr::value(new.target.to_string()))
        .col_expr(
            filter::Column::EmailId,
            Expr::value(new.email_id.map_or(0, |id| id.get())),
        )
        .col_expr(filter::Column::Name, Expr::value(new.name.clone()))
        .col_expr(filter::Column::Notes, Expr::value(notes.map(str::to_owned)))
        .col_expr(filter::Column::Updated, Expr::value(time(Some(now))))
        .filter(filter::Column::Id.eq(id.get()))
        .exec(db.db())
        .await?;
    if updated.rows_affected == 0 {
        return Err(StoreError::NotFound);
    }
    filter_rule::Entity::delete_many()
        .filter(filter_rule::Column::FilterId.eq(id.get()))
        .exec(db.db())
        .await?;
    filter_action::Entity::delete_many()
        .filter(filter_action::Column::FilterId.eq(id.get()))
        .exec(db.db())
        .await?;
    insert_rules(db, id, &new.rules, now).await?;
    insert_actions(db, id, &new.actions, now).await
}

/// Deletes filter `id` with its rules and actions, as `Filter::delete`
/// does; [`StoreError::NotFound`] when there is no such filter.
pub async fn delete_filter(db: &impl Conn, id: FilterId) -> Result<(), StoreError> {
    let deleted = filter::Entity::delete_by_id(id.get()).exec(db.db()).await?;
    if deleted.rows_affected == 0 {
        return Err(StoreError::NotFound);
    }
    filter_rule::Entity::delete_many()
        .filter(filter_rule::Column::FilterId.eq(id.get()))
        .exec(db.db())
        .await?;
    filter_action::Entity::delete_many()
        .filter(filter_action::Column::FilterId.eq(id.get()))
        .exec(db.db())
        .await?;
    Ok(())
}

/// Deletes the given rule rows; answers how many there were.
pub async fn delete_filter_rules(db: &impl Conn, ids: &[FilterRuleId]) -> Result<u64, StoreError> {
    if ids.is_empty() {
        return Ok(0);
    }
    let deleted = filter_rule::Entity::delete_many()
        .filter(filter_rule::Column::Id.is_in(ids.iter().map(|id| id.get())))
        .exec(db.db())
        .await?;
    Ok(deleted.rows_affected)
}

pub(super) async fn insert_rule(
    db: &impl Conn,
    filter: FilterId,
    rule: &NewRule,
    isactive: bool,
    notes: &str,
    now: DateTime<Utc>,
) -> Result<FilterRuleId, StoreError> {
    let row = filter_rule::ActiveModel {
        id: NotSet,
        filter_id: Set(filter.get()),
        what: Set(rule.what.to_string()),
        how: Set(rule.how.as_str().to_owned()),
        val: Set(rule.val.clone()),
        isactive: Set(u32::from(isactive)),
        notes: Set(notes.to_owned()),
        created: Set(time(Some(now))),
        updated: Set(time(Some(now))),
    }
    .insert(db.db())
    .await?;
    Ok(FilterRuleId::new(row.id))
}

async fn insert_rules(
    db: &impl Conn,
    filter: FilterId,
    rules: &[NewRule],
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    for rule in rules {
        // The editor saves every rule active; only ban rules can be paused.
        insert_rule(db, filter, rule, true, "", now).await?;
    }
    Ok(())
}

async fn insert_actions(
    db: &impl Conn,
    filter: FilterId,
    actions: &[NewAction],
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    for new in actions {
        filter_action::ActiveModel {
            id: NotSet,
            filter_id: Set(filter.get()),
            sort: Set(new.sort),
            r#type: Set(new.action.kind().to_owned()),
            configuration: Set(Some(new.action.configuration())),
            updated: Set(time(Some(now))),
        }
        .insert(db.db())
        .await?;
    }
    Ok(())
}

fn time(at: Option<DateTime<Utc>>) -> OstDateTime {
    OstDateTime::from(at.map(|at| at.naive_utc()))
}
