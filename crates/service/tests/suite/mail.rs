//! The e-mail channel: a piped message opens a ticket with source Email
//! and its Message-ID stored where osTicket threads by it; filters for
//! e-mail and the ban list screen it first; a reply naming a stored
//! Message-ID (or, from the owner, the ticket number in its subject) is
//! posted on that ticket; a repeat writes nothing.

use crate::helpers::{count, ctx, table};
use oxt_filter::{ActionDraft, FilterDraft, RuleDraft};
use oxt_identity::Subject;
use oxt_service::api_keys::{ApiKeySettings, NewApiKey};
use oxt_service::bootstrap::seed_demo_desk;
use oxt_service::filters::{self, FilterSubmission, NewBan};
use oxt_service::mail::{EmailOutcome, ReceiveEmailError, ReceivedEmail};
use oxt_service::osticket_api::{SubmitEmailError, submit_email};
use oxt_service::tickets::CreateTicketError;
use oxt_service::{Caller, Ctx};
use oxt_testkit::{Backend, TestDb, db_test};
use oxt_ticket::contact::EmailAddress;
use oxt_ticket::ids::{ApiKeyId, TicketId};
use serde_json::json;
use std::collections::BTreeMap;

const CLIENT_IP: &str = "203.0.113.25";

type Row = BTreeMap<String, Option<String>>;

/// A desk, its administrator, and an API key that may create tickets.
async fn desk(db: &TestDb) -> (Ctx, Caller, ApiKeyId) {
    let ctx = ctx(db).await;
    let desk = seed_demo_desk(&ctx, Some("a long enough secret"))
        .await
        .expect("the demo desk is seeded");
    let admin = Caller {
        subject: Subject::Staff(desk.admin),
    };
    let key = oxt_service::api_keys::create(
        &ctx,
        &admin,
        NewApiKey {
            ip_address: CLIENT_IP.parse().unwrap(),
            settings: ApiKeySettings {
                active: true,
                can_create_tickets: true,
                can_exec_cron: false,
                notes: String::new(),
            },
        },
    )
    .await
    .expect("the key is issued");
    (ctx, admin, key.id)
}

async fn receive(ctx: &Ctx, key: ApiKeyId, raw: &str) -> Result<ReceivedEmail, SubmitEmailError> {
    submit_email(ctx, key, CLIENT_IP, raw.replace('\n', "\r\n").as_bytes()).await
}

/// A message from Ann to the support mailbox, with `extra` headers.
fn message(from: &str, subject: &str, mid: &str, extra: &str, body: &str) -> String {
    format!(
        "From: {from}\n\
         To: Support <support@example.com>\n\
         Subject: {subject}\n\
         Message-ID: {mid}\n\
         {extra}\
         Date: Sat, 21 Nov 2026 23:30:00 +0000\n\
         MIME-Version: 1.0\n\
         Content-Type: text/plain; charset=utf-8\n\
         \n\
         {body}\n"
    )
}

fn first(from: &str) -> String {
    message(
        from,
        "Printer on fire",
        "<first-1@mail.example.net>",
        "",
        "The printer on floor 2 is on fire.",
    )
}

async fn rows(db: &TestDb, name: &str, columns: &[&str], filter: &str) -> Vec<Row> {
    let (cast, q) = match db.backend() {
        Backend::MySql => ("CHAR", '`'),
        _ => ("TEXT", '"'),
    };
    let list: Vec<String> = columns
        .iter()
        .map(|c| format!("CAST({q}{c}{q} AS {cast}) AS {q}{c}{q}"))
        .collect();
    db.text_rows(&format!(
        "SELECT {} FROM {q}{}{q} WHERE {filter}",
        list.join(", "),
        table(name)
    ))
    .await
}

fn value(row: &Row, column: &str) -> String {
    row[column].clone().unwrap_or_default()
}

const WRITTEN: [&str; 8] = [
    "thread",
    "thread_entry",
    "thread_entry_email",
    "thread_event",
    "thread_collaborator",
    "form_entry",
    "user",
    "user_email",
];

async fn counts(db: &TestDb) -> Vec<usize> {
    let mut all = vec![rows(db, "ticket", &["ticket_id"], "1 = 1").await.len()];
    for name in WRITTEN {
        all.push(count(db, name).await);
    }
    all
}

async fn thread_of(db: &TestDb, ticket: TicketId) -> String {
    let thread = rows(
        db,
        "thread",
        &["id"],
        &format!("object_type = 'T' AND object_id = {}", ticket.get()),
    )
    .await;
    value(&thread[0], "id")
}

/// The ticket's entries, oldest first.
async fn entries(db: &TestDb, ticket: TicketId) -> Vec<Row> {
    let q = if db.backend() == Backend::MySql {
        '`'
    } else {
        '"'
    };
    rows(
        db,
        "thread_entry",
        &[
            "id",
            "pid",
            "type",
            "user_id",
            "flags",
            "poster",
            "source",
            "body",
            "format",
            "recipients",
        ],
        &format!(
            "thread_id = {} ORDER BY {q}id{q}",
            thread_of(db, ticket).await
        ),
    )
    .await
}

async fn email_info(db: &TestDb, entry: &str) -> Vec<Row> {
    rows(
        db,
        "thread_entry_email",
        &["mid", "headers"],
        &format!("thread_entry_id = {entry}"),
    )
    .await
}

db_test!(
    an_email_opens_a_ticket_with_source_email_and_its_message_id,
    |db| async move {
        let (ctx, _, key) = desk(&db).await;
        let received = receive(&ctx, key, &first("\"Ann Example\" <ann@example.net>"))
            .await
            .expect("the ticket is opened");
        assert_eq!(received.outcome, EmailOutcome::Opened);
        assert_eq!(received.number.len(), 6, "{}", received.number);

        let ticket = rows(
            &db,
            "ticket",
            &[
                "number",
                "source",
                "email_id",
                "dept_id",
                "user_id",
                "ip_address",
            ],
            &format!("ticket_id = {}", received.ticket.get()),
        )
        .await;
        assert_eq!(value(&ticket[0], "number"), received.number);
        assert_eq!(value(&ticket[0], "source"), "Email");
        // The To address is the seeded support mailbox, e-mail 1.
        assert_eq!(value(&ticket[0], "email_id"), "1");
        assert_eq!(value(&ticket[0], "dept_id"), "1");
        assert_eq!(value(&ticket[0], "ip_address"), CLIENT_IP);
        let owner = value(&ticket[0], "user_id");
        let user = rows(&db, "user", &["name"], &format!("id = {owner}")).await;
        assert_eq!(value(&user[0], "name"), "Ann Example");
        let cdata = rows(
            &db,
            "ticket__cdata",
            &["subject"],
            &format!("ticket_id = {}", received.ticket.get()),
        )
        .await;
        assert_eq!(value(&cdata[0], "subject"), "Printer on fire");

        let thread = entries(&db, received.ticket).await;
        assert_eq!(thread.len(), 1);
        let entry = &thread[0];
        assert_eq!(value(entry, "type"), "M");
        assert_eq!(value(entry, "source"), "Email");
        assert_eq!(value(entry, "user_id"), owner);
        assert_eq!(value(entry, "poster"), "Ann Example");
        assert_eq!(value(entry, "format"), "text");
        assert_eq!(value(entry, "body"), "The printer on floor 2 is on fire.");
        // ORIGINAL_MESSAGE | REPLY_USER, as osTicket flags an e-mailed ticket.
        assert_eq!(value(entry, "flags"), (0x1 | 0x200).to_string());
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&value(entry, "recipients")).unwrap(),
            json!({ "to": ["Support <support@example.com>"] })
        );
        let info = email_info(&db, &value(entry, "id")).await;
        assert_eq!(info.len(), 1);
        assert_eq!(value(&info[0], "mid"), "<first-1@mail.example.net>");
        assert!(value(&info[0], "headers").starts_with("From: \"Ann Example\""));
    }
);

db_test!(
    the_same_message_piped_twice_answers_its_ticket_and_writes_nothing,
    |db| async move {
        let (ctx, _, key) = desk(&db).await;
        let raw = first("ann@example.net");
        let opened = receive(&ctx, key, &raw).await.unwrap();
        let before = counts(&db).await;
        let again = receive(&ctx, key, &raw).await.unwrap();
        assert_eq!(again.outcome, EmailOutcome::AlreadyReceived);
        assert_eq!((again.ticket, again.number), (opened.ticket, opened.number));
        assert_eq!(counts(&db).await, before);
    }
);

db_test!(
    an_email_target_filter_acts_on_an_email_and_an_api_one_does_not,
    |db| async move {
        let (ctx, admin, key) = desk(&db).await;
        for (target, dept) in [("Email", 2), ("API", 3)] {
            filters::create(
                &ctx,
                &admin,
                FilterSubmission {
                    draft: FilterDraft {
                        name: format!("{target} printers"),
                        execorder: 1,
                        isactive: true,
                        match_all_rules: true,
                        stop_onmatch: false,
                        target: target.to_owned(),
                        email_id: None,
                        rules: vec![RuleDraft {
                            what: "field.20".to_owned(),
                            how: "contains".to_owned(),
                            val: "printer".to_owned(),
                        }],
                        actions: vec![ActionDraft {
                            kind: "dept".to_owned(),
                            configuration: json!({ "dept_id": dept }),
                        }],
                    },
                    notes: None,
                },
            )
            .await
            .expect("the filter is saved");
        }
        let received = receive(&ctx, key, &first("ann@example.net")).await.unwrap();
        let ticket = rows(
            &db,
            "ticket",
            &["dept_id"],
            &format!("ticket_id = {}", received.ticket.get()),
        )
        .await;
        assert_eq!(value(&ticket[0], "dept_id"), "2");
    }
);

db_test!(
    a_banned_sender_is_refused_and_nothing_is_written,
    |db| async move {
        let (ctx, _, key) = desk(&db).await;
        let before = counts(&db).await;
        // The fresh install bans test@example.com.
        let error = receive(&ctx, key, &first("Tester <TEST@example.com>"))
            .await
            .unwrap_err();
        match error {
            SubmitEmailError::Receive(ReceiveEmailError::Create(CreateTicketError::Rejected(
                rejection,
            ))) => {
                assert!(rejection.banned);
                assert_eq!(rejection.email, "TEST@example.com");
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(counts(&db).await, before);
    }
);

db_test!(
    a_reply_naming_a_stored_message_id_is_posted_on_its_ticket,
    |db| async move {
        let (ctx, _, key) = desk(&db).await;
        let opened = receive(&ctx, key, &first("Ann <ann@example.net>"))
            .await
            .unwrap();
        let tickets = rows(&db, "ticket", &["ticket_id"], "1 = 1").await.len();
        let reply = message(
            "Ann <ann@example.net>",
            "Re: Printer on fire",
            "<reply-2@mail.example.net>",
            "In-Reply-To: <unknown@elsewhere.example>\n\
             References: <first-1@mail.example.net> <unknown@elsewhere.example>\n",
            "Now the scanner too.",
        );
        let replied = receive(&ctx, key, &reply).await.unwrap();
        assert_eq!(replied.ticket, opened.ticket);
        assert_eq!(replied.number, opened.number);
        assert!(matches!(replied.outcome, EmailOutcome::Replied(_)));
        assert_eq!(
            rows(&db, "ticket", &["ticket_id"], "1 = 1").await.len(),
            tickets
        );
        let thread = entries(&db, opened.ticket).await;
        assert_eq!(thread.len(), 2);
        let (original, answer) = (&thread[0], &thread[1]);
        assert_eq!(value(answer, "type"), "M");
        assert_eq!(value(answer, "source"), "Email");
        assert_eq!(value(answer, "pid"), value(original, "id"));
        assert_eq!(value(answer, "user_id"), value(original, "user_id"));
        assert_eq!(value(answer, "body"), "Now the scanner too.");
        assert_eq!(value(answer, "flags"), 0x200.to_string());
        let info = email_info(&db, &value(answer, "id")).await;
        assert_eq!(value(&info[0], "mid"), "<reply-2@mail.example.net>");
    }
);

db_test!(
    a_stranger_replying_by_message_id_is_introduced_and_made_a_collaborator,
    |db| async move {
        let (ctx, _, key) = desk(&db).await;
        let opened = receive(&ctx, key, &first("Ann <ann@example.net>"))
            .await
            .unwrap();
        let reply = message(
            "Bob Stranger <bob@example.org>",
            "Re: Printer on fire",
            "<bob-1@example.org>",
            "In-Reply-To: <first-1@mail.example.net>\n",
            "Me too.",
        );
        let replied = receive(&ctx, key, &reply).await.unwrap();
        assert_eq!(replied.ticket, opened.ticket);
        let thread = entries(&db, opened.ticket).await;
        let answer = &thread[1];
        assert_eq!(
            value(answer, "body"),
            "Received From: Bob Stranger <bob@example.org>\n\nMe too."
        );
        // COLLABORATOR | REPLY_USER
        assert_eq!(value(answer, "flags"), (0x20 | 0x200).to_string());
        let bob = rows(
            &db,
            "user_email",
            &["user_id"],
            "address = 'bob@example.org'",
        )
        .await;
        assert_eq!(value(answer, "user_id"), value(&bob[0], "user_id"));
        let collaborators = rows(
            &db,
            "thread_collaborator",
            &["user_id", "flags"],
            &format!("thread_id = {}", thread_of(&db, opened.ticket).await),
        )
        .await;
        assert_eq!(collaborators.len(), 1);
        assert_eq!(
            value(&collaborators[0], "user_id"),
            value(&bob[0], "user_id")
        );
        assert_eq!(value(&collaborators[0], "flags"), "3");
    }
);

db_test!(
    the_owner_threads_by_ticket_number_in_the_subject_and_a_stranger_cannot,
    |db| async move {
        let (ctx, _, key) = desk(&db).await;
        let opened = receive(&ctx, key, &first("Ann <ann@example.net>"))
            .await
            .unwrap();
        let subject = format!("Re: [#{}] Printer on fire", opened.number);
        let owner = message(
            "Ann <ann@example.net>",
            &subject,
            "<no-headers-1@mail.example.net>",
            "",
            "Still burning.",
        );
        let replied = receive(&ctx, key, &owner).await.unwrap();
        assert_eq!(replied.ticket, opened.ticket);
        assert!(matches!(replied.outcome, EmailOutcome::Replied(_)));
        let stranger = message(
            "Mallory <mallory@example.org>",
            &subject,
            "<mallory-1@example.org>",
            "",
            "Let me in.",
        );
        let separate = receive(&ctx, key, &stranger).await.unwrap();
        assert_eq!(separate.outcome, EmailOutcome::Opened);
        assert_ne!(separate.ticket, opened.ticket);
    }
);

db_test!(
    a_banned_senders_reply_is_refused_and_nothing_is_written,
    |db| async move {
        let (ctx, admin, key) = desk(&db).await;
        receive(&ctx, key, &first("Ann <ann@example.net>"))
            .await
            .unwrap();
        filters::ban(
            &ctx,
            &admin,
            NewBan {
                email: EmailAddress::parse("ann@example.net").unwrap(),
                active: true,
                notes: "abuse".to_owned(),
            },
        )
        .await
        .unwrap();
        let before = counts(&db).await;
        let reply = message(
            "Ann <ann@example.net>",
            "Re: Printer on fire",
            "<reply-banned@mail.example.net>",
            "In-Reply-To: <first-1@mail.example.net>\n",
            "Again.",
        );
        match receive(&ctx, key, &reply).await.unwrap_err() {
            SubmitEmailError::Receive(ReceiveEmailError::Banned(rejection)) => {
                assert!(rejection.banned);
                assert_eq!(rejection.email, "ann@example.net");
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(counts(&db).await, before);
    }
);

db_test!(
    a_message_without_sender_is_refused_before_anything_is_read,
    |db| async move {
        let (ctx, _, key) = desk(&db).await;
        let error = receive(&ctx, key, "To: support@example.com\nSubject: x\n\nbody\n")
            .await
            .unwrap_err();
        assert!(matches!(
            error,
            SubmitEmailError::Parse(oxt_mail::ParseMessageError::NoSender)
        ));
    }
);
