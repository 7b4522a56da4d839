//! Finding the user an address belongs to, or creating one with every row
//! osTicket's `User::fromVars` writes.

use super::org_domain::organization_for_domain;
use super::search::{new_user_search_content, searchable, stored_phone};
use super::{FoundUser, NewUser};
use crate::entity::{
    form, form_entry, form_entry_values, form_field, user, user_cdata, user_email,
};
use crate::reference_cache::{ReferenceKey, cached};
use crate::tickets::{SearchObject, index_for_search};
use crate::{Conn, OstDateTime, StoreError};
use chrono::{DateTime, Utc};
use oxt_ticket::contact::EmailAddress;
use oxt_ticket::ids::{OrgId, UserEmailId, UserId};
use sea_orm::sea_query::{Expr, ExprTrait, Func, OnConflict};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseBackend, DbErr, EntityTrait, JoinType,
    QueryFilter, QueryOrder, QuerySelect, RelationDef, SqlErr, sea_query::SimpleExpr,
};

/// `ost_form.type` of the user form ("Contact Information").
const USER_FORM_TYPE: &str = "U";
/// `ost_form_entry.object_type` of a user's form entry.
const USER_OBJECT_TYPE: &str = "U";
/// `DynamicFormField::FLAG_ENABLED`.
const FIELD_ENABLED: u32 = 0x1;
/// `DynamicFormField::FLAG_EXT_STORED`: the value lives outside
/// `ost_form_entry_values` (the user's name and e-mail live in `ost_user*`).
const FIELD_EXT_STORED: u32 = 0x2;
/// Field types that hold no data (section breaks, free text).
const PRESENTATION_ONLY_TYPES: [&str; 2] = ["break", "info"];

/// The user who owns `new.email` (compared case-insensitively), or a new user
/// created from `new` as osTicket creates one: `ost_user` (joined to the
/// organization mapped to the address's domain), `ost_user_email`, the user
/// form's entry and answers, `ost_user__cdata` and the `ost__search` row.
///
/// Two callers creating the same address at once: the second insert violates
/// the address's unique key and answers [`StoreError::Conflict`].
pub async fn find_or_create(
    db: &impl Conn,
    new: &NewUser,
    now: DateTime<Utc>,
) -> Result<FoundUser, StoreError> {
    // The address and its owner in one round trip.
    let found: Option<AddressAndOwner> = user_email::Entity::find()
        .select_only()
        .column(user_email::Column::Id)
        .column(user_email::Column::UserId)
        .column(user_email::Column::Address)
        .column(user::Column::Id)
        .column(user::Column::OrgId)
        .column(user::Column::Name)
        .join(JoinType::LeftJoin, address_owner())
        .filter(address_matches(db.db().get_database_backend(), &new.email))
        .order_by_asc(user_email::Column::Id)
        .into_tuple()
        .one(db.db())
        .await?;
    let orphan_address = match found {
        Some((email_id, _, address, Some(user_id), org_id, name)) => {
            return Ok(FoundUser {
                id: UserId::new(user_id),
                email_id: UserEmailId::new(email_id),
                org_id: org_id.and_then(OrgId::from_column),
                name: name.unwrap_or_default(),
                email: address,
                created: false,
            });
        }
        Some((id, _, address, None, _, _)) => Some((id, address)),
        None => None,
    };
    // An address row whose user is gone is taken over by the new user, as
    // osTicket's `UserEmail::ensure` does.
    create(db, new, orphan_address, now).await
}

/// `ost_user_email` (`id`, `user_id`, `address`) and, if it still exists, its user
/// (`id`, `org_id`, `name`).
type AddressAndOwner = (u32, u32, String, Option<u32>, Option<u32>, Option<String>);

fn address_owner() -> RelationDef {
    user_email::Entity::belongs_to(user::Entity)
        .from(user_email::Column::UserId)
        .to(user::Column::Id)
        .into()
}

/// The `ost_user_email` row of `email`, ignoring case.
pub(super) async fn find_address_row(
    db: &impl Conn,
    email: &EmailAddress,
) -> Result<Option<user_email::Model>, StoreError> {
    Ok(user_email::Entity::find()
        .filter(address_matches(db.db().get_database_backend(), email))
        .order_by_asc(user_email::Column::Id)
        .one(db.db())
        .await?)
}

/// On MySQL osTicket's `utf8_general_ci` collation already compares without
/// case, and a plain comparison keeps the unique index usable; PostgreSQL and
/// SQLite compare case-folded values.
fn address_matches(backend: DatabaseBackend, email: &EmailAddress) -> SimpleExpr {
    match backend {
        DatabaseBackend::MySql => user_email::Column::Address.eq(email.as_str()),
        _ => Expr::expr(Func::lower(Expr::col(user_email::Column::Address))).eq(email.lookup_key()),
    }
}

async fn create(
    db: &impl Conn,
    new: &NewUser,
    orphan_address: Option<(u32, String)>,
    now: DateTime<Utc>,
) -> Result<FoundUser, StoreError> {
    let now = OstDateTime::at(now.naive_utc());
    let domain = new
        .email
        .as_str()
        .split_once('@')
        .map_or("", |(_, domain)| domain);
    let org_id = organization_for_domain(db, domain).await?;

    let (email_id, stored_address) = match orphan_address {
        Some(orphan) => orphan,
        None => {
            let inserted = user_email::Entity::insert(user_email::ActiveModel {
                user_id: Set(0),
                flags: Set(0),
                address: Set(new.email.as_str().to_owned()),
                ..Default::default()
            })
            .exec(db.db())
            .await
            .map_err(unique_violation_is_conflict)?;
            (inserted.last_insert_id, new.email.as_str().to_owned())
        }
    };

    let user_id = user::Entity::insert(user::ActiveModel {
        org_id: Set(org_id.map_or(0, u32::from)),
        default_email_id: Set(default_email_column(email_id)?),
        status: Set(0),
        name: Set(new.name.as_str().to_owned()),
        created: Set(now),
        updated: Set(now),
        ..Default::default()
    })
    .exec(db.db())
    .await?
    .last_insert_id;

    user_email::Entity::update_many()
        .col_expr(user_email::Column::UserId, Expr::value(user_id))
        .filter(user_email::Column::Id.eq(email_id))
        .exec(db.db())
        .await?;

    let phone = new.phone.as_deref().and_then(stored_phone);
    let notes = new
        .notes
        .as_deref()
        .map(str::trim)
        .filter(|notes| !notes.is_empty());
    let answers = save_form_answers(db, user_id, phone.as_deref(), notes, now).await?;

    user_cdata::Entity::insert(user_cdata::ActiveModel {
        user_id: Set(user_id),
        email: Set(None),
        name: Set(None),
        phone: Set(answers.phone.then(|| phone.clone().unwrap_or_default())),
        notes: Set(answers.notes.then(|| notes.unwrap_or_default().to_owned())),
    })
    // An upsert, for the same reason as the search row's (see `index_for_search`).
    .on_conflict(
        OnConflict::column(user_cdata::Column::UserId)
            .update_columns([user_cdata::Column::Phone, user_cdata::Column::Notes])
            .to_owned(),
    )
    .exec_without_returning(db.db())
    .await?;

    index_for_search(
        db,
        SearchObject::User(user_id),
        &searchable(new.name.as_str()),
        &new_user_search_content(phone.as_deref(), notes, &stored_address),
    )
    .await?;

    Ok(FoundUser {
        id: UserId::new(user_id),
        email_id: UserEmailId::new(email_id),
        org_id,
        name: new.name.as_str().to_owned(),
        email: stored_address,
        created: true,
    })
}

/// Which of the columns `ost_user__cdata` mirrors got an answer row.
struct SavedAnswers {
    phone: bool,
    notes: bool,
}

/// The user form's entry (`sort` 1) and one answer per field that keeps its
/// value in `ost_form_entry_values`: enabled, not stored elsewhere, not
/// presentation-only. Fields the request has no value for get a `NULL` answer,
/// as osTicket saves them.
async fn save_form_answers(
    db: &impl Conn,
    user_id: u32,
    phone: Option<&str>,
    notes: Option<&str>,
    now: OstDateTime,
) -> Result<SavedAnswers, StoreError> {
    let mut saved = SavedAnswers {
        phone: false,
        notes: false,
    };
    let Some(user_form) = user_form(db).await? else {
        return Ok(saved);
    };
    let entry_id = form_entry::Entity::insert(form_entry::ActiveModel {
        form_id: Set(user_form.id),
        object_id: Set(Some(user_id)),
        object_type: Set(USER_OBJECT_TYPE.to_owned()),
        sort: Set(1),
        extra: Set(None),
        created: Set(now),
        updated: Set(now),
        ..Default::default()
    })
    .exec(db.db())
    .await?
    .last_insert_id;

    let answers: Vec<form_entry_values::ActiveModel> = user_form
        .answered_fields
        .iter()
        .map(|(field_id, name)| {
            let value = match name.as_str() {
                "phone" => {
                    saved.phone = true;
                    phone
                }
                "notes" => {
                    saved.notes = true;
                    notes
                }
                _ => None,
            };
            form_entry_values::ActiveModel {
                entry_id: Set(entry_id),
                field_id: Set(*field_id),
                value: Set(value.map(str::to_owned)),
                value_id: Set(None),
            }
        })
        .collect();
    if !answers.is_empty() {
        form_entry_values::Entity::insert_many(answers)
            .exec_without_returning(db.db())
            .await?;
    }
    Ok(saved)
}

/// The user form as new users fill it.
#[derive(Debug, Clone)]
struct UserForm {
    id: u32,
    /// `(id, name)` of the fields that keep their answer in `ost_form_entry_values`:
    /// enabled, not stored elsewhere, not presentation-only; in form order.
    answered_fields: Vec<(u32, String)>,
}

/// The first form of type `U`, through the reference cache.
async fn user_form(db: &impl Conn) -> Result<Option<UserForm>, StoreError> {
    cached(
        db.reference_cache(),
        ReferenceKey::UserForm,
        load_user_form(db),
    )
    .await
}

async fn load_user_form(db: &impl Conn) -> Result<Option<UserForm>, StoreError> {
    let Some(user_form) = form::Entity::find()
        .filter(form::Column::Type.eq(USER_FORM_TYPE))
        .order_by_asc(form::Column::Id)
        .one(db.db())
        .await?
    else {
        return Ok(None);
    };
    let answered_fields = form_field::Entity::find()
        .filter(form_field::Column::FormId.eq(user_form.id))
        .order_by_asc(form_field::Column::Sort)
        .order_by_asc(form_field::Column::Id)
        .all(db.db())
        .await?
        .into_iter()
        .filter(|field| {
            let flags = field.flags.unwrap_or(0);
            flags & FIELD_ENABLED != 0
                && flags & FIELD_EXT_STORED == 0
                && !PRESENTATION_ONLY_TYPES.contains(&field.r#type.as_str())
        })
        .map(|field| (field.id, field.name))
        .collect();
    Ok(Some(UserForm {
        id: user_form.id,
        answered_fields,
    }))
}

/// `ost_user.default_email_id` is a signed `int` while address ids are unsigned.
fn default_email_column(email_id: u32) -> Result<i32, StoreError> {
    i32::try_from(email_id).map_err(|_| {
        StoreError::Backend(DbErr::Custom(format!(
            "address id {email_id} does not fit ost_user.default_email_id"
        )))
    })
}

fn unique_violation_is_conflict(error: DbErr) -> StoreError {
    match error.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => StoreError::Conflict,
        _ => StoreError::Backend(error),
    }
}
