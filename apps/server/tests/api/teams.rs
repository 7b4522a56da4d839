//! `/api/v2/teams` over HTTP.

use crate::helpers::{assert_problem, spawn_app, spawn_app_with};
use oxt_testkit::TestDb;
use serde_json::{Value, json};

/// The demo desk's agents: `alice` (Support) and `bob` (Sales).
const ALICE: u32 = 2;
const BOB: u32 = 3;

async fn put_members(
    app: &crate::helpers::TestApp,
    token: &str,
    path: &str,
    body: Value,
) -> reqwest::Response {
    app.client
        .put(app.url(&format!("{path}/members")))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn an_administrator_builds_a_team_whose_lead_is_a_member() {
    let app = spawn_app().await;
    let token = app.login_as_admin().await;

    let refused = app
        .post_json(
            "/api/v2/teams",
            &token,
            &json!({ "name": "Night shift", "lead_id": BOB, "members": [{ "staff_id": ALICE }] }),
        )
        .await;
    let problem = assert_problem(refused, 422, "validation").await;
    assert_eq!(problem["errors"][0]["field"], "lead_id");

    let created = app
        .post_json(
            "/api/v2/teams",
            &token,
            &json!({
                "name": "Night shift", "lead_id": BOB, "noalerts": true,
                "members": [{ "staff_id": ALICE }, { "staff_id": BOB, "alerts": false }],
            }),
        )
        .await;
    assert_eq!(created.status().as_u16(), 201);
    let location = created.headers()["location"].to_str().unwrap().to_owned();
    let team: Value = created.json().await.unwrap();
    assert_eq!(location, format!("/api/v2/teams/{}", team["id"]));
    assert_eq!(team["lead_id"], BOB);
    assert_eq!(team["isenabled"], true);
    assert_eq!(team["noalerts"], true);
    assert_eq!(team["members"].as_array().unwrap().len(), 2);

    let taken = app
        .post_json("/api/v2/teams", &token, &json!({ "name": "night SHIFT" }))
        .await;
    let problem = assert_problem(taken, 422, "validation").await;
    assert_eq!(problem["errors"][0]["code"], "taken");

    let edited = app
        .patch_json(
            &location,
            &token,
            &json!({ "isenabled": false, "notes": "Weekends" }),
        )
        .await;
    assert_eq!(edited.status().as_u16(), 200);
    let edited: Value = edited.json().await.unwrap();
    assert_eq!(edited["isenabled"], false);
    assert_eq!(edited["lead_id"], BOB);

    // Dropping the lead from the members ends the lead.
    let replaced = put_members(
        &app,
        &token,
        &location,
        json!({ "items": [{ "staff_id": ALICE }] }),
    )
    .await;
    assert_eq!(replaced.status().as_u16(), 200);
    let replaced: Value = replaced.json().await.unwrap();
    assert_eq!(replaced["lead_id"], Value::Null);
    assert_eq!(replaced["members"][0]["staff_id"], ALICE);
    assert_eq!(replaced["members"][0]["username"], "alice");
    let unknown = put_members(
        &app,
        &token,
        &location,
        json!({ "items": [{ "staff_id": 999 }] }),
    )
    .await;
    let problem = assert_problem(unknown, 422, "validation").await;
    assert_eq!(problem["errors"][0]["field"], "items[0].staff_id");

    let bob = app.token_for_staff(BOB);
    let list: Value = app.get("/api/v2/teams", &bob).await.json().await.unwrap();
    assert_eq!(list["items"].as_array().unwrap().len(), 3);

    assert_eq!(app.delete(&location, &token).await.status().as_u16(), 204);
    assert_problem(app.get(&location, &token).await, 404, "team-not-found").await;
}

#[tokio::test]
async fn a_team_membership_changed_over_http_opens_the_team_s_ticket() {
    let db = TestDb::sqlite_file().await;
    let url = db.url().expect("a file database has a URL");
    let app = spawn_app_with(|settings| settings.database_url = url).await;
    let token = app.login_as_admin().await;
    let created = app
        .post_json(
            "/api/v2/tickets",
            &token,
            &json!({ "email": "ann@example.com", "name": "Ann", "subject": "Printer", "message": "It beeps." }),
        )
        .await;
    let ticket = created.json::<Value>().await.unwrap()["id"]
        .as_u64()
        .unwrap();
    let team: Value = app
        .post_json("/api/v2/teams", &token, &json!({ "name": "Printers" }))
        .await
        .json()
        .await
        .unwrap();
    let team_id = team["id"].as_u64().unwrap();
    let team_path = format!("/api/v2/teams/{team_id}");
    db.text_rows(&format!(
        "UPDATE {}ticket SET team_id = {team_id} WHERE ticket_id = {ticket}",
        oxt_store::table_prefix()
    ))
    .await;
    let bob = app.token_for_staff(BOB);
    let path = format!("/api/v2/tickets/{ticket}");
    assert_problem(app.get(&path, &bob).await, 404, "ticket-not-found").await;
    let joined = put_members(
        &app,
        &token,
        &team_path,
        json!({ "items": [{ "staff_id": BOB }] }),
    )
    .await;
    assert_eq!(joined.status().as_u16(), 200);
    assert_eq!(app.get(&path, &bob).await.status().as_u16(), 200);
    // Deleting the team takes the ticket off it, and Bob loses it again.
    assert_eq!(app.delete(&team_path, &token).await.status().as_u16(), 204);
    assert_problem(app.get(&path, &bob).await, 404, "ticket-not-found").await;
}
