//! Step 004: `{prefix}oxt_job_lease`, one row per periodic job, naming the instance that
//! runs it and until when. It lets several Oxticket instances share one database while
//! each job runs on one of them at a time. An Oxticket table only, so this step also
//! runs on a database osTicket installed.

use oxt_store::prefixed_table_name;
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

pub(crate) const NAME: &str = "m20261122_004_job_lease";

pub(crate) struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        NAME
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let backend = manager.get_database_backend();
        let mut table = Table::create();
        table.table(Alias::new(prefixed_table_name("oxt_job_lease")));
        if backend == DbBackend::MySql {
            // As step 002: Oxticket's own text is not bound by osTicket's `utf8`.
            table.character_set("utf8mb4").collate("utf8mb4_general_ci");
        }
        manager
            .create_table(
                table
                    // The job's registered name; one lease per job.
                    .col(
                        ColumnDef::new("job")
                            .string_len(64)
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new("holder").string_len(128).not_null())
                    .col(instant_column("acquired_at", backend).not_null())
                    .col(instant_column("expires_at", backend).not_null())
                    .to_owned(),
            )
            .await
    }

    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }
}

/// A point in time, read as `DateTime<Utc>`, stored as step 002 stores its instants:
/// MySQL's `timestamp` would shift with the session time zone and ends in 2038, so
/// `datetime` there; PostgreSQL reads `DateTime<Utc>` from `timestamp with time zone` only.
fn instant_column(name: &'static str, backend: DbBackend) -> ColumnDef {
    let mut column = ColumnDef::new(name);
    if backend == DbBackend::MySql {
        column.date_time();
    } else {
        column.timestamp_with_time_zone();
    }
    column
}
