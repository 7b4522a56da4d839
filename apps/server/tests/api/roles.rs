//! `/api/v2/roles` over HTTP.

use crate::helpers::{assert_problem, spawn_app};
use serde_json::{Value, json};

/// The demo desk's agent `alice` (not an administrator).
const AGENT: u32 = 2;

#[tokio::test]
async fn an_administrator_creates_edits_and_deletes_a_role() {
    let app = spawn_app().await;
    let token = app.login_as_admin().await;

    let created = app
        .post_json(
            "/api/v2/roles",
            &token,
            &json!({ "name": "Triage", "notes": "First look", "permissions": ["ticket.assign", "ticket.reply"] }),
        )
        .await;
    assert_eq!(created.status().as_u16(), 201);
    let location = created.headers()["location"].to_str().unwrap().to_owned();
    let body: Value = created.json().await.unwrap();
    assert_eq!(location, format!("/api/v2/roles/{}", body["id"]));
    assert_eq!(body["enabled"], true);
    assert_eq!(
        body["permissions"],
        json!(["ticket.assign", "ticket.reply"])
    );
    let read: Value = app.get(&location, &token).await.json().await.unwrap();
    assert_eq!(read, body);

    let edited = app
        .patch_json(
            &location,
            &token,
            &json!({ "name": "Dispatch", "notes": null, "enabled": false, "permissions": ["ticket.close"] }),
        )
        .await;
    assert_eq!(edited.status().as_u16(), 200);
    let edited: Value = edited.json().await.unwrap();
    assert_eq!(edited["name"], "Dispatch");
    assert_eq!(edited["notes"], Value::Null);
    assert_eq!(edited["enabled"], false);
    assert_eq!(edited["permissions"], json!(["ticket.close"]));

    let list: Value = app.get("/api/v2/roles", &token).await.json().await.unwrap();
    let names: Vec<_> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|role| role["name"].as_str().unwrap().to_owned())
        .collect();
    assert!(names.contains(&"Dispatch".to_owned()), "{names:?}");

    let deleted = app.delete(&location, &token).await;
    assert_eq!(deleted.status().as_u16(), 204);
    assert_problem(app.get(&location, &token).await, 404, "role-not-found").await;
}

#[tokio::test]
async fn invalid_role_fields_are_named() {
    let app = spawn_app().await;
    let token = app.token_for_staff(1);

    let problem = assert_problem(
        app.post_json(
            "/api/v2/roles",
            &token,
            &json!({ "name": "All Access", "permissions": ["ticket.assign", "ticket.view", "user.create"] }),
        )
        .await,
        422,
        "validation",
    )
    .await;
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
    assert_eq!(
        named,
        [
            ("name".to_owned(), "taken".to_owned()),
            ("permissions[1]".to_owned(), "unknown".to_owned()),
            ("permissions[2]".to_owned(), "not-allowed".to_owned()),
        ]
    );

    let missing = assert_problem(
        app.post_json("/api/v2/roles", &token, &json!({})).await,
        422,
        "validation",
    )
    .await;
    assert_eq!(missing["errors"][0]["field"], "name");
    assert_eq!(missing["errors"][1]["field"], "permissions");

    let wrong_type = assert_problem(
        app.patch_json("/api/v2/roles/1", &token, &json!({ "enabled": "yes" }))
            .await,
        422,
        "validation",
    )
    .await;
    assert_eq!(wrong_type["errors"][0]["field"], "enabled");

    let list: Value = app.get("/api/v2/roles", &token).await.json().await.unwrap();
    assert_eq!(
        list["items"].as_array().unwrap().len(),
        4,
        "nothing written"
    );
}

#[tokio::test]
async fn a_role_in_use_is_not_deleted_and_unknown_roles_are_not_found() {
    let app = spawn_app().await;
    let token = app.token_for_staff(1);

    assert_problem(
        app.delete("/api/v2/roles/1", &token).await,
        409,
        "role-in-use",
    )
    .await;
    assert_problem(
        app.get("/api/v2/roles/999", &token).await,
        404,
        "role-not-found",
    )
    .await;
    assert_problem(
        app.patch_json("/api/v2/roles/999", &token, &json!({ "name": "X" }))
            .await,
        404,
        "role-not-found",
    )
    .await;
    assert_problem(
        app.delete("/api/v2/roles/999", &token).await,
        404,
        "role-not-found",
    )
    .await;
}

#[tokio::test]
async fn agents_read_roles_but_only_administrators_write_them() {
    let app = spawn_app().await;
    let agent = app.token_for_staff(AGENT);
    let end_user = app.token_for_user(1);

    let list = app.get("/api/v2/roles", &agent).await;
    assert_eq!(list.status().as_u16(), 200);
    let role = app.get("/api/v2/roles/1", &agent).await;
    assert_eq!(role.status().as_u16(), 200);
    let role: Value = role.json().await.unwrap();
    assert!(
        role["permissions"]
            .as_array()
            .unwrap()
            .contains(&json!("ticket.delete"))
    );

    let body = json!({ "name": "Rogue", "permissions": ["ticket.delete"] });
    assert_problem(
        app.post_json("/api/v2/roles", &agent, &body).await,
        403,
        "forbidden",
    )
    .await;
    assert_problem(
        app.patch_json("/api/v2/roles/4", &agent, &body).await,
        403,
        "forbidden",
    )
    .await;
    assert_problem(
        app.delete("/api/v2/roles/4", &agent).await,
        403,
        "forbidden",
    )
    .await;
    assert_problem(app.get("/api/v2/roles", &end_user).await, 403, "forbidden").await;
    assert_problem(
        app.get("/api/v2/roles/1", &end_user).await,
        403,
        "forbidden",
    )
    .await;
}

#[tokio::test]
async fn roles_need_a_token() {
    let app = spawn_app().await;

    let list = app
        .client
        .get(app.url("/api/v2/roles"))
        .send()
        .await
        .unwrap();
    let create = app
        .client
        .post(app.url("/api/v2/roles"))
        .json(&json!({ "name": "X", "permissions": ["ticket.reply"] }))
        .send()
        .await
        .unwrap();

    assert_problem(list, 401, "unauthorized").await;
    assert_problem(create, 401, "unauthorized").await;
}
