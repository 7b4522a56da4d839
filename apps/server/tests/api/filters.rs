//! `/api/v2/filters` and `/api/v2/filters/test` over HTTP.

use crate::helpers::{TestApp, assert_problem, spawn_app};
use serde_json::{Value, json};

/// The demo desk's agent `bob` (Sales, not an administrator).
const AGENT: u32 = 3;

fn sales_filter() -> Value {
    json!({
        "name": "Sales leads",
        "execorder": 5,
        "target": "API",
        "rules": [
            { "what": "email", "how": "ends", "val": "@example.net" },
            { "what": "name", "how": "match", "val": "^pat" },
        ],
        "actions": [
            { "type": "dept", "configuration": { "dept_id": 2 } },
            { "type": "pri", "configuration": { "priority": 4 } },
        ],
        "notes": "From the web form",
    })
}

fn ticket(email: &str, subject: &str) -> Value {
    json!({ "email": email, "name": "Pat Sender", "subject": subject, "message": "The printer is on fire." })
}

async fn filter_count(app: &TestApp, token: &str) -> usize {
    let list: Value = app
        .get("/api/v2/filters", token)
        .await
        .json()
        .await
        .unwrap();
    list["items"].as_array().unwrap().len()
}

async fn ticket_total(app: &TestApp, token: &str) -> u64 {
    let list: Value = app
        .get("/api/v2/tickets", token)
        .await
        .json()
        .await
        .unwrap();
    list["total"].as_u64().unwrap()
}

/// Each invalid field of a refused filter, with its code, sorted.
fn named(problem: &Value) -> Vec<(String, String)> {
    let mut named: Vec<(String, String)> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["field"].as_str().unwrap().to_owned(),
                e["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    named.sort();
    named
}

#[tokio::test]
async fn an_administrator_creates_reads_lists_edits_and_deletes_a_filter() {
    let app = spawn_app().await;
    let token = app.login_as_admin().await;
    let before = filter_count(&app, &token).await;

    let created = app
        .post_json("/api/v2/filters", &token, &sales_filter())
        .await;
    assert_eq!(created.status().as_u16(), 201);
    let location = created.headers()["location"].to_str().unwrap().to_owned();
    let filter: Value = created.json().await.unwrap();
    let id = filter["id"].as_u64().unwrap();
    assert_eq!(location, format!("/api/v2/filters/{id}"));
    assert_eq!(filter["name"], "Sales leads");
    assert_eq!(filter["execorder"], 5);
    assert_eq!(filter["isactive"], true);
    assert_eq!(filter["match_all_rules"], false);
    assert_eq!(filter["stop_onmatch"], false);
    assert_eq!(filter["target"], "API");
    assert_eq!(filter["email_id"], Value::Null);
    assert_eq!(filter["notes"], "From the web form");
    assert_eq!(filter["rules"][0]["what"], "email");
    assert_eq!(filter["rules"][0]["how"], "ends");
    assert_eq!(filter["rules"][0]["val"], "@example.net");
    // A bare expression is stored as osTicket stores it.
    assert_eq!(filter["rules"][1]["val"], "/^pat/iu");
    assert_eq!(filter["actions"][0]["type"], "dept");
    assert_eq!(filter["actions"][0]["sort"], 1);
    assert_eq!(
        filter["actions"][0]["configuration"],
        json!({ "dept_id": 2 })
    );
    assert_eq!(
        filter["actions"][1]["configuration"],
        json!({ "priority": 4 })
    );

    let fetched: Value = app.get(&location, &token).await.json().await.unwrap();
    assert_eq!(fetched, filter);
    let list: Value = app
        .get("/api/v2/filters", &token)
        .await
        .json()
        .await
        .unwrap();
    let items = list["items"].as_array().unwrap();
    assert_eq!(items.len(), before + 1);
    assert!(items.iter().any(|item| item == &filter));
    assert!(
        items.iter().any(|item| item["name"] == "SYSTEM BAN LIST"),
        "the ban list is a filter too"
    );

    let edited = app
        .patch_json(
            &location,
            &token,
            &json!({
                "stop_onmatch": true,
                "match_all_rules": true,
                "actions": [{ "type": "reject" }],
                "notes": null,
            }),
        )
        .await;
    assert_eq!(edited.status().as_u16(), 200);
    let edited: Value = edited.json().await.unwrap();
    assert_eq!(edited["stop_onmatch"], true);
    assert_eq!(edited["match_all_rules"], true);
    assert_eq!(edited["notes"], Value::Null);
    assert_eq!(
        edited["name"], "Sales leads",
        "absent fields keep their value"
    );
    assert_eq!(edited["rules"].as_array().unwrap().len(), 2);
    assert_eq!(edited["actions"].as_array().unwrap().len(), 1);
    assert_eq!(edited["actions"][0]["type"], "reject");
    assert_eq!(edited["actions"][0]["configuration"], json!({}));

    assert_eq!(app.delete(&location, &token).await.status().as_u16(), 204);
    assert_problem(app.get(&location, &token).await, 404, "filter-not-found").await;
    assert_problem(app.delete(&location, &token).await, 404, "filter-not-found").await;
    assert_problem(
        app.patch_json(&location, &token, &json!({ "execorder": 2 }))
            .await,
        404,
        "filter-not-found",
    )
    .await;
    assert_eq!(filter_count(&app, &token).await, before);
}

#[tokio::test]
async fn every_invalid_field_is_named_and_nothing_is_written() {
    let app = spawn_app().await;
    let token = app.token_for_staff(1);
    let before = filter_count(&app, &token).await;

    let problem = assert_problem(
        app.post_json(
            "/api/v2/filters",
            &token,
            &json!({
                "name": "system ban list",
                "execorder": 0,
                "target": "Fax",
                "email_id": 77,
                "rules": [
                    { "what": "subject", "how": "equal", "val": "x" },
                    { "what": "email", "how": "is", "val": "x" },
                    { "what": "name", "how": "match", "val": "/(unclosed/" },
                    { "what": "name", "how": "match", "val": "/(a)\\1/" },
                    { "what": "email", "how": "contains", "val": " " },
                ],
                "actions": [
                    { "type": "forward", "configuration": {} },
                    { "type": "agent", "configuration": {} },
                    { "type": "dept", "configuration": "3" },
                ],
            }),
        )
        .await,
        422,
        "validation",
    )
    .await;
    assert_eq!(
        named(&problem),
        [
            ("actions[0].type", "unknown"),
            ("actions[1].configuration.staff_id", "required"),
            ("actions[2].configuration", "invalid"),
            ("email_id", "unknown"),
            ("execorder", "required"),
            ("name", "taken"),
            ("rules[0].what", "unknown"),
            ("rules[1].how", "unknown"),
            ("rules[2].val", "invalid"),
            ("rules[3].val", "invalid"),
            ("rules[4].val", "required"),
            ("target", "unknown"),
        ]
        .map(|(field, code)| (field.to_owned(), code.to_owned()))
    );
    let reason = |field: &str| {
        problem["errors"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["field"] == field)
            .unwrap()["message"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    assert!(
        reason("rules[3].val").contains("backreference"),
        "the reason a pattern cannot be translated is given: {}",
        reason("rules[3].val")
    );

    // Each action naming a row that does not exist names its key.
    let missing = assert_problem(
        app.post_json(
            "/api/v2/filters",
            &token,
            &json!({
                "name": "Missing rows",
                "execorder": 1,
                "target": "Any",
                "rules": [{ "what": "email", "how": "contains", "val": "@" }],
                "actions": [
                    { "type": "dept", "configuration": { "dept_id": 999 } },
                    { "type": "agent", "configuration": { "staff_id": 999 } },
                    { "type": "team", "configuration": { "team_id": 999 } },
                    { "type": "sla", "configuration": { "sla_id": 999 } },
                    { "type": "topic", "configuration": { "topic_id": 999 } },
                    { "type": "status", "configuration": { "status_id": 999 } },
                    { "type": "pri", "configuration": { "priority": 999 } },
                    { "type": "canned", "configuration": { "canned_id": 999 } },
                ],
            }),
        )
        .await,
        422,
        "validation",
    )
    .await;
    assert_eq!(
        named(&missing),
        [
            "actions[0].configuration.dept_id",
            "actions[1].configuration.staff_id",
            "actions[2].configuration.team_id",
            "actions[3].configuration.sla_id",
            "actions[4].configuration.topic_id",
            "actions[5].configuration.status_id",
            "actions[6].configuration.priority",
            "actions[7].configuration.canned_id",
        ]
        .map(|field| (field.to_owned(), "unknown".to_owned()))
    );

    // An edit is checked as a whole too, and changes nothing when refused.
    let saved: Value = app
        .post_json("/api/v2/filters", &token, &sales_filter())
        .await
        .json()
        .await
        .unwrap();
    let location = format!("/api/v2/filters/{}", saved["id"]);
    let refused = assert_problem(
        app.patch_json(
            &location,
            &token,
            &json!({ "name": "Renamed", "rules": [{ "what": "email", "how": "not_match", "val": "/(?<=x)y/" }] }),
        )
        .await,
        422,
        "validation",
    )
    .await;
    assert_eq!(refused["errors"][0]["field"], "rules[0].val");
    let unchanged: Value = app.get(&location, &token).await.json().await.unwrap();
    assert_eq!(unchanged, saved);

    // A field the body does not have is refused before anything is read.
    let unknown = assert_problem(
        app.post_json(
            "/api/v2/filters",
            &token,
            &json!({ "name": "X", "flags": 1 }),
        )
        .await,
        422,
        "validation",
    )
    .await;
    assert!(
        unknown["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("flags")
    );

    assert_eq!(filter_count(&app, &token).await, before + 1);
}

#[tokio::test]
async fn the_system_ban_list_is_neither_deleted_nor_renamed() {
    let app = spawn_app().await;
    let token = app.token_for_staff(1);
    let list: Value = app
        .get("/api/v2/filters", &token)
        .await
        .json()
        .await
        .unwrap();
    let ban_list = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|item| item["name"] == "SYSTEM BAN LIST")
        .unwrap()
        .clone();
    let location = format!("/api/v2/filters/{}", ban_list["id"]);
    assert_problem(app.delete(&location, &token).await, 409, "system-ban-list").await;
    let renamed = assert_problem(
        app.patch_json(&location, &token, &json!({ "name": "Old bans" }))
            .await,
        422,
        "validation",
    )
    .await;
    assert_eq!(renamed["errors"][0]["field"], "name");
    assert_eq!(renamed["errors"][0]["code"], "not-allowed");
}

#[tokio::test]
async fn agents_may_neither_read_nor_write_filters() {
    let app = spawn_app().await;
    let admin = app.token_for_staff(1);
    let agent = app.token_for_staff(AGENT);
    let before = filter_count(&app, &admin).await;
    for response in [
        app.get("/api/v2/filters", &agent).await,
        app.get("/api/v2/filters/1", &agent).await,
        app.post_json("/api/v2/filters", &agent, &sales_filter())
            .await,
        app.post_json(
            "/api/v2/filters/test",
            &agent,
            &json!({ "email": "a@example.com" }),
        )
        .await,
    ] {
        assert_problem(response, 403, "forbidden").await;
    }
    assert_eq!(filter_count(&app, &admin).await, before);
}

#[tokio::test]
async fn the_dry_run_answers_matches_rule_outcomes_and_the_plan_without_writing() {
    let app = spawn_app().await;
    let token = app.token_for_staff(1);
    let sales: Value = app
        .post_json("/api/v2/filters", &token, &sales_filter())
        .await
        .json()
        .await
        .unwrap();
    let urgent: Value = app
        .post_json(
            "/api/v2/filters",
            &token,
            &json!({
                "name": "Urgent",
                "execorder": 1,
                "target": "Any",
                "match_all_rules": true,
                "rules": [
                    { "what": "email", "how": "contains", "val": "@" },
                    { "what": "reply-to", "how": "equal", "val": "boss@example.org" },
                ],
                "actions": [
                    { "type": "noresp" },
                    { "type": "email", "configuration": { "recipients": "boss@example.org", "subject": "New: %{ticket.number}", "message": "<p>Look</p>" } },
                ],
            }),
        )
        .await
        .json()
        .await
        .unwrap();
    let filters_before = filter_count(&app, &token).await;
    let tickets_before = ticket_total(&app, &token).await;

    let response = app
        .post_json(
            "/api/v2/filters/test",
            &token,
            &json!({
                "email": "pat@example.net",
                "name": "Pat Sender",
                "subject": "Printer",
                "message": "It is on fire",
                "reply_to": "someone@example.org",
                "recipients": [{ "name": "Ops", "email": "ops@example.org" }],
            }),
        )
        .await;
    assert_eq!(response.status().as_u16(), 200);
    let run: Value = response.json().await.unwrap();
    assert_eq!(run["outcome"]["result"], "accepted");
    assert_eq!(run["target"], "API");
    let trace = |run: &Value, id: &Value| {
        run["filters"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| &f["id"] == id)
            .unwrap()
            .clone()
    };
    let sales_trace = trace(&run, &sales["id"]);
    assert_eq!(sales_trace["status"], "applied");
    assert_eq!(
        sales_trace["rules"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| (r["what"].as_str().unwrap(), r["holds"].as_bool().unwrap()))
            .collect::<Vec<_>>(),
        [("email", true), ("name", true)]
    );
    let urgent_trace = trace(&run, &urgent["id"]);
    assert_eq!(urgent_trace["status"], "not_matched");
    assert_eq!(urgent_trace["rules"][0]["holds"], true);
    assert_eq!(urgent_trace["rules"][1]["holds"], false);
    assert_eq!(
        run["plan"],
        json!([
            { "filter_id": sales["id"], "action_id": sales["actions"][0]["id"], "type": "dept", "configuration": { "dept_id": 2 } },
            { "filter_id": sales["id"], "action_id": sales["actions"][1]["id"], "type": "pri", "configuration": { "priority": 4 } },
        ])
    );
    assert_eq!(run["matched"][0]["filter_id"], sales["id"]);
    assert_eq!(run["after_create"]["plan"], json!([]));
    assert!(
        run["values"]
            .as_array()
            .unwrap()
            .iter()
            .any(|v| v["what"] == "reply-to" && v["value"] == "someone@example.org")
    );

    // With the Reply-To both rules of "Urgent" hold: it runs first, and its
    // e-mail is for after creation; an unsaved filter is tried as id 0.
    let run: Value = app
        .post_json(
            "/api/v2/filters/test",
            &token,
            &json!({
                "email": "pat@example.net",
                "name": "Pat Sender",
                "reply_to": "BOSS@example.org",
                "filter": {
                    "name": "Tried",
                    "execorder": 2,
                    "target": "API",
                    "stop_onmatch": true,
                    "rules": [{ "what": "reply-to", "how": "ends", "val": "example.org" }],
                    "actions": [{ "type": "sla", "configuration": { "sla_id": 1 } }],
                },
            }),
        )
        .await
        .json()
        .await
        .unwrap();
    let plan: Vec<(u64, &str)> = run["plan"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["filter_id"].as_u64().unwrap(),
                p["type"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        plan,
        [(urgent["id"].as_u64().unwrap(), "noresp"), (0, "sla")]
    );
    assert_eq!(trace(&run, &json!(0))["status"], "applied");
    assert_eq!(trace(&run, &sales["id"])["status"], "not_reached");
    assert_eq!(run["after_create"]["plan"][0]["type"], "email");
    assert_eq!(
        run["after_create"]["plan"][0]["configuration"]["recipients"],
        "boss@example.org"
    );

    // A banned sender is reported before any filter runs.
    let banned: Value = app
        .post_json(
            "/api/v2/filters/test",
            &token,
            &json!({ "email": "test@example.com" }),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(banned["outcome"]["result"], "banned");
    assert_eq!(banned["plan"], json!([]));

    // Bad input is named: the sender, a custom field the ticket form lacks,
    // a form key no rule could name, the channel, the tried filter's fields.
    let invalid = assert_problem(
        app.post_json(
            "/api/v2/filters/test",
            &token,
            &json!({ "email": "not an address", "form_fields": { "subject": "x" } }),
        )
        .await,
        422,
        "validation",
    )
    .await;
    assert_eq!(
        named(&invalid),
        [("email", "invalid"), ("form_fields.subject", "unknown")]
            .map(|(field, code)| (field.to_owned(), code.to_owned()))
    );
    let unknown = assert_problem(
        app.post_json(
            "/api/v2/filters/test",
            &token,
            &json!({ "email": "pat@example.net", "fields": { "serial": "SN-1" } }),
        )
        .await,
        422,
        "validation",
    )
    .await;
    assert_eq!(unknown["errors"][0]["field"], "fields.serial");
    let channel = assert_problem(
        app.post_json(
            "/api/v2/filters/test",
            &token,
            &json!({ "email": "pat@example.net", "channel": "fax" }),
        )
        .await,
        422,
        "validation",
    )
    .await;
    assert_eq!(channel["errors"][0]["field"], "channel");
    let draft = assert_problem(
        app.post_json(
            "/api/v2/filters/test",
            &token,
            &json!({
                "email": "pat@example.net",
                "filter": { "name": "Bad", "execorder": 1, "target": "Any", "rules": [{ "what": "name", "how": "match", "val": "/(a)\\1/" }] },
            }),
        )
        .await,
        422,
        "validation",
    )
    .await;
    assert_eq!(draft["errors"][0]["field"], "filter.rules[0].val");

    assert_eq!(filter_count(&app, &token).await, filters_before);
    assert_eq!(ticket_total(&app, &token).await, tickets_before);
}

#[tokio::test]
async fn the_dry_run_tests_the_subject_as_the_ticket_forms_field() {
    let app = spawn_app().await;
    let token = app.token_for_staff(1);
    // A subject rule names the ticket form's subject field, as osTicket's
    // editor offers it.
    let form = oxt_store::tickets::find_ticket_form(&app.store)
        .await
        .unwrap()
        .expect("a ticket form");
    let run: Value = app
        .post_json(
            "/api/v2/filters/test",
            &token,
            &json!({
                "channel": "web",
                "email": "pat@example.net",
                "subject": "URGENT: printer",
                "filter": {
                    "name": "Urgent subject",
                    "execorder": 1,
                    "target": "Web",
                    "rules": [{ "what": format!("field.{}", form.subject), "how": "match", "val": "/^urgent/i" }],
                    "actions": [{ "type": "pri", "configuration": { "priority": 4 } }],
                },
            }),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(run["target"], "Web");
    assert_eq!(run["plan"][0]["type"], "pri");
    assert_eq!(run["filters"][0]["rules"][0]["holds"], true);
}

#[tokio::test]
async fn a_filter_saved_over_http_acts_on_the_next_ticket() {
    let app = spawn_app().await;
    let token = app.token_for_staff(1);
    // Compile the filters once, so that a stale set would be served.
    let first = app
        .post_json(
            "/api/v2/tickets",
            &token,
            &ticket("pat@example.net", "Before"),
        )
        .await;
    assert_eq!(first.status().as_u16(), 201);
    let first: Value = first.json().await.unwrap();
    assert_ne!(first["priority"]["id"], 4);

    // Routing to Sales would hide the ticket from the administrator, who
    // works in Support; the priority shows the filter acted.
    let mut urgent = sales_filter();
    urgent["actions"] = json!([{ "type": "pri", "configuration": { "priority": 4 } }]);
    let filter: Value = app
        .post_json("/api/v2/filters", &token, &urgent)
        .await
        .json()
        .await
        .unwrap();
    let location = format!("/api/v2/filters/{}", filter["id"]);
    let routed: Value = app
        .post_json(
            "/api/v2/tickets",
            &token,
            &ticket("pat@example.net", "Routed"),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        routed["priority"]["id"], 4,
        "the new filter acted: {routed}"
    );

    let edited = app
        .patch_json(
            &location,
            &token,
            &json!({ "actions": [{ "type": "reject" }] }),
        )
        .await;
    assert_eq!(edited.status().as_u16(), 200);
    let total = ticket_total(&app, &token).await;
    let rejected = assert_problem(
        app.post_json(
            "/api/v2/tickets",
            &token,
            &ticket("pat@example.net", "Rejected"),
        )
        .await,
        403,
        "ticket-rejected",
    )
    .await;
    assert!(rejected["detail"].as_str().unwrap().contains("Sales leads"));
    assert_eq!(ticket_total(&app, &token).await, total, "nothing written");

    assert_eq!(app.delete(&location, &token).await.status().as_u16(), 204);
    let after = app
        .post_json(
            "/api/v2/tickets",
            &token,
            &ticket("pat@example.net", "After"),
        )
        .await;
    assert_eq!(after.status().as_u16(), 201);
    let after: Value = after.json().await.unwrap();
    assert_eq!(after["priority"], first["priority"]);
}
