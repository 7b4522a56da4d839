//! `/api/v2/api-keys`: administrators issue, read, change and delete the keys
//! of osTicket's v1 API.

use crate::helpers::{assert_problem, spawn_app};
use serde_json::{Value, json};

#[tokio::test]
async fn an_issued_key_is_at_its_location_in_osticket_format() {
    let app = spawn_app().await;
    let token = app.login_as_admin().await;

    let created = app
        .post_json(
            "/api/v2/api-keys",
            &token,
            &json!({ "ipaddr": "10.0.0.7", "notes": "shop integration" }),
        )
        .await;

    assert_eq!(created.status().as_u16(), 201);
    let location = created.headers()["location"].to_str().unwrap().to_owned();
    let body: Value = created.json().await.unwrap();
    assert_eq!(location, format!("/api/v2/api-keys/{}", body["id"]));
    let key = body["key"].as_str().unwrap();
    assert_eq!(key.len(), 32);
    assert!(
        key.bytes()
            .all(|b| b.is_ascii_digit() || (b'A'..=b'F').contains(&b)),
        "{key}"
    );
    assert_eq!(body["ipaddr"], "10.0.0.7");
    assert_eq!(body["isactive"], true);
    assert_eq!(body["can_create_tickets"], true);
    assert_eq!(body["can_exec_cron"], false);
    assert_eq!(body["notes"], "shop integration");

    let read: Value = app.get(&location, &token).await.json().await.unwrap();
    assert_eq!(read, body);
    let listed: Value = app
        .get("/api/v2/api-keys", &token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(listed, json!([body]));
}

#[tokio::test]
async fn a_key_changes_its_flags_and_notes_and_keeps_the_rest() {
    let app = spawn_app().await;
    let token = app.login_as_admin().await;
    let created: Value = app
        .post_json("/api/v2/api-keys", &token, &json!({ "ipaddr": "::1" }))
        .await
        .json()
        .await
        .unwrap();
    let location = format!("/api/v2/api-keys/{}", created["id"]);

    let changed = app
        .patch_json(
            &location,
            &token,
            &json!({ "isactive": false, "can_exec_cron": true, "notes": "paused" }),
        )
        .await;

    assert_eq!(changed.status().as_u16(), 200);
    let changed: Value = changed.json().await.unwrap();
    assert_eq!(changed["isactive"], false);
    assert_eq!(changed["can_exec_cron"], true);
    assert_eq!(changed["can_create_tickets"], true);
    assert_eq!(changed["notes"], "paused");
    assert_eq!(changed["key"], created["key"]);
    assert_eq!(changed["ipaddr"], "::1");
}

#[tokio::test]
async fn a_deleted_key_is_gone() {
    let app = spawn_app().await;
    let token = app.login_as_admin().await;
    let created: Value = app
        .post_json(
            "/api/v2/api-keys",
            &token,
            &json!({ "ipaddr": "127.0.0.1" }),
        )
        .await
        .json()
        .await
        .unwrap();
    let location = format!("/api/v2/api-keys/{}", created["id"]);

    let deleted = app
        .client
        .delete(app.url(&location))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();

    assert_eq!(deleted.status().as_u16(), 204);
    assert_problem(app.get(&location, &token).await, 404, "api-key-not-found").await;
    let again = app
        .client
        .delete(app.url(&location))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_problem(again, 404, "api-key-not-found").await;
}

#[tokio::test]
async fn an_address_that_is_not_one_is_a_422_naming_ipaddr() {
    let app = spawn_app().await;
    let token = app.login_as_admin().await;
    for ipaddr in ["", "10.0.0", "example.com", "10.0.0.0/8"] {
        let response = app
            .post_json("/api/v2/api-keys", &token, &json!({ "ipaddr": ipaddr }))
            .await;
        let problem = assert_problem(response, 422, "validation").await;
        assert_eq!(problem["errors"][0]["field"], "ipaddr", "{ipaddr}");
    }
    let listed: Value = app
        .get("/api/v2/api-keys", &token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(listed, json!([]));
}

#[tokio::test]
async fn only_administrators_manage_keys() {
    let app = spawn_app().await;
    let agent = app.token_for_staff(2);
    assert_problem(app.get("/api/v2/api-keys", &agent).await, 403, "forbidden").await;
    let response = app
        .post_json("/api/v2/api-keys", &agent, &json!({ "ipaddr": "10.0.0.1" }))
        .await;
    assert_problem(response, 403, "forbidden").await;
    assert_problem(
        app.get("/api/v2/api-keys/1", &agent).await,
        403,
        "forbidden",
    )
    .await;

    let anonymous = app
        .client
        .get(app.url("/api/v2/api-keys"))
        .send()
        .await
        .unwrap();
    assert_problem(anonymous, 401, "unauthorized").await;
}
