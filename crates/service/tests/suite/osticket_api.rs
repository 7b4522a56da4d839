//! osTicket's v1 API in the service: API keys administered and checked, a
//! submission checked as `Ticket::create` checks the API channel and opened
//! through `tickets::create`, errors written to `ost_syslog`.

use crate::helpers::{count, ctx, table};
use oxt_identity::Subject;
use oxt_service::api_keys::{ApiKeyChanges, ApiKeySettings, NewApiKey, UpdateApiKeyError};
use oxt_service::bootstrap::seed_demo_desk;
use oxt_service::osticket_api::{
    ApiLogEntry, ApiPurpose, ApiTicketSubmission, AuthorizeApiKeyError, FieldProblem,
    SubmitTicketError, SubmittedMessage, authorize, record, submit_ticket,
};
use oxt_service::{Caller, Ctx};
use oxt_store::syslog::LogLevel;
use oxt_testkit::{Backend, TestDb, db_test};
use oxt_ticket::ids::ApiKeyId;
use oxt_ticket::thread::BodyFormat;
use std::collections::BTreeMap;

const CLIENT_IP: &str = "203.0.113.9";

type Row = BTreeMap<String, Option<String>>;

async fn select(db: &TestDb, columns: &str, name: &str, filter: &str) -> Vec<Row> {
    let quote = if db.backend() == Backend::MySql {
        '`'
    } else {
        '"'
    };
    db.text_rows(&format!(
        "SELECT {columns} FROM {quote}{}{quote} WHERE {filter}",
        table(name)
    ))
    .await
}

/// The type a value is cast to for reading it as text.
fn text_type(db: &TestDb) -> &'static str {
    if db.backend() == Backend::MySql {
        "CHAR"
    } else {
        "TEXT"
    }
}

/// A desk with its administrator, and the caller to act as them.
async fn desk(db: &TestDb) -> (Ctx, Caller) {
    let ctx = ctx(db).await;
    let desk = seed_demo_desk(&ctx, Some("a long enough secret"))
        .await
        .expect("the demo desk is seeded");
    let admin = Caller {
        subject: Subject::Staff(desk.admin),
    };
    (ctx, admin)
}

fn settings() -> ApiKeySettings {
    ApiKeySettings {
        active: true,
        can_create_tickets: true,
        can_exec_cron: false,
        notes: String::new(),
    }
}

async fn issue(ctx: &Ctx, admin: &Caller, settings: ApiKeySettings) -> (ApiKeyId, String) {
    let record = oxt_service::api_keys::create(
        ctx,
        admin,
        NewApiKey {
            ip_address: CLIENT_IP.parse().unwrap(),
            settings,
        },
    )
    .await
    .expect("the key is issued");
    (record.id, record.key)
}

fn submission(values: &[(&str, &str)], message: Option<&str>) -> ApiTicketSubmission {
    ApiTicketSubmission {
        values: values
            .iter()
            .map(|(key, value)| ((*key).to_owned(), (*value).to_owned()))
            .collect(),
        message: message.map(|body| SubmittedMessage {
            body: body.to_owned(),
            format: BodyFormat::Html,
        }),
        unexpected: Vec::new(),
    }
}

fn example() -> ApiTicketSubmission {
    submission(
        &[
            ("source", "API"),
            ("name", "Angry User"),
            ("email", "api@example.com"),
            ("phone", "3185558634X123"),
            ("subject", "Testing API"),
            ("ip", "123.211.233.122"),
        ],
        Some("MESSAGE <b>HERE</b>"),
    )
}

db_test!(
    keys_are_issued_changed_and_deleted_by_administrators_only,
    |db| async move {
        let (ctx, admin) = desk(&db).await;
        let agent = Caller {
            subject: Subject::Staff(oxt_ticket::ids::StaffId::new(2)),
        };
        let refused = oxt_service::api_keys::list(&ctx, &agent).await;
        assert!(refused.is_err(), "an agent may not list keys");

        let (id, key) = issue(&ctx, &admin, settings()).await;
        assert_eq!(key.len(), 32);
        let stored = select(&db, "apikey, ipaddr", "api_key", "1 = 1").await;
        assert_eq!(stored[0]["apikey"].as_deref(), Some(key.as_str()));
        assert_eq!(stored[0]["ipaddr"].as_deref(), Some(CLIENT_IP));

        let changed = oxt_service::api_keys::update(
            &ctx,
            &admin,
            id,
            ApiKeyChanges {
                can_exec_cron: Some(true),
                notes: Some("cron box".to_owned()),
                ..ApiKeyChanges::default()
            },
        )
        .await
        .unwrap();
        assert!(changed.can_exec_cron && changed.can_create_tickets && changed.active);
        assert_eq!(changed.notes, "cron box");

        oxt_service::api_keys::delete(&ctx, &admin, id)
            .await
            .unwrap();
        assert_eq!(count(&db, "api_key").await, 0);
        let missing =
            oxt_service::api_keys::update(&ctx, &admin, id, ApiKeyChanges::default()).await;
        assert!(matches!(missing, Err(UpdateApiKeyError::NotFound(_))));
    }
);

db_test!(
    a_key_is_found_only_for_its_address_and_exact_spelling,
    |db| async move {
        let (ctx, admin) = desk(&db).await;
        let (id, key) = issue(&ctx, &admin, settings()).await;
        let check = |key: Option<String>, ip: &'static str, purpose| {
            let ctx = ctx.clone();
            async move { authorize(&ctx, key.as_deref(), ip, purpose).await }
        };

        let found = check(Some(key.clone()), CLIENT_IP, ApiPurpose::CreateTickets).await;
        assert_eq!(found.unwrap().id, id);
        for (sent, ip) in [
            (None, CLIENT_IP),
            (Some(String::new()), CLIENT_IP),
            (Some(key.to_lowercase()), CLIENT_IP),
            (Some(key.clone()), "203.0.113.10"),
        ] {
            let refused = check(sent.clone(), ip, ApiPurpose::CreateTickets).await;
            assert!(
                matches!(refused, Err(AuthorizeApiKeyError::NotRecognised)),
                "{sent:?} from {ip}: {refused:?}"
            );
        }
        let cron = check(Some(key.clone()), CLIENT_IP, ApiPurpose::ExecCron).await;
        assert!(matches!(cron, Err(AuthorizeApiKeyError::NotAllowed { .. })));

        oxt_service::api_keys::update(
            &ctx,
            &admin,
            id,
            ApiKeyChanges {
                active: Some(false),
                ..ApiKeyChanges::default()
            },
        )
        .await
        .unwrap();
        let inactive = check(Some(key), CLIENT_IP, ApiPurpose::CreateTickets).await;
        assert!(matches!(inactive, Err(AuthorizeApiKeyError::Inactive(found)) if found == id));
    }
);

db_test!(
    a_submission_opens_the_ticket_as_the_api_channel,
    |db| async move {
        let (ctx, admin) = desk(&db).await;
        let (id, key) = issue(&ctx, &admin, settings()).await;

        let ticket = submit_ticket(&ctx, id, &key, CLIENT_IP, example())
            .await
            .unwrap();

        let row = &select(
            &db,
            "number, source, ip_address",
            "ticket",
            &format!("ticket_id = {}", ticket.id.get()),
        )
        .await[0];
        assert_eq!(row["number"].as_deref(), Some(ticket.number.as_str()));
        assert_eq!(row["source"].as_deref(), Some("API"));
        assert_eq!(row["ip_address"].as_deref(), Some("123.211.233.122"));
        assert_eq!(count(&db, "syslog").await, 0);
    }
);

db_test!(
    an_invalid_submission_writes_nothing_and_names_osticket_keys_in_order,
    |db| async move {
        let (ctx, admin) = desk(&db).await;
        let (id, key) = issue(&ctx, &admin, settings()).await;
        let fields = select(
            &db,
            &format!("CAST(id AS {}) AS id, name", text_type(&db)),
            "form_field",
            "form_id = 2",
        )
        .await;
        let field = |name: &str| {
            fields
                .iter()
                .find(|row| row["name"].as_deref() == Some(name))
                .and_then(|row| row["id"].clone())
                .unwrap()
        };
        let (tickets, users) = (count(&db, "ticket").await, count(&db, "user").await);

        let refused = submit_ticket(
            &ctx,
            id,
            &key,
            CLIENT_IP,
            submission(&[("email", "api@example.com"), ("subject", " ")], None),
        )
        .await;

        let Err(SubmitTicketError::Invalid(problems)) = refused else {
            panic!("refused as invalid: {refused:?}");
        };
        let expected = [
            ("user", "Incomplete client information".to_owned()),
            (
                field("subject").as_str(),
                "Issue Summary is a required field".to_owned(),
            ),
            (
                field("message").as_str(),
                "Issue Details is a required field".to_owned(),
            ),
        ]
        .map(|(key, message)| FieldProblem {
            key: key.to_owned(),
            message,
        });
        assert_eq!(problems, expected);
        assert_eq!(count(&db, "ticket").await, tickets);
        assert_eq!(count(&db, "user").await, users);
    }
);

db_test!(
    unknown_keys_are_logged_as_errors_and_the_ticket_opened,
    |db| async move {
        let (ctx, admin) = desk(&db).await;
        let (id, key) = issue(&ctx, &admin, settings()).await;
        let mut sent = example();
        sent.values.push(("colour".to_owned(), "blue".to_owned()));
        sent.unexpected.push("attachments/0/colour".to_owned());

        submit_ticket(&ctx, id, &key, CLIENT_IP, sent)
            .await
            .unwrap();

        let log = select(&db, "log_type, title, log, ip_address", "syslog", "1 = 1").await;
        let logged: Vec<_> = log
            .iter()
            .map(|row| {
                (
                    row["log_type"].clone().unwrap(),
                    row["title"].clone().unwrap(),
                    row["log"].clone().unwrap(),
                )
            })
            .collect();
        assert_eq!(
            logged,
            [
                (
                    "Error".to_owned(),
                    "Unexpected Data (400)".to_owned(),
                    format!("colour: Unexpected data received in API request\n[{key}]\n")
                ),
                (
                    "Error".to_owned(),
                    "Unexpected Data (400)".to_owned(),
                    format!(
                        "attachments/0/colour: Unexpected data received in API request\n[{key}]\n"
                    )
                ),
            ]
        );
        assert_eq!(log[0]["ip_address"].as_deref(), Some(CLIENT_IP));
    }
);

db_test!(the_log_level_setting_keeps_warnings_out, |db| async move {
    let (mut ctx, _) = desk(&db).await;
    // The level is changed beside Oxticket below, as osTicket's admin panel
    // would; with no reference-cache TTL the next entry sees it at once.
    ctx.store = ctx.store.with_reference_ttl(std::time::Duration::ZERO);
    let warning = ApiLogEntry {
        status: 401,
        title: "API Error",
        message: "Valid API key required",
        level: LogLevel::Warning,
        sent_key: None,
        client_ip: CLIENT_IP,
    };
    record(&ctx, &warning).await.unwrap();
    assert_eq!(count(&db, "syslog").await, 1);

    let quote = if db.backend() == Backend::MySql {
        '`'
    } else {
        '"'
    };
    db.text_rows(&format!(
            "UPDATE {quote}{}{quote} SET value = '1' WHERE namespace = 'core' AND {quote}key{quote} = 'log_level'",
            table("config")
        ))
        .await;
    record(&ctx, &warning).await.unwrap();
    assert_eq!(count(&db, "syslog").await, 1, "errors only at level 1");
    record(
        &ctx,
        &ApiLogEntry {
            level: LogLevel::Error,
            ..warning
        },
    )
    .await
    .unwrap();
    assert_eq!(count(&db, "syslog").await, 2);
});
