//! `POST /api/v2/tickets`, `POST /api/v2/tickets/{id}/thread` and `PATCH /api/v2/tickets/{id}`.

use crate::helpers::{TestApp, assert_problem, spawn_app, spawn_app_with};
use serde_json::{Value, json};

fn ticket_body() -> Value {
    json!({
        "email": "api@example.com",
        "name": "Angry User",
        "subject": "Testing API",
        "message": "MESSAGE <b>HERE</b>",
        "format": "html",
        "phone": "3185558634X123",
    })
}

/// The number of tickets and users the API lists.
async fn totals(app: &TestApp, token: &str) -> (Value, Value) {
    let tickets: Value = app
        .get("/api/v2/tickets", token)
        .await
        .json()
        .await
        .unwrap();
    let users: Value = app.get("/api/v2/users", token).await.json().await.unwrap();
    (tickets["total"].clone(), users["total"].clone())
}

async fn open(app: &TestApp, token: &str) -> u64 {
    let response = app
        .post_json("/api/v2/tickets", token, &ticket_body())
        .await;
    assert_eq!(response.status().as_u16(), 201);
    response.json::<Value>().await.unwrap()["id"]
        .as_u64()
        .unwrap()
}

#[tokio::test]
async fn creating_a_ticket_answers_201_with_its_location_and_body() {
    let app = spawn_app().await;
    let token = app.token_for_staff(1);
    let response = app
        .post_json("/api/v2/tickets", &token, &ticket_body())
        .await;
    assert_eq!(response.status().as_u16(), 201);
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    let ticket: Value = response.json().await.unwrap();
    assert_eq!(location, format!("/api/v2/tickets/{}", ticket["id"]));
    assert_eq!(ticket["subject"], "Testing API");
    assert_eq!(ticket["source"], "API");
    assert_eq!(ticket["ip_address"], "127.0.0.1");
    let fetched: Value = app.get(&location, &token).await.json().await.unwrap();
    assert_eq!(fetched["number"], ticket["number"]);
}

#[tokio::test]
async fn creating_a_ticket_without_a_token_is_401() {
    let app = spawn_app().await;
    let response = app
        .client
        .post(app.url("/api/v2/tickets"))
        .json(&ticket_body())
        .send()
        .await
        .unwrap();
    assert_problem(response, 401, "unauthorized").await;
}

#[tokio::test]
async fn each_bad_field_is_a_422_naming_it_and_nothing_is_written() {
    let app = spawn_app().await;
    let token = app.token_for_staff(1);
    let before = totals(&app, &token).await;
    let cases = [
        ("email", json!({"email": "not-an-address"})),
        ("email", json!({"email": null})),
        ("subject", json!({"subject": "   "})),
        ("subject", json!({"subject": "x".repeat(256)})),
        ("message", json!({"message": ""})),
        ("format", json!({"format": "markdown"})),
        ("source", json!({"source": "Fax"})),
        ("ip", json!({"ip": "not-an-ip"})),
        ("dept_id", json!({"dept_id": 99})),
        ("topic_id", json!({"topic_id": 99})),
        ("priority_id", json!({"priority_id": 99})),
        ("fields.nope", json!({"fields": {"nope": "x"}})),
        ("priority_id", json!({"priority_id": "high"})),
    ];
    for (field, change) in cases {
        let mut body = ticket_body();
        for (key, value) in change.as_object().unwrap() {
            body[key] = value.clone();
        }
        let response = app.post_json("/api/v2/tickets", &token, &body).await;
        let problem = assert_problem(response, 422, "validation").await;
        let named: Vec<&str> = problem["errors"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|error| error["field"].as_str())
            .collect();
        assert!(named.contains(&field), "{field}: {problem}");
    }
    assert_eq!(totals(&app, &token).await, before);
}

#[tokio::test]
async fn malformed_json_is_a_400() {
    let app = spawn_app().await;
    let response = app
        .client
        .post(app.url("/api/v2/tickets"))
        .bearer_auth(app.token_for_staff(1))
        .header("content-type", "application/json")
        .body("{\"email\":")
        .send()
        .await
        .unwrap();
    assert_problem(response, 400, "malformed-json").await;
}

#[tokio::test]
async fn a_body_over_the_limit_is_a_413() {
    let app = spawn_app_with(|settings| settings.max_body_bytes = 4096).await;
    let token = app.token_for_staff(1);
    let mut body = ticket_body();
    body["message"] = json!("x".repeat(8192));
    let response = app.post_json("/api/v2/tickets", &token, &body).await;
    assert_problem(response, 413, "body-too-large").await;
}

#[tokio::test]
async fn an_agent_posts_a_response_to_the_thread() {
    let app = spawn_app().await;
    let token = app.token_for_staff(1);
    let id = open(&app, &token).await;
    let response = app
        .post_json(
            &format!("/api/v2/tickets/{id}/thread"),
            &token,
            &json!({"type": "R", "body": "<p>On it</p><script>x()</script>", "format": "html"}),
        )
        .await;
    assert_eq!(response.status().as_u16(), 201);
    let entry: Value = response.json().await.unwrap();
    assert_eq!(entry["type"], "R");
    assert_eq!(entry["body"], "<p>On it</p>");
    assert_eq!(entry["ticket_id"], id);
    let ticket: Value = app
        .get(&format!("/api/v2/tickets/{id}"), &token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(ticket["isanswered"], true, "{ticket}");
}

#[tokio::test]
async fn an_agent_cannot_post_a_users_message() {
    let app = spawn_app().await;
    let token = app.token_for_staff(1);
    let id = open(&app, &token).await;
    let response = app
        .post_json(
            &format!("/api/v2/tickets/{id}/thread"),
            &token,
            &json!({"type": "M", "body": "hi"}),
        )
        .await;
    assert_problem(response, 403, "entry-type-not-allowed").await;
}

#[tokio::test]
async fn posting_to_an_unknown_ticket_is_a_404() {
    let app = spawn_app().await;
    let token = app.token_for_staff(1);
    let response = app
        .post_json(
            "/api/v2/tickets/9999/thread",
            &token,
            &json!({"type": "N", "body": "hi"}),
        )
        .await;
    assert_problem(response, 404, "ticket-not-found").await;
}

#[tokio::test]
async fn a_bad_entry_type_is_a_422() {
    let app = spawn_app().await;
    let token = app.token_for_staff(1);
    let id = open(&app, &token).await;
    let response = app
        .post_json(
            &format!("/api/v2/tickets/{id}/thread"),
            &token,
            &json!({"type": "X", "body": ""}),
        )
        .await;
    let problem = assert_problem(response, 422, "validation").await;
    assert_eq!(problem["errors"].as_array().unwrap().len(), 2, "{problem}");
}

#[tokio::test]
async fn patching_a_ticket_answers_the_edited_ticket() {
    let app = spawn_app().await;
    let token = app.token_for_staff(1);
    let id = open(&app, &token).await;
    let response = app
        .patch_json(
            &format!("/api/v2/tickets/{id}"),
            &token,
            &json!({"subject": "Printer on fire", "priority_id": 3}),
        )
        .await;
    assert_eq!(response.status().as_u16(), 200);
    let ticket: Value = response.json().await.unwrap();
    assert_eq!(ticket["subject"], "Printer on fire");
    assert_eq!(ticket["priority"]["id"], 3, "{ticket}");
}

#[tokio::test]
async fn patching_with_no_change_is_a_409_and_an_unknown_topic_a_422() {
    let app = spawn_app().await;
    let token = app.token_for_staff(1);
    let id = open(&app, &token).await;
    let path = format!("/api/v2/tickets/{id}");
    let same = app
        .patch_json(&path, &token, &json!({"subject": "Testing API"}))
        .await;
    assert_problem(same, 409, "nothing-changed").await;
    let unknown = app
        .patch_json(&path, &token, &json!({"topic_id": 99}))
        .await;
    assert_problem(unknown, 422, "validation").await;
    let missing = app
        .patch_json("/api/v2/tickets/9999", &token, &json!({"priority_id": 1}))
        .await;
    assert_problem(missing, 404, "ticket-not-found").await;
}

#[tokio::test]
async fn patching_transfers_sets_due_dates_closes_and_reopens() {
    let app = spawn_app().await;
    let token = app.token_for_staff(1);
    let id = open(&app, &token).await;
    let path = format!("/api/v2/tickets/{id}");
    let patch = |body: Value| {
        let (app, token, path) = (&app, &token, &path);
        async move {
            let response = app.patch_json(path, token, &body).await;
            assert_eq!(response.status().as_u16(), 200, "{body}");
            response.json::<Value>().await.unwrap()
        }
    };

    let due = patch(json!({"duedate": "2099-01-02T03:04:05Z"})).await;
    assert_eq!(due["duedate"], "2099-01-02T03:04:05Z", "{due}");

    let closed = patch(json!({"status_id": 3})).await;
    assert_eq!(closed["status"]["state"], "closed", "{closed}");
    assert_eq!(
        (&closed["duedate"], &closed["est_duedate"]),
        (&Value::Null, &Value::Null),
        "{closed}"
    );

    let reopened = patch(json!({"status_id": 1, "sla_id": null})).await;
    assert_eq!(reopened["status"]["state"], "open", "{reopened}");
    assert_eq!(reopened["est_duedate"], Value::Null, "no SLA, no clock");

    // Closing made the agent the assignee, so the ticket stays in sight in Sales.
    let moved = patch(json!({"dept_id": 2, "sla_id": 1})).await;
    assert_eq!(moved["dept"]["id"], 2, "{moved}");
    assert!(moved["est_duedate"].is_string(), "{moved}");
}

#[tokio::test]
async fn patching_routing_fields_names_each_bad_one() {
    let app = spawn_app().await;
    let token = app.token_for_staff(1);
    let id = open(&app, &token).await;
    let path = format!("/api/v2/tickets/{id}");
    for (body, field) in [
        (json!({"dept_id": 99}), "dept_id"),
        (json!({"sla_id": 99}), "sla_id"),
        (json!({"status_id": 99}), "status_id"),
        (json!({"status_id": 5}), "status_id"),
        (json!({"duedate": "2000-01-01T00:00:00Z"}), "duedate"),
        (json!({"duedate": "tomorrow"}), "duedate"),
    ] {
        let response = app.patch_json(&path, &token, &body).await;
        let status = response.status().as_u16();
        let problem: Value = response.json().await.unwrap();
        assert!(
            (400..500).contains(&status) && problem.to_string().contains(field),
            "{body}: {status} {problem}"
        );
    }
}
