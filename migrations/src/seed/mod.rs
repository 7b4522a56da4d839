//! The rows a fresh osTicket 1.18.1 install holds, so that a database Oxticket
//! creates is one osTicket itself can open.
//!
//! osTicket's web installer loads them from its `include/i18n/en_US/*.yaml` files and
//! from code in `setup/inc/class.installer.php`. This module holds the same rows as
//! typed Rust tables, one module per subject, with the ids osTicket and other rows
//! refer to (form 2 is the ticket form, form field 20 the subject, status 1 Open,
//! priority 2 Normal, event 1 `created`, ...). E-mail template bodies, page contents
//! and canned responses keep osTicket's code names, `%{...}` variables and purpose,
//! in Oxticket's own wording.
//!
//! Left out, because the installer's form supplies them: the administrator
//! (`staff`, `staff_dept_access`), the help desk's name, URL and admin address (the
//! `config` rows stay empty, and no company `form_entry` is written), the `syslog`
//! line, and the sample ticket. osTicket's "Powered by osTicket" logo is not shipped
//! either, so no template carries it as an inline attachment.

mod canned_responses;
mod config;
mod departments;
mod email_templates;
mod emails;
mod events;
mod filters;
mod forms;
mod help_topics;
mod organizations;
mod pages;
mod priorities;
mod queues;
mod roles;
mod schedules;
mod sequences;
mod statuses;

use chrono::{DateTime, NaiveDateTime, SubsecRound, Utc};
use sea_orm::sea_query::{Alias, Expr, InsertStatement, OnConflict, Query};
use sea_orm::{
    ConnectionTrait, DbBackend, DbErr, Statement, TransactionSession, TransactionTrait, Value,
};

use oxt_store::TablePrefix;

/// Writes every row of a fresh osTicket install into an empty schema, in one
/// transaction (a savepoint when `db` is already a transaction). The four `config`
/// rows that osTicket's `install-mysql.sql` inserts itself may already be there;
/// they get the seed's values. Any other row already present makes the seed fail,
/// and then it writes nothing.
///
/// `now` stamps the `created`/`updated` columns; it is cut to whole seconds, as
/// MySQL's `datetime` keeps them.
pub async fn fresh_install<C>(db: &C, prefix: &TablePrefix, now: DateTime<Utc>) -> Result<(), DbErr>
where
    C: ConnectionTrait + TransactionTrait,
{
    let txn = db.begin().await?;
    let seeder = Seeder {
        db: &txn,
        prefix,
        now: now.trunc_subsecs(0).naive_utc(),
    };

    seeder.insert(&config::config_rows()).await?;
    seeder.insert(&events::EVENTS).await?;
    seeder.insert(&sequences::SEQUENCES).await?;
    seeder.insert(&priorities::PRIORITIES).await?;
    seeder.insert(&statuses::STATUSES).await?;
    seeder.insert(&statuses::LISTS).await?;
    seeder.insert(&schedules::SCHEDULES).await?;
    seeder.insert(&schedules::ENTRIES).await?;
    seeder.insert(&departments::SLAS).await?;
    seeder.insert(&departments::DEPARTMENTS).await?;
    seeder.insert(&departments::TEAMS).await?;
    seeder.insert(&roles::ROLES).await?;
    seeder.insert(&forms::FORMS).await?;
    seeder.insert(&forms::FIELDS).await?;
    seeder.insert(&organizations::ORGANIZATIONS).await?;
    seeder.insert(&organizations::ENTRIES).await?;
    seeder.insert(&help_topics::TOPICS).await?;
    seeder.insert(&help_topics::TOPIC_FORMS).await?;
    seeder.insert(&emails::EMAILS).await?;
    seeder.insert(&emails::TEMPLATE_GROUPS).await?;
    seeder.insert(&email_templates::TEMPLATES).await?;
    seeder.insert(&pages::PAGES).await?;
    seeder.insert(&filters::FILTERS).await?;
    seeder.insert(&filters::RULES).await?;
    seeder.insert(&filters::ACTIONS).await?;
    seeder.insert(&queues::SORTS).await?;
    seeder.insert(&queues::COLUMNS).await?;
    seeder.insert(&queues::QUEUES).await?;
    seeder.insert(&queues::queue_columns()).await?;
    seeder.insert(&queues::queue_sorts()).await?;
    seeder.insert(&canned_responses::RESPONSES).await?;
    let sample_file = canned_responses::sample_file(seeder.now);
    seeder.insert(std::slice::from_ref(&sample_file)).await?;
    seeder.insert(&[sample_file.chunk()]).await?;
    seeder.insert(&canned_responses::ATTACHMENTS).await?;

    txn.commit().await
}

/// One seeded row of table `TABLE`: `values` gives the value of each of `COLUMNS`,
/// in the same order (the shared length `N` makes a mismatch a compile error).
trait SeedRow<const N: usize> {
    /// Table name without the prefix.
    const TABLE: &'static str;
    const COLUMNS: [&'static str; N];
    /// The auto-increment column the seed fills explicitly, if any: PostgreSQL's
    /// sequence behind it has to be moved past the seeded ids.
    const SERIAL: Option<&'static str>;
    /// When non-empty, rows that clash on these columns update the existing row.
    const UPSERT_ON: &'static [&'static str] = &[];

    fn values(&self, now: NaiveDateTime) -> [Value; N];
}

fn insert_statement<R: SeedRow<N>, const N: usize>(
    prefix: &TablePrefix,
    rows: &[R],
    now: NaiveDateTime,
) -> InsertStatement {
    let mut insert = Query::insert();
    insert
        .into_table(Alias::new(prefix.table(R::TABLE)))
        .columns(R::COLUMNS.map(Alias::new));
    for row in rows {
        insert.values_panic(row.values(now).map(Expr::from));
    }
    if !R::UPSERT_ON.is_empty() {
        // The existing row keeps its key and id; its other columns take the seed's values.
        let updated = R::COLUMNS
            .into_iter()
            .filter(|column| !R::UPSERT_ON.contains(column) && Some(*column) != R::SERIAL);
        insert.on_conflict(
            OnConflict::columns(R::UPSERT_ON.iter().copied().map(Alias::new))
                .update_columns(updated.map(Alias::new))
                .to_owned(),
        );
    }
    insert
}

struct Seeder<'a, C> {
    db: &'a C,
    prefix: &'a TablePrefix,
    now: NaiveDateTime,
}

impl<C: ConnectionTrait> Seeder<'_, C> {
    /// One multi-row INSERT for all of `rows`.
    async fn insert<R: SeedRow<N>, const N: usize>(&self, rows: &[R]) -> Result<(), DbErr> {
        self.db
            .execute(&insert_statement(self.prefix, rows, self.now))
            .await?;
        if let (DbBackend::Postgres, Some(serial)) = (self.db.get_database_backend(), R::SERIAL) {
            self.move_sequence_past_max(&self.prefix.table(R::TABLE), serial)
                .await?;
        }
        Ok(())
    }

    /// PostgreSQL does not advance a serial column's sequence when a row brings its
    /// own id, so the next row an application inserts would collide with a seeded one.
    async fn move_sequence_past_max(&self, table: &str, serial: &str) -> Result<(), DbErr> {
        let sql = format!(
            r#"SELECT setval(pg_get_serial_sequence($1, $2), (SELECT MAX("{serial}") FROM "{table}"))"#
        );
        let quoted_table = format!(r#""{table}""#);
        self.db
            .execute_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                sql,
                [quoted_table.into(), serial.into()],
            ))
            .await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use sea_orm::sea_query::{MysqlQueryBuilder, PostgresQueryBuilder};

    fn install_time() -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, 21)
            .and_then(|day| day.and_hms_opt(23, 32, 11))
            .expect("a valid time")
    }

    #[test]
    fn all_rows_of_a_table_go_into_one_insert_on_the_prefixed_table() {
        let prefix = TablePrefix::parse("acme_").expect("a valid prefix");

        let sql =
            insert_statement(&prefix, &events::EVENTS, install_time()).to_string(MysqlQueryBuilder);

        assert!(sql.starts_with(
            "INSERT INTO `acme_event` (`id`, `name`, `description`) \
             VALUES (1, 'created', NULL), (2, 'closed', NULL), "
        ));
        assert!(sql.ends_with("(21, 'note', NULL)"));
    }

    #[test]
    fn config_rows_update_the_value_of_an_existing_key_but_not_its_id() {
        let sql = insert_statement(
            &TablePrefix::default(),
            &config::config_rows(),
            install_time(),
        )
        .to_string(PostgresQueryBuilder);

        assert!(sql.ends_with(
            r#"ON CONFLICT ("namespace", "key") DO UPDATE SET "value" = "excluded"."value", "updated" = "excluded"."updated""#
        ));
    }
}
