//! oxt-migrations: brings a database to the schema Oxticket works on, on MariaDB/MySQL,
//! PostgreSQL and SQLite, with the process-wide table prefix of `oxt_store`.
//!
//! On an empty database it creates osTicket 1.18's schema and the rows of a fresh
//! osTicket install, so that osTicket itself can open the result. On a database that
//! already holds an osTicket install it changes no osTicket table: only Oxticket's own
//! `{prefix}oxt_*` tables are added. Applied steps are recorded in `{prefix}oxt_migrations`
//! (sea-orm-migration's bookkeeping table, renamed so that it carries the prefix too).

mod m20261121_001_osticket_schema;
mod m20261121_002_oxticket_tables;
mod m20261121_003_fresh_install_seed;
mod m20261122_004_job_lease;
mod performance_indexes;
pub mod seed;

pub use performance_indexes::{PERFORMANCE_INDEXES, PerformanceIndex, create_performance_indexes};

use chrono::{DateTime, Utc};
use oxt_store::entity::{OSTICKET_TABLES, config};
use oxt_store::prefixed_table_name;
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use sea_orm_migration::{MigratorTraitSelf, SchemaManager};

/// The migration steps, in the order they run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Step {
    /// Creates osTicket's tables.
    OsticketSchema,
    /// Creates Oxticket's `oxt_*` tables.
    OxticketTables,
    /// Writes the rows of a fresh osTicket install.
    FreshInstallSeed,
    /// Creates `oxt_job_lease`, which keeps each periodic job to one instance at a time.
    JobLease,
}

impl Step {
    pub const ALL: [Step; 4] = [
        Step::OsticketSchema,
        Step::OxticketTables,
        Step::FreshInstallSeed,
        Step::JobLease,
    ];

    /// The name recorded in `{prefix}oxt_migrations`.
    pub fn name(self) -> &'static str {
        match self {
            Step::OsticketSchema => m20261121_001_osticket_schema::NAME,
            Step::OxticketTables => m20261121_002_oxticket_tables::NAME,
            Step::FreshInstallSeed => m20261121_003_fresh_install_seed::NAME,
            Step::JobLease => m20261122_004_job_lease::NAME,
        }
    }

    /// Whether the step writes to osTicket's tables, which it then never does on a
    /// database osTicket installed.
    pub fn writes_osticket_tables(self) -> bool {
        matches!(self, Step::OsticketSchema | Step::FreshInstallSeed)
    }

    fn named(name: &str) -> Option<Step> {
        Step::ALL.into_iter().find(|step| step.name() == name)
    }
}

/// What [`migrate`] found and did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MigrationReport {
    /// The osTicket install the database held before this run, if any (including one a
    /// previous run created).
    pub existing_osticket: Option<ExistingOsticket>,
    /// Steps applied by this run.
    pub ran: Vec<Step>,
    /// Steps recorded as applied without running, because osTicket owns their tables.
    pub skipped: Vec<Step>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExistingOsticket {
    /// `core.schema_signature` of `{prefix}config`: the MD5 of the osTicket schema file the
    /// install is at (osTicket's upgrader compares it with its own).
    pub schema_signature: String,
}

#[derive(Debug, thiserror::Error)]
pub enum MigrateError {
    #[error(
        "the database has osTicket tables ({}) but no osTicket schema signature; an incomplete install is left untouched",
        tables.join(", ")
    )]
    IncompleteOsticket { tables: Vec<String> },
    #[error("migrating the database failed")]
    Database(#[from] DbErr),
}

/// Applies the pending steps. `now` stamps the rows a fresh install gets.
///
/// A database holds an osTicket install when `{prefix}config` has a non-empty
/// `core.schema_signature`, which osTicket's installer writes last. Then the schema and
/// seed steps are recorded without running. A database with some osTicket tables but no
/// signature (an interrupted install) is refused rather than completed.
pub async fn migrate(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
) -> Result<MigrationReport, MigrateError> {
    let existing_osticket = find_existing_osticket(db).await?;
    let migrator = Migrator {
        now,
        osticket_present: existing_osticket.is_some(),
    };
    let pending: Vec<Step> = migrator
        .get_pending_migrations(db)
        .await?
        .iter()
        .filter_map(|migration| Step::named(migration.name()))
        .collect();
    if existing_osticket.is_none() && pending.contains(&Step::OsticketSchema) {
        let tables = osticket_tables_present(db).await?;
        if !tables.is_empty() {
            return Err(MigrateError::IncompleteOsticket { tables });
        }
    }
    migrator.up(db, None).await?;
    let (skipped, ran) = pending
        .into_iter()
        .partition(|step| existing_osticket.is_some() && step.writes_osticket_tables());
    Ok(MigrationReport {
        existing_osticket,
        ran,
        skipped,
    })
}

struct Migrator {
    now: DateTime<Utc>,
    osticket_present: bool,
}

impl MigratorTraitSelf for Migrator {
    fn migrations(&self) -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261121_001_osticket_schema::Migration {
                osticket_present: self.osticket_present,
            }),
            Box::new(m20261121_002_oxticket_tables::Migration),
            Box::new(m20261121_003_fresh_install_seed::Migration {
                now: self.now,
                osticket_present: self.osticket_present,
            }),
            Box::new(m20261122_004_job_lease::Migration),
        ]
    }

    fn migration_table_name(&self) -> DynIden {
        Alias::new(prefixed_table_name("oxt_migrations")).into_iden()
    }
}

async fn find_existing_osticket(
    db: &DatabaseConnection,
) -> Result<Option<ExistingOsticket>, DbErr> {
    if !SchemaManager::new(db)
        .has_table(prefixed_table_name("config"))
        .await?
    {
        return Ok(None);
    }
    let signature = config::Entity::find()
        .filter(config::Column::Namespace.eq("core"))
        .filter(config::Column::Key.eq("schema_signature"))
        .one(db)
        .await?;
    Ok(signature
        .filter(|row| !row.value.is_empty())
        .map(|row| ExistingOsticket {
            schema_signature: row.value,
        }))
}

async fn osticket_tables_present(db: &DatabaseConnection) -> Result<Vec<String>, DbErr> {
    let manager = SchemaManager::new(db);
    let mut present = Vec::new();
    for table in OSTICKET_TABLES {
        let name = prefixed_table_name(table);
        if manager.has_table(name).await? {
            present.push(name.to_owned());
        }
    }
    Ok(present)
}
