//! Ticket filters and the ban list: applied when tickets are opened (the
//! ban check and a reject write nothing; each action changes the ticket;
//! execution order and stop-on-match; the "edited" events naming the
//! filter), a banned sender refused on reply, the compiled set rebuilt after
//! a change, the editor's validation, the ban list's use cases and the dry
//! run.

use crate::helpers::{count, ctx, table};
use oxt_filter::{ActionDraft, Channel, FilterDraft, FilterStatus, Incoming, Outcome, RuleDraft};
use oxt_identity::Subject as CallerSubject;
use oxt_service::bootstrap::{DemoDesk, seed_demo_desk};
use oxt_service::filters::{
    self, BanError, BanListAccessError, DRAFT_FILTER_ID, DeleteFilterError, DryRunError,
    FilterCache, FilterChanges, FilterIssue, FilterSubmission, MailEnvelope, NewBan,
    ReadFiltersError, SaveFilterError, TicketToTry, UnbanError,
};
use oxt_service::tickets::{
    CreateTicketError, NewThreadPost, NewTicketRequest, PostEntryError, create,
    create_with_envelope, post_entry,
};
use oxt_service::{Caller, Ctx};
use oxt_store::filters::FilterRecord;
use oxt_testkit::{Backend, TestDb, db_test};
use oxt_ticket::contact::{EmailAddress, MessageBody, PersonName, Subject};
use oxt_ticket::ids::{FilterId, StaffId, TicketId, UserId};
use oxt_ticket::source::TicketSource;
use oxt_ticket::thread::{BodyFormat, EntryType};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::time::Duration;

type Row = BTreeMap<String, Option<String>>;

fn staff(id: StaffId) -> Caller {
    Caller {
        subject: CallerSubject::Staff(id),
    }
}

async fn desk(ctx: &Ctx) -> DemoDesk {
    seed_demo_desk(ctx, Some("a demo password"))
        .await
        .expect("the demo desk is seeded")
}

fn request(email: &str, subject: &str) -> NewTicketRequest {
    NewTicketRequest {
        email: EmailAddress::parse(email).unwrap(),
        name: PersonName::parse("Pat Sender").unwrap(),
        phone: None,
        subject: Subject::parse(subject).unwrap(),
        message: MessageBody::parse("The printer is on fire.").unwrap(),
        format: BodyFormat::Text,
        topic: None,
        dept: None,
        priority: None,
        source: Some(TicketSource::Api),
        ip: "10.0.0.9".to_owned(),
        fields: Vec::new(),
    }
}

fn rule(what: &str, how: &str, val: &str) -> RuleDraft {
    RuleDraft {
        what: what.to_owned(),
        how: how.to_owned(),
        val: val.to_owned(),
    }
}

fn action(kind: &str, configuration: Value) -> ActionDraft {
    ActionDraft {
        kind: kind.to_owned(),
        configuration,
    }
}

fn draft(
    name: &str,
    execorder: u32,
    rules: Vec<RuleDraft>,
    actions: Vec<ActionDraft>,
) -> FilterDraft {
    FilterDraft {
        name: name.to_owned(),
        execorder,
        isactive: true,
        match_all_rules: false,
        stop_onmatch: false,
        target: "Any".to_owned(),
        email_id: None,
        rules,
        actions,
    }
}

async fn save(ctx: &Ctx, admin: StaffId, draft: FilterDraft) -> FilterRecord {
    filters::create(ctx, &staff(admin), FilterSubmission { draft, notes: None })
        .await
        .expect("the filter is saved")
}

fn quote(db: &TestDb) -> char {
    if db.backend() == Backend::MySql {
        '`'
    } else {
        '"'
    }
}

/// `columns` of `name`'s rows matching `filter`, each as text.
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

async fn ticket_row(db: &TestDb, id: TicketId) -> Row {
    let mut found = rows(
        db,
        "ticket",
        &[
            "dept_id",
            "topic_id",
            "sla_id",
            "staff_id",
            "team_id",
            "status_id",
            "user_id",
        ],
        &format!("ticket_id = {}", id.get()),
    )
    .await;
    assert_eq!(found.len(), 1);
    found.remove(0)
}

const TABLES: [&str; 13] = [
    "ticket",
    "ticket__cdata",
    "thread",
    "thread_entry",
    "thread_event",
    "form_entry",
    "form_entry_values",
    "_search",
    "user",
    "user_email",
    "oxt_outbox",
    "filter",
    "filter_rule",
];

async fn counts(db: &TestDb) -> Vec<usize> {
    let mut all = Vec::new();
    for name in TABLES {
        all.push(count(db, name).await);
    }
    all
}

/// The `data` of the ticket's events of `event_id`, in order.
async fn event_data(db: &TestDb, id: TicketId, event_id: u32) -> Vec<(String, Value)> {
    let q = quote(db);
    let thread = rows(
        db,
        "thread",
        &["id"],
        &format!("object_id = {} AND object_type = 'T'", id.get()),
    )
    .await;
    rows(
        db,
        "thread_event",
        &["username", "data", "id"],
        &format!(
            "thread_id = {} AND event_id = {event_id} ORDER BY {q}id{q}",
            value(&thread[0], "id")
        ),
    )
    .await
    .iter()
    .map(|row| {
        (
            value(row, "username"),
            serde_json::from_str(&value(row, "data")).unwrap_or(Value::Null),
        )
    })
    .collect()
}

db_test!(
    a_banned_sender_is_denied_and_nothing_is_written,
    |db| async move {
        let ctx = ctx(&db).await;
        let desk = desk(&ctx).await;
        let before = counts(&db).await;
        // The fresh install bans test@example.com.
        let error = create(
            &ctx,
            &staff(desk.admin),
            request("Test@Example.com", "Hello"),
        )
        .await
        .unwrap_err();
        match error {
            CreateTicketError::Rejected(rejection) => {
                assert!(rejection.banned);
                assert_eq!(rejection.filter_name, "SYSTEM BAN LIST");
                assert_eq!(rejection.filter, FilterId::new(1));
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(counts(&db).await, before);
    }
);

db_test!(
    a_reject_filter_denies_the_ticket_by_name_and_writes_nothing,
    |db| async move {
        let ctx = ctx(&db).await;
        let desk = desk(&ctx).await;
        save(
            &ctx,
            desk.admin,
            draft(
                "No spam",
                5,
                vec![rule("field.20", "match", "/cheap\\s+pills/i")],
                vec![action("reject", json!([]))],
            ),
        )
        .await;
        let before = counts(&db).await;
        let error = create(
            &ctx,
            &staff(desk.admin),
            request("pat@example.net", "CHEAP   Pills today"),
        )
        .await
        .unwrap_err();
        match error {
            CreateTicketError::Rejected(rejection) => {
                assert!(!rejection.banned);
                assert_eq!(rejection.filter_name, "No spam");
                assert_eq!(rejection.email, "pat@example.net");
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(counts(&db).await, before);
        create(
            &ctx,
            &staff(desk.admin),
            request("pat@example.net", "Expensive pills"),
        )
        .await
        .expect("a ticket the filter does not match is opened");
    }
);

db_test!(
    filter_actions_route_the_new_ticket_over_the_topic_and_log_who_did_it,
    |db| async move {
        let ctx = ctx(&db).await;
        let desk = desk(&ctx).await;
        let alice = desk.agents[0];
        save(
            &ctx,
            desk.admin,
            draft(
                "Route printers",
                3,
                vec![rule("field.21", "contains", "printer")],
                vec![
                    action("dept", json!({"dept_id": 2})),
                    action("pri", json!({"priority": 4})),
                    action("sla", json!({"sla_id": 1})),
                    action("team", json!({"team_id": 1})),
                    action("agent", json!({"staff_id": alice.get()})),
                    action("topic", json!({"topic_id": 2})),
                ],
            ),
        )
        .await;
        // Topic 10 would route to Maintenance (3); the filter wins.
        let id = create(
            &ctx,
            &staff(desk.admin),
            NewTicketRequest {
                topic: Some(oxt_ticket::ids::TopicId::new(10)),
                ..request("pat@example.net", "Printer")
            },
        )
        .await
        .unwrap()
        .id;
        let ticket = ticket_row(&db, id).await;
        assert_eq!(value(&ticket, "dept_id"), "2");
        assert_eq!(value(&ticket, "topic_id"), "2");
        assert_eq!(value(&ticket, "sla_id"), "1");
        assert_eq!(value(&ticket, "team_id"), "1");
        assert_eq!(value(&ticket, "staff_id"), alice.get().to_string());
        let cdata = rows(
            &db,
            "ticket__cdata",
            &["priority"],
            &format!("ticket_id = {}", id.get()),
        )
        .await;
        assert_eq!(value(&cdata[0], "priority"), "4");

        // osTicket's `getEventDescription`: one "edited" event (id 9) per
        // routing action, by "Ticket Filter", naming the filter.
        let edited = event_data(&db, id, 9).await;
        let kinds: Vec<&str> = edited
            .iter()
            .map(|(_, d)| d["type"].as_str().unwrap())
            .collect();
        assert_eq!(
            kinds,
            ["Department", "Priority", "SLA", "Team", "Agent", "Topic"]
        );
        assert!(
            edited
                .iter()
                .all(|(user, d)| user == "Ticket Filter" && d["filter"] == "Route printers")
        );
        assert_eq!(
            edited[0].1,
            json!({"value": "Sales", "filter": "Route printers", "type": "Department"})
        );
        assert_eq!(edited[1].1["value"], "Emergency");
        assert_eq!(edited[5].1["value"], "Feedback");
        // Agent and team are both assigned, the agent first.
        let assigned = event_data(&db, id, 4).await;
        assert_eq!(
            assigned.iter().map(|(_, d)| d.clone()).collect::<Vec<_>>(),
            [json!({"staff": alice.get()}), json!({"team": 1})]
        );
    }
);

db_test!(
    a_filter_status_opens_the_ticket_in_that_status,
    |db| async move {
        let ctx = ctx(&db).await;
        let desk = desk(&ctx).await;
        let q = quote(&db);
        db.text_rows(&format!(
            "INSERT INTO {q}{}{q} (id, name, state, mode, flags, sort, properties, created, updated) \
             VALUES (6, 'Waiting', 'open', 3, 0, 6, '{{}}', '2026-11-21 23:32:11', '2026-11-21 23:32:11')",
            table("ticket_status")
        ))
        .await;
        save(
            &ctx,
            desk.admin,
            draft(
                "Hold",
                1,
                vec![rule("email", "ends", "@example.net")],
                vec![action("status", json!({"status_id": 6}))],
            ),
        )
        .await;
        let id = create(&ctx, &staff(desk.admin), request("pat@example.net", "Hi"))
            .await
            .unwrap()
            .id;
        assert_eq!(value(&ticket_row(&db, id).await, "status_id"), "6");
        let edited = event_data(&db, id, 9).await;
        // osTicket names the status with `Team::lookup`: no team 6, so false.
        assert_eq!(
            edited[0].1,
            json!({"value": false, "filter": "Hold", "type": "Ticket Status"})
        );
    }
);

db_test!(
    a_canned_reply_is_posted_and_mailed_unless_auto_response_is_off,
    |db| async move {
        let ctx = ctx(&db).await;
        let desk = desk(&ctx).await;
        save(
            &ctx,
            desk.admin,
            draft(
                "Welcome",
                1,
                vec![rule("email", "contains", "@")],
                vec![action("canned", json!({"canned_id": 1}))],
            ),
        )
        .await;
        save(
            &ctx,
            desk.admin,
            draft(
                "Quiet",
                2,
                vec![rule("name", "equal", "Quiet Person")],
                vec![action("noresp", json!([]))],
            ),
        )
        .await;
        let id = create(&ctx, &staff(desk.admin), request("pat@example.net", "Hi"))
            .await
            .unwrap()
            .id;
        let q = quote(&db);
        let thread = rows(&db, "thread", &["id"], &format!("object_id = {}", id.get())).await;
        let responses = rows(
            &db,
            "thread_entry",
            &["poster", "type", "body"],
            &format!(
                "thread_id = {} AND {q}type{q} = 'R'",
                value(&thread[0], "id")
            ),
        )
        .await;
        assert_eq!(responses.len(), 1);
        assert_eq!(value(&responses[0], "poster"), "SYSTEM (Canned Reply)");
        assert!(value(&responses[0], "body").starts_with("osTicket is an open source help desk"));
        let mailed = rows(&db, "oxt_outbox", &["topic", "payload"], "1 = 1").await;
        assert_eq!(mailed.len(), 1);
        assert_eq!(value(&mailed[0], "topic"), filters::CANNED_REPLY_TOPIC);
        let payload: Value = serde_json::from_str(&value(&mailed[0], "payload")).unwrap();
        assert_eq!(payload["to"], "pat@example.net");
        assert_eq!(payload["ticket_id"], id.get());

        let quiet = NewTicketRequest {
            name: PersonName::parse("Quiet Person").unwrap(),
            ..request("quiet@example.net", "Hi")
        };
        create(&ctx, &staff(desk.admin), quiet).await.unwrap();
        assert_eq!(
            count(&db, "thread_entry").await,
            4,
            "two messages, two canned replies"
        );
        assert_eq!(
            count(&db, "oxt_outbox").await,
            1,
            "no auto-reply mail for the quiet one"
        );
    }
);

db_test!(
    an_email_action_is_queued_once_the_ticket_exists,
    |db| async move {
        let ctx = ctx(&db).await;
        let desk = desk(&ctx).await;
        save(
            &ctx,
            desk.admin,
            draft(
                "Tell the boss",
                1,
                vec![rule("field.20", "starts", "urgent")],
                vec![action(
                    "email",
                    json!({"recipients": "%{user}, boss@example.com", "subject": "Urgent: %{ticket.number}", "message": "<p>Look</p>", "from": 1}),
                )],
            ),
        )
        .await;
        let id = create(
            &ctx,
            &staff(desk.admin),
            request("pat@example.net", "URGENT help"),
        )
        .await
        .unwrap()
        .id;
        let mailed = rows(&db, "oxt_outbox", &["topic", "payload"], "1 = 1").await;
        assert_eq!(mailed.len(), 1);
        assert_eq!(value(&mailed[0], "topic"), filters::FILTER_EMAIL_TOPIC);
        let payload: Value = serde_json::from_str(&value(&mailed[0], "payload")).unwrap();
        assert_eq!(payload["ticket_id"], id.get());
        assert_eq!(
            payload["recipients"],
            "\"Pat Sender\" <pat@example.net>, boss@example.com"
        );
        assert_eq!(payload["from_email_id"], 1);
        assert_eq!(payload["subject"], "Urgent: %{ticket.number}");
    }
);

db_test!(
    filters_run_in_execorder_and_stop_on_match_ends_the_run,
    |db| async move {
        let ctx = ctx(&db).await;
        let desk = desk(&ctx).await;
        let first = save(
            &ctx,
            desk.admin,
            draft(
                "Later",
                20,
                vec![rule("email", "contains", "example")],
                vec![action("dept", json!({"dept_id": 3}))],
            ),
        )
        .await;
        save(
            &ctx,
            desk.admin,
            draft(
                "Sooner",
                10,
                vec![rule("email", "contains", "example")],
                vec![action("dept", json!({"dept_id": 2}))],
            ),
        )
        .await;
        // Both match; the later filter's department is the last word.
        let id = create(&ctx, &staff(desk.admin), request("pat@example.net", "Hi"))
            .await
            .unwrap()
            .id;
        assert_eq!(value(&ticket_row(&db, id).await, "dept_id"), "3");
        let sooner = filters::list(&ctx, &staff(desk.admin))
            .await
            .unwrap()
            .into_iter()
            .find(|f| f.definition.filter.name == "Sooner")
            .unwrap();
        filters::update(
            &ctx,
            &staff(desk.admin),
            sooner.definition.filter.id,
            FilterChanges {
                stop_onmatch: Some(true),
                ..FilterChanges::default()
            },
        )
        .await
        .unwrap();
        let id = create(&ctx, &staff(desk.admin), request("pat@example.net", "Hi"))
            .await
            .unwrap()
            .id;
        assert_eq!(value(&ticket_row(&db, id).await, "dept_id"), "2");
        let edited = event_data(&db, id, 9).await;
        assert_eq!(
            edited.len(),
            1,
            "only the filter that ran is logged: {edited:?}"
        );
        assert_ne!(first.definition.filter.id, sooner.definition.filter.id);
    }
);

db_test!(a_filter_runs_only_for_its_channel_target, |db| async move {
    let ctx = ctx(&db).await;
    let desk = desk(&ctx).await;
    save(
        &ctx,
        desk.admin,
        FilterDraft {
            target: "Web".to_owned(),
            ..draft(
                "Web only",
                1,
                vec![rule("email", "contains", "@")],
                vec![action("dept", json!({"dept_id": 2}))],
            )
        },
    )
    .await;
    let api = create(&ctx, &staff(desk.admin), request("pat@example.net", "Hi"))
        .await
        .unwrap()
        .id;
    assert_eq!(value(&ticket_row(&db, api).await, "dept_id"), "1");
    // A phone ticket an agent opens is osTicket's `staff` origin: Web.
    let phone = create(
        &ctx,
        &staff(desk.admin),
        NewTicketRequest {
            source: Some(TicketSource::Phone),
            ..request("pat@example.net", "Hi")
        },
    )
    .await
    .unwrap()
    .id;
    assert_eq!(value(&ticket_row(&db, phone).await, "dept_id"), "2");
    // The client portal is Web as well.
    let owner = value(&ticket_row(&db, phone).await, "user_id")
        .parse()
        .unwrap();
    let user = Caller {
        subject: CallerSubject::User(UserId::new(owner)),
    };
    let web = create(
        &ctx,
        &user,
        NewTicketRequest {
            source: None,
            ..request("pat@example.net", "Hi")
        },
    )
    .await
    .unwrap()
    .id;
    assert_eq!(value(&ticket_row(&db, web).await, "dept_id"), "2");
});

db_test!(
    a_reply_to_filter_makes_the_reply_to_address_the_owner,
    |db| async move {
        let ctx = ctx(&db).await;
        let desk = desk(&ctx).await;
        save(
            &ctx,
            desk.admin,
            FilterDraft {
                target: "Email".to_owned(),
                ..draft(
                    "Use Reply-To",
                    1,
                    vec![rule("email", "equal", "noreply@example.net")],
                    vec![action("replyto", json!([]))],
                )
            },
        )
        .await;
        let envelope = MailEnvelope {
            reply_to: Some("real.person@example.org".to_owned()),
            reply_to_name: Some("Real Person".to_owned()),
            ..MailEnvelope::default()
        };
        let id = create_with_envelope(
            &ctx,
            &staff(desk.admin),
            NewTicketRequest {
                source: Some(TicketSource::Email),
                ..request("noreply@example.net", "Hi")
            },
            &envelope,
        )
        .await
        .unwrap()
        .id;
        let owner = value(&ticket_row(&db, id).await, "user_id");
        let user = rows(&db, "user", &["name"], &format!("id = {owner}")).await;
        assert_eq!(value(&user[0], "name"), "Real Person");
        let address = rows(
            &db,
            "user_email",
            &["address"],
            &format!("user_id = {owner}"),
        )
        .await;
        assert_eq!(value(&address[0], "address"), "real.person@example.org");
    }
);

db_test!(
    a_banned_owner_cannot_reply_and_an_unbanned_one_can,
    |db| async move {
        let ctx = ctx(&db).await;
        let desk = desk(&ctx).await;
        let id = create(&ctx, &staff(desk.admin), request("pat@example.net", "Hi"))
            .await
            .unwrap()
            .id;
        let owner = UserId::new(
            value(&ticket_row(&db, id).await, "user_id")
                .parse()
                .unwrap(),
        );
        let user = Caller {
            subject: CallerSubject::User(owner),
        };
        let address = EmailAddress::parse("PAT@example.net").unwrap();
        let banned = filters::ban(
            &ctx,
            &staff(desk.admin),
            NewBan {
                email: address.clone(),
                active: true,
                notes: "abuse".to_owned(),
            },
        )
        .await
        .unwrap();
        assert_eq!(banned.email, "PAT@example.net");
        assert!(banned.active);
        let post = NewThreadPost {
            kind: EntryType::Message,
            body: MessageBody::parse("me again").unwrap(),
            format: BodyFormat::Text,
            ip: "10.0.0.9".to_owned(),
        };
        let entries = count(&db, "thread_entry").await;
        assert!(matches!(
            post_entry(&ctx, &user, id, post.clone()).await,
            Err(PostEntryError::Banned(_))
        ));
        assert_eq!(count(&db, "thread_entry").await, entries);
        // Nor can they open a new ticket.
        assert!(matches!(
            create(
                &ctx,
                &staff(desk.admin),
                request("pat@example.net", "Again")
            )
            .await,
            Err(CreateTicketError::Rejected(_))
        ));
        filters::unban(&ctx, &staff(desk.admin), address.as_str())
            .await
            .unwrap();
        post_entry(&ctx, &user, id, post)
            .await
            .expect("the ban is lifted");
    }
);

db_test!(the_ban_list_lists_adds_once_and_removes, |db| async move {
    let ctx = ctx(&db).await;
    let desk = desk(&ctx).await;
    let admin = staff(desk.admin);
    let listed = filters::list_banned(&ctx, &admin).await.unwrap();
    assert_eq!(
        listed.iter().map(|b| b.email.as_str()).collect::<Vec<_>>(),
        ["test@example.com"]
    );
    let spam = EmailAddress::parse("spam@example.org").unwrap();
    let paused = filters::ban(
        &ctx,
        &admin,
        NewBan {
            email: spam.clone(),
            active: false,
            notes: String::new(),
        },
    )
    .await
    .unwrap();
    assert!(!paused.active);
    // A paused ban keeps the address listed but bans nobody.
    create(&ctx, &admin, request("spam@example.org", "Hi"))
        .await
        .expect("a paused ban bans nobody");
    assert!(matches!(
        filters::ban(
            &ctx,
            &admin,
            NewBan {
                email: spam.clone(),
                active: true,
                notes: String::new()
            }
        )
        .await,
        Err(BanError::AlreadyBanned(_))
    ));
    assert_eq!(filters::list_banned(&ctx, &admin).await.unwrap().len(), 2);
    filters::unban(&ctx, &admin, spam.as_str()).await.unwrap();
    assert!(matches!(
        filters::unban(&ctx, &admin, spam.as_str()).await,
        Err(UnbanError::NotBanned(_))
    ));
    // Only administrators read or write it, as in osTicket's admin panel.
    assert!(matches!(
        filters::list_banned(&ctx, &staff(desk.agents[1])).await,
        Err(BanListAccessError::Refused(_))
    ));
    assert!(matches!(
        filters::ban(
            &ctx,
            &staff(desk.agents[0]),
            NewBan {
                email: spam.clone(),
                active: true,
                notes: String::new()
            }
        )
        .await,
        Err(BanError::Refused(_))
    ));
    let user = Caller {
        subject: CallerSubject::User(UserId::new(1)),
    };
    assert!(filters::list_banned(&ctx, &user).await.is_err());
});

db_test!(
    a_ban_list_filter_is_created_when_the_desk_has_none,
    |db| async move {
        let ctx = ctx(&db).await;
        let desk = desk(&ctx).await;
        let q = quote(&db);
        db.text_rows(&format!("DELETE FROM {q}{}{q}", table("filter")))
            .await;
        db.text_rows(&format!("DELETE FROM {q}{}{q}", table("filter_rule")))
            .await;
        db.text_rows(&format!("DELETE FROM {q}{}{q}", table("filter_action")))
            .await;
        assert!(
            filters::list_banned(&ctx, &staff(desk.admin))
                .await
                .unwrap()
                .is_empty()
        );
        filters::ban(
            &ctx,
            &staff(desk.admin),
            NewBan {
                email: EmailAddress::parse("spam@example.org").unwrap(),
                active: true,
                notes: String::new(),
            },
        )
        .await
        .unwrap();
        let all = filters::list(&ctx, &staff(desk.admin)).await.unwrap();
        assert_eq!(all.len(), 1);
        let ban_list = &all[0].definition;
        assert_eq!(ban_list.filter.name, "SYSTEM BAN LIST");
        assert_eq!(ban_list.filter.target, "Email");
        assert_eq!(ban_list.actions[0].kind, "reject");
        assert!(matches!(
            create(&ctx, &staff(desk.admin), request("spam@example.org", "Hi")).await,
            Err(CreateTicketError::Rejected(_))
        ));
    }
);

db_test!(
    a_filter_change_is_seen_by_the_next_ticket,
    |db| async move {
        let ctx = ctx(&db).await;
        let desk = desk(&ctx).await;
        let admin = staff(desk.admin);
        let before = create(&ctx, &admin, request("pat@example.net", "Hi"))
            .await
            .unwrap()
            .id;
        assert_eq!(value(&ticket_row(&db, before).await, "dept_id"), "1");
        let saved = save(
            &ctx,
            desk.admin,
            draft(
                "Sales",
                1,
                vec![rule("email", "contains", "pat")],
                vec![action("dept", json!({"dept_id": 2}))],
            ),
        )
        .await;
        let routed = create(&ctx, &admin, request("pat@example.net", "Hi"))
            .await
            .unwrap()
            .id;
        assert_eq!(value(&ticket_row(&db, routed).await, "dept_id"), "2");
        filters::update(
            &ctx,
            &admin,
            saved.definition.filter.id,
            FilterChanges {
                actions: Some(vec![action("dept", json!({"dept_id": 3}))]),
                ..FilterChanges::default()
            },
        )
        .await
        .unwrap();
        let rerouted = create(&ctx, &admin, request("pat@example.net", "Hi"))
            .await
            .unwrap()
            .id;
        assert_eq!(value(&ticket_row(&db, rerouted).await, "dept_id"), "3");
        filters::delete(&ctx, &admin, saved.definition.filter.id)
            .await
            .unwrap();
        let unrouted = create(&ctx, &admin, request("pat@example.net", "Hi"))
            .await
            .unwrap()
            .id;
        assert_eq!(value(&ticket_row(&db, unrouted).await, "dept_id"), "1");
    }
);

db_test!(
    a_change_made_beside_oxticket_is_seen_once_the_recheck_is_due,
    |db| async move {
        let ctx = ctx(&db).await;
        let desk = desk(&ctx).await;
        let saved = save(
            &ctx,
            desk.admin,
            draft(
                "Sales",
                1,
                vec![rule("email", "contains", "pat")],
                vec![action("dept", json!({"dept_id": 2}))],
            ),
        )
        .await;
        let q = quote(&db);
        let edit_beside_us = |dept: u32| {
            format!(
                "UPDATE {q}{}{q} SET configuration = '{{\"dept_id\":{dept}}}', updated = '2030-01-0{dept} 00:00:00' WHERE filter_id = {}",
                table("filter_action"),
                saved.definition.filter.id.get()
            )
        };
        // With a long recheck interval the compiled set is trusted...
        let trusting = Ctx {
            filters: FilterCache::new(Duration::from_secs(3600)),
            ..ctx.clone()
        };
        let admin = staff(desk.admin);
        let id = create(&trusting, &admin, request("pat@example.net", "Hi"))
            .await
            .unwrap()
            .id;
        assert_eq!(value(&ticket_row(&db, id).await, "dept_id"), "2");
        db.text_rows(&edit_beside_us(3)).await;
        let id = create(&trusting, &admin, request("pat@example.net", "Hi"))
            .await
            .unwrap()
            .id;
        assert_eq!(
            value(&ticket_row(&db, id).await, "dept_id"),
            "2",
            "not rechecked yet"
        );
        // ...and a due recheck notices the change.
        let checking = Ctx {
            filters: FilterCache::new(Duration::ZERO),
            ..ctx.clone()
        };
        let id = create(&checking, &admin, request("pat@example.net", "Hi"))
            .await
            .unwrap()
            .id;
        assert_eq!(value(&ticket_row(&db, id).await, "dept_id"), "3");
        db.text_rows(&edit_beside_us(1)).await;
        let id = create(&checking, &admin, request("pat@example.net", "Hi"))
            .await
            .unwrap()
            .id;
        assert_eq!(value(&ticket_row(&db, id).await, "dept_id"), "1");
        // An invalidation reloads at once.
        trusting.filters.invalidate();
        let id = create(&trusting, &admin, request("pat@example.net", "Hi"))
            .await
            .unwrap()
            .id;
        assert_eq!(value(&ticket_row(&db, id).await, "dept_id"), "1");
    }
);

db_test!(
    invalid_filters_are_refused_with_every_field_named_and_nothing_written,
    |db| async move {
        let ctx = ctx(&db).await;
        let desk = desk(&ctx).await;
        let before = counts(&db).await;
        let bad = FilterDraft {
            target: "Fax".to_owned(),
            email_id: Some(oxt_ticket::ids::EmailId::new(77)),
            ..draft(
                "system ban list",
                0,
                vec![
                    rule("subject", "equal", "x"),
                    rule("email", "is", "x"),
                    rule("field.20", "match", "/(a)\\1/"),
                ],
                vec![
                    action("dept", json!({"dept_id": 999})),
                    action("forward", json!([])),
                    action("agent", json!({})),
                ],
            )
        };
        let error = filters::create(
            &ctx,
            &staff(desk.admin),
            FilterSubmission {
                draft: bad,
                notes: None,
            },
        )
        .await
        .unwrap_err();
        let SaveFilterError::Invalid(errors) = error else {
            panic!("{error:?}")
        };
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "execorder",
                "target",
                "rules[0].what",
                "rules[1].how",
                "rules[2].val",
                "actions[1].type",
                "actions[2].configuration.staff_id",
                "name",
                "email_id",
            ]
        );
        assert!(
            errors[4].message.contains("backreference"),
            "{:?}",
            errors[4]
        );
        let issues: Vec<FilterIssue> = errors.iter().map(|e| e.issue).collect();
        assert_eq!(
            issues,
            [
                FilterIssue::Required,
                FilterIssue::Unknown,
                FilterIssue::Unknown,
                FilterIssue::Unknown,
                FilterIssue::Invalid,
                FilterIssue::Unknown,
                FilterIssue::Required,
                FilterIssue::Taken,
                FilterIssue::Unknown,
            ]
        );
        // A valid filter pointing at a missing department names the key.
        let missing = draft(
            "Missing",
            1,
            vec![rule("email", "contains", "a")],
            vec![
                action("pri", json!({"priority": 2})),
                action("dept", json!({"dept_id": 999})),
            ],
        );
        let error = filters::create(
            &ctx,
            &staff(desk.admin),
            FilterSubmission {
                draft: missing,
                notes: None,
            },
        )
        .await
        .unwrap_err();
        let SaveFilterError::Invalid(errors) = error else {
            panic!("{error:?}")
        };
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field, "actions[1].configuration.dept_id");
        assert_eq!(errors[0].issue, FilterIssue::Unknown);
        // Only administrators save.
        let fine = draft(
            "Fine",
            1,
            vec![rule("email", "contains", "a")],
            vec![action("noresp", json!([]))],
        );
        assert!(matches!(
            filters::create(
                &ctx,
                &staff(desk.agents[0]),
                FilterSubmission {
                    draft: fine,
                    notes: None
                }
            )
            .await,
            Err(SaveFilterError::Refused(_))
        ));
        assert_eq!(counts(&db).await, before);
        // The ban list is neither deleted nor renamed.
        assert!(matches!(
            filters::delete(&ctx, &staff(desk.admin), FilterId::new(1)).await,
            Err(DeleteFilterError::SystemBanList(_))
        ));
        assert!(matches!(
            filters::update(
                &ctx,
                &staff(desk.admin),
                FilterId::new(1),
                FilterChanges {
                    name: Some("Old bans".to_owned()),
                    ..FilterChanges::default()
                }
            )
            .await,
            Err(SaveFilterError::Invalid(_))
        ));
        assert!(matches!(
            filters::update(
                &ctx,
                &staff(desk.admin),
                FilterId::new(404),
                FilterChanges::default()
            )
            .await,
            Err(SaveFilterError::NotFound(_))
        ));
        assert_eq!(counts(&db).await, before);
    }
);

db_test!(
    a_dry_run_explains_stored_filters_and_a_draft_without_writing,
    |db| async move {
        let ctx = ctx(&db).await;
        let desk = desk(&ctx).await;
        save(
            &ctx,
            desk.admin,
            draft(
                "Sales",
                5,
                vec![rule("email", "ends", "@example.net")],
                vec![
                    action("dept", json!({"dept_id": 2})),
                    action(
                        "email",
                        json!({"recipients": "boss@example.com", "subject": "s", "message": "m"}),
                    ),
                ],
            ),
        )
        .await;
        let before = counts(&db).await;
        let mut incoming = Incoming::new(Channel::Api, "pat@example.net", "Pat");
        incoming.message = "printer on fire".to_owned();
        let tried = draft(
            "Printers",
            1,
            vec![rule("body", "contains", "PRINTER")],
            vec![action("pri", json!({"priority": 4}))],
        );
        let run = filters::test(
            &ctx,
            &staff(desk.admin),
            incoming.clone().into(),
            Some(tried),
        )
        .await
        .unwrap();
        assert_eq!(run.before_create.evaluation.outcome, Outcome::Accepted);
        let plan: Vec<(u32, &str)> = run
            .before_create
            .evaluation
            .plan
            .iter()
            .map(|p| (p.filter.get(), p.action.kind()))
            .collect();
        let sales = run
            .before_create
            .filters
            .iter()
            .find(|f| f.name == "Sales")
            .unwrap()
            .filter;
        assert_eq!(
            plan,
            [(DRAFT_FILTER_ID.get(), "pri"), (sales.get(), "dept")]
        );
        let statuses: Vec<(&str, FilterStatus)> = run
            .before_create
            .filters
            .iter()
            .map(|f| (f.name.as_str(), f.status))
            .collect();
        assert_eq!(
            statuses,
            [
                ("Printers", FilterStatus::Applied),
                ("Sales", FilterStatus::Applied),
                ("SYSTEM BAN LIST", FilterStatus::OtherTarget),
            ]
        );
        assert_eq!(
            run.after_create.plan.len(),
            1,
            "the e-mail action runs after creation"
        );
        assert_eq!(counts(&db).await, before);
        // A banned sender is reported before any filter.
        let banned = Incoming::new(Channel::Api, "test@example.com", "T");
        let run = filters::test(&ctx, &staff(desk.admin), banned.into(), None)
            .await
            .unwrap();
        assert!(matches!(
            run.before_create.evaluation.outcome,
            Outcome::Banned { .. }
        ));
        // Administrators only.
        assert!(
            filters::test(&ctx, &staff(desk.agents[0]), incoming.into(), None)
                .await
                .is_err()
        );
    }
);

db_test!(
    a_dry_run_puts_the_subject_under_the_ticket_forms_field,
    |db| async move {
        let ctx = ctx(&db).await;
        let desk = desk(&ctx).await;
        let form = oxt_store::tickets::find_ticket_form(&ctx.store)
            .await
            .unwrap()
            .expect("a ticket form");
        let subject_rule = format!("field.{}", form.subject);
        save(
            &ctx,
            desk.admin,
            draft(
                "Urgent subjects",
                1,
                vec![rule(&subject_rule, "match", "/^urgent/i")],
                vec![action("pri", json!({"priority": 4}))],
            ),
        )
        .await;
        let before = counts(&db).await;
        let ticket = TicketToTry {
            incoming: Incoming::new(Channel::Web, "pat@example.net", "Pat"),
            subject: Some("URGENT: printer".to_owned()),
            fields: Vec::new(),
        };
        let run = filters::test(&ctx, &staff(desk.admin), ticket.clone(), None)
            .await
            .unwrap();
        let trace = run
            .before_create
            .filters
            .iter()
            .find(|f| f.name == "Urgent subjects")
            .unwrap();
        assert_eq!(trace.status, FilterStatus::Applied);
        assert!(trace.rules[0].holds);
        assert_eq!(run.before_create.evaluation.plan.len(), 1);
        // A custom field the ticket form lacks is named, as on creation.
        let unknown = TicketToTry {
            fields: vec![("nope".to_owned(), "x".to_owned())],
            ..ticket
        };
        assert!(matches!(
            filters::test(&ctx, &staff(desk.admin), unknown, None).await,
            Err(DryRunError::UnknownField(key)) if key == "nope"
        ));
        assert_eq!(counts(&db).await, before);
    }
);

db_test!(filters_are_read_by_administrators_only, |db| async move {
    let ctx = ctx(&db).await;
    let desk = desk(&ctx).await;
    let saved = save(
        &ctx,
        desk.admin,
        draft(
            "Readable",
            3,
            vec![rule("email", "contains", "@")],
            vec![action("noresp", json!([]))],
        ),
    )
    .await;
    let id = saved.definition.filter.id;
    let admin = staff(desk.admin);
    assert_eq!(filters::get(&ctx, &admin, id).await.unwrap(), saved);
    assert!(
        filters::list(&ctx, &admin)
            .await
            .unwrap()
            .iter()
            .any(|f| f.definition.filter.id == id)
    );
    assert!(matches!(
        filters::get(&ctx, &admin, FilterId::new(4040)).await,
        Err(ReadFiltersError::NotFound(_))
    ));
    let agent = staff(desk.agents[0]);
    assert!(matches!(
        filters::list(&ctx, &agent).await,
        Err(ReadFiltersError::Refused(_))
    ));
    assert!(matches!(
        filters::get(&ctx, &agent, id).await,
        Err(ReadFiltersError::Refused(_))
    ));
    let user = Caller {
        subject: CallerSubject::User(UserId::new(1)),
    };
    assert!(matches!(
        filters::list(&ctx, &user).await,
        Err(ReadFiltersError::Refused(_))
    ));
});
