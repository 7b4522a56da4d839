//! `/api/v2/banlist` over HTTP.

use crate::helpers::{assert_problem, spawn_app};
use serde_json::{Value, json};

/// The demo desk's agent `bob` (Sales, not an administrator).
const AGENT: u32 = 3;

fn ticket(email: &str) -> Value {
    json!({ "email": email, "name": "Spam Sender", "subject": "Offer", "message": "Buy now." })
}

async fn banned(app: &crate::helpers::TestApp, token: &str) -> Vec<String> {
    let list: Value = app
        .get("/api/v2/banlist", token)
        .await
        .json()
        .await
        .unwrap();
    list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["email"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn a_banned_address_is_refused_until_it_is_removed() {
    let app = spawn_app().await;
    let token = app.login_as_admin().await;
    assert_eq!(banned(&app, &token).await, ["test@example.com"]);
    // The filters are compiled before the ban, so a stale set would let it in.
    let before = app
        .post_json("/api/v2/tickets", &token, &ticket("spam@example.org"))
        .await;
    assert_eq!(before.status().as_u16(), 201);

    let added = app
        .post_json(
            "/api/v2/banlist",
            &token,
            &json!({ "email": "Spam@Example.org", "notes": "offers" }),
        )
        .await;
    assert_eq!(added.status().as_u16(), 201);
    let location = added.headers()["location"].to_str().unwrap().to_owned();
    let ban: Value = added.json().await.unwrap();
    assert_eq!(ban["isactive"], true);
    assert_eq!(ban["notes"], "offers");
    assert_eq!(
        location,
        format!("/api/v2/banlist/{}", ban["email"].as_str().unwrap())
    );
    assert_eq!(banned(&app, &token).await.len(), 2);

    let tickets: Value = app
        .get("/api/v2/tickets", &token)
        .await
        .json()
        .await
        .unwrap();
    let rejected = assert_problem(
        app.post_json("/api/v2/tickets", &token, &ticket("spam@example.org"))
            .await,
        403,
        "ticket-rejected",
    )
    .await;
    assert!(
        rejected["detail"]
            .as_str()
            .unwrap()
            .contains("SYSTEM BAN LIST")
    );
    let after: Value = app
        .get("/api/v2/tickets", &token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(after["total"], tickets["total"], "nothing written");

    assert_problem(
        app.post_json(
            "/api/v2/banlist",
            &token,
            &json!({ "email": "spam@example.org" }),
        )
        .await,
        409,
        "already-banned",
    )
    .await;

    assert_eq!(
        app.delete("/api/v2/banlist/SPAM@example.org", &token)
            .await
            .status()
            .as_u16(),
        204
    );
    assert_eq!(banned(&app, &token).await, ["test@example.com"]);
    let accepted = app
        .post_json("/api/v2/tickets", &token, &ticket("spam@example.org"))
        .await;
    assert_eq!(accepted.status().as_u16(), 201);
    assert_problem(
        app.delete("/api/v2/banlist/spam@example.org", &token).await,
        404,
        "ban-not-found",
    )
    .await;
    assert_problem(
        app.delete("/api/v2/banlist/not-an-address", &token).await,
        404,
        "ban-not-found",
    )
    .await;
}

#[tokio::test]
async fn a_paused_ban_is_listed_but_bans_nobody() {
    let app = spawn_app().await;
    let token = app.token_for_staff(1);
    let paused: Value = app
        .post_json(
            "/api/v2/banlist",
            &token,
            &json!({ "email": "quiet@example.org", "isactive": false }),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(paused["isactive"], false);
    assert!(
        banned(&app, &token)
            .await
            .contains(&"quiet@example.org".to_owned())
    );
    let response = app
        .post_json("/api/v2/tickets", &token, &ticket("quiet@example.org"))
        .await;
    assert_eq!(response.status().as_u16(), 201);
}

#[tokio::test]
async fn bad_addresses_are_named_and_agents_are_refused() {
    let app = spawn_app().await;
    let token = app.token_for_staff(1);
    for (body, code) in [
        (json!({}), "required"),
        (json!({ "email": "spam.example" }), "invalid"),
    ] {
        let problem = assert_problem(
            app.post_json("/api/v2/banlist", &token, &body).await,
            422,
            "validation",
        )
        .await;
        assert_eq!(problem["errors"][0]["field"], "email");
        assert_eq!(problem["errors"][0]["code"], code);
    }
    let agent = app.token_for_staff(AGENT);
    assert_problem(app.get("/api/v2/banlist", &agent).await, 403, "forbidden").await;
    assert_problem(
        app.post_json(
            "/api/v2/banlist",
            &agent,
            &json!({ "email": "x@example.org" }),
        )
        .await,
        403,
        "forbidden",
    )
    .await;
    assert_problem(
        app.delete("/api/v2/banlist/test@example.com", &agent).await,
        403,
        "forbidden",
    )
    .await;
    assert_eq!(banned(&app, &token).await, ["test@example.com"]);
}
