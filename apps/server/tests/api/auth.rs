//! `/api/v2/auth`: sign-in, refresh and sign-out over HTTP.

use crate::helpers::{ADMIN_PASSWORD, TestApp, assert_problem, spawn_app};
use reqwest::Response;
use serde_json::{Value, json};

async fn post(app: &TestApp, path: &str, body: &Value) -> Response {
    app.client
        .post(app.url(path))
        .json(body)
        .send()
        .await
        .expect("the request is sent")
}

async fn sign_in(app: &TestApp) -> Value {
    let response = post(
        app,
        "/api/v2/auth/login",
        &json!({ "username": "admin", "password": ADMIN_PASSWORD }),
    )
    .await;
    assert_eq!(response.status().as_u16(), 200);
    response.json().await.unwrap()
}

#[tokio::test]
async fn the_bootstrap_admin_signs_in_and_the_token_opens_the_api() {
    let app = spawn_app().await;

    let tokens = sign_in(&app).await;

    assert_eq!(tokens["token_type"], "Bearer");
    assert!(tokens["expires_in"].as_u64().unwrap() > 0);
    assert!(tokens["refresh_token"].as_str().unwrap().len() == 43);
    let access = tokens["access_token"].as_str().unwrap();
    let users = app.get("/api/v2/users", access).await;
    assert_eq!(users.status().as_u16(), 200);
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_user_are_both_401() {
    let app = spawn_app().await;

    let wrong = post(
        &app,
        "/api/v2/auth/login",
        &json!({ "username": "admin", "password": "guess" }),
    )
    .await;
    let unknown = post(
        &app,
        "/api/v2/auth/login",
        &json!({ "username": "nobody", "password": ADMIN_PASSWORD }),
    )
    .await;

    assert_problem(wrong, 401, "invalid-credentials").await;
    assert_problem(unknown, 401, "invalid-credentials").await;
}

#[tokio::test]
async fn missing_credentials_are_named() {
    let app = spawn_app().await;

    let response = post(&app, "/api/v2/auth/login", &json!({})).await;

    let problem = assert_problem(response, 422, "validation").await;
    assert_eq!(problem["errors"][0]["field"], "username");
    assert_eq!(problem["errors"][1]["field"], "password");
}

#[tokio::test]
async fn a_refresh_token_is_exchanged_once() {
    let app = spawn_app().await;
    let first = sign_in(&app).await;

    let rotated = post(
        &app,
        "/api/v2/auth/refresh",
        &json!({ "refresh_token": first["refresh_token"] }),
    )
    .await;
    assert_eq!(rotated.status().as_u16(), 200);
    let rotated: Value = rotated.json().await.unwrap();
    assert_ne!(rotated["refresh_token"], first["refresh_token"]);

    let reused = post(
        &app,
        "/api/v2/auth/refresh",
        &json!({ "refresh_token": first["refresh_token"] }),
    )
    .await;
    assert_problem(reused, 401, "invalid-refresh-token").await;
    let revoked_with_it = post(
        &app,
        "/api/v2/auth/refresh",
        &json!({ "refresh_token": rotated["refresh_token"] }),
    )
    .await;
    assert_problem(revoked_with_it, 401, "invalid-refresh-token").await;
}

#[tokio::test]
async fn after_logout_the_refresh_token_is_refused() {
    let app = spawn_app().await;
    let tokens = sign_in(&app).await;
    let body = json!({ "refresh_token": tokens["refresh_token"] });

    let logout = post(&app, "/api/v2/auth/logout", &body).await;
    let refresh = post(&app, "/api/v2/auth/refresh", &body).await;

    assert_eq!(logout.status().as_u16(), 204);
    assert_problem(refresh, 401, "invalid-refresh-token").await;
}

#[tokio::test]
async fn the_openapi_document_marks_the_auth_endpoints_public() {
    let app = spawn_app().await;

    let document: Value = app
        .client
        .get(app.url("/api/v2/openapi.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();

    for path in [
        "/api/v2/auth/login",
        "/api/v2/auth/refresh",
        "/api/v2/auth/logout",
    ] {
        assert_eq!(
            document["paths"][path]["post"]["security"],
            json!([{}]),
            "{path}"
        );
    }
    assert!(document["paths"]["/api/v2/users"]["post"]["security"].is_null());
}
