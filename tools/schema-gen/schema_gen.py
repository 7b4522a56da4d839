#!/usr/bin/env python3
"""Generates Oxticket's view of the osTicket 1.18 schema from osTicket's own DDL.

Reads the table definitions from osTicket's `install-mysql.sql` (67 tables) and, for the
tables osTicket's installer creates at run time (`_search` and the dynamic-form `__cdata`
tables), from the `fresh-install.sql` dump of a freshly installed database. Neither file
is part of this repository: they are read from `../shared/osticket/` beside it.

Writes:
  crates/store/src/entity/mod.rs and one sea-orm entity module per table;
  migrations/src/m20261121_001_osticket_schema/tables.rs, the table specs that step builds
  its SeaQuery statements from.

`--check` writes nothing and exits 1 if any of those files would change (`just entities`).
Python 3 standard library only; the Rust output is passed through rustfmt.
"""

import argparse
import os
import re
import subprocess
import sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
DEFAULT_DDL = os.path.join(ROOT, "..", "shared", "osticket", "install-mysql.sql")
DEFAULT_DUMP = os.path.join(ROOT, "..", "shared", "osticket", "fresh-install.sql")
ENTITY_DIR = os.path.join(ROOT, "crates", "store", "src", "entity")
TABLES_RS = os.path.join(ROOT, "migrations", "src", "m20261121_001_osticket_schema", "tables.rs")

# Tables a fresh osTicket install creates outside install-mysql.sql: the search index
# (MysqlSearchBackend::createSearchTable) and the cdata tables of the four built-in forms
# (DynamicForm::buildDynamicDataView).
RUNTIME_TABLES = ["_search", "ticket__cdata", "user__cdata", "organization__cdata", "task__cdata"]
DUMP_PREFIX = "ost_"

# Handwritten modules of crates/store/src/entity that the generated mod.rs declares.
HANDWRITTEN_MODULES = ["oxt_job_lease", "oxt_outbox", "oxt_refresh_token"]

RUST_KEYWORDS = {
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum",
    "extern", "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod",
    "move", "mut", "pub", "ref", "return", "self", "Self", "static", "struct", "super",
    "trait", "true", "type", "unsafe", "use", "where", "while", "abstract", "become", "box",
    "do", "final", "macro", "override", "priv", "typeof", "unsized", "virtual", "yield", "try",
}

TEXT_TYPES = {"text", "tinytext", "mediumtext", "longtext"}
BLOB_TYPES = {"blob", "longblob", "mediumblob", "tinyblob"}
STRING_TYPES = {"varchar", "char", "enum"} | TEXT_TYPES
DATETIME_TYPES = {"datetime", "timestamp"}
INT_TYPES = {"tinyint", "int", "bigint"}


class Column:
    def __init__(self, name):
        self.name = name
        self.base = None
        self.args = []
        self.unsigned = False
        self.charset = None
        self.collate = None
        self.not_null = False
        self.default = None  # raw SQL text of the DEFAULT clause, e.g. "'1'", "NULL"
        self.auto_increment = False
        self.on_update = None
        self.comment = None

    @property
    def nullable(self):
        return not self.not_null

    def mysql_type(self):
        """The column type as MySQL spells it in information_schema.COLUMN_TYPE terms."""
        text = self.base
        if self.base == "enum":
            text += "(" + ",".join(self.args) + ")"
        elif self.args:
            text += "(" + ",".join(self.args) + ")"
        if self.unsigned:
            text += " unsigned"
        if self.charset:
            text += " CHARACTER SET " + self.charset
        if self.collate:
            text += " COLLATE " + self.collate
        return text

    def enum_values(self):
        return [unquote(v) for v in self.args]

    def length(self):
        if self.base in ("varchar", "char"):
            return int(self.args[0])
        if self.base == "enum":
            return max(len(v) for v in self.enum_values())
        return None


class Key:
    def __init__(self, kind, name, columns):
        self.kind = kind  # "primary", "unique", "key", "fulltext"
        self.name = name
        self.columns = columns


class Table:
    def __init__(self, name):
        self.name = name
        self.columns = []
        self.keys = []
        self.engine = None
        self.charset = None
        self.collate = None

    def column(self, name):
        return next(c for c in self.columns if c.name == name)

    def primary_key(self):
        return next((k.columns for k in self.keys if k.kind == "primary"), [])


TOKEN = re.compile(r"""\s*(?:(`[^`]*`)|('(?:[^'\\]|\\.|'')*')|([(),=])|([A-Za-z0-9_.]+))""")


def tokenize(text):
    tokens = []
    pos = 0
    text = text.strip()
    while pos < len(text):
        match = TOKEN.match(text, pos)
        if not match or match.end() == pos:
            raise ValueError("cannot tokenize near: " + text[pos:pos + 40])
        tokens.append(next(g for g in match.groups() if g is not None))
        pos = match.end()
        while pos < len(text) and text[pos].isspace():
            pos += 1
    return tokens


def unquote(token):
    if token.startswith("`"):
        return token[1:-1]
    if token.startswith("'"):
        return token[1:-1].replace("''", "'").replace("\\'", "'")
    return token


def split_top_level(tokens):
    """Splits the tokens between the outer parentheses of CREATE TABLE at top-level commas."""
    items, current, depth = [], [], 0
    for token in tokens:
        if token == "(":
            depth += 1
        elif token == ")":
            depth -= 1
        if token == "," and depth == 0:
            items.append(current)
            current = []
        else:
            current.append(token)
    if current:
        items.append(current)
    return items


def parse_column(tokens):
    column = Column(unquote(tokens[0]))
    column.base = tokens[1].lower()
    i = 2
    if i < len(tokens) and tokens[i] == "(":
        close = tokens.index(")", i)
        column.args = [t for t in tokens[i + 1:close] if t != ","]
        if column.base != "enum":
            column.args = [a.strip() for a in column.args]
        i = close + 1
    while i < len(tokens):
        word = tokens[i].upper()
        if word == "UNSIGNED":
            column.unsigned = True
            i += 1
        elif word == "CHARACTER" and tokens[i + 1].upper() == "SET":
            column.charset = tokens[i + 2]
            i += 3
        elif word == "COLLATE":
            column.collate = tokens[i + 1]
            i += 2
        elif word == "NOT" and tokens[i + 1].upper() == "NULL":
            column.not_null = True
            i += 2
        elif word == "NULL":
            i += 1
        elif word == "DEFAULT":
            value = tokens[i + 1]
            column.default = value if value.startswith("'") else value.upper()
            i += 2
        elif word == "AUTO_INCREMENT":
            column.auto_increment = True
            i += 1
        elif word == "ON" and tokens[i + 1].upper() == "UPDATE":
            column.on_update = tokens[i + 2].upper()
            i += 3
        elif word == "COMMENT":
            column.comment = unquote(tokens[i + 1])
            i += 2
        else:
            raise ValueError("unknown column attribute %r in %s" % (tokens[i], column.name))
    return column


def parse_key(tokens):
    words = [t.upper() for t in tokens]
    if words[0] == "PRIMARY":
        kind, i = "primary", 2
    elif words[0] == "UNIQUE":
        kind, i = "unique", 2 if words[1] in ("KEY", "INDEX") else 1
    elif words[0] == "FULLTEXT":
        kind, i = "fulltext", 2
    elif words[0] in ("KEY", "INDEX"):
        kind, i = "key", 1
    else:
        return None
    name = None
    if tokens[i] != "(":
        name = unquote(tokens[i])
        i += 1
    close = tokens.index(")", i)
    columns = [unquote(t) for t in tokens[i + 1:close] if t != ","]
    return Key(kind, name, columns)


def name_unnamed_keys(table):
    """Names keys declared without a name the way MySQL does: after their first column."""
    taken = {k.name for k in table.keys if k.name}
    for key in table.keys:
        if key.kind == "primary":
            key.name = "PRIMARY"
        elif key.name is None:
            name, suffix = key.columns[0], 2
            while name in taken:
                name = "%s_%d" % (key.columns[0], suffix)
                suffix += 1
            key.name = name
            taken.add(name)


CREATE = re.compile(
    r"CREATE TABLE (?:IF NOT EXISTS )?`([^`]+)`\s*\((.*?)\n\)\s*([^;]*);", re.S | re.I)


def strip_comments(sql):
    return re.sub(r"^\s*(#|--).*$", "", sql, flags=re.M)


def parse_tables(sql, prefix, only=None):
    tables = {}
    for match in CREATE.finditer(strip_comments(sql)):
        full_name, body, options = match.groups()
        if not full_name.startswith(prefix):
            raise ValueError("table %s lacks prefix %s" % (full_name, prefix))
        table = Table(full_name[len(prefix):])
        if only is not None and table.name not in only:
            continue
        for item in split_top_level(tokenize(body)):
            if item[0].startswith("`"):
                table.columns.append(parse_column(item))
            else:
                key = parse_key(item)
                if key is None:
                    raise ValueError("unknown table item %r in %s" % (item, table.name))
                table.keys.append(key)
        option_tokens = [t for t in tokenize(options) if t != "="] if options.strip() else []
        i = 0
        while i < len(option_tokens):
            word = option_tokens[i].upper()
            if word == "ENGINE":
                table.engine = option_tokens[i + 1]
                i += 2
            elif word == "DEFAULT":
                i += 1
            elif word in ("CHARSET", "COLLATE"):
                setattr(table, "charset" if word == "CHARSET" else "collate", option_tokens[i + 1])
                i += 2
            elif word == "CHARACTER" and option_tokens[i + 1].upper() == "SET":
                table.charset = option_tokens[i + 2]
                i += 3
            else:
                raise ValueError("unknown table option %r in %s" % (option_tokens[i], table.name))
        for name in table.primary_key():
            table.column(name).not_null = True
        name_unnamed_keys(table)
        tables[table.name] = table
    return tables


def runtime_tables(dump_sql):
    """The tables osTicket's installer creates at run time, as osTicket's code declares them."""
    dumped = parse_tables(dump_sql, DUMP_PREFIX, only=set(RUNTIME_TABLES))
    tables = []
    for name in RUNTIME_TABLES:
        table = dumped[name]
        # The dump shows the server's spelling of osTicket's `DEFAULT CHARSET=utf8`; the
        # engine and collation it adds are the server defaults osTicket leaves implicit.
        assert table.charset == "utf8mb3", table.name
        table.charset = "utf8"
        table.collate = None
        table.engine = None
        tables.append(table)
    return tables


# --- entity generation -------------------------------------------------------------------

def camel(name):
    return "".join(part[:1].upper() + part[1:] for part in name.split("_"))


def snake_of_camel(name):
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def module_name(table):
    """`ticket__cdata` -> `ticket_cdata`, `_search` -> `search`: Rust module names."""
    return re.sub("_+", "_", table).strip("_")


def field_name(column):
    return "r#" + column if column in RUST_KEYWORDS else column


def rust_type(column):
    base = column.base
    if base == "int":
        inner = "u32" if column.unsigned else "i32"
    elif base == "tinyint":
        inner = "u32" if column.unsigned else "i16"
    elif base == "bigint":
        if not column.unsigned:
            raise ValueError("signed bigint is not expected in osTicket's schema")
        inner = "BigUnsigned"
    elif base in STRING_TYPES:
        inner = "String"
    elif base in BLOB_TYPES:
        inner = "Vec<u8>"
    elif base in DATETIME_TYPES:
        return "OstDateTime"
    elif base == "date":
        return "OstDate"
    elif base == "time":
        inner = "NaiveTime"
    else:
        raise ValueError("no Rust type for %s" % base)
    return "Option<%s>" % inner if column.nullable else inner


def column_type(column):
    base = column.base
    if base == "int":
        return "ColumnType::Unsigned" if column.unsigned else "ColumnType::Integer"
    if base == "tinyint":
        return "ColumnType::TinyUnsigned" if column.unsigned else "ColumnType::TinyInteger"
    if base == "bigint":
        return "ColumnType::BigUnsigned"
    if base == "varchar":
        return "ColumnType::String(StringLen::N(%d))" % column.length()
    if base == "enum":
        # A plain string on purpose: sea-orm casts ColumnType::Enum values to a PostgreSQL
        # enum type, and osTicket's enums are strings on the portable backends.
        return "ColumnType::String(StringLen::N(%d))" % column.length()
    if base == "char":
        return "ColumnType::Char(Some(%d))" % column.length()
    if base in TEXT_TYPES:
        return "ColumnType::Text"
    if base in BLOB_TYPES:
        return "ColumnType::Blob"
    return {
        "datetime": "ColumnType::DateTime",
        "timestamp": "ColumnType::Timestamp",
        "date": "ColumnType::Date",
        "time": "ColumnType::Time",
    }[base]


def entity_source(table, origin):
    columns = table.columns
    pk = table.primary_key()
    uses = {"OstDateTime": False, "OstDate": False, "BigUnsigned": False, "NaiveTime": False}
    for column in columns:
        for name in uses:
            if re.search(r"\b%s\b" % name, rust_type(column)):
                uses[name] = True
    lines = []
    lines.append("//! `{prefix}%s`%s. Generated by tools/schema-gen from %s; do not edit."
                 % (table.name, describe_keys(table), origin))
    lines.append("")
    lines.append("use sea_orm::entity::prelude::*;")
    crate_uses = [n for n in ("OstDate", "OstDateTime") if uses[n]]
    if crate_uses:
        lines.append("use crate::{%s};" % ", ".join(crate_uses))
    if uses["BigUnsigned"]:
        lines.append("use super::BigUnsigned;")
    if uses["NaiveTime"]:
        lines.append("use chrono::NaiveTime;")
    lines.append("")
    lines.append("#[derive(Copy, Clone, Default, Debug, DeriveEntity)]")
    lines.append("pub struct Entity;")
    lines.append("")
    lines.append("impl EntityName for Entity {")
    lines.append("    fn table_name(&self) -> &'static str {")
    lines.append("        static NAME: std::sync::OnceLock<&'static str> = std::sync::OnceLock::new();")
    lines.append("        NAME.get_or_init(|| crate::prefixed_table_name(%s))" % rust_str(table.name))
    lines.append("    }")
    lines.append("}")
    lines.append("")
    lines.append("#[derive(Clone, Debug, PartialEq, Eq, DeriveModel, DeriveActiveModel)]")
    lines.append("pub struct Model {")
    for column in columns:
        lines.append("    pub %s: %s," % (field_name(column.name), rust_type(column)))
    lines.append("}")
    lines.append("")
    lines.append("#[derive(Copy, Clone, Debug, EnumIter, DeriveColumn)]")
    lines.append("pub enum Column {")
    for column in columns:
        variant = camel(column.name)
        if snake_of_camel(variant) != column.name:
            lines.append("    #[sea_orm(column_name = %s)]" % rust_str(column.name))
        lines.append("    %s," % variant)
    lines.append("}")
    lines.append("")
    lines.append("#[derive(Copy, Clone, Debug, EnumIter, DerivePrimaryKey)]")
    lines.append("pub enum PrimaryKey {")
    for name in pk:
        lines.append("    %s," % camel(name))
    lines.append("}")
    lines.append("")
    pk_types = [rust_type(table.column(name)) for name in pk]
    value_type = pk_types[0] if len(pk_types) == 1 else "(%s)" % ", ".join(pk_types)
    auto = len(pk) == 1 and table.column(pk[0]).auto_increment
    lines.append("impl PrimaryKeyTrait for PrimaryKey {")
    lines.append("    type ValueType = %s;" % value_type)
    lines.append("")
    lines.append("    fn auto_increment() -> bool {")
    lines.append("        %s" % ("true" if auto else "false"))
    lines.append("    }")
    lines.append("}")
    lines.append("")
    lines.append("impl ColumnTrait for Column {")
    lines.append("    type EntityName = Entity;")
    lines.append("")
    lines.append("    fn def(&self) -> ColumnDef {")
    lines.append("        match self {")
    for column in columns:
        definition = column_type(column) + ".def()"
        if column.nullable:
            definition += ".null()"
        lines.append("            Self::%s => %s," % (camel(column.name), definition))
    lines.append("        }")
    lines.append("    }")
    lines.append("}")
    lines.append("")
    lines.append("/// osTicket declares no foreign keys; joins are written where they are needed.")
    lines.append("#[derive(Copy, Clone, Debug, EnumIter)]")
    lines.append("pub enum Relation {}")
    lines.append("")
    lines.append("impl RelationTrait for Relation {")
    lines.append("    fn def(&self) -> RelationDef {")
    lines.append("        match *self {}")
    lines.append("    }")
    lines.append("}")
    lines.append("")
    lines.append("impl ActiveModelBehavior for ActiveModel {}")
    return "\n".join(lines) + "\n"


def describe_keys(table):
    uniques = [k for k in table.keys if k.kind == "unique"]
    if not uniques:
        return ""
    return "; unique: " + ", ".join("(%s)" % ", ".join(k.columns) for k in uniques)


def mod_source(tables):
    lines = [
        "//! sea-orm entities, one module per table. Generated by tools/schema-gen; do not edit.",
        "//!",
        "//! The osTicket modules map osTicket 1.18's tables column for column; `oxt_*` are",
        "//! Oxticket's own tables. Every table name carries the process-wide prefix",
        "//! ([`crate::install_table_prefix`]).",
        "//!",
        "//! Field types are the Rust types sea-orm can read from the osTicket column on MySQL,",
        "//! PostgreSQL and SQLite alike, without losing a value osTicket may store:",
        "//!",
        "//! | osTicket (MySQL)              | Rust                     |",
        "//! |-------------------------------|--------------------------|",
        "//! | `int unsigned`                | `u32`                    |",
        "//! | `int`                         | `i32`                    |",
        "//! | `tinyint unsigned`            | `u32` (sea-orm reads no `u8`/`u16` from PostgreSQL) |",
        "//! | `tinyint`                     | `i16` (sea-orm binds `i8` as PostgreSQL's `\"char\"`) |",
        "//! | `bigint unsigned`             | [`BigUnsigned`]          |",
        "//! | `varchar`, `char`, `text`, `enum` | `String`             |",
        "//! | `blob`, `longblob`            | `Vec<u8>`                |",
        "//! | `datetime`, `timestamp`       | [`crate::OstDateTime`] (absorbs `NULL` and zero dates) |",
        "//! | `date`                        | [`crate::OstDate`]       |",
        "//! | `time`                        | `chrono::NaiveTime`      |",
        "//!",
        "//! `tinyint(1)` stays an integer: osTicket keeps more than two states in some of them",
        "//! (`faq.ispublished`, `faq_category.ispublic`, `department.group_membership`).",
        "//! `enum` columns are strings because MySQL stores `''` for a value outside the enum.",
        "//! A nullable column is an `Option`, except the dates, whose types already have \"none\".",
        "",
        "mod big_unsigned;",
        "",
        "pub use big_unsigned::BigUnsigned;",
        "",
    ]
    modules = sorted([module_name(t.name) for t in tables] + HANDWRITTEN_MODULES)
    for module in modules:
        lines.append("pub mod %s;" % module)
    lines.append("")
    lines.append("/// The osTicket tables a fresh osTicket 1.18 install has, without prefix: the 67 of")
    lines.append("/// its `install-mysql.sql`, its search index and the cdata tables of its four forms.")
    lines.append("pub const OSTICKET_TABLES: [&str; %d] = [" % len(tables))
    for table in tables:
        lines.append("    %s," % rust_str(table.name))
    lines.append("];")
    return "\n".join(lines) + "\n"


# --- migration table specs ---------------------------------------------------------------

def portable_type(column):
    base = column.base
    if base == "tinyint":
        return "Portable::Integer" if column.unsigned else "Portable::SmallInteger"
    if base == "int":
        return "Portable::Integer"
    if base == "bigint":
        return "Portable::BigInteger"
    if base in ("varchar", "char", "enum"):
        return "Portable::String(%d)" % column.length()
    if base in TEXT_TYPES:
        return "Portable::Text"
    if base in BLOB_TYPES:
        return "Portable::Blob"
    return {"datetime": "Portable::DateTime", "timestamp": "Portable::DateTime",
            "date": "Portable::Date", "time": "Portable::Time"}[base]


def implicit_default(column):
    """What MySQL stores under SQL_MODE='' when an INSERT omits a NOT NULL column."""
    base = column.base
    if base in INT_TYPES:
        return "0"
    if base == "enum":
        return column.args[0]
    if base in ("varchar", "char") or base in TEXT_TYPES:
        return "''"
    return None


def portable_default(column):
    """The default on PostgreSQL/SQLite: osTicket's, or MySQL's implicit one (see above)."""
    if column.auto_increment:
        return None
    if column.base in DATETIME_TYPES | {"date"} and column.default != "CURRENT_TIMESTAMP":
        # Zero dates have no PostgreSQL/SQLite form: these columns are nullable there.
        return None
    raw = column.default
    if raw is None or raw == "NULL":
        if column.nullable:
            return None
        raw = implicit_default(column)
        if raw is None:
            return None
    if raw == "CURRENT_TIMESTAMP":
        return "PortableDefault::CurrentTimestamp"
    value = unquote(raw)
    if column.base in INT_TYPES:
        return "PortableDefault::Integer(%d)" % int(value)
    return "PortableDefault::Text(%s)" % rust_str(value)


def rust_str(value):
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def rust_opt_str(value):
    return "None" if value is None else "Some(%s)" % rust_str(value)


def column_spec(column):
    spec = "Column::new(%s, %s, %s)" % (
        rust_str(column.name), rust_str(column.mysql_type()), portable_type(column))
    if not column.nullable:
        spec += ".not_null()"
    if column.default is not None:
        spec += ".mysql_default(%s)" % rust_str(column.default)
    portable = portable_default(column)
    if portable is not None:
        spec += ".portable_default(%s)" % portable
    if column.auto_increment:
        spec += ".auto_increment()"
    if column.on_update:
        spec += ".on_update(%s)" % rust_str(column.on_update)
    if column.comment:
        spec += ".comment(%s)" % rust_str(column.comment)
    return spec


def key_spec(key):
    columns = "&[%s]" % ", ".join(rust_str(c) for c in key.columns)
    if key.kind == "primary":
        return "Key::primary(%s)" % columns
    constructor = {"unique": "unique", "key": "index", "fulltext": "full_text"}[key.kind]
    return "Key::%s(%s, %s)" % (constructor, rust_str(key.name), columns)


def tables_source(tables):
    lines = [
        "//! osTicket 1.18's tables as step 001 creates them. Generated by tools/schema-gen from",
        "//! osTicket's install-mysql.sql (and, for the tables its installer adds at run time, a",
        "//! fresh install's dump); do not edit. Column types and `mysql_default` are osTicket's",
        "//! own text; `Portable` types and `portable_default` their PostgreSQL/SQLite form.",
        "",
        "use super::spec::{Column, Key, Portable, PortableDefault, Table};",
        "",
        "pub(super) const TABLES: &[Table] = &[",
    ]
    for table in tables:
        lines.append("    Table {")
        lines.append("        name: %s," % rust_str(table.name))
        lines.append("        engine: %s," % rust_opt_str(table.engine))
        lines.append("        charset: %s," % rust_str(table.charset))
        lines.append("        collate: %s," % rust_opt_str(table.collate))
        lines.append("        columns: &[")
        for column in table.columns:
            lines.append("            %s," % column_spec(column))
        lines.append("        ],")
        lines.append("        keys: &[")
        for key in table.keys:
            lines.append("            %s," % key_spec(key))
        lines.append("        ],")
        lines.append("    },")
    lines.append("];")
    return "\n".join(lines) + "\n"


# --- output ------------------------------------------------------------------------------

def rustfmt(files):
    """Formats each generated source (through stdin, so rustfmt follows no `mod`)."""
    formatted = []
    for target, text in files:
        result = subprocess.run(["rustfmt", "--edition", "2024"], input=text,
                                capture_output=True, text=True, check=True)
        formatted.append((target, result.stdout))
    return formatted


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--ddl", default=DEFAULT_DDL, help="osTicket's install-mysql.sql")
    parser.add_argument("--dump", default=DEFAULT_DUMP, help="a fresh osTicket install's dump")
    parser.add_argument("--check", action="store_true", help="fail if the tree is out of date")
    args = parser.parse_args()

    with open(args.ddl, encoding="utf-8") as ddl:
        installed = parse_tables(ddl.read(), "%TABLE_PREFIX%")
    with open(args.dump, encoding="utf-8", errors="replace") as dump:
        added = runtime_tables(dump.read())
    tables = sorted(installed.values(), key=lambda t: t.name) + added
    if len(installed) != 67:
        sys.exit("expected the 67 tables of install-mysql.sql, found %d" % len(installed))

    files = [(os.path.join(ENTITY_DIR, "mod.rs"), mod_source(tables))]
    for table in tables:
        origin = "install-mysql.sql" if table.name in installed else "a fresh install's dump"
        files.append((os.path.join(ENTITY_DIR, module_name(table.name) + ".rs"),
                      entity_source(table, origin)))
    files.append((TABLES_RS, tables_source(tables)))
    files = rustfmt(files)

    stale = []
    for target, text in files:
        current = None
        if os.path.exists(target):
            with open(target) as existing:
                current = existing.read()
        if current == text:
            continue
        stale.append(os.path.relpath(target, ROOT))
        if not args.check:
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "w") as out:
                out.write(text)
    if args.check and stale:
        sys.exit("out of date (run tools/schema-gen/schema_gen.py):\n  " + "\n  ".join(stale))


if __name__ == "__main__":
    main()
