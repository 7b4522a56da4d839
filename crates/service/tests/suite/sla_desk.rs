//! A migrated desk with its administrator and agents, and row counts, for
//! the SLA, schedule and ticket-SLA suites.

use crate::helpers::{count, ctx, table};
use oxt_identity::Subject;
use oxt_service::bootstrap::seed_demo_desk;
use oxt_service::{Caller, Ctx};
use oxt_testkit::{Backend, TestDb};
use oxt_ticket::ids::UserId;

pub struct Desk {
    pub ctx: Ctx,
    pub admin: Caller,
    /// Alice: an agent, not an administrator.
    pub agent: Caller,
    pub user: Caller,
}

pub async fn desk(db: &TestDb) -> Desk {
    let ctx = ctx(db).await;
    let seeded = seed_demo_desk(&ctx, Some("a test password"))
        .await
        .expect("the demo desk is seeded");
    Desk {
        admin: Caller {
            subject: Subject::Staff(seeded.admin),
        },
        agent: Caller {
            subject: Subject::Staff(seeded.agents[0]),
        },
        user: Caller {
            subject: Subject::User(UserId::new(1)),
        },
        ctx,
    }
}

fn quote(db: &TestDb) -> char {
    if db.backend() == Backend::MySql {
        '`'
    } else {
        '"'
    }
}

/// Runs a statement that returns no rows (test set-up only).
pub async fn exec(db: &TestDb, sql: &str) {
    db.text_rows(sql).await;
}

/// `SELECT <column> FROM <table> WHERE <filter>`, each value as text.
pub async fn column(db: &TestDb, name: &str, column: &str, filter: &str) -> Vec<Option<String>> {
    let cast = if db.backend() == Backend::MySql {
        "CHAR"
    } else {
        "TEXT"
    };
    let q = quote(db);
    db.text_rows(&format!(
        "SELECT CAST({q}{column}{q} AS {cast}) AS v FROM {q}{}{q} WHERE {filter} ORDER BY 1",
        table(name)
    ))
    .await
    .into_iter()
    .map(|row| row["v"].clone())
    .collect()
}

/// Row counts of the tables SLA and schedule writes touch.
pub async fn configuration_counts(db: &TestDb) -> [usize; 4] {
    [
        count(db, "sla").await,
        count(db, "schedule").await,
        count(db, "schedule_entry").await,
        count(db, "config").await,
    ]
}

/// The `key` column quoted for the backend.
pub fn key_column(db: &TestDb) -> &'static str {
    if db.backend() == Backend::MySql {
        "`key`"
    } else {
        "\"key\""
    }
}
