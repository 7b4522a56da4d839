//! A table of osTicket's schema as data, and the SeaQuery statements that create it.

use oxt_store::prefixed_table_name;
use sea_orm_migration::sea_orm::DbBackend;
use sea_orm_migration::sea_query::{
    Alias, ColumnDef, Expr, Index, IndexCreateStatement, Table as TableStatement,
    TableCreateStatement,
};

pub(super) struct Table {
    /// Without the prefix.
    pub name: &'static str,
    pub engine: Option<&'static str>,
    pub charset: &'static str,
    pub collate: Option<&'static str>,
    pub columns: &'static [Column],
    pub keys: &'static [Key],
}

pub(super) struct Column {
    name: &'static str,
    /// osTicket's column type, with its character set and collation.
    mysql_type: &'static str,
    portable: Portable,
    nullable: bool,
    /// osTicket's `DEFAULT` clause, as SQL text.
    mysql_default: Option<&'static str>,
    /// On PostgreSQL/SQLite: osTicket's default, or else the value MySQL stores under
    /// `SQL_MODE=''` when an insert omits a `NOT NULL` column (0, `''`, the first enum
    /// value), so that rows written the way osTicket writes them fit every backend.
    portable_default: Option<PortableDefault>,
    auto_increment: bool,
    /// osTicket's `ON UPDATE` expression.
    on_update: Option<&'static str>,
    comment: Option<&'static str>,
}

/// Builders for the generated table list, one call per column attribute of the DDL.
impl Column {
    /// A nullable column without default, as MySQL takes a bare column definition.
    pub(super) const fn new(
        name: &'static str,
        mysql_type: &'static str,
        portable: Portable,
    ) -> Self {
        Self {
            name,
            mysql_type,
            portable,
            nullable: true,
            mysql_default: None,
            portable_default: None,
            auto_increment: false,
            on_update: None,
            comment: None,
        }
    }

    pub(super) const fn not_null(self) -> Self {
        Self {
            nullable: false,
            ..self
        }
    }

    pub(super) const fn mysql_default(self, sql: &'static str) -> Self {
        Self {
            mysql_default: Some(sql),
            ..self
        }
    }

    pub(super) const fn portable_default(self, default: PortableDefault) -> Self {
        Self {
            portable_default: Some(default),
            ..self
        }
    }

    pub(super) const fn auto_increment(self) -> Self {
        Self {
            auto_increment: true,
            ..self
        }
    }

    pub(super) const fn on_update(self, sql: &'static str) -> Self {
        Self {
            on_update: Some(sql),
            ..self
        }
    }

    pub(super) const fn comment(self, text: &'static str) -> Self {
        Self {
            comment: Some(text),
            ..self
        }
    }
}

/// The PostgreSQL/SQLite type of a column: the type its entity field reads there.
pub(super) enum Portable {
    /// `tinyint` (read as `i16`).
    SmallInteger,
    /// `int` and `tinyint unsigned` (read as `i32`/`u32`; sea-orm reads `u32` from
    /// PostgreSQL's `integer` only).
    Integer,
    BigInteger,
    /// `varchar`, `char` (no blank padding) and `enum`, with the longest length.
    String(u32),
    Text,
    Blob,
    DateTime,
    Date,
    Time,
}

pub(super) enum PortableDefault {
    Integer(i64),
    Text(&'static str),
    CurrentTimestamp,
}

pub(super) struct Key {
    kind: KeyKind,
    /// MySQL's name of the key; on other backends part of the index name.
    name: &'static str,
    columns: &'static [&'static str],
}

impl Key {
    pub(super) const fn primary(columns: &'static [&'static str]) -> Self {
        Self {
            kind: KeyKind::Primary,
            name: "PRIMARY",
            columns,
        }
    }

    pub(super) const fn unique(name: &'static str, columns: &'static [&'static str]) -> Self {
        Self {
            kind: KeyKind::Unique,
            name,
            columns,
        }
    }

    pub(super) const fn index(name: &'static str, columns: &'static [&'static str]) -> Self {
        Self {
            kind: KeyKind::Index,
            name,
            columns,
        }
    }

    pub(super) const fn full_text(name: &'static str, columns: &'static [&'static str]) -> Self {
        Self {
            kind: KeyKind::FullText,
            name,
            columns,
        }
    }
}

enum KeyKind {
    Primary,
    Unique,
    Index,
    /// MySQL's full-text index of the search table; other backends have no equivalent
    /// that the table's queries could use, so they go without.
    FullText,
}

/// PostgreSQL's identifier limit; SQLite has none, but one naming rule serves both.
const MAX_IDENTIFIER_LEN: usize = 63;

impl Table {
    /// The `CREATE TABLE` statement, then the `CREATE INDEX` statements it needs.
    pub(super) fn statements(
        &self,
        backend: DbBackend,
    ) -> (TableCreateStatement, Vec<IndexCreateStatement>) {
        match backend {
            DbBackend::MySql => (self.mysql_table(), Vec::new()),
            _ => (self.portable_table(backend), self.portable_indexes()),
        }
    }

    fn full_name(&self) -> &'static str {
        prefixed_table_name(self.name)
    }

    /// osTicket's own column types, defaults, character sets and keys, so that osTicket
    /// finds the schema its installer would have created (and its schema checks pass).
    fn mysql_table(&self) -> TableCreateStatement {
        let mut create = TableStatement::create();
        create
            .table(Alias::new(self.full_name()))
            .character_set(self.charset);
        if let Some(engine) = self.engine {
            create.engine(engine);
        }
        if let Some(collate) = self.collate {
            create.collate(collate);
        }
        for column in self.columns {
            let mut definition = ColumnDef::new(Alias::new(column.name));
            definition.custom(Alias::new(column.mysql_type));
            if column.nullable {
                definition.null();
            } else {
                definition.not_null();
            }
            if let Some(default) = column.mysql_default {
                definition.default(Expr::cust(default));
            }
            if column.auto_increment {
                definition.auto_increment();
            }
            if let Some(on_update) = column.on_update {
                definition.extra(format!("ON UPDATE {on_update}"));
            }
            if let Some(comment) = column.comment {
                definition.comment(comment);
            }
            create.col(definition);
        }
        for key in self.keys {
            let mut index = Index::create();
            for column in key.columns {
                index.col(Alias::new(*column));
            }
            match key.kind {
                KeyKind::Primary => {
                    create.primary_key(&mut index);
                }
                KeyKind::Unique => {
                    create.index(index.name(key.name).unique());
                }
                KeyKind::Index => {
                    create.index(index.name(key.name));
                }
                KeyKind::FullText => {
                    create.index(index.name(key.name).full_text());
                }
            }
        }
        create
    }

    fn portable_table(&self, backend: DbBackend) -> TableCreateStatement {
        let mut create = TableStatement::create();
        create.table(Alias::new(self.full_name()));
        let primary_key = self
            .keys
            .iter()
            .find(|key| matches!(key.kind, KeyKind::Primary));
        // SQLite numbers rows only through an `INTEGER PRIMARY KEY` declared on the column.
        let inline_key =
            backend == DbBackend::Sqlite && self.columns.iter().any(|column| column.auto_increment);
        for column in self.columns {
            create.col(portable_column(column, backend));
        }
        if let (Some(key), false) = (primary_key, inline_key) {
            let mut index = Index::create();
            for column in key.columns {
                index.col(Alias::new(*column));
            }
            create.primary_key(&mut index);
        }
        create
    }

    fn portable_indexes(&self) -> Vec<IndexCreateStatement> {
        self.keys
            .iter()
            .filter(|key| matches!(key.kind, KeyKind::Unique | KeyKind::Index))
            .map(|key| {
                let mut index = Index::create();
                index
                    .name(portable_index_name(self.full_name(), key.name))
                    .table(Alias::new(self.full_name()));
                for column in key.columns {
                    index.col(Alias::new(*column));
                }
                if matches!(key.kind, KeyKind::Unique) {
                    index.unique();
                }
                index
            })
            .collect()
    }
}

fn portable_column(column: &Column, backend: DbBackend) -> ColumnDef {
    let mut definition = ColumnDef::new(Alias::new(column.name));
    if column.auto_increment && backend == DbBackend::Sqlite {
        definition
            .integer()
            .not_null()
            .primary_key()
            .auto_increment();
        return definition;
    }
    match column.portable {
        Portable::SmallInteger => definition.small_integer(),
        Portable::Integer => definition.integer(),
        Portable::BigInteger => definition.big_integer(),
        Portable::String(length) => definition.string_len(length),
        Portable::Text => definition.text(),
        Portable::Blob => definition.blob(),
        Portable::DateTime => definition.date_time(),
        Portable::Date => definition.date(),
        Portable::Time => definition.time(),
    };
    // Dates take NULL where osTicket's MySQL stores the zero date, which has no
    // PostgreSQL/SQLite form (see oxt_store::OstDateTime).
    let dated = matches!(column.portable, Portable::DateTime | Portable::Date);
    if column.nullable || dated {
        definition.null();
    } else {
        definition.not_null();
    }
    match column.portable_default {
        Some(PortableDefault::Integer(value)) => {
            definition.default(value);
        }
        Some(PortableDefault::Text(value)) => {
            definition.default(value);
        }
        Some(PortableDefault::CurrentTimestamp) => {
            definition.default(Expr::current_timestamp());
        }
        None => {}
    }
    if column.auto_increment {
        definition.auto_increment();
    }
    definition
}

/// Index names are per schema on PostgreSQL and SQLite (per table on MySQL), so they
/// carry the table's full name; `_idx_` keeps them apart from any table name. A name
/// over PostgreSQL's limit keeps its start and gets a hash of the whole for uniqueness.
fn portable_index_name(table: &str, key: &str) -> String {
    let name = format!("{table}_idx_{key}");
    if name.len() <= MAX_IDENTIFIER_LEN {
        return name;
    }
    let hash = fnv1a(name.as_bytes());
    format!("{}_{hash:016x}", &name[..MAX_IDENTIFIER_LEN - 17])
}

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_index_name_joins_table_and_key() {
        assert_eq!(
            portable_index_name("ost_ticket", "staff_id"),
            "ost_ticket_idx_staff_id"
        );
    }

    #[test]
    fn long_index_names_stay_within_the_limit_and_apart() {
        let table = format!("{}email_template_group", "p".repeat(32));
        let first = portable_index_name(&table, "template_lookup_a");
        let second = portable_index_name(&table, "template_lookup_b");
        assert_eq!(first.len(), MAX_IDENTIFIER_LEN);
        assert_ne!(first, second);
    }
}
