//! The system ban list's rules: `email` rules of the filter named
//! `SYSTEM BAN LIST`, one banned address each.

use super::write::insert_rule;
use crate::entity::filter_rule;
use crate::{Conn, StoreError};
use chrono::{DateTime, NaiveDateTime, Utc};
use oxt_filter::{FilterRuleId, NewBanRule};
use oxt_ticket::ids::FilterId;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

/// One banned address as the ban-list page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BanRule {
    pub id: FilterRuleId,
    pub email: String,
    /// A paused ban (`isactive` 0) bans nobody.
    pub active: bool,
    pub notes: String,
    pub created: Option<NaiveDateTime>,
    pub updated: Option<NaiveDateTime>,
}

/// The `email equal` rules of the ban-list filter, by address.
pub async fn list_ban_rules(db: &impl Conn, filter: FilterId) -> Result<Vec<BanRule>, StoreError> {
    Ok(filter_rule::Entity::find()
        .filter(filter_rule::Column::FilterId.eq(filter.get()))
        .filter(filter_rule::Column::What.eq("email"))
        .filter(filter_rule::Column::How.eq("equal"))
        .order_by_asc(filter_rule::Column::Val)
        .order_by_asc(filter_rule::Column::Id)
        .all(db.db())
        .await?
        .into_iter()
        .map(|row| BanRule {
            id: FilterRuleId::new(row.id),
            email: row.val,
            active: row.isactive != 0,
            notes: row.notes,
            created: row.created.get(),
            updated: row.updated.get(),
        })
        .collect())
}

/// `Filter::addRule` for the ban list.
pub async fn insert_ban_rule(
    db: &impl Conn,
    new: &NewBanRule,
    active: bool,
    notes: &str,
    now: DateTime<Utc>,
) -> Result<FilterRuleId, StoreError> {
    insert_rule(db, new.filter, &new.rule, active, notes, now).await
}
