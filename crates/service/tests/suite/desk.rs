//! The demo desk as the administration tests' cast: an administrator, two
//! agents, and end users; and raw row reads for what the API does not show.

use crate::helpers::table;
use oxt_identity::Subject;
use oxt_service::bootstrap::{DemoDesk, seed_demo_desk};
use oxt_service::{Caller, Ctx};

use oxt_testkit::{Backend, TestDb};
use oxt_ticket::ids::{StaffId, UserId};

pub const DESK_PASSWORD: &str = "demo desk password";

/// Seeds `admin`, `alice` (Support, Expanded Access) and `bob` (Sales,
/// Limited Access).
pub async fn seed(ctx: &Ctx) -> DemoDesk {
    seed_demo_desk(ctx, Some(DESK_PASSWORD))
        .await
        .expect("the demo desk seeds")
}

pub fn staff(id: StaffId) -> Caller {
    Caller {
        subject: Subject::Staff(id),
    }
}

pub fn end_user(id: u32) -> Caller {
    Caller {
        subject: Subject::User(UserId::new(id)),
    }
}

/// One text column of the rows of `name` matching `filter`, in `order`.
pub async fn column(
    db: &TestDb,
    name: &str,
    column: &str,
    filter: &str,
    order: &str,
) -> Vec<Option<String>> {
    let (cast, quote) = match db.backend() {
        Backend::MySql => ("CHAR", '`'),
        _ => ("TEXT", '"'),
    };
    db.text_rows(&format!(
        "SELECT CAST({quote}{column}{quote} AS {cast}) AS v FROM {quote}{}{quote} WHERE {filter} ORDER BY {order}",
        table(name)
    ))
    .await
    .into_iter()
    .map(|mut row| row.remove("v").flatten())
    .collect()
}

pub async fn count(db: &TestDb, name: &str, filter: &str) -> usize {
    let (cast, quote) = match db.backend() {
        Backend::MySql => ("CHAR", '`'),
        _ => ("TEXT", '"'),
    };
    let found = db
        .text_rows(&format!(
            "SELECT CAST(COUNT(*) AS {cast}) AS n FROM {quote}{}{quote} WHERE {filter}",
            table(name)
        ))
        .await;
    found[0]["n"].as_deref().unwrap().parse().unwrap()
}

/// Runs a statement that returns no rows (test set-up only).
pub async fn exec(db: &TestDb, sql: &str) {
    db.text_rows(&sql.replace("{p}", oxt_store::table_prefix().as_str()))
        .await;
}
