//! `/api/v2/staff` over HTTP.

use crate::helpers::{assert_problem, spawn_app};
use serde_json::{Value, json};

/// The demo desk's agent `bob` (Sales, Limited Access, not an administrator).
const BOB: u32 = 3;

#[tokio::test]
async fn an_administrator_creates_an_agent_who_signs_in_and_deletes_them() {
    let app = spawn_app().await;
    let token = app.login_as_admin().await;

    let created = app
        .post_json(
            "/api/v2/staff",
            &token,
            &json!({
                "username": "carol", "firstname": "Carol", "lastname": "Agent",
                "email": "carol@example.com", "dept_id": 3, "role_id": 1,
                "assigned_only": true, "permissions": ["user.dir"],
                "password": "Carol-Password-1",
            }),
        )
        .await;
    assert_eq!(created.status().as_u16(), 201);
    let location = created.headers()["location"].to_str().unwrap().to_owned();
    let text = created.text().await.unwrap();
    assert!(!text.contains("$2y$"), "no hash in {text}");
    let carol: Value = serde_json::from_str(&text).unwrap();
    assert!(carol.get("passwd").is_none() && carol.get("backend").is_none());
    let id = carol["id"].as_u64().unwrap();
    assert_eq!(location, format!("/api/v2/staff/{id}"));
    assert_eq!(carol["assigned_only"], true);
    assert_eq!(carol["permissions"], json!(["user.dir"]));
    assert_eq!(carol["departments"], json!([]));

    // The password set over the API is one osTicket's sign-in accepts.
    let login = app
        .client
        .post(app.url("/api/v2/auth/login"))
        .json(&json!({ "username": "carol", "password": "Carol-Password-1" }))
        .send()
        .await
        .unwrap();
    assert_eq!(login.status().as_u16(), 200);

    let edited = app
        .patch_json(
            &location,
            &token,
            &json!({ "lastname": "Lead", "onvacation": true }),
        )
        .await;
    assert_eq!(edited.status().as_u16(), 200);
    let edited: Value = edited.json().await.unwrap();
    assert_eq!(edited["lastname"], "Lead");
    assert_eq!(edited["firstname"], "Carol");
    assert_eq!(edited["onvacation"], true);

    let list: Value = app
        .get("/api/v2/staff?dept_id=3&q=carol", &token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list["total"], 1);
    assert_eq!(list["items"][0]["id"].as_u64(), Some(id));
    assert!(list["items"][0].get("departments").is_none());

    assert_eq!(app.delete(&location, &token).await.status().as_u16(), 204);
    assert_problem(app.get(&location, &token).await, 404, "staff-not-found").await;
    assert_problem(
        app.delete("/api/v2/staff/1", &token).await,
        409,
        "staff-own-account",
    )
    .await;
}

#[tokio::test]
async fn clashes_and_unknown_references_are_named() {
    let app = spawn_app().await;
    let token = app.login_as_admin().await;
    let response = app
        .post_json(
            "/api/v2/staff",
            &token,
            &json!({
                "username": "alice", "firstname": "A", "lastname": "B",
                "email": "BOB@example.com", "dept_id": 99, "role_id": 99,
            }),
        )
        .await;
    let problem = assert_problem(response, 422, "validation").await;
    let mut fields: Vec<(String, String)> = problem["errors"]
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
    fields.sort();
    assert_eq!(
        fields,
        [
            ("dept_id".to_owned(), "unknown".to_owned()),
            ("email".to_owned(), "taken".to_owned()),
            ("role_id".to_owned(), "unknown".to_owned()),
            ("username".to_owned(), "taken".to_owned()),
        ]
    );
    let response = app
        .patch_json("/api/v2/staff/1", &token, &json!({ "isadmin": false }))
        .await;
    let problem = assert_problem(response, 422, "validation").await;
    assert_eq!(problem["errors"][0]["field"], "isadmin");
    assert_problem(
        app.patch_json("/api/v2/staff/1", &token, &json!({ "passwd": "x" }))
            .await,
        422,
        "validation",
    )
    .await;
}

#[tokio::test]
async fn extended_access_changed_over_http_holds_from_the_next_request() {
    let app = spawn_app().await;
    let token = app.login_as_admin().await;
    let bob = app.token_for_staff(BOB);
    let created = app
        .post_json(
            "/api/v2/tickets",
            &token,
            &json!({ "email": "ann@example.com", "name": "Ann", "subject": "Printer", "message": "It beeps." }),
        )
        .await;
    assert_eq!(created.status().as_u16(), 201);
    let ticket = created.json::<Value>().await.unwrap()["id"]
        .as_u64()
        .unwrap();
    let path = format!("/api/v2/tickets/{ticket}");
    let access = format!("/api/v2/staff/{BOB}/departments");

    // Bob (Sales) does not see a Support ticket...
    assert_problem(app.get(&path, &bob).await, 404, "ticket-not-found").await;
    // ...until he is given access to Support, and not after it is taken away.
    let set = app
        .client
        .put(app.url(&access))
        .bearer_auth(&token)
        .json(&json!({ "items": [{ "dept_id": 1, "role_id": 3, "alerts": true }] }))
        .send()
        .await
        .unwrap();
    assert_eq!(set.status().as_u16(), 200);
    let set: Value = set.json().await.unwrap();
    assert_eq!(
        set["items"],
        json!([{ "dept_id": 1, "role_id": 3, "alerts": true }])
    );
    assert_eq!(app.get(&path, &bob).await.status().as_u16(), 200);
    let bob_view: Value = app
        .get(&format!("/api/v2/staff/{BOB}"), &token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(bob_view["departments"][0]["dept_id"], 1);
    assert_eq!(bob_view["teams"][0]["team_id"], 2);

    let cleared = app
        .client
        .put(app.url(&access))
        .bearer_auth(&token)
        .json(&json!({ "items": [] }))
        .send()
        .await
        .unwrap();
    assert_eq!(cleared.status().as_u16(), 200);
    assert_problem(app.get(&path, &bob).await, 404, "ticket-not-found").await;

    let refused = app
        .client
        .put(app.url(&access))
        .bearer_auth(&token)
        .json(&json!({ "items": [{ "dept_id": 2, "role_id": 1 }, { "dept_id": 7 }] }))
        .send()
        .await
        .unwrap();
    let problem = assert_problem(refused, 422, "validation").await;
    let fields: Vec<&str> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(
        fields,
        ["items[0].dept_id", "items[1].dept_id", "items[1].role_id"]
    );
}
