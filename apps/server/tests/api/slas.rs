//! `/api/v2/slas` and `/api/v2/slas/{id}/due`.

use crate::helpers::{TestApp, assert_problem, spawn_app};
use serde_json::{Value, json};

/// The seeded administrator, and Alice, an agent who is not one.
const ADMIN: u32 = 1;
const AGENT: u32 = 2;

async fn delete(app: &TestApp, path: &str, token: &str) -> reqwest::Response {
    app.client
        .delete(app.url(path))
        .bearer_auth(token)
        .send()
        .await
        .expect("the request is sent")
}

fn fields(problem: &Value) -> Vec<(String, String)> {
    problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["field"].as_str().unwrap().to_owned(),
                e["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[tokio::test]
async fn an_administrator_creates_reads_changes_and_deletes_an_sla() {
    let app = spawn_app().await;
    let admin = app.token_for_staff(ADMIN);
    let response = app
        .post_json(
            "/api/v2/slas",
            &admin,
            &json!({ "name": "Gold", "grace_period": 4, "schedule_id": 3, "transient": true }),
        )
        .await;
    assert_eq!(response.status().as_u16(), 201);
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    let created: Value = response.json().await.unwrap();
    assert_eq!(location, format!("/api/v2/slas/{}", created["id"]));
    assert_eq!(created["grace_period"], 4);
    assert_eq!(created["schedule_id"], 3);
    assert_eq!(
        (
            &created["active"],
            &created["escalate"],
            &created["transient"]
        ),
        (&json!(true), &json!(false), &json!(true))
    );

    let agent = app.token_for_staff(AGENT);
    let read: Value = app.get(&location, &agent).await.json().await.unwrap();
    assert_eq!(read, created);

    let response = app
        .patch_json(
            &location,
            &admin,
            &json!({ "schedule_id": null, "no_alerts": true }),
        )
        .await;
    assert_eq!(response.status().as_u16(), 200);
    let changed: Value = response.json().await.unwrap();
    assert_eq!(changed["schedule_id"], Value::Null);
    assert_eq!(changed["no_alerts"], true);
    assert_eq!(changed["name"], "Gold");

    let list: Value = app.get("/api/v2/slas", &agent).await.json().await.unwrap();
    assert_eq!(list["items"].as_array().unwrap().len(), 2);

    assert_eq!(delete(&app, &location, &admin).await.status().as_u16(), 204);
    assert_problem(app.get(&location, &agent).await, 404, "sla-not-found").await;
}

#[tokio::test]
async fn invalid_sla_fields_are_each_named() {
    let app = spawn_app().await;
    let admin = app.token_for_staff(ADMIN);
    let problem = assert_problem(
        app.post_json(
            "/api/v2/slas",
            &admin,
            &json!({ "name": "default sla", "grace_period": 9000, "schedule_id": 4 }),
        )
        .await,
        422,
        "validation",
    )
    .await;
    assert_eq!(
        fields(&problem),
        [
            ("name".to_owned(), "taken".to_owned()),
            ("grace_period".to_owned(), "out-of-range".to_owned()),
            ("schedule_id".to_owned(), "invalid".to_owned()),
        ]
    );
    let problem = assert_problem(
        app.post_json("/api/v2/slas", &admin, &json!({ "name": "Gold" }))
            .await,
        422,
        "validation",
    )
    .await;
    assert_eq!(
        fields(&problem),
        [("grace_period".to_owned(), "required".to_owned())]
    );
    let problem = assert_problem(
        app.patch_json("/api/v2/slas/1", &admin, &json!({ "grace_period": 1.5 }))
            .await,
        422,
        "validation",
    )
    .await;
    assert_eq!(fields(&problem)[0].0, "grace_period");
    let list: Value = app.get("/api/v2/slas", &admin).await.json().await.unwrap();
    assert_eq!(
        list["items"].as_array().unwrap().len(),
        1,
        "nothing was written"
    );
}

#[tokio::test]
async fn sla_refusals_are_401_403_404_and_409() {
    let app = spawn_app().await;
    let response = app
        .client
        .get(app.url("/api/v2/slas"))
        .send()
        .await
        .unwrap();
    assert_problem(response, 401, "unauthorized").await;
    let agent = app.token_for_staff(AGENT);
    assert_problem(
        app.post_json(
            "/api/v2/slas",
            &agent,
            &json!({ "name": "Mine", "grace_period": 2 }),
        )
        .await,
        403,
        "forbidden",
    )
    .await;
    assert_problem(
        app.patch_json("/api/v2/slas/1", &agent, &json!({ "grace_period": 2 }))
            .await,
        403,
        "forbidden",
    )
    .await;
    assert_problem(
        delete(&app, "/api/v2/slas/1", &agent).await,
        403,
        "forbidden",
    )
    .await;
    let admin = app.token_for_staff(ADMIN);
    assert_problem(
        app.get("/api/v2/slas/77", &admin).await,
        404,
        "sla-not-found",
    )
    .await;
    assert_problem(
        delete(&app, "/api/v2/slas/1", &admin).await,
        409,
        "sla-is-default",
    )
    .await;
}

#[tokio::test]
async fn the_due_endpoint_answers_the_due_date_and_the_schedule_used() {
    let app = spawn_app().await;
    let agent = app.token_for_staff(AGENT);
    // FACTS.md: Saturday 23:32:49 UTC, 18 hours of Mon–Fri 08:00–17:00.
    let response = app
        .get("/api/v2/slas/1/due?from=2026-11-21T23:32:49Z", &agent)
        .await;
    assert_eq!(response.status().as_u16(), 200);
    let due: Value = response.json().await.unwrap();
    assert_eq!(
        due,
        json!({
            "sla_id": 1,
            "from": "2026-11-21T23:32:49Z",
            "due": "2026-11-24T17:00:00Z",
            "schedule_id": 1,
            "grace_period": 18,
        })
    );
    let offset: Value = app
        .get(
            "/api/v2/slas/1/due?from=2026-11-22T00:32:49%2B01:00",
            &agent,
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(offset["due"], "2026-11-24T17:00:00Z");
    let now: Value = app
        .get("/api/v2/slas/1/due", &agent)
        .await
        .json()
        .await
        .unwrap();
    assert!(now["due"].is_string());
    let problem = assert_problem(
        app.get("/api/v2/slas/1/due?from=yesterday", &agent).await,
        422,
        "validation",
    )
    .await;
    assert_eq!(problem["errors"][0]["field"], "from");
    assert_problem(
        app.get("/api/v2/slas/5/due", &agent).await,
        404,
        "sla-not-found",
    )
    .await;
}
