//! The seed on the genuine osTicket schema, compared table by table with the dump
//! of a database osTicket 1.18.1's own web installer produced.

use std::collections::BTreeSet;

use chrono::{DateTime, TimeZone, Utc};
use oxt_migrations::seed::fresh_install;
use oxt_store::TablePrefix;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};

use crate::support::{ScratchDatabase, reference_file, run_mysql_script, server_url};

/// The install time handed to the seed; every seeded timestamp must equal it.
fn install_time() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 21, 23, 32, 11).unwrap()
}
const INSTALL_TIME_SQL: &str = "2026-11-21 23:32:11";

/// A table the seed fills, with what differs from osTicket on purpose.
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
        ..table("ost_config", "id")
    },
    table("ost_event", "id"),
    table("ost_sequence", "id"),
    table("ost_ticket_priority", "priority_id"),
    table("ost_ticket_status", "id"),
    table("ost_list", "id"),
    table("ost_schedule", "id"),
    table("ost_schedule_entry", "id"),
    table("ost_sla", "id"),
    table("ost_department", "id"),
    table("ost_team", "team_id"),
    table("ost_role", "id"),
    table("ost_form", "id"),
    table("ost_form_field", "id"),
    table("ost_organization", "id"),
    SeededTable {
        // Entry 2 is the company form, filled with the installer form's help desk name.
        left_out: Some("object_type = 'C'"),
        ..table("ost_form_entry", "id")
    },
    SeededTable {
        left_out: Some("entry_id = 2"),
        ..table("ost_form_entry_values", "entry_id, field_id")
    },
    table("ost_help_topic", "topic_id"),
    table("ost_help_topic_form", "id"),
    table("ost_email", "email_id"),
    table("ost_email_template_group", "tpl_id"),
    // Bodies are Oxticket's own wording; `template_variables_are_osticket_s` checks them.
    SeededTable {
        own_content: &["body"],
        ..table("ost_email_template", "id")
    },
    SeededTable {
        own_content: &["body", "notes"],
        ..table("ost_content", "id")
    },
    table("ost_filter", "id"),
    table("ost_filter_rule", "id"),
    table("ost_filter_action", "id"),
    table("ost_queue_sort", "id"),
    table("ost_queue_column", "id"),
    table("ost_queue", "id"),
    table("ost_queue_columns", "queue_id, column_id, staff_id"),
    table("ost_queue_sorts", "queue_id, sort_id"),
    SeededTable {
        own_content: &["response"],
        ..table("ost_canned_response", "canned_id")
    },
    SeededTable {
        // File 1 is the "Powered by osTicket" logo, which the seed does not ship; file 2
        // is the canned response's sample text file, with Oxticket's own text (so its
        // size and hashes differ too).
        left_out: Some("id = 1"),
        own_content: &["size", "key", "signature"],
        ..table("ost_file", "id")
    },
    SeededTable {
        left_out: Some("file_id = 1"),
        own_content: &["filedata"],
        ..table("ost_file_chunk", "file_id, chunk_id")
    },
    SeededTable {
        // The logo's inline attachments to e-mail templates.
        left_out: Some("type = 'T'"),
        ..table("ost_attachment", "id")
    },
];

/// Tables the osTicket install fills from its web form, and which stay empty here:
/// the administrator, their extra department access, and the "osTicket installed!" log line.
const FROM_THE_INSTALLER_FORM: &[&str] = &["ost_staff", "ost_staff_dept_access", "ost_syslog"];

struct Databases {
    seeded: ScratchDatabase,
    reference: ScratchDatabase,
}

/// The genuine schema seeded by Oxticket, and osTicket's own fresh install; `None`
/// when MariaDB or the reference files are unavailable (and skipping is allowed).
async fn genuine_and_reference() -> Option<Databases> {
    let url = server_url("OXT_TEST_MYSQL_URL")?;
    let schema = reference_file("install-mysql.sql")?.replace("%TABLE_PREFIX%", "ost_");
    let dump = reference_file("fresh-install.sql")?;

    let seeded = ScratchDatabase::create(&url, "oxt_seed").await.unwrap();
    run_mysql_script(&seeded.db, &schema).await.unwrap();
    fresh_install(&seeded.db, &TablePrefix::default(), install_time())
        .await
        .unwrap();

    let reference = ScratchDatabase::create(&url, "oxt_seedref").await.unwrap();
    run_mysql_script(&reference.db, &dump).await.unwrap();
    Some(Databases { seeded, reference })
}

#[tokio::test]
async fn seeded_rows_match_a_fresh_osticket_install() {
    let Some(dbs) = genuine_and_reference().await else {
        return;
    };
    let mut mismatches = Vec::new();
    for table in SEEDED {
        let ours = rows(&dbs.seeded.db, table, Side::Seeded).await;
        let theirs = rows(&dbs.reference.db, table, Side::Reference).await;
        if ours != theirs {
            mismatches.push(describe_mismatch(table.name, &ours, &theirs));
        }
    }
    for table in FROM_THE_INSTALLER_FORM {
        let count = count_rows(&dbs.seeded.db, table).await;
        if count != 0 {
            mismatches.push(format!("{table}: {count} rows, expected none"));
        }
    }
    let unaccounted = tables_with_rows(&dbs.reference.db)
        .await
        .into_iter()
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

    dbs.seeded.drop().await.unwrap();
    dbs.reference.drop().await.unwrap();
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
    let queries = [
        "SELECT code_name, subject, body FROM ost_email_template ORDER BY code_name",
        "SELECT type, name, body FROM ost_content ORDER BY type",
        "SELECT title, '', response FROM ost_canned_response ORDER BY title",
    ];
    let mut mismatches = Vec::new();
    for sql in queries {
        let ours = variables_by_name(&dbs.seeded.db, sql).await;
        let theirs = variables_by_name(&dbs.reference.db, sql).await;
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
    dbs.seeded.drop().await.unwrap();
    dbs.reference.drop().await.unwrap();
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
    let columns = columns(db, table.name).await;
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
        "SELECT JSON_OBJECT({fields}) AS row_json FROM `{}` {filter} ORDER BY {}",
        table.name, table.order_by
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
