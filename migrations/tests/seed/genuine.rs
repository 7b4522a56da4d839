//! The seed on the genuine osTicket schema, compared table by table with the dump
//! of a database osTicket 1.18.1's own web installer produced.

use std::collections::BTreeSet;

use oxt_migrations::seed::fresh_install;
use oxt_testkit::TestDb;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};

use crate::{INSTALL_TIME_SQL, install_time, test_prefix};

/// A table the seed fills (name without the prefix), with what differs from
/// osTicket on purpose.
struct SeededTable {
    name: &'static str,
    order_by: &'static str,
    /// Columns holding Oxticket's own wording or content, not compared.
    own_content: &'static [&'static str],
    /// Reference rows the seed leaves out: SQL condition on the reference row.
    left_out: Option<&'static str>,
    /// Values that differ on purpose: (column, SQL expression giving the value the
    /// seed writes, from the reference row).
    replaced: &'static [(&'static str, &'static str)],
}

const fn table(name: &'static str, order_by: &'static str) -> SeededTable {
    SeededTable {
        name,
        order_by,
        own_content: &[],
        left_out: None,
        replaced: &[],
    }
}

/// Every seeded table. Deliberate differences, besides timestamps (all set to the
/// install time passed in, where osTicket has its clock or `0000-00-00`):
const SEEDED: &[SeededTable] = &[
    SeededTable {
        // The installer form's help desk name, URL and admin address are not known
        // to the seed; the server's admin setup fills them in.
        replaced: &[(
            "value",
            "IF(`key` IN ('admin_email', 'helpdesk_url', 'helpdesk_title'), '', `value`)",
        )],
        ..table("config", "id")
    },
    table("event", "id"),
    table("sequence", "id"),
    table("ticket_priority", "priority_id"),
    table("ticket_status", "id"),
    table("list", "id"),
    table("schedule", "id"),
    table("schedule_entry", "id"),
    table("sla", "id"),
    table("department", "id"),
    table("team", "team_id"),
    table("role", "id"),
    table("form", "id"),
    table("form_field", "id"),
    table("organization", "id"),
    SeededTable {
        // Entry 2 is the company form, filled with the installer form's help desk name.
        left_out: Some("object_type = 'C'"),
        ..table("form_entry", "id")
    },
    SeededTable {
        // The company form's answers: the installer form's help desk name, and blanks.
        left_out: Some("entry_id = 2"),
        ..table("form_entry_values", "entry_id, field_id")
    },
    table("help_topic", "topic_id"),
    table("help_topic_form", "id"),
    table("email", "email_id"),
    table("email_template_group", "tpl_id"),
    // Bodies are Oxticket's own wording; `template_variables_are_osticket_s` checks them.
    SeededTable {
        own_content: &["body"],
        ..table("email_template", "id")
    },
    SeededTable {
        own_content: &["body", "notes"],
        ..table("content", "id")
    },
    table("filter", "id"),
    table("filter_rule", "id"),
    table("filter_action", "id"),
    table("queue_sort", "id"),
    table("queue_column", "id"),
    table("queue", "id"),
    table("queue_columns", "queue_id, column_id, staff_id"),
    table("queue_sorts", "queue_id, sort_id"),
    SeededTable {
        own_content: &["response"],
        ..table("canned_response", "canned_id")
    },
    SeededTable {
        // File 1 is the "Powered by osTicket" logo, which the seed does not ship; file 2
        // is the canned response's sample text file, with Oxticket's own text (so its
        // size and hashes differ too).
        left_out: Some("id = 1"),
        own_content: &["size", "key", "signature"],
        ..table("file", "id")
    },
    SeededTable {
        // The logo's bytes; the sample text file's are Oxticket's own.
        left_out: Some("file_id = 1"),
        own_content: &["filedata"],
        ..table("file_chunk", "file_id, chunk_id")
    },
    SeededTable {
        // The logo's inline attachments to e-mail templates.
        left_out: Some("type = 'T'"),
        ..table("attachment", "id")
    },
];

/// Tables the osTicket install fills from its web form, and which stay empty here:
/// the administrator, their extra department access, and the "osTicket installed!" log line.
const FROM_THE_INSTALLER_FORM: &[&str] = &["staff", "staff_dept_access", "syslog"];

struct Databases {
    seeded: TestDb,
    reference: TestDb,
}

/// The genuine schema seeded by Oxticket, and osTicket's own fresh install; `None`
/// when MariaDB or the reference files are unavailable (and skipping is allowed).
async fn genuine_and_reference() -> Option<Databases> {
    let prefix = test_prefix();
    let seeded = TestDb::mysql_with_osticket_schema().await?;
    fresh_install(seeded.conn(), &prefix, install_time())
        .await
        .expect("the seed runs");
    let reference = TestDb::mysql_with_fresh_install().await?;
    Some(Databases { seeded, reference })
}

#[tokio::test]
async fn seeded_rows_match_a_fresh_osticket_install() {
    let Some(dbs) = genuine_and_reference().await else {
        return;
    };
    let mut mismatches = Vec::new();
    for table in SEEDED {
        let ours = rows(dbs.seeded.conn(), table, Side::Seeded).await;
        let theirs = rows(dbs.reference.conn(), table, Side::Reference).await;
        if ours != theirs {
            mismatches.push(describe_mismatch(table.name, &ours, &theirs));
        }
    }
    for table in FROM_THE_INSTALLER_FORM {
        let count = count_rows(dbs.seeded.conn(), &test_prefix().table(table)).await;
        if count != 0 {
            mismatches.push(format!("{table}: {count} rows, expected none"));
        }
    }
    let prefix = test_prefix();
    let unaccounted = tables_with_rows(dbs.reference.conn())
        .await
        .into_iter()
        .filter_map(|name| name.strip_prefix(prefix.as_str()).map(str::to_owned))
        .filter(|name| {
            !SEEDED.iter().any(|table| table.name == name)
                && !FROM_THE_INSTALLER_FORM.contains(&name.as_str())
        })
        .collect::<Vec<_>>();
    if !unaccounted.is_empty() {
        mismatches.push(format!(
            "reference tables with rows that the test does not account for: {unaccounted:?}"
        ));
    }

    assert!(
        mismatches.is_empty(),
        "seed differs from osTicket's fresh install:\n{}",
        mismatches.join("\n")
    );
}

#[tokio::test]
async fn template_variables_are_osticket_s() {
    let Some(dbs) = genuine_and_reference().await else {
        return;
    };
    let prefix = test_prefix();
    let queries = [
        format!("SELECT code_name, subject, body FROM {prefix}email_template ORDER BY code_name"),
        format!("SELECT type, name, body FROM {prefix}content ORDER BY type"),
        format!("SELECT title, '', response FROM {prefix}canned_response ORDER BY title"),
    ];
    let mut mismatches = Vec::new();
    for sql in queries {
        let ours = variables_by_name(dbs.seeded.conn(), &sql).await;
        let theirs = variables_by_name(dbs.reference.conn(), &sql).await;
        for ((name, our_vars), (_, their_vars)) in ours.iter().zip(&theirs) {
            if our_vars != their_vars {
                mismatches.push(format!(
                    "{name}: ours {our_vars:?}, osTicket's {their_vars:?}"
                ));
            }
        }
        if ours.len() != theirs.len() {
            mismatches.push(format!(
                "{sql}: {} rows, osTicket {}",
                ours.len(),
                theirs.len()
            ));
        }
    }
    assert!(
        mismatches.is_empty(),
        "template variables differ:\n{}",
        mismatches.join("\n")
    );
}

#[derive(Clone, Copy, PartialEq)]
enum Side {
    Seeded,
    Reference,
}

/// The rows of `table` as JSON objects, in key order, with the deliberate
/// differences applied to the reference side and removed from both.
async fn rows(db: &DatabaseConnection, table: &SeededTable, side: Side) -> Vec<String> {
    let table_name = test_prefix().table(table.name);
    let columns = columns(db, &table_name).await;
    let fields = columns
        .iter()
        .filter(|(name, _)| !table.own_content.contains(&name.as_str()))
        .map(|(name, data_type)| {
            let value = if matches!(data_type.as_str(), "datetime" | "timestamp") {
                // Only whether a timestamp is set can match; a set one must be the install time.
                match side {
                    Side::Reference => format!("IF(`{name}` IS NULL, NULL, 'install time')"),
                    Side::Seeded => format!(
                        "IF(`{name}` IS NULL, NULL, IF(`{name}` = '{INSTALL_TIME_SQL}', 'install time', `{name}`))"
                    ),
                }
            } else {
                match (side, table.replaced.iter().find(|(column, _)| column == name)) {
                    (Side::Reference, Some((_, expression))) => (*expression).to_owned(),
                    _ => format!("`{name}`"),
                }
            };
            format!("'{name}', {value}")
        })
        .collect::<Vec<_>>()
        .join(", ");
    let filter = match (side, table.left_out) {
        (Side::Reference, Some(condition)) => format!("WHERE NOT ({condition})"),
        _ => String::new(),
    };
    let sql = format!(
        "SELECT JSON_OBJECT({fields}) AS row_json FROM `{table_name}` {filter} ORDER BY {}",
        table.order_by
    );
    db.query_all_raw(Statement::from_string(DbBackend::MySql, sql))
        .await
        .unwrap()
        .iter()
        .map(|row| row.try_get::<String>("", "row_json").unwrap())
        .collect()
}

async fn columns(db: &DatabaseConnection, table: &str) -> Vec<(String, String)> {
    let sql = "SELECT COLUMN_NAME AS name, DATA_TYPE AS data_type FROM information_schema.COLUMNS \
               WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION";
    db.query_all_raw(Statement::from_sql_and_values(
        DbBackend::MySql,
        sql,
        [table.into()],
    ))
    .await
    .unwrap()
    .iter()
    .map(|row| {
        (
            row.try_get("", "name").unwrap(),
            row.try_get("", "data_type").unwrap(),
        )
    })
    .collect()
}

async fn count_rows(db: &DatabaseConnection, table: &str) -> i64 {
    let sql = format!("SELECT COUNT(*) AS n FROM `{table}`");
    let row = db
        .query_one_raw(Statement::from_string(DbBackend::MySql, sql))
        .await
        .unwrap()
        .unwrap();
    row.try_get("", "n").unwrap()
}

async fn tables_with_rows(db: &DatabaseConnection) -> Vec<String> {
    let sql = "SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() ORDER BY 1";
    let names: Vec<String> = db
        .query_all_raw(Statement::from_string(DbBackend::MySql, sql))
        .await
        .unwrap()
        .iter()
        .map(|row| row.try_get("", "name").unwrap())
        .collect();
    let mut with_rows = Vec::new();
    for name in names {
        if count_rows(db, &name).await > 0 {
            with_rows.push(name);
        }
    }
    with_rows
}

fn describe_mismatch(table: &str, ours: &[String], theirs: &[String]) -> String {
    let first_difference = ours
        .iter()
        .zip(theirs)
        .find(|(our_row, their_row)| our_row != their_row)
        .map(|(our_row, their_row)| format!("\n  ours:      {our_row}\n  osTicket's: {their_row}"))
        .unwrap_or_default();
    format!(
        "{table}: {} rows, osTicket {}{first_difference}",
        ours.len(),
        theirs.len()
    )
}

/// For each row of `sql` (name, subject, body): the name and the `%{...}`
/// variables used in subject and body. osTicket stores the variables of links
/// URL-encoded (`%%7Bticket.number%7D`); both spellings are read the same way.
async fn variables_by_name(db: &DatabaseConnection, sql: &str) -> Vec<(String, BTreeSet<String>)> {
    db.query_all_raw(Statement::from_string(DbBackend::MySql, sql))
        .await
        .unwrap()
        .iter()
        .map(|row| {
            let name: String = row.try_get_by_index(0).unwrap();
            let subject: String = row.try_get_by_index(1).unwrap();
            let body: String = row.try_get_by_index(2).unwrap();
            let text = format!("{subject}\n{body}")
                .replace("%%7B", "%{")
                .replace("%7D", "}");
            (name, variables(&text))
        })
        .collect()
}

fn variables(text: &str) -> BTreeSet<String> {
    text.split("%{")
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name.to_owned()))
        .collect()
}

#[test]
fn variables_are_read_from_both_spellings() {
    let text =
        "Hi %{recipient.name}, see <a href=\"%%7Bticket.staff_link%7D\">#%{ticket.number}</a>"
            .replace("%%7B", "%{")
            .replace("%7D", "}");
    assert_eq!(
        variables(&text),
        BTreeSet::from([
            "recipient.name".to_owned(),
            "ticket.staff_link".to_owned(),
            "ticket.number".to_owned()
        ])
    );
}
