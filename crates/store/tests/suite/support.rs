//! What several test modules need: reading every table through its entity, and
//! snapshots of a MariaDB schema from information_schema.

use chrono::{DateTime, TimeZone, Utc};
use oxt_store::entity;
use oxt_store::prefixed_table_name;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, DbErr, EntityTrait, Statement};
use std::collections::{BTreeMap, BTreeSet};

/// The `now` every test migrates with.
pub fn install_time() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 21, 12, 0, 0).unwrap()
}

async fn read_all<E: EntityTrait>(
    db: &DatabaseConnection,
    entity: E,
    counts: &mut BTreeMap<String, usize>,
) {
    let rows = E::find()
        .all(db)
        .await
        .unwrap_or_else(|error| panic!("reading {}: {error}", entity.table_name()));
    counts.insert(entity.table_name().to_owned(), rows.len());
}

macro_rules! read_entities {
    ($db:expr, $counts:expr, $($module:ident),+ $(,)?) => {
        $( read_all($db, entity::$module::Entity, $counts).await; )+
    };
}

/// Reads every row of every table through its entity; the row count per table.
pub async fn read_every_table(db: &DatabaseConnection) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    read_entities!(
        db,
        &mut counts,
        api_key,
        attachment,
        canned_response,
        config,
        content,
        department,
        draft,
        email,
        email_account,
        email_template,
        email_template_group,
        event,
        faq,
        faq_category,
        faq_topic,
        file,
        file_chunk,
        filter,
        filter_action,
        filter_rule,
        form,
        form_entry,
        form_entry_values,
        form_field,
        group,
        help_topic,
        help_topic_form,
        list,
        list_items,
        lock,
        note,
        organization,
        organization_cdata,
        plugin,
        plugin_instance,
        queue,
        queue_column,
        queue_columns,
        queue_config,
        queue_export,
        queue_sort,
        queue_sorts,
        role,
        schedule,
        schedule_entry,
        search,
        sequence,
        session,
        sla,
        staff,
        staff_dept_access,
        syslog,
        task,
        task_cdata,
        team,
        team_member,
        thread,
        thread_collaborator,
        thread_entry,
        thread_entry_email,
        thread_entry_merge,
        thread_event,
        thread_referral,
        ticket,
        ticket_cdata,
        ticket_priority,
        ticket_status,
        translation,
        user,
        user_account,
        user_cdata,
        user_email,
        oxt_job_lease,
        oxt_outbox,
        oxt_refresh_token,
    );
    counts
}

/// Every table the entities name, with the process's prefix.
pub fn entity_tables() -> BTreeSet<String> {
    entity::OSTICKET_TABLES
        .iter()
        .chain(&["oxt_job_lease", "oxt_outbox", "oxt_refresh_token"])
        .map(|table| prefixed_table_name(table).to_owned())
        .collect()
}

/// The tables of `db`'s current database/schema.
pub async fn tables_of(db: &DatabaseConnection) -> BTreeSet<String> {
    let sql = match db.get_database_backend() {
        DbBackend::MySql => {
            "SELECT CAST(TABLE_NAME AS CHAR) AS name FROM information_schema.TABLES \
             WHERE TABLE_SCHEMA = DATABASE()"
        }
        DbBackend::Postgres => {
            "SELECT CAST(table_name AS TEXT) AS name FROM information_schema.tables \
             WHERE table_schema = current_schema()"
        }
        _ => "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
    };
    strings(db, sql, &[])
        .await
        .expect("listing tables")
        .into_iter()
        .collect()
}

/// One text column (`name`) of each row of `sql`.
pub async fn strings(
    db: &DatabaseConnection,
    sql: &str,
    values: &[&str],
) -> Result<Vec<String>, DbErr> {
    let statement = Statement::from_sql_and_values(
        db.get_database_backend(),
        sql,
        values.iter().map(|value| sea_orm::Value::from(*value)),
    );
    db.query_all_raw(statement)
        .await?
        .iter()
        .map(|row| row.try_get::<String>("", "name"))
        .collect()
}

/// A MariaDB database's definition of the tables in `tables` (all when `None`): each
/// column's name, position, type (with unsigned-ness), nullability, default, extra,
/// character set, collation and comment; each key's name, uniqueness, columns, prefix
/// lengths and kind; each table's engine and collation. One line per fact, so a
/// difference reads as the fact that differs.
pub async fn mysql_definition(
    db: &DatabaseConnection,
    tables: Option<&BTreeSet<String>>,
) -> BTreeSet<String> {
    const COLUMNS: &str = "SELECT CONCAT_WS(' | ', TABLE_NAME, 'column', ORDINAL_POSITION, \
        COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COALESCE(COLUMN_DEFAULT, '<no default>'), \
        EXTRA, COALESCE(CHARACTER_SET_NAME, '-'), COALESCE(COLLATION_NAME, '-'), \
        COLUMN_COMMENT) AS name, TABLE_NAME AS tbl \
        FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()";
    const KEYS: &str = "SELECT CONCAT_WS(' | ', TABLE_NAME, 'key', INDEX_NAME, NON_UNIQUE, \
        SEQ_IN_INDEX, COLUMN_NAME, COALESCE(SUB_PART, 'whole'), INDEX_TYPE) AS name, \
        TABLE_NAME AS tbl FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE()";
    const TABLES: &str = "SELECT CONCAT_WS(' | ', TABLE_NAME, 'table', ENGINE, \
        TABLE_COLLATION) AS name, TABLE_NAME AS tbl \
        FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()";
    let mut facts = BTreeSet::new();
    for sql in [COLUMNS, KEYS, TABLES] {
        let rows = db
            .query_all_raw(Statement::from_string(DbBackend::MySql, sql))
            .await
            .expect("reading information_schema");
        for row in rows {
            let table: String = row.try_get("", "tbl").expect("a table name");
            if tables.is_none_or(|wanted| wanted.contains(&table)) {
                facts.insert(row.try_get("", "name").expect("a definition line"));
            }
        }
    }
    facts
}
