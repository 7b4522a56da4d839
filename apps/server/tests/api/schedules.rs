//! `/api/v2/schedules` with their entries.

use crate::helpers::{TestApp, assert_problem, spawn_app};
use serde_json::{Value, json};

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

fn office() -> Value {
    json!({
        "name": "Berlin",
        "kind": "business_hours",
        "timezone": "Europe/Berlin",
        "holiday_schedule_ids": [4],
        "entries": [
            { "name": "Office", "repeats": "weekdays", "starts_on": "2026-01-05",
              "starts_at": "09:00:00", "ends_at": "17:00:00" },
            { "name": "Saturday", "repeats": "weekly", "day": 6, "starts_on": "2026-01-10",
              "starts_at": "10:00:00", "ends_at": "12:00:00", "stops_on": "2027-12-31" },
        ],
    })
}

#[tokio::test]
async fn an_administrator_creates_reads_replaces_and_deletes_a_schedule() {
    let app = spawn_app().await;
    let admin = app.token_for_staff(ADMIN);
    let response = app.post_json("/api/v2/schedules", &admin, &office()).await;
    assert_eq!(response.status().as_u16(), 201);
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    let created: Value = response.json().await.unwrap();
    assert_eq!(created["kind"], "business_hours");
    assert_eq!(created["holiday_schedule_ids"], json!([4]));
    assert_eq!(created["entries"][1]["day"], 6);
    assert_eq!(created["entries"][1]["stops_on"], "2027-12-31");
    assert_eq!(created["entries"][0]["all_day"], false);

    let agent = app.token_for_staff(AGENT);
    let read: Value = app.get(&location, &agent).await.json().await.unwrap();
    assert_eq!(read, created);

    let response = app
        .patch_json(
            &location,
            &admin,
            &json!({
                "timezone": null,
                "entries": [{ "name": "Every day", "repeats": "daily",
                              "starts_on": "2026-01-01", "all_day": true }],
            }),
        )
        .await;
    assert_eq!(response.status().as_u16(), 200);
    let replaced: Value = response.json().await.unwrap();
    assert_eq!(replaced["timezone"], Value::Null);
    assert_eq!(replaced["entries"].as_array().unwrap().len(), 1);
    assert_eq!(replaced["entries"][0]["all_day"], true);
    assert_eq!(replaced["entries"][0]["ends_at"], "23:59:59");

    let seeded: Value = app
        .get("/api/v2/schedules/1", &agent)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(seeded["holiday_schedule_ids"], json!([4]));
    assert_eq!(seeded["entries"].as_array().unwrap().len(), 5);
    let list: Value = app
        .get("/api/v2/schedules", &agent)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list["items"].as_array().unwrap().len(), 5);

    assert_eq!(delete(&app, &location, &admin).await.status().as_u16(), 204);
    assert_problem(app.get(&location, &agent).await, 404, "schedule-not-found").await;
}

#[tokio::test]
async fn invalid_entries_are_named_by_their_index() {
    let app = spawn_app().await;
    let admin = app.token_for_staff(ADMIN);
    let mut body = office();
    body["timezone"] = json!("Atlantis/Capital");
    body["entries"][1]["ends_at"] = json!("09:00:00");
    body["entries"]
        .as_array_mut()
        .unwrap()
        .push(json!({ "repeats": "never", "starts_on": "2026-12-24" }));
    let problem = assert_problem(
        app.post_json("/api/v2/schedules", &admin, &body).await,
        422,
        "validation",
    )
    .await;
    assert_eq!(problem["errors"][0]["field"], "entries[2].name");
    assert_eq!(problem["errors"][0]["code"], "required");

    body["entries"][2]["name"] = json!("Christmas Eve");
    let problem = assert_problem(
        app.post_json("/api/v2/schedules", &admin, &body).await,
        422,
        "validation",
    )
    .await;
    let named: Vec<&str> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(named, ["timezone", "entries[1].ends_at"]);

    let problem = assert_problem(
        app.post_json(
            "/api/v2/schedules",
            &admin,
            &json!({ "name": "x", "kind": "holidays",
                     "entries": [{ "name": "a", "repeats": "yearly", "starts_on": "2026-02-30" }] }),
        )
        .await,
        422,
        "validation",
    )
    .await;
    assert_eq!(problem["errors"][0]["field"], "entries[0].starts_on");

    let list: Value = app
        .get("/api/v2/schedules", &admin)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        list["items"].as_array().unwrap().len(),
        4,
        "nothing was written"
    );
}

#[tokio::test]
async fn a_business_schedule_with_no_business_time_is_422() {
    let app = spawn_app().await;
    let admin = app.token_for_staff(ADMIN);
    let mut body = office();
    body["entries"] = json!([{ "name": "Gone", "repeats": "daily", "starts_on": "2020-01-01",
                               "stops_on": "2020-12-31", "all_day": true }]);
    let problem = assert_problem(
        app.post_json("/api/v2/schedules", &admin, &body).await,
        422,
        "validation",
    )
    .await;
    assert_eq!(problem["errors"][0]["field"], "entries");
    assert_eq!(problem["errors"][0]["code"], "no-business-time");
}

#[tokio::test]
async fn schedule_refusals_are_401_403_404_and_409() {
    let app = spawn_app().await;
    let response = app
        .client
        .get(app.url("/api/v2/schedules"))
        .send()
        .await
        .unwrap();
    assert_problem(response, 401, "unauthorized").await;
    let agent = app.token_for_staff(AGENT);
    assert_problem(
        app.post_json("/api/v2/schedules", &agent, &office()).await,
        403,
        "forbidden",
    )
    .await;
    assert_problem(
        app.patch_json("/api/v2/schedules/1", &agent, &json!({ "name": "Mine" }))
            .await,
        403,
        "forbidden",
    )
    .await;
    assert_problem(
        delete(&app, "/api/v2/schedules/2", &agent).await,
        403,
        "forbidden",
    )
    .await;
    let admin = app.token_for_staff(ADMIN);
    assert_problem(
        app.get("/api/v2/schedules/99", &admin).await,
        404,
        "schedule-not-found",
    )
    .await;
    assert_problem(
        delete(&app, "/api/v2/schedules/1", &admin).await,
        409,
        "schedule-in-use",
    )
    .await;
}
