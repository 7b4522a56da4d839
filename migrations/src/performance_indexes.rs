//! Indexes Oxticket adds to osTicket's own tables only when the operator asks for them
//! (`oxticket migrate --with-performance-indexes`), never by default: Oxticket does not
//! change an osTicket table on its own.
//!
//! Each one speeds up a query both programs run and changes nothing they read or write;
//! osTicket never names them, so it runs (and upgrades) beside them unchanged. They carry
//! the `{prefix}oxt_` prefix of Oxticket's own objects.

use oxt_store::prefixed_table_name;
use sea_orm_migration::SchemaManager;
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DatabaseConnection;

/// An index osTicket's schema lacks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PerformanceIndex {
    /// The name without the table prefix.
    pub name: &'static str,
    /// The osTicket table without the table prefix.
    pub table: &'static str,
    pub columns: &'static [&'static str],
    /// What it is for, as `migrate` reports it.
    pub purpose: &'static str,
}

impl PerformanceIndex {
    /// The index's name in the database: `{prefix}oxt_…`.
    pub fn full_name(&self) -> &'static str {
        prefixed_table_name(self.name)
    }
}

/// Every performance index Oxticket offers.
pub const PERFORMANCE_INDEXES: [PerformanceIndex; 1] = [PerformanceIndex {
    name: "oxt_ticket_number",
    table: "ticket",
    columns: &["number"],
    purpose: "the uniqueness check of every new ticket number (osTicket's \
              Ticket::isTicketNumberUnique and Oxticket's) reads the whole ticket table without it",
}];

/// Creates the performance indexes the database does not have yet and answers those it
/// created; run again, it creates nothing.
pub async fn create_performance_indexes(
    db: &DatabaseConnection,
) -> Result<Vec<PerformanceIndex>, DbErr> {
    let manager = SchemaManager::new(db);
    let mut created = Vec::new();
    for index in PERFORMANCE_INDEXES {
        let table = prefixed_table_name(index.table);
        if manager.has_index(table, index.full_name()).await? {
            continue;
        }
        let mut statement = Index::create();
        statement.name(index.full_name()).table(Alias::new(table));
        for column in index.columns {
            statement.col(Alias::new(*column));
        }
        manager.create_index(statement).await?;
        created.push(index);
    }
    Ok(created)
}
