//! Step 003: the rows a fresh osTicket install holds (see [`crate::seed`]).

use chrono::{DateTime, Utc};
use oxt_store::table_prefix;
use sea_orm_migration::prelude::*;

pub(crate) const NAME: &str = "m20261121_003_fresh_install_seed";

pub(crate) struct Migration {
    /// Stamps the seeded rows' `created`/`updated`.
    pub now: DateTime<Utc>,
    /// The database already holds an osTicket install, with its own rows: the step
    /// writes nothing and is only recorded.
    pub osticket_present: bool,
}

impl MigrationName for Migration {
    fn name(&self) -> &str {
        NAME
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if self.osticket_present {
            return Ok(());
        }
        crate::seed::fresh_install(manager.get_connection(), table_prefix(), self.now).await
    }

    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }
}
