//! `{prefix}oxt_refresh_token`: Oxticket's refresh tokens, which osTicket has no place for.
//!
//! A row stores the SHA-256 of a token (never the token), who it was issued to, and the
//! family of tokens rotated from one sign-in, so that reuse of a rotated token can revoke
//! the whole family.

use sea_orm::entity::prelude::*;

#[derive(Copy, Clone, Default, Debug, DeriveEntity)]
pub struct Entity;

impl EntityName for Entity {
    fn table_name(&self) -> &'static str {
        static NAME: std::sync::OnceLock<&'static str> = std::sync::OnceLock::new();
        NAME.get_or_init(|| crate::prefixed_table_name("oxt_refresh_token"))
    }
}

/// Whose token it is: an agent (`staff.staff_id`) or an end user (`user.id`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(8))")]
pub enum SubjectKind {
    #[sea_orm(string_value = "staff")]
    Staff,
    #[sea_orm(string_value = "user")]
    User,
}

#[derive(Clone, Debug, PartialEq, Eq, DeriveModel, DeriveActiveModel)]
pub struct Model {
    pub id: i64,
    pub subject_kind: SubjectKind,
    pub subject_id: u32,
    /// Lowercase hex SHA-256 of the token.
    pub token_hash: String,
    /// Shared by every token rotated from the same sign-in (a UUID in text form).
    pub family_id: String,
    pub expires_at: DateTimeUtc,
    pub revoked_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveColumn)]
pub enum Column {
    Id,
    SubjectKind,
    SubjectId,
    TokenHash,
    FamilyId,
    ExpiresAt,
    RevokedAt,
    CreatedAt,
}

#[derive(Copy, Clone, Debug, EnumIter, DerivePrimaryKey)]
pub enum PrimaryKey {
    Id,
}

impl PrimaryKeyTrait for PrimaryKey {
    type ValueType = i64;

    fn auto_increment() -> bool {
        true
    }
}

impl ColumnTrait for Column {
    type EntityName = Entity;

    fn def(&self) -> ColumnDef {
        match self {
            Self::Id => ColumnType::BigInteger.def(),
            Self::SubjectKind => SubjectKind::db_type(),
            Self::SubjectId => ColumnType::Unsigned.def(),
            Self::TokenHash => ColumnType::Char(Some(64)).def().unique(),
            Self::FamilyId => ColumnType::String(StringLen::N(36)).def(),
            Self::ExpiresAt => ColumnType::TimestampWithTimeZone.def(),
            Self::RevokedAt => ColumnType::TimestampWithTimeZone.def().null(),
            Self::CreatedAt => ColumnType::TimestampWithTimeZone.def(),
        }
    }
}

/// Subjects live in osTicket tables, which carry no foreign keys to point at.
#[derive(Copy, Clone, Debug, EnumIter)]
pub enum Relation {}

impl RelationTrait for Relation {
    fn def(&self) -> RelationDef {
        match *self {}
    }
}

impl ActiveModelBehavior for ActiveModel {}
