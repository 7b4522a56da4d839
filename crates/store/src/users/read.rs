//! Reading users back: one by id, one by address, or a page of the directory.

use super::create::find_address_row;
use super::org_domain::escape_like;
use crate::entity::{form_entry, form_entry_values, form_field, user, user_email};
use crate::{Conn, StoreError};
use chrono::NaiveDateTime;
use oxt_ticket::contact::EmailAddress;
use oxt_ticket::ids::{OrgId, UserEmailId, UserId};
use sea_orm::sea_query::{Expr, ExprTrait, Func, LikeExpr, Query, SimpleExpr};
use sea_orm::{
    ColumnTrait, Condition, EntityTrait, JoinType, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, RelationDef,
};
use std::collections::HashMap;

/// A user as the directory shows one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserRecord {
    pub id: UserId,
    pub name: String,
    /// The default address (`ost_user.default_email_id`); `None` for a user
    /// whose address row is gone.
    pub email: Option<String>,
    pub email_id: Option<UserEmailId>,
    pub org_id: Option<OrgId>,
    /// `ost_user.status` as osTicket keeps it (bit flags of the user account).
    pub status: u32,
    pub created: Option<NaiveDateTime>,
    pub updated: Option<NaiveDateTime>,
    /// The answer to the user form's `phone` field, as stored.
    pub phone: Option<String>,
}

/// Which page of a listing to read: `number` counts from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    pub number: u64,
    pub size: u64,
}

/// One page of users and how many match in all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserPage {
    pub items: Vec<UserRecord>,
    pub total: u64,
}

/// The user with id `id`, or [`StoreError::NotFound`].
pub async fn get(db: &impl Conn, id: UserId) -> Result<UserRecord, StoreError> {
    let row = user::Entity::find_by_id(id.get())
        .one(db.db())
        .await?
        .ok_or(StoreError::NotFound)?;
    Ok(records(db, vec![row]).await?.remove(0))
}

/// The user who owns `email` (compared without case), if any.
pub async fn find_by_email(
    db: &impl Conn,
    email: &EmailAddress,
) -> Result<Option<UserRecord>, StoreError> {
    let Some(address) = find_address_row(db, email).await? else {
        return Ok(None);
    };
    let Some(row) = user::Entity::find_by_id(address.user_id)
        .one(db.db())
        .await?
    else {
        return Ok(None);
    };
    Ok(records(db, vec![row]).await?.pop())
}

/// Users whose name or any address contains `query` (without case), by name.
pub async fn list(db: &impl Conn, query: Option<&str>, page: Page) -> Result<UserPage, StoreError> {
    let mut select = user::Entity::find();
    if let Some(query) = query.map(str::trim).filter(|query| !query.is_empty()) {
        let pattern = format!("%{}%", escape_like(&query.to_lowercase()));
        let addresses_matching = Query::select()
            .column(user_email::Column::UserId)
            .from(user_email::Entity)
            .and_where(lower_like(user_email::Column::Address, &pattern))
            .to_owned();
        select = select.filter(
            Condition::any()
                .add(lower_like(user::Column::Name, &pattern))
                .add(user::Column::Id.in_subquery(addresses_matching)),
        );
    }
    let total = select.clone().count(db.db()).await?;
    let rows = select
        .order_by_asc(user::Column::Name)
        .order_by_asc(user::Column::Id)
        .offset(page.number.saturating_sub(1).saturating_mul(page.size))
        .limit(page.size)
        .all(db.db())
        .await?;
    Ok(UserPage {
        items: records(db, rows).await?,
        total,
    })
}

pub(crate) fn lower_like(
    column: impl sea_orm::sea_query::IntoColumnRef,
    pattern: &str,
) -> SimpleExpr {
    Expr::expr(Func::lower(Expr::col(column))).like(LikeExpr::new(pattern).escape('\\'))
}

/// The rows with their default address and phone answer, in the same order.
async fn records(db: &impl Conn, rows: Vec<user::Model>) -> Result<Vec<UserRecord>, StoreError> {
    let email_ids: Vec<u32> = rows
        .iter()
        .filter_map(|row| u32::try_from(row.default_email_id).ok())
        .collect();
    let addresses: HashMap<u32, user_email::Model> = user_email::Entity::find()
        .filter(user_email::Column::Id.is_in(email_ids))
        .all(db.db())
        .await?
        .into_iter()
        .map(|address| (address.id, address))
        .collect();
    let user_ids: Vec<u32> = rows.iter().map(|row| row.id).collect();
    let phones = phone_answers(db, user_ids).await?;

    Ok(rows
        .into_iter()
        .map(|row| {
            let address = u32::try_from(row.default_email_id)
                .ok()
                .and_then(|id| addresses.get(&id))
                .filter(|address| address.user_id == row.id);
            UserRecord {
                id: UserId::new(row.id),
                email: address.map(|address| address.address.clone()),
                email_id: address.map(|address| UserEmailId::new(address.id)),
                org_id: OrgId::from_column(row.org_id),
                status: row.status,
                created: row.created.get(),
                updated: row.updated.get(),
                phone: phones.get(&row.id).cloned(),
                name: row.name,
            }
        })
        .collect())
}

/// The answers to the user form's `phone` field, by user id.
async fn phone_answers(
    db: &impl Conn,
    user_ids: Vec<u32>,
) -> Result<HashMap<u32, String>, StoreError> {
    let answers: Vec<(Option<u32>, Option<String>)> = form_entry_values::Entity::find()
        .select_only()
        .column(form_entry::Column::ObjectId)
        .column(form_entry_values::Column::Value)
        .join(JoinType::InnerJoin, answer_entry())
        .join(JoinType::InnerJoin, answer_field())
        .filter(form_entry::Column::ObjectType.eq("U"))
        .filter(form_entry::Column::ObjectId.is_in(user_ids))
        .filter(form_field::Column::Name.eq("phone"))
        .order_by_asc(form_entry::Column::Sort)
        .into_tuple()
        .all(db.db())
        .await?;
    let mut phones = HashMap::new();
    for (user_id, value) in answers {
        if let (Some(user_id), Some(value)) = (user_id, value.filter(|value| !value.is_empty())) {
            phones.entry(user_id).or_insert(value);
        }
    }
    Ok(phones)
}

fn answer_entry() -> RelationDef {
    form_entry_values::Entity::belongs_to(form_entry::Entity)
        .from(form_entry_values::Column::EntryId)
        .to(form_entry::Column::Id)
        .into()
}

fn answer_field() -> RelationDef {
    form_entry_values::Entity::belongs_to(form_field::Entity)
        .from(form_entry_values::Column::FieldId)
        .to(form_field::Column::Id)
        .into()
}
