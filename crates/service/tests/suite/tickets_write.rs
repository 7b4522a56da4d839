//! Writing tickets: creation with every osTicket row, routing defaults,
//! numbering, due dates and rollback; thread posts; edits.

use crate::helpers::{add_user, count, ctx_with_agent, table};
use oxt_identity::Subject as CallerSubject;
use oxt_service::access::TicketAccessError;
use oxt_service::tickets::{
    CreateTicketError, NewThreadPost, NewTicketRequest, TicketChanges, create, post_entry, update,
};
use oxt_service::{Caller, Ctx};
use oxt_testkit::{Backend, TestDb, db_test};
use oxt_ticket::contact::{EmailAddress, MessageBody, PersonName, Subject};
use oxt_ticket::ids::{DeptId, PriorityId, StaffId, TicketId, TopicId, UserId};
use oxt_ticket::source::TicketSource;
use oxt_ticket::thread::{BodyFormat, EntryType};
use std::collections::BTreeMap;

type Row = BTreeMap<String, Option<String>>;

fn agent() -> Caller {
    Caller {
        subject: CallerSubject::Staff(StaffId::new(1)),
    }
}

/// osTicket's recorded API request (ticket-rows-example.sql), without its attachment.
fn example() -> NewTicketRequest {
    NewTicketRequest {
        email: EmailAddress::parse("api@example.com").unwrap(),
        name: PersonName::parse("Angry User").unwrap(),
        phone: Some("3185558634X123".to_owned()),
        subject: Subject::parse("Testing API").unwrap(),
        message: MessageBody::parse("MESSAGE <b>HERE</b>").unwrap(),
        format: BodyFormat::Html,
        topic: None,
        dept: None,
        priority: None,
        source: Some(TicketSource::Api),
        ip: "123.211.233.122".to_owned(),
        fields: Vec::new(),
    }
}

/// `columns` of `table`'s rows matching `filter`, each as text.
async fn rows(db: &TestDb, name: &str, columns: &[&str], filter: &str) -> Vec<Row> {
    let (cast, quote) = match db.backend() {
        Backend::MySql => ("CHAR", '`'),
        _ => ("TEXT", '"'),
    };
    let list: Vec<String> = columns
        .iter()
        .map(|c| format!("CAST({quote}{c}{quote} AS {cast}) AS {quote}{c}{quote}"))
        .collect();
    db.text_rows(&format!(
        "SELECT {} FROM {quote}{}{quote} WHERE {filter}",
        list.join(", "),
        table(name)
    ))
    .await
}

async fn one(db: &TestDb, name: &str, columns: &[&str], filter: &str) -> Row {
    let mut found = rows(db, name, columns, filter).await;
    assert_eq!(found.len(), 1, "{name} WHERE {filter}: {found:?}");
    found.remove(0)
}

fn v(row: &Row, column: &str) -> Option<String> {
    row[column].clone()
}

fn s(value: &str) -> Option<String> {
    Some(value.to_owned())
}

/// Runs a statement that returns no rows (test set-up only).
async fn exec(db: &TestDb, sql: &str) {
    db.text_rows(sql).await;
}

async fn set_config(db: &TestDb, key: &str, value: &str) {
    exec(
        db,
        &format!(
            "UPDATE {} SET value = '{value}' WHERE namespace = 'core' AND {} = '{key}'",
            table("config"),
            if db.backend() == Backend::MySql {
                "`key`"
            } else {
                "\"key\""
            }
        ),
    )
    .await;
}

const WRITTEN_TABLES: [&str; 10] = [
    "ticket",
    "ticket__cdata",
    "thread",
    "thread_entry",
    "thread_event",
    "form_entry",
    "form_entry_values",
    "_search",
    "user",
    "sequence",
];

async fn counts(db: &TestDb) -> Vec<usize> {
    let mut all = Vec::new();
    for name in WRITTEN_TABLES {
        all.push(count(db, name).await);
    }
    all
}

async fn created(ctx: &Ctx, request: NewTicketRequest) -> TicketId {
    create(ctx, &agent(), request)
        .await
        .expect("the ticket is created")
        .id
}

db_test!(
    creating_a_ticket_writes_the_rows_osticket_writes,
    |db| async move {
        let ctx = ctx_with_agent(&db).await;
        let id = created(&ctx, example()).await;
        let t = format!("ticket_id = {}", id.get());

        let ticket = one(
            &db,
            "ticket",
            &[
                "number",
                "user_id",
                "user_email_id",
                "status_id",
                "dept_id",
                "sla_id",
                "topic_id",
                "staff_id",
                "team_id",
                "ip_address",
                "source",
                "isoverdue",
                "isanswered",
                "duedate",
                "est_duedate",
                "closed",
                "reopened",
                "lastupdate",
                "created",
            ],
            &t,
        )
        .await;
        let number = v(&ticket, "number").unwrap();
        assert!(
            number.len() == 6
                && !number.starts_with('0')
                && number.bytes().all(|b| b.is_ascii_digit())
        );
        for (column, expected) in [
            ("user_email_id", "0"),
            ("status_id", "1"),
            ("dept_id", "1"),
            ("sla_id", "1"),
            ("topic_id", "0"),
            ("staff_id", "0"),
            ("team_id", "0"),
            ("ip_address", "123.211.233.122"),
            ("source", "API"),
            ("isoverdue", "0"),
            ("isanswered", "0"),
        ] {
            assert_eq!(v(&ticket, column), s(expected), "ost_ticket.{column}");
        }
        assert_eq!(
            (
                v(&ticket, "duedate"),
                v(&ticket, "closed"),
                v(&ticket, "reopened")
            ),
            (None, None, None)
        );
        // FACTS.md (h): Saturday 23:32:49 + 18 business hours of Mon–Fri 08–17.
        assert!(
            v(&ticket, "est_duedate")
                .unwrap()
                .starts_with("2026-11-24 17:00:00")
        );
        assert!(
            v(&ticket, "created")
                .unwrap()
                .starts_with("2026-11-21 23:32:49")
        );
        let user_id = v(&ticket, "user_id").unwrap();

        let cdata = one(&db, "ticket__cdata", &["subject", "priority"], &t).await;
        assert_eq!(
            (v(&cdata, "subject"), v(&cdata, "priority")),
            (s("Testing API"), s("2"))
        );

        let thread = one(
            &db,
            "thread",
            &["id", "extra", "lastmessage", "lastresponse"],
            &format!("object_type = 'T' AND object_id = {}", id.get()),
        )
        .await;
        assert!(
            v(&thread, "lastmessage")
                .unwrap()
                .starts_with("2026-11-21 23:32:49")
        );
        assert_eq!(
            (v(&thread, "extra"), v(&thread, "lastresponse")),
            (None, None)
        );
        let thread_id = v(&thread, "id").unwrap();

        let entry = one(
            &db,
            "thread_entry",
            &[
                "id",
                "type",
                "flags",
                "poster",
                "user_id",
                "staff_id",
                "source",
                "title",
                "body",
                "format",
                "ip_address",
                "recipients",
            ],
            &format!("thread_id = {thread_id}"),
        )
        .await;
        assert_eq!(v(&entry, "type"), s("M"));
        assert_eq!(v(&entry, "flags"), s("65"));
        assert_eq!(v(&entry, "poster"), s("Angry User"));
        assert_eq!(v(&entry, "user_id"), Some(user_id.clone()));
        assert_eq!(v(&entry, "staff_id"), s("0"));
        assert_eq!(v(&entry, "source"), s("API"));
        assert_eq!(v(&entry, "title"), s("Testing API"));
        assert_eq!(v(&entry, "body"), s("MESSAGE <b>HERE</b>"));
        assert_eq!(v(&entry, "format"), s("html"));
        assert_eq!(v(&entry, "recipients"), None);

        let event = one(
            &db,
            "thread_event",
            &[
                "thread_type",
                "event_id",
                "staff_id",
                "team_id",
                "dept_id",
                "topic_id",
                "data",
                "username",
                "uid",
                "uid_type",
                "annulled",
            ],
            &format!("thread_id = {thread_id}"),
        )
        .await;
        for (column, expected) in [
            ("thread_type", s("T")),
            ("event_id", s("1")),
            ("staff_id", s("0")),
            ("team_id", s("0")),
            ("dept_id", s("1")),
            ("topic_id", s("0")),
            ("data", None),
            ("username", s("SYSTEM")),
            ("uid", Some(user_id.clone())),
            ("uid_type", s("U")),
            ("annulled", s("0")),
        ] {
            assert_eq!(v(&event, column), expected, "ost_thread_event.{column}");
        }

        let form_entry = one(
            &db,
            "form_entry",
            &["id", "form_id", "sort", "extra"],
            &format!("object_type = 'T' AND object_id = {}", id.get()),
        )
        .await;
        assert_eq!(
            (
                v(&form_entry, "form_id"),
                v(&form_entry, "sort"),
                v(&form_entry, "extra")
            ),
            (s("2"), s("1"), None)
        );
        let values = rows(
            &db,
            "form_entry_values",
            &["field_id", "value", "value_id"],
            &format!(
                "entry_id = {} ORDER BY field_id",
                v(&form_entry, "id").unwrap()
            ),
        )
        .await;
        let values: Vec<_> = values
            .iter()
            .map(|row| (v(row, "field_id"), v(row, "value"), v(row, "value_id")))
            .collect();
        assert_eq!(
            values,
            [
                (s("20"), s("Testing API"), None),
                (s("22"), s("Normal"), s("2"))
            ]
        );

        let entry_search = one(
            &db,
            "_search",
            &["title", "content"],
            &format!(
                "object_type = 'H' AND object_id = {}",
                v(&entry, "id").unwrap()
            ),
        )
        .await;
        assert_eq!(
            (v(&entry_search, "title"), v(&entry_search, "content")),
            (s("Testing API"), s("MESSAGE HERE"))
        );
        let ticket_search = one(
            &db,
            "_search",
            &["title", "content"],
            &format!("object_type = 'T' AND object_id = {}", id.get()),
        )
        .await;
        assert_eq!(
            v(&ticket_search, "title"),
            Some(format!("{number} Testing API"))
        );
        assert_eq!(v(&ticket_search, "content"), s("Testing API"));
    }
);

db_test!(
    a_help_topic_routes_the_ticket_with_its_defaults,
    |db| async move {
        let ctx = ctx_with_agent(&db).await;
        // Topic 10 routes to department 3; its child 11 is high priority with SLA 1.
        exec(
            &db,
            &format!(
                "UPDATE {} SET staff_id = 4, status_id = 0 WHERE topic_id = 11",
                table("help_topic")
            ),
        )
        .await;
        exec(
            &db,
            &format!(
                "UPDATE {} SET dept_id = 3 WHERE topic_id = 11",
                table("help_topic")
            ),
        )
        .await;
        let id = created(
            &ctx,
            NewTicketRequest {
                topic: Some(TopicId::new(11)),
                ..example()
            },
        )
        .await;
        let ticket = one(
            &db,
            "ticket",
            &["dept_id", "topic_id", "sla_id", "staff_id", "status_id"],
            &format!("ticket_id = {}", id.get()),
        )
        .await;
        assert_eq!(
            (
                v(&ticket, "dept_id"),
                v(&ticket, "topic_id"),
                v(&ticket, "sla_id"),
                v(&ticket, "staff_id"),
                v(&ticket, "status_id")
            ),
            (s("3"), s("11"), s("1"), s("4"), s("1"))
        );
        let cdata = one(
            &db,
            "ticket__cdata",
            &["priority"],
            &format!("ticket_id = {}", id.get()),
        )
        .await;
        assert_eq!(v(&cdata, "priority"), s("3"));
        let assigned = one(
            &db,
            "thread_event",
            &["staff_id", "data", "username"],
            "event_id = 4",
        )
        .await;
        assert_eq!(
            (
                v(&assigned, "staff_id"),
                v(&assigned, "data"),
                v(&assigned, "username")
            ),
            (s("4"), s(r#"{"staff":4}"#), s("Ticket Filter"))
        );
    }
);

db_test!(
    a_given_department_and_priority_override_the_topic,
    |db| async move {
        let ctx = ctx_with_agent(&db).await;
        let request = NewTicketRequest {
            topic: Some(TopicId::new(10)),
            dept: Some(DeptId::new(2)),
            priority: Some(PriorityId::new(4)),
            ..example()
        };
        let id = created(&ctx, request).await;
        let ticket = one(
            &db,
            "ticket",
            &["dept_id"],
            &format!("ticket_id = {}", id.get()),
        )
        .await;
        assert_eq!(v(&ticket, "dept_id"), s("2"));
        let cdata = one(
            &db,
            "ticket__cdata",
            &["priority"],
            &format!("ticket_id = {}", id.get()),
        )
        .await;
        assert_eq!(v(&cdata, "priority"), s("4"));
    }
);

db_test!(
    a_configured_sequence_numbers_tickets_in_order,
    |db| async move {
        let ctx = ctx_with_agent(&db).await;
        set_config(&db, "ticket_sequence_id", "1").await;
        set_config(&db, "ticket_number_format", "TKT-####").await;
        let first = created(&ctx, example()).await;
        let second = created(&ctx, example()).await;
        let numbers = rows(
            &db,
            "ticket",
            &["number"],
            &format!(
                "ticket_id IN ({}, {}) ORDER BY ticket_id",
                first.get(),
                second.get()
            ),
        )
        .await;
        assert_eq!(
            numbers
                .iter()
                .map(|row| v(row, "number"))
                .collect::<Vec<_>>(),
            [s("TKT-0001"), s("TKT-0002")]
        );
        let sequence = one(&db, "sequence", &["next"], "id = 1").await;
        assert_eq!(v(&sequence, "next"), s("3"));
    }
);

db_test!(
    random_numbers_follow_the_configured_format,
    |db| async move {
        let ctx = ctx_with_agent(&db).await;
        set_config(&db, "ticket_number_format", "R-########").await;
        let id = created(&ctx, example()).await;
        let number = v(
            &one(
                &db,
                "ticket",
                &["number"],
                &format!("ticket_id = {}", id.get()),
            )
            .await,
            "number",
        )
        .unwrap();
        let digits = number.strip_prefix("R-").expect("the literal prefix");
        assert!(
            digits.len() == 8
                && !digits.starts_with('0')
                && digits.bytes().all(|b| b.is_ascii_digit()),
            "{number}"
        );
    }
);

db_test!(a_failure_late_in_creation_writes_nothing, |db| async move {
    let ctx = ctx_with_agent(&db).await;
    // The sequence fails after the user row would have been written.
    set_config(&db, "ticket_sequence_id", "1").await;
    exec(
        &db,
        &format!(
            "UPDATE {} SET increment = 0 WHERE id = 1",
            table("sequence")
        ),
    )
    .await;
    let before = counts(&db).await;
    let error = create(&ctx, &agent(), example()).await.unwrap_err();
    assert!(
        matches!(error, CreateTicketError::Numbering(_)),
        "{error:?}"
    );
    assert_eq!(counts(&db).await, before);
});

db_test!(
    unknown_references_are_refused_before_anything_is_written,
    |db| async move {
        let ctx = ctx_with_agent(&db).await;
        let before = counts(&db).await;
        let cases = [
            NewTicketRequest {
                dept: Some(DeptId::new(99)),
                ..example()
            },
            NewTicketRequest {
                topic: Some(TopicId::new(99)),
                ..example()
            },
            NewTicketRequest {
                priority: Some(PriorityId::new(99)),
                ..example()
            },
            NewTicketRequest {
                fields: vec![("nope".to_owned(), "x".to_owned())],
                ..example()
            },
        ];
        let mut errors = Vec::new();
        for request in cases {
            errors.push(
                create(&ctx, &agent(), request)
                    .await
                    .unwrap_err()
                    .to_string(),
            );
        }
        assert_eq!(errors.len(), 4);
        assert_eq!(counts(&db).await, before);
    }
);

db_test!(
    custom_fields_are_stored_in_the_form_entry_and_cdata,
    |db| async move {
        let ctx = ctx_with_agent(&db).await;
        exec(&db, &format!(
        "INSERT INTO {} (form_id, flags, type, label, name, sort, created, updated) VALUES (2, 1, 'text', 'Serial', 'serial', 9, '2026-11-21 00:00:00', '2026-11-21 00:00:00')",
        table("form_field")
    )).await;
        exec(
            &db,
            &format!(
                "ALTER TABLE {} ADD COLUMN serial TEXT",
                table("ticket__cdata")
            ),
        )
        .await;
        let id = created(
            &ctx,
            NewTicketRequest {
                fields: vec![("serial".to_owned(), "SN-42".to_owned())],
                ..example()
            },
        )
        .await;
        let cdata = one(
            &db,
            "ticket__cdata",
            &["serial"],
            &format!("ticket_id = {}", id.get()),
        )
        .await;
        assert_eq!(v(&cdata, "serial"), s("SN-42"));
        let search = one(
            &db,
            "_search",
            &["content"],
            &format!("object_type = 'T' AND object_id = {}", id.get()),
        )
        .await;
        assert_eq!(v(&search, "content"), s("Testing API\nSN-42"));
    }
);

db_test!(
    an_agent_response_answers_and_claims_the_ticket,
    |db| async move {
        let ctx = ctx_with_agent(&db).await;
        let id = created(&ctx, example()).await;
        let post = NewThreadPost {
            kind: EntryType::Response,
            body: MessageBody::parse("<p>On it</p>").unwrap(),
            format: BodyFormat::Html,
            ip: "10.0.0.1".to_owned(),
        };
        let entry = post_entry(&ctx, &agent(), id, post).await.unwrap();
        assert_eq!(entry.kind, EntryType::Response);
        let ticket = one(
            &db,
            "ticket",
            &["isanswered", "staff_id"],
            &format!("ticket_id = {}", id.get()),
        )
        .await;
        assert_eq!(
            (v(&ticket, "isanswered"), v(&ticket, "staff_id")),
            (s("1"), s("1"))
        );
        let thread = one(
            &db,
            "thread",
            &["lastresponse"],
            &format!("object_type = 'T' AND object_id = {}", id.get()),
        )
        .await;
        assert!(v(&thread, "lastresponse").is_some());
        let row = one(
            &db,
            "thread_entry",
            &["type", "flags", "staff_id", "body"],
            &format!("id = {}", entry.id.get()),
        )
        .await;
        assert_eq!(
            (
                v(&row, "type"),
                v(&row, "flags"),
                v(&row, "staff_id"),
                v(&row, "body")
            ),
            (s("R"), s("64"), s("1"), s("<p>On it</p>"))
        );
        let search = one(
            &db,
            "_search",
            &["content"],
            &format!("object_type = 'H' AND object_id = {}", entry.id.get()),
        )
        .await;
        assert_eq!(v(&search, "content"), s("On it"));
    }
);

db_test!(
    the_owners_message_reopens_a_closed_ticket,
    |db| async move {
        let ctx = ctx_with_agent(&db).await;
        let id = created(&ctx, example()).await;
        let owner = v(
            &one(
                &db,
                "ticket",
                &["user_id"],
                &format!("ticket_id = {}", id.get()),
            )
            .await,
            "user_id",
        )
        .unwrap();
        exec(
            &db,
            &format!(
                "UPDATE {} SET status_id = 3, closed = '2026-11-21 23:40:00' WHERE ticket_id = {}",
                table("ticket"),
                id.get()
            ),
        )
        .await;
        let caller = Caller {
            subject: CallerSubject::User(UserId::new(owner.parse().unwrap())),
        };
        let post = NewThreadPost {
            kind: EntryType::Message,
            body: MessageBody::parse("Still broken").unwrap(),
            format: BodyFormat::Text,
            ip: "10.0.0.2".to_owned(),
        };
        post_entry(&ctx, &caller, id, post).await.unwrap();
        let ticket = one(
            &db,
            "ticket",
            &["status_id", "closed", "reopened", "isanswered"],
            &format!("ticket_id = {}", id.get()),
        )
        .await;
        assert_eq!(
            (
                v(&ticket, "status_id"),
                v(&ticket, "closed"),
                v(&ticket, "isanswered")
            ),
            (s("1"), None, s("0"))
        );
        assert!(v(&ticket, "reopened").is_some());
        let reopened = one(&db, "thread_event", &["uid_type"], "event_id = 3").await;
        assert_eq!(v(&reopened, "uid_type"), s("U"));
    }
);

db_test!(messages_come_only_from_the_tickets_owner, |db| async move {
    let ctx = ctx_with_agent(&db).await;
    let id = created(&ctx, example()).await;
    let stranger = Caller {
        subject: CallerSubject::User(add_user(&ctx, "stranger@example.net").await),
    };
    let post = NewThreadPost {
        kind: EntryType::Message,
        body: MessageBody::parse("hello").unwrap(),
        format: BodyFormat::Text,
        ip: "10.0.0.3".to_owned(),
    };
    assert!(matches!(
        post_entry(&ctx, &stranger, id, post.clone()).await,
        Err(oxt_service::tickets::PostEntryError::Access(
            TicketAccessError::NotFound(_)
        ))
    ));
    assert!(matches!(
        post_entry(&ctx, &agent(), id, post).await,
        Err(oxt_service::tickets::PostEntryError::Rule(_))
    ));
    assert_eq!(count(&db, "thread_entry").await, 1, "nothing was posted");
});

db_test!(
    editing_updates_cdata_form_values_search_and_logs_the_edit,
    |db| async move {
        let ctx = ctx_with_agent(&db).await;
        let id = created(&ctx, example()).await;
        let changes = TicketChanges {
            subject: Some(Subject::parse("Printer on fire").unwrap()),
            priority: Some(PriorityId::new(3)),
            topic: Some(TopicId::new(2)),
            ..TicketChanges::default()
        };
        update(&ctx, &agent(), id, changes).await.unwrap();
        let t = format!("ticket_id = {}", id.get());
        let cdata = one(&db, "ticket__cdata", &["subject", "priority"], &t).await;
        assert_eq!(
            (v(&cdata, "subject"), v(&cdata, "priority")),
            (s("Printer on fire"), s("3"))
        );
        let ticket = one(&db, "ticket", &["topic_id", "number"], &t).await;
        assert_eq!(v(&ticket, "topic_id"), s("2"));
        let values = rows(&db, "form_entry_values", &["field_id", "value", "value_id"], &format!(
        "entry_id IN (SELECT id FROM {} WHERE object_type = 'T' AND object_id = {}) ORDER BY field_id", table("form_entry"), id.get()
    )).await;
        assert_eq!(
            values
                .iter()
                .map(|row| (v(row, "field_id"), v(row, "value"), v(row, "value_id")))
                .collect::<Vec<_>>(),
            [
                (s("20"), s("Printer on fire"), None),
                (s("22"), s("High"), s("3"))
            ]
        );
        let edited = one(
            &db,
            "thread_event",
            &["data", "username", "uid_type"],
            "event_id = 9",
        )
        .await;
        let data: serde_json::Value = serde_json::from_str(&v(&edited, "data").unwrap()).unwrap();
        assert_eq!(
            data,
            serde_json::json!({
                "fields": {"20": ["Testing API", "Printer on fire"], "22": [["Normal", 2], ["High", 3]]},
                "topic_id": [0, 2]
            })
        );
        assert_eq!(v(&edited, "uid_type"), s("S"));
        let search = one(
            &db,
            "_search",
            &["title"],
            &format!("object_type = 'T' AND object_id = {}", id.get()),
        )
        .await;
        assert_eq!(
            v(&search, "title"),
            Some(format!("{} Printer on fire", v(&ticket, "number").unwrap()))
        );
    }
);

db_test!(an_edit_that_changes_nothing_is_refused, |db| async move {
    let ctx = ctx_with_agent(&db).await;
    let id = created(&ctx, example()).await;
    let same = TicketChanges {
        priority: Some(PriorityId::new(2)),
        ..TicketChanges::default()
    };
    assert!(matches!(
        update(&ctx, &agent(), id, same).await,
        Err(oxt_service::tickets::UpdateTicketError::Rule(
            oxt_ticket::EditError::NothingChanged
        ))
    ));
    let ticket = one(
        &db,
        "ticket",
        &["lastupdate"],
        &format!("ticket_id = {}", id.get()),
    )
    .await;
    assert!(
        v(&ticket, "lastupdate")
            .unwrap()
            .starts_with("2026-11-21 23:32:49")
    );
    assert_eq!(count(&db, "thread_event").await, 1);
});
