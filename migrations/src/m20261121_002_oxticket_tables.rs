//! Step 002: Oxticket's own tables, `{prefix}oxt_*`, which osTicket ignores.
//!
//! They hold what osTicket has no place for; adding them changes no osTicket table, so
//! this step also runs on a database osTicket installed.

use oxt_store::prefixed_table_name;
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

pub(crate) const NAME: &str = "m20261121_002_oxticket_tables";

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
        let refresh_token = prefixed_table_name("oxt_refresh_token");
        let outbox = prefixed_table_name("oxt_outbox");

        manager
            .create_table(
                own_table(refresh_token, backend)
                    .col(id_column(backend))
                    .col(ColumnDef::new("subject_kind").string_len(8).not_null())
                    .col(osticket_id_column("subject_id", backend))
                    .col(ColumnDef::new("token_hash").char_len(64).not_null())
                    .col(ColumnDef::new("family_id").string_len(36).not_null())
                    .col(instant_column("expires_at", backend).not_null())
                    .col(instant_column("revoked_at", backend).null())
                    .col(instant_column("created_at", backend).not_null())
                    .to_owned(),
            )
            .await?;
        // Looked up by the hash of a presented token.
        create_index(manager, refresh_token, "token_hash", &["token_hash"], true).await?;
        // A reused token revokes its whole family.
        create_index(manager, refresh_token, "family", &["family_id"], false).await?;
        // Signing a staff member or user out everywhere.
        create_index(
            manager,
            refresh_token,
            "subject",
            &["subject_kind", "subject_id"],
            false,
        )
        .await?;
        // Purging expired tokens.
        create_index(manager, refresh_token, "expires", &["expires_at"], false).await?;

        manager
            .create_table(
                own_table(outbox, backend)
                    .col(id_column(backend))
                    .col(ColumnDef::new("topic").string_len(128).not_null())
                    .col(json_column("payload", backend).not_null())
                    .col(instant_column("created_at", backend).not_null())
                    .col(instant_column("published_at", backend).null())
                    .to_owned(),
            )
            .await?;
        // The publisher reads what is not yet published, oldest first.
        create_index(
            manager,
            outbox,
            "unpublished",
            &["published_at", "id"],
            false,
        )
        .await?;
        Ok(())
    }

    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }
}

fn own_table(name: &'static str, backend: DbBackend) -> TableCreateStatement {
    let mut table = Table::create();
    table.table(Alias::new(name));
    if backend == DbBackend::MySql {
        // Not bound by osTicket's `utf8`: Oxticket's own text may be any Unicode.
        table.character_set("utf8mb4").collate("utf8mb4_general_ci");
    }
    table
}

fn id_column(backend: DbBackend) -> ColumnDef {
    let mut id = ColumnDef::new("id");
    // SQLite numbers rows only through a column declared `INTEGER PRIMARY KEY`, which
    // still holds 64-bit values.
    if backend == DbBackend::Sqlite {
        id.integer();
    } else {
        id.big_integer();
    }
    id.not_null().auto_increment().primary_key();
    id
}

/// A reference to an osTicket row id, which is `int unsigned` there.
fn osticket_id_column(name: &'static str, backend: DbBackend) -> ColumnDef {
    let mut column = ColumnDef::new(name);
    // MySQL reads a `u32` only from an unsigned column, PostgreSQL only from `integer`.
    if backend == DbBackend::MySql {
        column.unsigned();
    } else {
        column.integer();
    }
    column.not_null();
    column
}

/// A point in time, read as `DateTime<Utc>`.
fn instant_column(name: &'static str, backend: DbBackend) -> ColumnDef {
    let mut column = ColumnDef::new(name);
    // MySQL's `timestamp` would shift values with the session time zone and ends in
    // 2038; `datetime` stores the UTC value as given. PostgreSQL reads `DateTime<Utc>`
    // from `timestamp with time zone` only.
    if backend == DbBackend::MySql {
        column.date_time();
    } else {
        column.timestamp_with_time_zone();
    }
    column
}

fn json_column(name: &'static str, backend: DbBackend) -> ColumnDef {
    let mut column = ColumnDef::new(name);
    // PostgreSQL's `jsonb` is checked and indexable; MariaDB's `json` is checked text.
    if backend == DbBackend::Postgres {
        column.json_binary();
    } else {
        column.json();
    }
    column
}

async fn create_index(
    manager: &SchemaManager<'_>,
    table: &'static str,
    purpose: &str,
    columns: &[&'static str],
    unique: bool,
) -> Result<(), DbErr> {
    let mut index = Index::create();
    index
        .name(format!("{table}_idx_{purpose}"))
        .table(Alias::new(table));
    for column in columns {
        index.col(Alias::new(*column));
    }
    if unique {
        index.unique();
    }
    manager.create_index(index).await
}
