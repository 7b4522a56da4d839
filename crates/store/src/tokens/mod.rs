//! Refresh tokens (`{prefix}oxt_refresh_token`): stored as hashes, grouped in
//! families (one per sign-in), rotated on use.
//!
//! The table has no "replaced by" column: a token counts as exchanged when a
//! later token of its family exists, since rotation is the only thing that
//! adds one. Rotation reads the presented row with a row lock
//! ([`find_for_rotation`]) so that two refreshes racing with one token are
//! serialised: the second sees the first one's successor and is treated as
//! reuse.

use crate::entity::oxt_refresh_token::{self, SubjectKind};
use crate::{Conn, StoreError};
use chrono::{DateTime, Utc};
use oxt_ticket::ids::{StaffId, UserId};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QuerySelect};

/// Whose token it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenOwner {
    Staff(StaffId),
    User(UserId),
}

/// A token to store: its hash, never the token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRefreshToken<'a> {
    pub owner: TokenOwner,
    /// Lower-case hex SHA-256 of the token.
    pub token_hash: &'a str,
    pub family_id: &'a str,
    pub expires_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
}

/// A stored token, with what deciding its fate needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredRefreshToken {
    pub id: i64,
    pub owner: TokenOwner,
    pub family_id: String,
    pub expires_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
    /// A later token of the family exists: this one was exchanged.
    pub replaced: bool,
}

pub async fn insert(db: &impl Conn, token: &NewRefreshToken<'_>) -> Result<(), StoreError> {
    let (subject_kind, subject_id) = match token.owner {
        TokenOwner::Staff(id) => (SubjectKind::Staff, id.get()),
        TokenOwner::User(id) => (SubjectKind::User, id.get()),
    };
    oxt_refresh_token::Entity::insert(oxt_refresh_token::ActiveModel {
        subject_kind: Set(subject_kind),
        subject_id: Set(subject_id),
        token_hash: Set(token.token_hash.to_owned()),
        family_id: Set(token.family_id.to_owned()),
        expires_at: Set(token.expires_at),
        revoked_at: Set(None),
        created_at: Set(token.created_at),
        ..Default::default()
    })
    .exec(db.db())
    .await?;
    Ok(())
}

/// The token with hash `token_hash`, its row locked until the transaction
/// ends (on SQLite the transaction already holds the write lock).
pub async fn find_for_rotation(
    db: &impl Conn,
    token_hash: &str,
) -> Result<Option<StoredRefreshToken>, StoreError> {
    let mut select = oxt_refresh_token::Entity::find()
        .filter(oxt_refresh_token::Column::TokenHash.eq(token_hash));
    if db.locks_rows() {
        select = select.lock_exclusive();
    }
    let Some(row) = select.one(db.db()).await? else {
        return Ok(None);
    };
    // A locking read sees successors committed after this transaction began.
    let mut successors = oxt_refresh_token::Entity::find()
        .select_only()
        .column(oxt_refresh_token::Column::Id)
        .filter(oxt_refresh_token::Column::FamilyId.eq(row.family_id.as_str()))
        .filter(oxt_refresh_token::Column::Id.gt(row.id))
        .limit(1);
    if db.locks_rows() {
        successors = successors.lock_shared();
    }
    let replaced = successors.into_tuple::<i64>().one(db.db()).await?.is_some();
    let owner = match row.subject_kind {
        SubjectKind::Staff => TokenOwner::Staff(StaffId::new(row.subject_id)),
        SubjectKind::User => TokenOwner::User(UserId::new(row.subject_id)),
    };
    Ok(Some(StoredRefreshToken {
        id: row.id,
        owner,
        family_id: row.family_id,
        expires_at: row.expires_at,
        revoked_at: row.revoked_at,
        replaced,
    }))
}

/// The family of the token with hash `token_hash`, if it was ever issued.
pub async fn family_of(db: &impl Conn, token_hash: &str) -> Result<Option<String>, StoreError> {
    Ok(oxt_refresh_token::Entity::find()
        .select_only()
        .column(oxt_refresh_token::Column::FamilyId)
        .filter(oxt_refresh_token::Column::TokenHash.eq(token_hash))
        .into_tuple::<String>()
        .one(db.db())
        .await?)
}

/// Revokes every token of `family_id` not revoked yet; answers how many.
pub async fn revoke_family(
    db: &impl Conn,
    family_id: &str,
    now: DateTime<Utc>,
) -> Result<u64, StoreError> {
    let result = oxt_refresh_token::Entity::update_many()
        .col_expr(oxt_refresh_token::Column::RevokedAt, Expr::value(now))
        .filter(oxt_refresh_token::Column::FamilyId.eq(family_id))
        .filter(oxt_refresh_token::Column::RevokedAt.is_null())
        .exec(db.db())
        .await?;
    Ok(result.rows_affected)
}
