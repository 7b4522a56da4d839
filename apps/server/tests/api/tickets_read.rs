//! `GET /api/v2/tickets/{id}`, `/tickets/{id}/thread` and `/tickets`.

use crate::helpers::{TestApp, assert_problem, spawn_app};
use serde_json::{Value, json};

/// Opens a ticket through `POST /api/v2/tickets` and answers its id.
async fn open_ticket(app: &TestApp, token: &str, subject: &str) -> u64 {
    let response = app
        .post_json(
            "/api/v2/tickets",
            token,
            &json!({
                "email": "api@example.com",
                "name": "Angry User",
                "subject": subject,
                "message": "MESSAGE HERE",
            }),
        )
        .await;
    assert_eq!(response.status().as_u16(), 201);
    let body: Value = response.json().await.unwrap();
    body["id"].as_u64().expect("the created ticket has an id")
}

#[tokio::test]
async fn a_ticket_is_served_with_the_names_it_refers_to() {
    let app = spawn_app().await;
    let token = app.token_for_staff(1);
    let id = open_ticket(&app, &token, "Printer on fire").await;

    let response = app.get(&format!("/api/v2/tickets/{id}"), &token).await;

    assert_eq!(response.status().as_u16(), 200);
    let ticket: Value = response.json().await.unwrap();
    assert_eq!(ticket["id"], id);
    assert_eq!(ticket["subject"], "Printer on fire");
    assert!(ticket["number"].is_string(), "{ticket}");
    assert_eq!(
        ticket["status"],
        json!({"id": 1, "name": "Open", "state": "open"})
    );
    assert_eq!(ticket["dept"], json!({"id": 1, "name": "Support"}));
    assert_eq!(
        ticket["priority"],
        json!({"id": 2, "name": "Normal", "color": "#FFFFF0"})
    );
    assert_eq!(ticket["sla"]["name"], "Default SLA");
    assert_eq!(ticket["user"]["name"], "Angry User");
    assert_eq!(ticket["user"]["email"], "api@example.com");
    assert_eq!(ticket["topic"], Value::Null);
    assert_eq!(ticket["staff"], Value::Null);
    assert_eq!(ticket["team"], Value::Null);
    assert_eq!(ticket["source"], "API");
    assert_eq!(ticket["isoverdue"], false);
    assert_eq!(ticket["isanswered"], false);
    assert_eq!(ticket["closed"], Value::Null);
    assert!(
        ticket["created"]
            .as_str()
            .is_some_and(|at| at.ends_with('Z')),
        "{ticket}"
    );
    assert!(ticket["est_duedate"].is_string(), "{ticket}");
    assert_eq!(ticket["lastmessage"], ticket["created"]);
    assert_eq!(ticket["fields"], json!({}));
}

#[tokio::test]
async fn reading_a_ticket_needs_a_token() {
    let app = spawn_app().await;
    let response = app
        .client
        .get(app.url("/api/v2/tickets/1"))
        .send()
        .await
        .unwrap();
    assert_problem(response, 401, "unauthorized").await;
}

#[tokio::test]
async fn an_unknown_ticket_is_a_404_problem() {
    let app = spawn_app().await;
    let token = app.token_for_staff(1);

    assert_problem(
        app.get("/api/v2/tickets/424242", &token).await,
        404,
        "ticket-not-found",
    )
    .await;
    assert_problem(
        app.get("/api/v2/tickets/424242/thread", &token).await,
        404,
        "ticket-not-found",
    )
    .await;
}

#[tokio::test]
async fn the_thread_lists_the_opening_message_and_the_created_event() {
    let app = spawn_app().await;
    let token = app.token_for_staff(1);
    let id = open_ticket(&app, &token, "Printer on fire").await;

    let response = app
        .get(&format!("/api/v2/tickets/{id}/thread"), &token)
        .await;

    assert_eq!(response.status().as_u16(), 200);
    let thread: Value = response.json().await.unwrap();
    assert_eq!(thread["entries_total"], 1);
    let entry = &thread["entries"][0];
    assert_eq!(entry["type"], "M");
    assert_eq!(entry["body"], "MESSAGE HERE");
    assert_eq!(entry["format"], "text");
    assert_eq!(entry["poster"], "Angry User");
    assert!(entry["user_id"].is_u64(), "{entry}");
    assert_eq!(entry["staff_id"], Value::Null);
    assert_eq!(entry["pid"], Value::Null);
    let event = &thread["events"][0];
    assert_eq!(event["event"], "created");
    assert_eq!(event["annulled"], false);
    assert!(event["timestamp"].is_string(), "{event}");
}

#[tokio::test]
async fn thread_paging_rejects_a_page_zero() {
    let app = spawn_app().await;
    let token = app.token_for_staff(1);
    let id = open_ticket(&app, &token, "Printer on fire").await;

    let problem = assert_problem(
        app.get(&format!("/api/v2/tickets/{id}/thread?page=0"), &token)
            .await,
        422,
        "validation",
    )
    .await;
    assert_eq!(problem["errors"][0]["field"], "page");
}

#[tokio::test]
async fn the_list_pages_newest_first_with_the_total() {
    let app = spawn_app().await;
    let token = app.token_for_staff(1);
    let mut opened = Vec::new();
    for subject in ["First", "Second", "Third"] {
        opened.push(open_ticket(&app, &token, subject).await);
    }

    let response = app
        .get(
            "/api/v2/tickets?status=open&dept_id=1&sort=created&page=2&per_page=2",
            &token,
        )
        .await;

    assert_eq!(response.status().as_u16(), 200);
    let list: Value = response.json().await.unwrap();
    assert_eq!(list["total"], 3);
    assert_eq!(list["page"], 2);
    assert_eq!(list["per_page"], 2);
    let items = list["items"].as_array().unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["id"], opened[2]);
    assert_eq!(items[0]["status"]["state"], "open");
    assert!(items[0].get("fields").is_none(), "{}", items[0]);

    let searched: Value = app
        .get("/api/v2/tickets?q=second", &token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(searched["total"], 1);
    assert_eq!(searched["items"][0]["subject"], "Second");
    assert_eq!(searched["per_page"], 25);
}

#[tokio::test]
async fn invalid_list_parameters_are_each_named() {
    let app = spawn_app().await;
    let token = app.token_for_staff(1);

    let problem = assert_problem(
        app.get(
            "/api/v2/tickets?status=pending&dept_id=x&staff_id=0&user_id=-1&sort=subject&page=0&per_page=101",
            &token,
        )
        .await,
        422,
        "validation",
    )
    .await;

    let mut fields: Vec<&str> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|error| error["field"].as_str().unwrap())
        .collect();
    fields.sort_unstable();
    assert_eq!(
        fields,
        [
            "dept_id", "page", "per_page", "sort", "staff_id", "status", "user_id"
        ]
    );
}

#[tokio::test]
async fn a_per_page_above_100_is_rejected() {
    let app = spawn_app().await;
    let token = app.token_for_staff(1);

    let problem = assert_problem(
        app.get("/api/v2/tickets?per_page=101", &token).await,
        422,
        "validation",
    )
    .await;
    assert_eq!(problem["errors"][0]["field"], "per_page");
}

#[tokio::test]
async fn listing_tickets_needs_a_token() {
    let app = spawn_app().await;
    let response = app
        .client
        .get(app.url("/api/v2/tickets"))
        .send()
        .await
        .unwrap();
    assert_problem(response, 401, "unauthorized").await;
}
