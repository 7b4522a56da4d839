//! The overdue monitor: which tickets it flags, the rows it writes (event,
//! alert, escalation), idempotence, batches, and two monitors at once.

use crate::helpers::{ctx_at, ctx_with_agent as ctx, now};
use chrono::{DateTime, Duration, Utc};
use oxt_identity::Subject as CallerSubject;
use oxt_service::tickets::{
    NewTicketRequest, OVERDUE_ALERT_TOPIC, OverdueReport, create, mark_overdue_tickets,
};
use oxt_service::{Caller, Ctx};
use oxt_testkit::{Backend, TestDb, db_test};
use oxt_ticket::contact::{EmailAddress, MessageBody, PersonName, Subject};
use oxt_ticket::ids::{PriorityId, StaffId, TicketId};
use oxt_ticket::thread::BodyFormat;
use std::num::NonZeroU32;

/// `SLA::FLAG_ACTIVE`, `FLAG_ESCALATE`, `FLAG_NOALERTS`.
const ACTIVE: u32 = 0x1;
const ESCALATE: u32 = 0x2;
const NO_ALERTS: u32 = 0x4;

fn batch(size: u32) -> NonZeroU32 {
    NonZeroU32::new(size).unwrap()
}

/// The instant the monitor runs at: two days after the tickets were opened.
fn later() -> DateTime<Utc> {
    now() + Duration::days(2)
}

pub(crate) fn table(name: &str) -> String {
    let quote = '"';
    format!("{quote}{}{name}{quote}", oxt_store::table_prefix())
}

/// Runs `sql`, written with `"` quoting, on `db` (MySQL gets backticks).
pub(crate) async fn exec(db: &TestDb, sql: &str) {
    db.text_rows(&dialect(db, sql)).await;
}

fn dialect(db: &TestDb, sql: &str) -> String {
    if db.backend() == Backend::MySql {
        sql.replace('"', "`")
    } else {
        sql.to_owned()
    }
}

/// The first column of every row `sql` answers, as text.
pub(crate) async fn column(db: &TestDb, sql: &str) -> Vec<Option<String>> {
    db.text_rows(&dialect(db, sql))
        .await
        .into_iter()
        .map(|row| row.into_values().next().flatten())
        .collect()
}

pub(crate) async fn count(db: &TestDb, from_where: &str) -> usize {
    let cast = if db.backend() == Backend::MySql {
        "CHAR"
    } else {
        "TEXT"
    };
    column(
        db,
        &format!("SELECT CAST(COUNT(*) AS {cast}) AS n FROM {from_where}"),
    )
    .await
    .remove(0)
    .unwrap()
    .parse()
    .unwrap()
}

fn sql_time(at: DateTime<Utc>) -> String {
    format!("'{}'", at.format("%Y-%m-%d %H:%M:%S"))
}

fn agent() -> Caller {
    Caller {
        subject: CallerSubject::Staff(StaffId::new(1)),
    }
}

pub(crate) async fn open_ticket(ctx: &Ctx, n: usize) -> TicketId {
    let request = NewTicketRequest {
        email: EmailAddress::parse(&format!("overdue{n}@example.com")).unwrap(),
        name: PersonName::parse("Waiting User").unwrap(),
        phone: None,
        subject: Subject::parse(&format!("Still waiting {n}")).unwrap(),
        message: MessageBody::parse("Any news?").unwrap(),
        format: BodyFormat::Text,
        topic: None,
        dept: None,
        priority: None,
        source: None,
        ip: "127.0.0.1".to_owned(),
        fields: Vec::new(),
    };
    create(ctx, &agent(), request)
        .await
        .expect("ticket opens")
        .id
}

/// Sets the ticket's due dates (`None` is SQL `NULL`).
pub(crate) async fn set_due(
    db: &TestDb,
    id: TicketId,
    duedate: Option<DateTime<Utc>>,
    est_duedate: Option<DateTime<Utc>>,
) {
    let value = |at: Option<DateTime<Utc>>| at.map_or_else(|| "NULL".to_owned(), sql_time);
    exec(
        db,
        &format!(
            "UPDATE {} SET \"duedate\" = {}, \"est_duedate\" = {} WHERE \"ticket_id\" = {}",
            table("ticket"),
            value(duedate),
            value(est_duedate),
            id.get()
        ),
    )
    .await;
}

async fn set_sla_flags(db: &TestDb, flags: u32) {
    exec(
        db,
        &format!(
            "UPDATE {} SET \"flags\" = {flags} WHERE \"id\" = 1",
            table("sla")
        ),
    )
    .await;
}

async fn isoverdue(db: &TestDb, id: TicketId) -> bool {
    let value = column(
        db,
        &format!(
            "SELECT CAST(\"isoverdue\" AS {}) FROM {} WHERE \"ticket_id\" = {}",
            if db.backend() == Backend::MySql {
                "CHAR"
            } else {
                "TEXT"
            },
            table("ticket"),
            id.get()
        ),
    )
    .await;
    value[0].as_deref() == Some("1")
}

/// `ost_thread_event` rows of `kind` (`ost_event.id`) on the ticket's thread.
async fn events(db: &TestDb, id: TicketId, kind: u32) -> usize {
    count(
        db,
        &format!(
            "{} e JOIN {} t ON t.\"id\" = e.\"thread_id\" \
             WHERE t.\"object_type\" = 'T' AND t.\"object_id\" = {} AND e.\"event_id\" = {kind}",
            table("thread_event"),
            table("thread"),
            id.get()
        ),
    )
    .await
}

const OVERDUE_EVENT: u32 = 8;
const EDITED_EVENT: u32 = 9;

async fn alerts(db: &TestDb) -> usize {
    count(
        db,
        &format!(
            "{} WHERE \"topic\" = '{OVERDUE_ALERT_TOPIC}'",
            table("oxt_outbox")
        ),
    )
    .await
}

db_test!(
    marks_exactly_the_open_tickets_past_their_due_date,
    |db| async move {
        let ctx = ctx(&db).await;
        set_sla_flags(&db, ACTIVE).await;
        let past = later() - Duration::hours(1);
        let future = later() + Duration::hours(1);
        let sla_past = open_ticket(&ctx, 1).await;
        set_due(&db, sla_past, None, Some(past)).await;
        let staff_past = open_ticket(&ctx, 2).await;
        set_due(&db, staff_past, Some(past), Some(future)).await;
        let staff_future = open_ticket(&ctx, 3).await;
        set_due(&db, staff_future, Some(future), Some(past)).await;
        let closed = open_ticket(&ctx, 4).await;
        set_due(&db, closed, None, Some(past)).await;
        exec(
            &db,
            &format!(
                "UPDATE {} SET \"status_id\" = 3 WHERE \"ticket_id\" = {}",
                table("ticket"),
                closed.get()
            ),
        )
        .await;
        let not_yet = open_ticket(&ctx, 5).await;
        set_due(&db, not_yet, None, Some(future)).await;
        let due_now = open_ticket(&ctx, 6).await;
        set_due(&db, due_now, None, Some(later())).await;
        let no_due_date = open_ticket(&ctx, 7).await;
        set_due(&db, no_due_date, None, None).await;

        let report = mark_overdue_tickets(&ctx_at(&db, later()), batch(500))
            .await
            .expect("the monitor runs");

        assert_eq!(
            (
                report.marked,
                report.alerts_queued,
                report.escalated,
                report.batches
            ),
            (2, 2, 0, 1)
        );
        for (ticket, marked) in [
            (sla_past, true),
            (staff_past, true),
            (staff_future, false),
            (closed, false),
            (not_yet, false),
            (due_now, false),
            (no_due_date, false),
        ] {
            assert_eq!(isoverdue(&db, ticket).await, marked, "ticket {ticket}");
            assert_eq!(
                events(&db, ticket, OVERDUE_EVENT).await,
                usize::from(marked),
                "ticket {ticket}"
            );
        }
        // As osTicket's cron writes it: by SYSTEM, no uid, no data, at the run's time.
        let event = db
            .text_rows(&dialect(
                &db,
                &format!(
                    "SELECT e.\"username\", CAST(e.\"uid\" AS {cast}) AS uid, e.\"data\", \
                 CAST(e.\"dept_id\" AS {cast}) AS dept, CAST(e.\"timestamp\" AS {cast}) AS at \
                 FROM {} e JOIN {} t ON t.\"id\" = e.\"thread_id\" \
                 WHERE t.\"object_id\" = {} AND e.\"event_id\" = {OVERDUE_EVENT}",
                    table("thread_event"),
                    table("thread"),
                    sla_past.get(),
                    cast = if db.backend() == Backend::MySql {
                        "CHAR"
                    } else {
                        "TEXT"
                    },
                ),
            ))
            .await
            .remove(0);
        assert_eq!(event["username"].as_deref(), Some("SYSTEM"));
        assert_eq!(event["uid"], None);
        assert_eq!(event["data"], None);
        assert_eq!(event["dept"].as_deref(), Some("1"));
        assert!(
            event["at"]
                .as_deref()
                .unwrap()
                .starts_with(&later().format("%Y-%m-%d %H:%M:%S").to_string())
        );
        let updated = column(
            &db,
            &format!(
                "SELECT CAST(\"updated\" AS {}) FROM {} WHERE \"ticket_id\" = {}",
                if db.backend() == Backend::MySql {
                    "CHAR"
                } else {
                    "TEXT"
                },
                table("ticket"),
                staff_past.get()
            ),
        )
        .await;
        assert!(
            updated[0]
                .as_deref()
                .unwrap()
                .starts_with(&later().format("%Y-%m-%d %H:%M:%S").to_string())
        );
        assert_eq!(alerts(&db).await, 2);
        let payloads = column(
            &db,
            &format!(
                "SELECT CAST(\"payload\" AS {}) FROM {} ORDER BY \"id\"",
                if db.backend() == Backend::MySql {
                    "CHAR"
                } else {
                    "TEXT"
                },
                table("oxt_outbox")
            ),
        )
        .await;
        let first: serde_json::Value =
            serde_json::from_str(payloads[0].as_deref().unwrap()).unwrap();
        assert_eq!(first["ticket_id"], sla_past.get());
        assert_eq!(first["sla_id"], 1);
        assert_eq!(first["escalated_priority"], serde_json::Value::Null);
    }
);

db_test!(
    no_alert_is_queued_when_the_sla_disables_them,
    |db| async move {
        let ctx = ctx(&db).await;
        set_sla_flags(&db, ACTIVE | NO_ALERTS).await;
        let ticket = open_ticket(&ctx, 1).await;
        set_due(&db, ticket, None, Some(later() - Duration::hours(1))).await;

        let report = mark_overdue_tickets(&ctx_at(&db, later()), batch(500))
            .await
            .unwrap();

        assert_eq!((report.marked, report.alerts_queued), (1, 0));
        assert!(isoverdue(&db, ticket).await);
        assert_eq!(events(&db, ticket, OVERDUE_EVENT).await, 1);
        assert_eq!(alerts(&db).await, 0);
    }
);

db_test!(
    no_alert_is_queued_when_the_help_desk_disables_them,
    |db| async move {
        let ctx = ctx(&db).await;
        set_sla_flags(&db, ACTIVE).await;
        exec(
        &db,
        &format!(
            "UPDATE {} SET \"value\" = '0' WHERE \"namespace\" = 'core' AND \"key\" = 'overdue_alert_active'",
            table("config")
        ),
    )
    .await;
        let ticket = open_ticket(&ctx, 1).await;
        set_due(&db, ticket, None, Some(later() - Duration::hours(1))).await;

        let report = mark_overdue_tickets(&ctx_at(&db, later()), batch(500))
            .await
            .unwrap();

        assert_eq!((report.marked, report.alerts_queued), (1, 0));
        assert_eq!(alerts(&db).await, 0);
    }
);

async fn priority_of(
    db: &TestDb,
    id: TicketId,
) -> (Option<String>, Option<String>, Option<String>) {
    let cast = if db.backend() == Backend::MySql {
        "CHAR"
    } else {
        "TEXT"
    };
    let cdata = column(
        db,
        &format!(
            "SELECT \"priority\" FROM {} WHERE \"ticket_id\" = {}",
            table("ticket__cdata"),
            id.get()
        ),
    )
    .await
    .remove(0);
    let answer = db
        .text_rows(&dialect(
            db,
            &format!(
                "SELECT v.\"value\", CAST(v.\"value_id\" AS {cast}) AS value_id FROM {} v \
                 JOIN {} e ON e.\"id\" = v.\"entry_id\" JOIN {} f ON f.\"id\" = v.\"field_id\" \
                 WHERE e.\"object_type\" = 'T' AND e.\"object_id\" = {} AND f.\"name\" = 'priority'",
                table("form_entry_values"),
                table("form_entry"),
                table("form_field"),
                id.get()
            ),
        ))
        .await;
    assert_eq!(answer.len(), 1, "one priority answer: {answer:?}");
    (
        cdata,
        answer[0]["value"].clone(),
        answer[0]["value_id"].clone(),
    )
}

db_test!(
    an_escalating_sla_raises_the_priority_one_level,
    |db| async move {
        let ctx = ctx(&db).await;
        set_sla_flags(&db, ACTIVE | ESCALATE).await;
        let normal = open_ticket(&ctx, 1).await;
        set_due(&db, normal, None, Some(later() - Duration::hours(1))).await;
        let emergency = open_ticket(&ctx, 2).await;
        set_due(&db, emergency, None, Some(later() - Duration::hours(1))).await;
        let update = oxt_service::tickets::TicketChanges {
            priority: Some(PriorityId::new(4)),
            ..Default::default()
        };
        oxt_service::tickets::update(&ctx, &agent(), emergency, update)
            .await
            .unwrap();
        let edits_before = events(&db, emergency, EDITED_EVENT).await;

        let report = mark_overdue_tickets(&ctx_at(&db, later()), batch(500))
            .await
            .unwrap();

        assert_eq!(
            (report.marked, report.escalated, report.alerts_queued),
            (2, 1, 2)
        );
        // Normal (urgency 3) becomes High (urgency 2), where a staff edit stores it.
        assert_eq!(
            priority_of(&db, normal).await,
            (
                Some("3".to_owned()),
                Some("High".to_owned()),
                Some("3".to_owned())
            )
        );
        assert_eq!(events(&db, normal, EDITED_EVENT).await, 1);
        let data = column(
            &db,
            &format!(
                "SELECT e.\"data\" FROM {} e JOIN {} t ON t.\"id\" = e.\"thread_id\" \
             WHERE t.\"object_id\" = {} AND e.\"event_id\" = {EDITED_EVENT}",
                table("thread_event"),
                table("thread"),
                normal.get()
            ),
        )
        .await;
        let data: serde_json::Value = serde_json::from_str(data[0].as_deref().unwrap()).unwrap();
        let change = data["fields"].as_object().unwrap().values().next().unwrap();
        assert_eq!(change, &serde_json::json!([["Normal", 2], ["High", 3]]));
        // Emergency is the most urgent already.
        assert_eq!(
            priority_of(&db, emergency).await,
            (
                Some("4".to_owned()),
                Some("Emergency".to_owned()),
                Some("4".to_owned())
            )
        );
        assert_eq!(events(&db, emergency, EDITED_EVENT).await, edits_before);
        assert!(isoverdue(&db, emergency).await);
    }
);

db_test!(a_second_run_changes_nothing, |db| async move {
    let ctx = ctx(&db).await;
    let first = open_ticket(&ctx, 1).await;
    set_due(&db, first, None, Some(later() - Duration::hours(1))).await;
    let second = open_ticket(&ctx, 2).await;
    set_due(&db, second, Some(later() - Duration::hours(3)), None).await;
    let monitor = ctx_at(&db, later());

    let report = mark_overdue_tickets(&monitor, batch(500)).await.unwrap();
    assert_eq!(report.marked, 2);
    let event_rows = count(&db, &table("thread_event")).await;
    let outbox_rows = count(&db, &table("oxt_outbox")).await;
    let priorities = (
        priority_of(&db, first).await,
        priority_of(&db, second).await,
    );

    let again = mark_overdue_tickets(&monitor, batch(500)).await.unwrap();

    assert_eq!(
        (
            again.marked,
            again.alerts_queued,
            again.escalated,
            again.batches
        ),
        (0, 0, 0, 0)
    );
    assert_eq!(count(&db, &table("thread_event")).await, event_rows);
    assert_eq!(count(&db, &table("oxt_outbox")).await, outbox_rows);
    assert_eq!(
        (
            priority_of(&db, first).await,
            priority_of(&db, second).await
        ),
        priorities
    );
});

db_test!(pages_cover_more_than_one_batch, |db| async move {
    let ctx = ctx(&db).await;
    set_sla_flags(&db, ACTIVE).await;
    let mut due = Vec::new();
    for n in 0..8 {
        let ticket = open_ticket(&ctx, n).await;
        // Every third ticket is not due yet, so pages hold both kinds.
        if n % 3 == 2 {
            set_due(&db, ticket, None, Some(later() + Duration::hours(1))).await;
        } else {
            set_due(&db, ticket, None, Some(later() - Duration::hours(1))).await;
            due.push(ticket);
        }
    }

    let report = mark_overdue_tickets(&ctx_at(&db, later()), batch(2))
        .await
        .unwrap();

    assert_eq!(due.len(), 6);
    assert_eq!(report.marked, 6);
    assert_eq!(report.alerts_queued, 6);
    // Six candidates in pages of two, and the empty page that ends the walk.
    assert_eq!(report.batches, 3);
    // Per run: statuses, SLAs, alert setting; per page: candidates, lock,
    // update, threads, events, outbox; and the final empty page.
    assert_eq!(report.queries, 3 + 3 * 6 + 1);
    for ticket in due {
        assert!(isoverdue(&db, ticket).await);
        assert_eq!(events(&db, ticket, OVERDUE_EVENT).await, 1);
    }
    assert_eq!(
        count(&db, &format!("{} WHERE \"isoverdue\" = 1", table("ticket"))).await,
        6
    );
});

db_test!(
    two_monitors_at_once_mark_each_ticket_once,
    |db| async move {
        let ctx = ctx(&db).await;
        set_sla_flags(&db, ACTIVE).await;
        let mut tickets = Vec::new();
        for n in 0..40 {
            let ticket = open_ticket(&ctx, n).await;
            set_due(&db, ticket, None, Some(later() - Duration::hours(1))).await;
            tickets.push(ticket);
        }
        let first = ctx_at(&db, later());
        let second = ctx_at(&db, later());

        let (a, b) = tokio::join!(
            mark_overdue_tickets(&first, batch(3)),
            mark_overdue_tickets(&second, batch(3))
        );
        let (a, b): (OverdueReport, OverdueReport) = (a.unwrap(), b.unwrap());

        assert_eq!(a.marked + b.marked, 40, "{a:?} {b:?}");
        assert_eq!(a.alerts_queued + b.alerts_queued, 40);
        for ticket in tickets {
            assert!(isoverdue(&db, ticket).await);
            assert_eq!(
                events(&db, ticket, OVERDUE_EVENT).await,
                1,
                "ticket {ticket}"
            );
        }
        assert_eq!(alerts(&db).await, 40);
    }
);
