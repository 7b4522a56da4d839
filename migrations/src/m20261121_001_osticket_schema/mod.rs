//! Step 001: osTicket 1.18's tables, empty, as osTicket's installer creates them.
//!
//! On MySQL/MariaDB the statements reproduce osTicket's DDL exactly (column types with
//! their unsigned-ness and display widths, enums, defaults, character sets, key names),
//! so that osTicket can run on a database Oxticket created. PostgreSQL and SQLite get the
//! nearest types (see [`spec::Portable`]).

mod spec;
mod tables;

use sea_orm_migration::prelude::*;

pub(crate) const NAME: &str = "m20261121_001_osticket_schema";

pub(crate) struct Migration {
    /// The database already holds osTicket's tables: the step creates nothing and is
    /// only recorded, so that osTicket's schema is never touched.
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
        let backend = manager.get_database_backend();
        for table in tables::TABLES {
            let (create, indexes) = table.statements(backend);
            manager.create_table(create).await?;
            for index in indexes {
                manager.create_index(index).await?;
            }
        }
        Ok(())
    }

    fn use_transaction(&self) -> Option<bool> {
        // All or nothing where the backend allows it (PostgreSQL, SQLite); MySQL commits
        // each CREATE TABLE by itself whatever is asked.
        Some(true)
    }
}
