//! `{prefix}oxt_outbox`: events written in the transaction of the change that caused them,
//! published afterwards (webhooks, live updates, mail), so that none is lost or invented.

use sea_orm::entity::prelude::*;

#[derive(Copy, Clone, Default, Debug, DeriveEntity)]
pub struct Entity;

impl EntityName for Entity {
    fn table_name(&self) -> &'static str {
        static NAME: std::sync::OnceLock<&'static str> = std::sync::OnceLock::new();
        NAME.get_or_init(|| crate::prefixed_table_name("oxt_outbox"))
    }
}

#[derive(Clone, Debug, PartialEq, Eq, DeriveModel, DeriveActiveModel)]
pub struct Model {
    /// Increases in commit order per writer; consumers read in `id` order.
    pub id: i64,
    /// What happened, e.g. `ticket.assigned`.
    pub topic: String,
    pub payload: Json,
    pub created_at: DateTimeUtc,
    /// When the event was handed on; `None` while it waits.
    pub published_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveColumn)]
pub enum Column {
    Id,
    Topic,
    Payload,
    CreatedAt,
    PublishedAt,
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
            Self::Topic => ColumnType::String(StringLen::N(128)).def(),
            Self::Payload => ColumnType::Json.def(),
            Self::CreatedAt => ColumnType::TimestampWithTimeZone.def(),
            Self::PublishedAt => ColumnType::TimestampWithTimeZone.def().null(),
        }
    }
}

#[derive(Copy, Clone, Debug, EnumIter)]
pub enum Relation {}

impl RelationTrait for Relation {
    fn def(&self) -> RelationDef {
        match *self {}
    }
}

impl ActiveModelBehavior for ActiveModel {}
