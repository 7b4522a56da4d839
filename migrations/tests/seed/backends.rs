//! The seed as `migrate` writes it through Oxticket's own schema, on SQLite,
//! MariaDB and PostgreSQL.

use chrono::NaiveDateTime;
use oxt_migrations::migrate;
use oxt_migrations::seed::fresh_install;
use oxt_testkit::db_test;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
use sea_orm::{ConnectionTrait, DatabaseConnection};

use crate::{install_time, test_prefix};

/// Rows per table after a fresh install: osTicket's own counts, less what its
/// installer form supplies and its logo file (the differences `genuine.rs` lists).
const EXPECTED_ROWS: &[(&str, i64)] = &[
    ("config", 98),
    ("event", 21),
    ("sequence", 2),
    ("ticket_priority", 4),
    ("ticket_status", 5),
    ("list", 1),
    ("schedule", 4),
    ("schedule_entry", 16),
    ("sla", 1),
    ("department", 3),
    ("team", 1),
    ("role", 4),
    ("form", 6),
    ("form_field", 20),
    ("organization", 1),
    ("form_entry", 1),
    ("form_entry_values", 0),
    ("help_topic", 4),
    ("help_topic_form", 4),
    ("email", 3),
    ("email_template_group", 1),
    ("email_template", 19),
    ("content", 13),
    ("filter", 1),
    ("filter_rule", 1),
    ("filter_action", 1),
    ("queue_sort", 7),
    ("queue_column", 14),
    ("queue", 14),
    ("queue_columns", 77),
    ("queue_sorts", 73),
    ("canned_response", 2),
    ("file", 1),
    ("file_chunk", 1),
    ("attachment", 1),
    ("staff", 0),
    ("staff_dept_access", 0),
];

/// Rows that osTicket's code or other rows refer to by these exact values.
const LANDMARKS: &[(&str, &[(&str, Landmark)])] = &[
    (
        "config",
        &[
            ("namespace", Landmark::Text("core")),
            ("key", Landmark::Text("schema_signature")),
            ("value", Landmark::Text("5fb92bef17f3b603659e024c01cc7a59")),
        ],
    ),
    (
        "config",
        &[
            ("key", Landmark::Text("default_timezone")),
            ("value", Landmark::Text("UTC")),
        ],
    ),
    (
        "config",
        &[
            ("namespace", Landmark::Text("schedule.1")),
            ("value", Landmark::Text(r#"{"holidays":[4]}"#)),
        ],
    ),
    (
        "form_field",
        &[
            ("id", Landmark::Int(20)),
            ("form_id", Landmark::Int(2)),
            ("name", Landmark::Text("subject")),
        ],
    ),
    (
        "form_field",
        &[
            ("id", Landmark::Int(21)),
            ("form_id", Landmark::Int(2)),
            ("name", Landmark::Text("message")),
        ],
    ),
    (
        "form_field",
        &[
            ("id", Landmark::Int(22)),
            ("form_id", Landmark::Int(2)),
            ("name", Landmark::Text("priority")),
        ],
    ),
    (
        "ticket_status",
        &[
            ("id", Landmark::Int(1)),
            ("name", Landmark::Text("Open")),
            ("state", Landmark::Text("open")),
        ],
    ),
    (
        "ticket_priority",
        &[
            ("priority_id", Landmark::Int(2)),
            ("priority", Landmark::Text("normal")),
        ],
    ),
    (
        "event",
        &[
            ("id", Landmark::Int(1)),
            ("name", Landmark::Text("created")),
        ],
    ),
    (
        "filter",
        &[
            ("id", Landmark::Int(1)),
            ("name", Landmark::Text("SYSTEM BAN LIST")),
            ("execorder", Landmark::Int(99)),
        ],
    ),
    (
        "filter_rule",
        &[
            ("filter_id", Landmark::Int(1)),
            ("what", Landmark::Text("email")),
            ("val", Landmark::Text("test@example.com")),
        ],
    ),
    (
        "filter_action",
        &[
            ("filter_id", Landmark::Int(1)),
            ("type", Landmark::Text("reject")),
        ],
    ),
    (
        "email_template",
        &[
            ("tpl_id", Landmark::Int(1)),
            ("code_name", Landmark::Text("ticket.autoresp")),
        ],
    ),
    // The last Monday of May.
    (
        "schedule_entry",
        &[
            ("id", Landmark::Int(10)),
            ("week", Landmark::Int(-1)),
            ("month", Landmark::Int(5)),
        ],
    ),
    (
        "role",
        &[
            ("id", Landmark::Int(4)),
            ("name", Landmark::Text("View only")),
            ("permissions", Landmark::Null),
        ],
    ),
    (
        "file_chunk",
        &[
            ("file_id", Landmark::Int(2)),
            ("chunk_id", Landmark::Int(0)),
        ],
    ),
];

#[derive(Clone, Copy)]
enum Landmark {
    Int(i64),
    Text(&'static str),
    Time(NaiveDateTime),
    Null,
}

db_test!(
    migrate_writes_the_rows_of_a_fresh_install,
    |db| async move {
        test_prefix();
        migrate(db.conn(), install_time()).await.expect("migrate");

        let mut wrong = Vec::new();
        for &(table, expected) in EXPECTED_ROWS {
            let found = count(db.conn(), table, &[]).await;
            if found != expected {
                wrong.push(format!("{table}: {found} rows, expected {expected}"));
            }
        }
        for &(table, row) in LANDMARKS {
            if count(db.conn(), table, row).await != 1 {
                wrong.push(format!("{table}: no row with {}", describe(row)));
            }
        }
        assert!(wrong.is_empty(), "{:?}: {}", db.backend(), wrong.join("; "));
    }
);

db_test!(
    rows_added_after_the_seed_get_the_next_free_ids,
    |db| async move {
        let prefix = test_prefix();
        migrate(db.conn(), install_time()).await.expect("migrate");
        let now = install_time().naive_utc();

        let mut department = Query::insert();
        department
            .into_table(Alias::new(prefix.table("department")))
            .columns(["name", "signature", "updated", "created"].map(Alias::new))
            .values_panic(["Billing".into(), "".into(), now.into(), now.into()]);
        db.conn()
            .execute(&department)
            .await
            .expect("a department without an id is added");
        let mut event = Query::insert();
        event
            .into_table(Alias::new(prefix.table("event")))
            .columns([Alias::new("name")])
            .values_panic(["escalated".into()]);
        db.conn()
            .execute(&event)
            .await
            .expect("an event without an id is added");

        assert_eq!(
            count(
                db.conn(),
                "department",
                &[
                    ("id", Landmark::Int(4)),
                    ("name", Landmark::Text("Billing"))
                ]
            )
            .await,
            1
        );
        assert_eq!(
            count(
                db.conn(),
                "event",
                &[
                    ("id", Landmark::Int(22)),
                    ("name", Landmark::Text("escalated"))
                ]
            )
            .await,
            1
        );
    }
);

db_test!(
    seeding_a_seeded_database_fails_and_changes_nothing,
    |db| async move {
        let prefix = test_prefix();
        migrate(db.conn(), install_time()).await.expect("migrate");
        let later = install_time() + chrono::Duration::days(1);

        // The config rows are upserted, so the failure comes later (duplicate event ids),
        // after `config.updated` was set to `later` inside the seed's transaction.
        let seeded_again = fresh_install(db.conn(), &prefix, later).await;

        assert!(seeded_again.is_err());
        let stamped_at_install = count(
            db.conn(),
            "config",
            &[("updated", Landmark::Time(install_time().naive_utc()))],
        )
        .await;
        assert_eq!(stamped_at_install, 98);
    }
);

async fn count(db: &DatabaseConnection, table: &str, row: &[(&str, Landmark)]) -> i64 {
    let mut select = Query::select();
    select
        .expr_as(Expr::cust("COUNT(*)"), Alias::new("n"))
        .from(Alias::new(test_prefix().table(table)));
    for &(column, value) in row {
        let column = Expr::col(Alias::new(column));
        select.and_where(match value {
            Landmark::Int(number) => column.eq(number),
            Landmark::Text(text) => column.eq(text),
            Landmark::Time(time) => column.eq(time),
            Landmark::Null => column.is_null(),
        });
    }
    let found = db
        .query_one(&select)
        .await
        .expect("count query")
        .expect("one row");
    found.try_get("", "n").expect("a count")
}

fn describe(row: &[(&str, Landmark)]) -> String {
    row.iter()
        .map(|(column, value)| match value {
            Landmark::Int(number) => format!("{column} = {number}"),
            Landmark::Text(text) => format!("{column} = {text:?}"),
            Landmark::Time(time) => format!("{column} = {time}"),
            Landmark::Null => format!("{column} IS NULL"),
        })
        .collect::<Vec<_>>()
        .join(", ")
}
