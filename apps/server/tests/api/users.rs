//! `/api/v2/users`: create, read and search the user directory over HTTP.

use crate::helpers::{assert_problem, spawn_app};
use serde_json::{Value, json};

#[tokio::test]
async fn a_created_user_is_at_its_location() {
    let app = spawn_app().await;
    let token = app.login_as_admin().await;

    let created = app
        .post_json(
            "/api/v2/users",
            &token,
            &json!({ "email": "api@example.com", "name": "Angry User", "phone": "318-555-8634 x123" }),
        )
        .await;

    assert_eq!(created.status().as_u16(), 201);
    let location = created.headers()["location"].to_str().unwrap().to_owned();
    let body: Value = created.json().await.unwrap();
    assert_eq!(location, format!("/api/v2/users/{}", body["id"]));
    assert_eq!(body["email"], "api@example.com");
    assert_eq!(body["phone"], "3185558634X123");
    assert_eq!(body["org_id"], Value::Null);

    let read = app.get(&location, &token).await;
    assert_eq!(read.status().as_u16(), 200);
    let read: Value = read.json().await.unwrap();
    assert_eq!(read, body);
    assert!(read["created"].as_str().unwrap().ends_with('Z'));
}

#[tokio::test]
async fn the_directory_is_searched_a_page_at_a_time() {
    let app = spawn_app().await;
    let token = app.token_for_staff(1);
    for (email, name) in [
        ("wile@acme.com", "Wile E. Coyote"),
        ("road@runner.org", "Road Runner"),
        ("bugs@acme.com", "Bugs Bunny"),
    ] {
        let response = app
            .post_json(
                "/api/v2/users",
                &token,
                &json!({ "email": email, "name": name }),
            )
            .await;
        assert_eq!(response.status().as_u16(), 201);
    }

    let page: Value = app
        .get("/api/v2/users?q=ACME&page=2&per_page=1", &token)
        .await
        .json()
        .await
        .unwrap();

    assert_eq!(page["total"], 2);
    assert_eq!(page["page"], 2);
    assert_eq!(page["per_page"], 1);
    assert_eq!(page["items"][0]["name"], "Wile E. Coyote");
}

#[tokio::test]
async fn users_endpoints_need_a_token() {
    let app = spawn_app().await;

    let list = app
        .client
        .get(app.url("/api/v2/users"))
        .send()
        .await
        .unwrap();
    let create = app
        .client
        .post(app.url("/api/v2/users"))
        .json(&json!({ "email": "a@example.com", "name": "A" }))
        .send()
        .await
        .unwrap();

    assert_problem(list, 401, "unauthorized").await;
    assert_problem(create, 401, "unauthorized").await;
}

#[tokio::test]
async fn an_unknown_user_is_404() {
    let app = spawn_app().await;

    let response = app.get("/api/v2/users/4242", &app.token_for_staff(1)).await;

    assert_problem(response, 404, "user-not-found").await;
}

#[tokio::test]
async fn every_invalid_field_is_named_and_nothing_is_written() {
    let app = spawn_app().await;
    let token = app.token_for_staff(1);

    let response = app
        .post_json(
            "/api/v2/users",
            &token,
            &json!({ "email": "not-an-address", "name": "  ", "phone": "12" }),
        )
        .await;

    let problem = assert_problem(response, 422, "validation").await;
    let fields: Vec<&str> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|error| error["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["email", "name", "phone"]);
    let everyone: Value = app.get("/api/v2/users", &token).await.json().await.unwrap();
    assert_eq!(everyone["total"], 0);
}

#[tokio::test]
async fn a_missing_email_is_named() {
    let app = spawn_app().await;

    let response = app
        .post_json(
            "/api/v2/users",
            &app.token_for_staff(1),
            &json!({ "name": "No Address" }),
        )
        .await;

    let problem = assert_problem(response, 422, "validation").await;
    assert_eq!(problem["errors"][0]["field"], "email");
    assert_eq!(problem["errors"][0]["code"], "required");
}

#[tokio::test]
async fn an_address_already_used_is_a_conflict() {
    let app = spawn_app().await;
    let token = app.token_for_staff(1);
    app.post_json(
        "/api/v2/users",
        &token,
        &json!({ "email": "api@example.com", "name": "First" }),
    )
    .await;

    let again = app
        .post_json(
            "/api/v2/users",
            &token,
            &json!({ "email": "API@example.com", "name": "Second" }),
        )
        .await;

    assert_problem(again, 409, "user-email-taken").await;
}

#[tokio::test]
async fn a_bad_page_size_is_named() {
    let app = spawn_app().await;

    let response = app
        .get("/api/v2/users?per_page=500", &app.token_for_staff(1))
        .await;

    let problem = assert_problem(response, 422, "validation").await;
    assert_eq!(problem["errors"][0]["field"], "per_page");
}
