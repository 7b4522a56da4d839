//! `{prefix}oxt_job_lease`: which instance runs a periodic job, and until when.
//!
//! A lease whose `expires_at` has passed may be taken over by any instance, so a job
//! left by a crashed instance runs again once its lease lapses.

use sea_orm::entity::prelude::*;

#[derive(Copy, Clone, Default, Debug, DeriveEntity)]
pub struct Entity;

impl EntityName for Entity {
    fn table_name(&self) -> &'static str {
        static NAME: std::sync::OnceLock<&'static str> = std::sync::OnceLock::new();
        NAME.get_or_init(|| crate::prefixed_table_name("oxt_job_lease"))
    }
}

#[derive(Clone, Debug, PartialEq, Eq, DeriveModel, DeriveActiveModel)]
pub struct Model {
    /// The job's registered name.
    pub job: String,
    /// The instance holding the lease (host, process and a random part).
    pub holder: String,
    pub acquired_at: DateTimeUtc,
    pub expires_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveColumn)]
pub enum Column {
    Job,
    Holder,
    AcquiredAt,
    ExpiresAt,
}

#[derive(Copy, Clone, Debug, EnumIter, DerivePrimaryKey)]
pub enum PrimaryKey {
    Job,
}

impl PrimaryKeyTrait for PrimaryKey {
    type ValueType = String;

    fn auto_increment() -> bool {
        false
    }
}

impl ColumnTrait for Column {
    type EntityName = Entity;

    fn def(&self) -> ColumnDef {
        match self {
            Self::Job => ColumnType::String(StringLen::N(64)).def(),
            Self::Holder => ColumnType::String(StringLen::N(128)).def(),
            Self::AcquiredAt => ColumnType::TimestampWithTimeZone.def(),
            Self::ExpiresAt => ColumnType::TimestampWithTimeZone.def(),
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
