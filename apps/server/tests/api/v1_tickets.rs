//! osTicket's v1 API: `POST /api/tickets.json`, `/api/tickets.xml` and
//! `/api/tickets.email` with `X-API-Key`, answered with osTicket's
//! statuses, bodies and log rows.

use crate::helpers::{TestApp, spawn_app_with};
use oxt_testkit::TestDb;
use reqwest::Response;
use serde_json::{Value, json};

/// The test server's clients all come from here.
const CLIENT_IP: &str = "127.0.0.1";
const CONTENT_TYPE: &str = "text/html; charset=UTF-8";

/// A server over a SQLite file the test reads rows from.
struct Desk {
    app: TestApp,
    db: TestDb,
    admin: String,
}

async fn desk() -> Desk {
    let db = TestDb::sqlite_file().await;
    let url = db.url().expect("a file database");
    let app = spawn_app_with(move |settings| settings.database_url = url).await;
    let admin = app.login_as_admin().await;
    Desk { app, db, admin }
}

impl Desk {
    /// Issues a key through `/api/v2/api-keys` and answers it.
    async fn key(&self, settings: Value) -> String {
        let mut body = json!({ "ipaddr": CLIENT_IP });
        body.as_object_mut()
            .unwrap()
            .extend(settings.as_object().unwrap().clone());
        let created = self
            .app
            .post_json("/api/v2/api-keys", &self.admin, &body)
            .await;
        assert_eq!(created.status().as_u16(), 201);
        created.json::<Value>().await.unwrap()["key"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    async fn ticket_key(&self) -> String {
        self.key(json!({})).await
    }

    async fn post(
        &self,
        path: &str,
        key: Option<&str>,
        body: impl Into<reqwest::Body>,
    ) -> Response {
        let mut request = self.app.client.post(self.app.url(path)).body(body);
        if let Some(key) = key {
            request = request.header("X-API-Key", key);
        }
        request.send().await.expect("the request is sent")
    }

    async fn post_json(&self, key: &str, body: &Value) -> Response {
        self.post("/api/tickets.json", Some(key), body.to_string())
            .await
    }

    async fn rows(&self, sql: &str) -> Vec<std::collections::BTreeMap<String, Option<String>>> {
        self.db.text_rows(sql).await
    }

    async fn count(&self, table: &str) -> usize {
        let rows = self
            .rows(&format!("SELECT CAST(COUNT(*) AS TEXT) AS n FROM {table}"))
            .await;
        rows[0]["n"].clone().unwrap().parse().unwrap()
    }

    /// The syslog rows written so far: (level, title, message).
    async fn syslog(&self) -> Vec<(String, String, String)> {
        self.rows("SELECT log_type, title, log, ip_address FROM ost_syslog ORDER BY log_id")
            .await
            .into_iter()
            .map(|row| {
                assert_eq!(row["ip_address"].as_deref(), Some(CLIENT_IP));
                (
                    row["log_type"].clone().unwrap(),
                    row["title"].clone().unwrap(),
                    row["log"].clone().unwrap(),
                )
            })
            .collect()
    }

    async fn field_id(&self, name: &str) -> String {
        self.rows(&format!(
            "SELECT CAST(id AS TEXT) AS id FROM ost_form_field WHERE form_id = 2 AND name = '{name}'"
        ))
        .await[0]["id"]
            .clone()
            .unwrap()
    }

    /// The first message of the ticket numbered `number`: (body, format).
    async fn message(&self, number: &str) -> (String, String) {
        let row = &self
            .rows(&format!(
                "SELECT e.body, e.format FROM ost_thread_entry e \
                 JOIN ost_thread th ON th.id = e.thread_id AND th.object_type = 'T' \
                 JOIN ost_ticket t ON t.ticket_id = th.object_id WHERE t.number = '{number}'"
            ))
            .await[0];
        (row["body"].clone().unwrap(), row["format"].clone().unwrap())
    }

    /// `ost_ticket__cdata.priority` of the ticket numbered `number`.
    async fn priority(&self, number: &str) -> Option<String> {
        let id = self.ticket(number).await["ticket_id"].clone().unwrap();
        self.rows(&format!(
            "SELECT priority FROM ost_ticket__cdata WHERE ticket_id = {id}"
        ))
        .await[0]["priority"]
            .clone()
    }

    async fn ticket(&self, number: &str) -> std::collections::BTreeMap<String, Option<String>> {
        self.rows(&format!(
            "SELECT CAST(ticket_id AS TEXT) AS ticket_id, source, ip_address, \
             CAST(topic_id AS TEXT) AS topic_id FROM ost_ticket WHERE number = '{number}'"
        ))
        .await
        .remove(0)
    }
}

fn ticket() -> Value {
    json!({
        "alert": true,
        "autorespond": true,
        "source": "API",
        "name": "Angry User",
        "email": "api@example.com",
        "phone": "3185558634X123",
        "subject": "Testing API",
        "ip": "123.211.233.122",
        "message": "data:text/html,MESSAGE <b>HERE</b>",
    })
}

fn with(changes: Value) -> Value {
    let mut body = ticket();
    for (key, value) in changes.as_object().unwrap() {
        if value.is_null() {
            body.as_object_mut().unwrap().remove(key);
        } else {
            body[key] = value.clone();
        }
    }
    body
}

/// Asserts osTicket's plain-text answer and answers its body.
async fn assert_text(response: Response, status: u16) -> String {
    assert_eq!(response.status().as_u16(), status, "{}", response.url());
    let content_type = response.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_owned();
    assert_eq!(content_type, CONTENT_TYPE);
    response.text().await.unwrap()
}

/// A 201 whose body is the number of a ticket that exists.
async fn created(desk: &Desk, response: Response) -> String {
    let number = assert_text(response, 201).await;
    assert!(
        number.len() == 6 && number.bytes().all(|b| b.is_ascii_digit()),
        "a six-digit number, nothing else: {number:?}"
    );
    let stored = desk
        .rows(&format!(
            "SELECT number FROM ost_ticket WHERE number = '{number}'"
        ))
        .await;
    assert_eq!(stored.len(), 1, "ticket {number} exists");
    number
}

#[tokio::test]
async fn a_json_ticket_is_201_with_its_number_and_readable_through_v2() {
    let desk = desk().await;
    let key = desk.ticket_key().await;

    let number = created(&desk, desk.post_json(&key, &ticket()).await).await;

    let row = desk.ticket(&number).await;
    assert_eq!(row["source"].as_deref(), Some("API"));
    assert_eq!(row["ip_address"].as_deref(), Some("123.211.233.122"));
    let id = row["ticket_id"].clone().unwrap();
    let read = desk
        .app
        .get(&format!("/api/v2/tickets/{id}"), &desk.admin)
        .await;
    assert_eq!(read.status().as_u16(), 200);
    let read: Value = read.json().await.unwrap();
    assert_eq!(read["number"], number.as_str());
    assert_eq!(read["subject"], "Testing API");
    assert_eq!(read["source"], "API");
    assert_eq!(
        desk.message(&number).await,
        ("MESSAGE <b>HERE</b>".to_owned(), "html".to_owned())
    );
    assert!(desk.syslog().await.is_empty(), "nothing to log");
}

#[tokio::test]
async fn without_a_recognised_key_the_answer_is_401_and_logged() {
    let desk = desk().await;
    desk.key(json!({ "ipaddr": "10.9.8.7" })).await;
    let elsewhere = desk.rows("SELECT apikey FROM ost_api_key").await.remove(0)["apikey"]
        .clone()
        .unwrap();
    let tickets = desk.count("ost_ticket").await;

    let no_key = desk
        .post("/api/tickets.json", None, ticket().to_string())
        .await;
    assert_eq!(assert_text(no_key, 401).await, "Valid API key required");
    let unknown = desk
        .post_json("0123456789ABCDEF0123456789ABCDEF", &ticket())
        .await;
    assert_eq!(assert_text(unknown, 401).await, "Valid API key required");
    let wrong_ip = desk.post_json(&elsewhere, &ticket()).await;
    assert_eq!(assert_text(wrong_ip, 401).await, "Valid API key required");
    let other_case = desk.post_json(&elsewhere.to_lowercase(), &ticket()).await;
    assert_eq!(assert_text(other_case, 401).await, "Valid API key required");

    assert_eq!(desk.count("ost_ticket").await, tickets);
    let log = desk.syslog().await;
    assert_eq!(log.len(), 4);
    assert_eq!(
        log[0],
        (
            "Warning".to_owned(),
            "API Error (401)".to_owned(),
            "Valid API key required".to_owned()
        )
    );
    assert_eq!(
        log[1].2,
        "Valid API key required\n[0123456789ABCDEF0123456789ABCDEF]\n"
    );
}

#[tokio::test]
async fn an_inactive_key_and_a_key_without_the_right_are_refused() {
    let desk = desk().await;
    let inactive = desk.key(json!({ "isactive": false })).await;
    let no_tickets = desk.key(json!({ "can_create_tickets": false })).await;

    let response = desk.post_json(&inactive, &ticket()).await;
    assert_eq!(
        assert_text(response, 401).await,
        "API key not found/active or source IP not authorized"
    );
    let response = desk.post_json(&no_tickets, &ticket()).await;
    assert_eq!(assert_text(response, 401).await, "API key not authorized");

    assert_eq!(desk.count("ost_ticket").await, 0);
    let titles: Vec<_> = desk.syslog().await.into_iter().map(|row| row.1).collect();
    assert_eq!(titles, ["API Error (401)", "API Error (401)"]);
}

#[tokio::test]
async fn unreadable_bodies_are_400_with_the_parser_message() {
    let desk = desk().await;
    let key = desk.ticket_key().await;
    for body in ["", "{\"name\":", "not json"] {
        let response = desk.post("/api/tickets.json", Some(&key), body).await;
        assert_eq!(
            assert_text(response, 400).await,
            "Syntax error, malformed JSON",
            "{body:?}"
        );
    }
    let response = desk
        .post("/api/tickets.xml", Some(&key), "<ticket><name>")
        .await;
    let message = assert_text(response, 400).await;
    assert!(message.starts_with("XML error: "), "{message}");
    assert_eq!(desk.count("ost_ticket").await, 0);
    assert_eq!(desk.syslog().await[0].1, "API Error (400)");
}

#[tokio::test]
async fn missing_requester_subject_and_message_are_osticket_errors() {
    let desk = desk().await;
    let key = desk.ticket_key().await;
    let subject = desk.field_id("subject").await;
    let message = desk.field_id("message").await;
    let incomplete = "Unable to create new ticket :user\nIncomplete client information";
    let cases = [
        (json!({ "email": null }), incomplete.to_owned()),
        (json!({ "email": "not-an-address" }), incomplete.to_owned()),
        (json!({ "name": null }), incomplete.to_owned()),
        (json!({ "phone": "12" }), incomplete.to_owned()),
        (
            json!({ "subject": null }),
            format!("Unable to create new ticket :{subject}\nIssue Summary is a required field"),
        ),
        (
            json!({ "subject": "  <b></b> " }),
            format!("Unable to create new ticket :{subject}\nIssue Summary is a required field"),
        ),
        (
            json!({ "message": null }),
            format!("Unable to create new ticket :{message}\nIssue Details is a required field"),
        ),
        (
            json!({ "email": null, "subject": null, "message": "" }),
            format!(
                "Unable to create new ticket :user\nIncomplete client information\n\
                 {subject}\nIssue Summary is a required field\n\
                 {message}\nIssue Details is a required field"
            ),
        ),
    ];
    for (changes, expected) in &cases {
        let response = desk.post_json(&key, &with(changes.clone())).await;
        assert_eq!(&assert_text(response, 500).await, expected, "{changes}");
    }
    assert_eq!(desk.count("ost_ticket").await, 0);
    assert_eq!(desk.count("ost_user").await, 0, "no requester half-created");
    let log = desk.syslog().await;
    assert_eq!(log.len(), cases.len());
    assert_eq!(log[0].1, "API Error (500)");
    assert!(log[0].2.starts_with(incomplete), "{}", log[0].2);
}

#[tokio::test]
async fn a_known_requester_needs_no_name() {
    let desk = desk().await;
    let key = desk.ticket_key().await;
    created(&desk, desk.post_json(&key, &ticket()).await).await;

    let number = created(
        &desk,
        desk.post_json(&key, &with(json!({ "name": null, "phone": "x" })))
            .await,
    )
    .await;

    assert_eq!(desk.count("ost_user").await, 1);
    assert_eq!(desk.ticket(&number).await["source"].as_deref(), Some("API"));
}

#[tokio::test]
async fn an_empty_source_is_refused_before_anything_else() {
    let desk = desk().await;
    let key = desk.ticket_key().await;
    let subject = desk.field_id("subject").await;
    let response = desk
        .post_json(
            &key,
            &with(json!({ "source": "", "email": null, "subject": null })),
        )
        .await;
    assert_eq!(
        assert_text(response, 500).await,
        format!(
            "Unable to create new ticket :source\nIndicate ticket source\n\
             err\nMissing or invalid data \u{2014} Correct any errors below and try again\n\
             {subject}\nIssue Summary is a required field"
        )
    );
}

#[tokio::test]
async fn messages_are_read_as_osticket_reads_them() {
    let desk = desk().await;
    let key = desk.ticket_key().await;
    let cases = [
        ("MESSAGE <b>HERE</b>", "MESSAGE <b>HERE</b>", "text"),
        ("Grüße", "Grüße", "text"),
        ("data:text/plain,Grüße", "GrÃ¼Ã\u{9f}e", "text"),
        ("data:text/plain;charset=utf-8,Grüße", "Grüße", "text"),
        (
            "data:text/plain;base64,SGVsbG8gd29ybGQ=",
            "Hello world",
            "text",
        ),
        (
            "data:text/plain;charset=utf-8;base64,SGVsbG8gd29ybGQ=",
            "SGVsbG8gd29ybGQ=",
            "text",
        ),
        (
            "data:text/html;charset=utf-8,<p>Hi <script>x()</script>there</p>",
            "<p>Hi there</p>",
            "html",
        ),
        ("Thanks 😀!", "Thanks !", "text"),
    ];
    for (sent, stored, format) in cases {
        let number = created(
            &desk,
            desk.post_json(&key, &with(json!({ "message": sent })))
                .await,
        )
        .await;
        assert_eq!(
            desk.message(&number).await,
            (stored.to_owned(), format.to_owned()),
            "{sent}"
        );
    }
}

#[tokio::test]
async fn unknown_keys_are_logged_and_ignored() {
    let desk = desk().await;
    let key = desk.ticket_key().await;
    let body = with(
        json!({ "colour": "blue", "attachments": [{ "file.txt": "data:text/plain;charset=utf-8,content" }] }),
    );

    created(&desk, desk.post_json(&key, &body).await).await;

    assert_eq!(
        desk.syslog().await,
        [(
            "Error".to_owned(),
            "Unexpected Data (400)".to_owned(),
            format!("colour: Unexpected data received in API request\n[{key}]\n")
        )]
    );
}

#[tokio::test]
async fn custom_fields_are_answered_by_name_and_required_ones_enforced() {
    let desk = desk().await;
    let key = desk.ticket_key().await;
    desk.rows(
        "INSERT INTO ost_form_field (form_id, flags, type, label, name, sort, created, updated) \
         VALUES (2, 1025, 'text', 'Order Number', 'order_number', 9, '2026-11-21 00:00:00', '2026-11-21 00:00:00')",
    )
    .await;
    desk.rows("ALTER TABLE ost_ticket__cdata ADD COLUMN order_number TEXT")
        .await;
    let field = desk.field_id("order_number").await;
    // The field was added beside Oxticket, as osTicket's admin panel adds one:
    // the server sees it once its reference rows are older than their TTL.
    tokio::time::sleep(oxt_store::REFERENCE_DATA_TTL + std::time::Duration::from_millis(200)).await;

    let missing = desk.post_json(&key, &ticket()).await;
    assert_eq!(
        assert_text(missing, 500).await,
        format!("Unable to create new ticket :{field}\nOrder Number is a required field")
    );

    let number = created(
        &desk,
        desk.post_json(&key, &with(json!({ "order_number": " SO-1234 " })))
            .await,
    )
    .await;
    let id = desk.ticket(&number).await["ticket_id"].clone().unwrap();
    let cdata = desk
        .rows(&format!(
            "SELECT order_number FROM ost_ticket__cdata WHERE ticket_id = {id}"
        ))
        .await;
    assert_eq!(cdata[0]["order_number"].as_deref(), Some("SO-1234"));
}

#[tokio::test]
async fn topic_and_priority_are_taken_when_they_exist_and_ignored_otherwise() {
    let desk = desk().await;
    let key = desk.ticket_key().await;

    let routed = created(
        &desk,
        desk.post_json(&key, &with(json!({ "topicId": 2, "priorityId": "4" })))
            .await,
    )
    .await;
    let by_field = created(
        &desk,
        desk.post_json(&key, &with(json!({ "priority": "3" })))
            .await,
    )
    .await;
    let ignored = created(
        &desk,
        desk.post_json(&key, &with(json!({ "topicId": 999, "priorityId": 99 })))
            .await,
    )
    .await;

    assert_eq!(desk.ticket(&routed).await["topic_id"].as_deref(), Some("2"));
    assert_eq!(
        desk.ticket(&ignored).await["topic_id"].as_deref(),
        Some("0")
    );
    assert_eq!(desk.priority(&routed).await.as_deref(), Some("4"));
    assert_eq!(desk.priority(&by_field).await.as_deref(), Some("3"));
    assert_eq!(
        desk.priority(&ignored).await.as_deref(),
        Some("2"),
        "the default"
    );
}

#[tokio::test]
async fn an_xml_ticket_takes_its_attributes_and_children() {
    let desk = desk().await;
    let key = desk.ticket_key().await;
    let body = r#"<?xml version="1.0" encoding="UTF-8"?>
<ticket alert="false" autorespond="false" source="Phone">
    <name>Angry User</name>
    <email>api@example.com</email>
    <subject>Testing API</subject>
    <phone>318-555-8634X123</phone>
    <ip>10.1.2.3</ip>
    <message type="text/html"><![CDATA[MESSAGE <b>HERE</b>]]></message>
    <attachments><file name="file.txt" type="text/plain">content</file></attachments>
</ticket>"#;

    let number = created(&desk, desk.post("/api/tickets.xml", Some(&key), body).await).await;

    let row = desk.ticket(&number).await;
    assert_eq!(row["source"].as_deref(), Some("Phone"));
    assert_eq!(row["ip_address"].as_deref(), Some("10.1.2.3"));
    assert_eq!(
        desk.message(&number).await,
        ("MESSAGE <b>HERE</b>".to_owned(), "html".to_owned())
    );
    let phone = desk.rows("SELECT phone FROM ost_user__cdata").await;
    assert_eq!(phone[0]["phone"].as_deref(), Some("3185558634X123"));
    assert!(desk.syslog().await.is_empty());
}

#[tokio::test]
async fn urls_and_methods_osticket_does_not_serve_are_400() {
    let desk = desk().await;
    let key = desk.ticket_key().await;
    for path in [
        "/api/tickets.yaml",
        "/api/tickets",
        "/api/nothing",
        "/api/tasks/other",
    ] {
        let response = desk.post(path, Some(&key), ticket().to_string()).await;
        assert_eq!(
            assert_text(response, 400).await,
            "URL not supported",
            "{path}"
        );
    }
    let get = desk
        .app
        .client
        .get(desk.app.url("/api/tickets.json"))
        .send()
        .await
        .unwrap();
    assert_eq!(assert_text(get, 400).await, "URL not supported");
    assert!(
        desk.syslog().await.is_empty(),
        "the dispatcher logs nothing"
    );
    let v2 = desk
        .app
        .client
        .get(desk.app.url("/api/v2/nothing"))
        .send()
        .await
        .unwrap();
    assert_eq!(v2.status().as_u16(), 404, "/api/v2 keeps its own answers");
}

#[tokio::test]
async fn cron_runs_the_periodic_jobs_with_a_key_that_may_run_cron() {
    let desk = desk().await;
    let ticket_key = desk.ticket_key().await;
    let number = created(&desk, desk.post_json(&ticket_key, &ticket()).await).await;
    desk.rows(&format!(
        "UPDATE ost_ticket SET est_duedate = '2020-01-01 00:00:00' WHERE number = '{number}'"
    ))
    .await;
    let overdue = || async {
        desk.rows(&format!(
            "SELECT CAST(isoverdue AS TEXT) AS isoverdue FROM ost_ticket WHERE number = '{number}'"
        ))
        .await[0]["isoverdue"]
            .clone()
    };

    let refused = desk.post("/api/tasks/cron", Some(&ticket_key), "").await;
    assert_eq!(assert_text(refused, 401).await, "API key not authorized");
    let keyless = desk.post("/api/tasks/cron", None, "").await;
    assert_eq!(assert_text(keyless, 401).await, "Valid API key required");
    assert_eq!(overdue().await.as_deref(), Some("0"));

    let cron_key = desk
        .key(json!({ "can_create_tickets": false, "can_exec_cron": true }))
        .await;
    let ran = desk.post("/api/tasks/cron", Some(&cron_key), "").await;
    assert_eq!(assert_text(ran, 200).await, "Completed");
    assert_eq!(overdue().await.as_deref(), Some("1"));
}

/// A raw message as `api/pipe.php` posts it, with CRLF line ends.
fn email(from: &str, mid: &str, extra: &str) -> String {
    format!(
        "From: {from}\n\
         To: Support <support@example.com>\n\
         Subject: Printer on fire\n\
         Message-ID: {mid}\n\
         {extra}\
         Content-Type: text/plain; charset=utf-8\n\
         \n\
         The printer is on fire.\n"
    )
    .replace('\n', "\r\n")
}

#[tokio::test]
async fn a_piped_email_is_201_with_its_number_and_its_reply_and_repeat_answer_it_too() {
    let desk = desk().await;
    let key = desk.ticket_key().await;
    let first = email("Ann <ann@example.net>", "<pipe-1@example.net>", "");

    let number = created(
        &desk,
        desk.post("/api/tickets.email", Some(&key), first.clone())
            .await,
    )
    .await;
    assert_eq!(
        desk.ticket(&number).await["source"].as_deref(),
        Some("Email")
    );
    let stored = desk.rows("SELECT mid FROM ost_thread_entry_email").await;
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0]["mid"].as_deref(), Some("<pipe-1@example.net>"));

    let reply = email(
        "Ann <ann@example.net>",
        "<pipe-2@example.net>",
        "In-Reply-To: <pipe-1@example.net>\n",
    );
    let response = desk.post("/api/tickets.email", Some(&key), reply).await;
    assert_eq!(assert_text(response, 201).await, number);
    let response = desk.post("/api/tickets.email", Some(&key), first).await;
    assert_eq!(
        assert_text(response, 201).await,
        number,
        "a repeat answers its ticket"
    );

    assert_eq!(desk.count("ost_ticket").await, 1);
    assert_eq!(desk.count("ost_thread_entry").await, 2);
    assert!(desk.syslog().await.is_empty(), "nothing to log");
}

#[tokio::test]
async fn piped_email_refusals_are_osticket_answers_and_logged() {
    let desk = desk().await;
    let key = desk.ticket_key().await;
    let no_tickets = desk.key(json!({ "can_create_tickets": false })).await;
    let message = email("Ann <ann@example.net>", "<refused@example.net>", "");

    let response = desk.post("/api/tickets.email", None, message.clone()).await;
    assert_eq!(assert_text(response, 401).await, "Valid API key required");
    let response = desk
        .post("/api/tickets.email", Some(&no_tickets), message)
        .await;
    assert_eq!(assert_text(response, 401).await, "API key not authorized");

    let response = desk.post("/api/tickets.email", Some(&key), "").await;
    assert_eq!(assert_text(response, 400).await, "Email parse failed: []");

    let anonymous = "To: support@example.com\r\nSubject: x\r\n\r\nbody\r\n";
    let response = desk.post("/api/tickets.email", Some(&key), anonymous).await;
    assert_eq!(
        assert_text(response, 500).await,
        "Unable to create new ticket :user\nIncomplete client information"
    );

    // The fresh install bans test@example.com.
    let banned = email("Tester <test@example.com>", "<banned@example.com>", "");
    let response = desk.post("/api/tickets.email", Some(&key), banned).await;
    assert_eq!(
        assert_text(response, 403).await,
        "Unable to create new ticket :Ticket denied: test@example.com\n\nThis help desk is for use by authorized users only"
    );

    let get = desk
        .app
        .client
        .get(desk.app.url("/api/tickets.email"))
        .send()
        .await
        .unwrap();
    assert_eq!(assert_text(get, 400).await, "URL not supported");

    assert_eq!(desk.count("ost_ticket").await, 0);
    assert_eq!(desk.count("ost_thread_entry_email").await, 0);
    let titles: Vec<_> = desk.syslog().await.into_iter().map(|row| row.1).collect();
    assert_eq!(
        titles,
        [
            "API Error (401)",
            "API Error (401)",
            "API Error (400)",
            "API Error (500)",
            "API Error (403)",
        ]
    );
}
