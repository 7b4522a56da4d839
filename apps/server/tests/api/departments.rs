//! `/api/v2/departments` over HTTP.

use crate::helpers::{assert_problem, spawn_app};
use serde_json::{Value, json};

/// The demo desk's agent `bob` (Sales, not an administrator).
const AGENT: u32 = 3;

#[tokio::test]
async fn an_administrator_nests_moves_and_deletes_a_department() {
    let app = spawn_app().await;
    let token = app.login_as_admin().await;

    let created = app
        .post_json(
            "/api/v2/departments",
            &token,
            &json!({ "name": "Tier 2", "pid": 1, "flags": { "disable_auto_claim": true }, "member_alerts": "admin_only" }),
        )
        .await;
    assert_eq!(created.status().as_u16(), 201);
    let location = created.headers()["location"].to_str().unwrap().to_owned();
    let tier2: Value = created.json().await.unwrap();
    let id = tier2["id"].as_u64().unwrap();
    assert_eq!(location, format!("/api/v2/departments/{id}"));
    assert_eq!(tier2["path"], format!("/1/{id}/"));
    assert_eq!(tier2["full_name"], "Support / Tier 2");
    assert_eq!(tier2["flags"]["active"], true);
    assert_eq!(tier2["flags"]["disable_auto_claim"], true);
    assert_eq!(tier2["member_alerts"], "admin_only");
    assert_eq!(tier2["ispublic"], true);
    let child: Value = app
        .post_json(
            "/api/v2/departments",
            &token,
            &json!({ "name": "Hardware", "pid": id }),
        )
        .await
        .json()
        .await
        .unwrap();
    let child_id = child["id"].as_u64().unwrap();

    let moved = app
        .patch_json(&location, &token, &json!({ "pid": 2, "sla_id": 1 }))
        .await;
    assert_eq!(moved.status().as_u16(), 200);
    let moved: Value = moved.json().await.unwrap();
    assert_eq!(moved["path"], format!("/2/{id}/"));
    assert_eq!(moved["sla_id"], 1);
    assert_eq!(
        moved["flags"]["disable_auto_claim"], true,
        "absent fields keep their value"
    );
    let child: Value = app
        .get(&format!("/api/v2/departments/{child_id}"), &token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(child["path"], format!("/2/{id}/{child_id}/"));
    assert_eq!(child["full_name"], "Sales / Tier 2 / Hardware");

    let list: Value = app
        .get("/api/v2/departments", &token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list["items"].as_array().unwrap().len(), 5);

    assert_eq!(
        app.delete(&format!("/api/v2/departments/{child_id}"), &token)
            .await
            .status()
            .as_u16(),
        204
    );
    assert_problem(
        app.get(&format!("/api/v2/departments/{child_id}"), &token)
            .await,
        404,
        "department-not-found",
    )
    .await;
}

#[tokio::test]
async fn invalid_department_fields_are_named() {
    let app = spawn_app().await;
    let token = app.token_for_staff(1);
    let parent: Value = app
        .post_json("/api/v2/departments", &token, &json!({ "name": "Parent" }))
        .await
        .json()
        .await
        .unwrap();
    let child: Value = app
        .post_json(
            "/api/v2/departments",
            &token,
            &json!({ "name": "Child", "pid": parent["id"] }),
        )
        .await
        .json()
        .await
        .unwrap();

    let cycle = assert_problem(
        app.patch_json(
            &format!("/api/v2/departments/{}", parent["id"]),
            &token,
            &json!({ "pid": child["id"] }),
        )
        .await,
        422,
        "validation",
    )
    .await;
    assert_eq!(cycle["errors"][0]["field"], "pid");
    assert_eq!(cycle["errors"][0]["code"], "not-allowed");

    let unknown = assert_problem(
        app.post_json(
            "/api/v2/departments",
            &token,
            &json!({ "name": "Sales", "sla_id": 999, "flags": { "active": true, "archived": true } }),
        )
        .await,
        422,
        "validation",
    )
    .await;
    let mut named: Vec<(String, String)> = unknown["errors"]
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
            ("flags.archived".to_owned(), "not-allowed".to_owned()),
            ("name".to_owned(), "taken".to_owned()),
            ("sla_id".to_owned(), "unknown".to_owned()),
        ]
    );

    let bad_enum = assert_problem(
        app.post_json(
            "/api/v2/departments",
            &token,
            &json!({ "name": "X", "member_alerts": "everyone" }),
        )
        .await,
        422,
        "validation",
    )
    .await;
    assert_eq!(bad_enum["errors"][0]["field"], "member_alerts");

    let list: Value = app
        .get("/api/v2/departments", &token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        list["items"].as_array().unwrap().len(),
        5,
        "nothing written"
    );
}

#[tokio::test]
async fn the_default_department_and_one_with_agents_are_not_deleted() {
    let app = spawn_app().await;
    let token = app.token_for_staff(1);

    assert_problem(
        app.delete("/api/v2/departments/1", &token).await,
        409,
        "default-department",
    )
    .await;
    assert_problem(
        app.delete("/api/v2/departments/2", &token).await,
        409,
        "department-in-use",
    )
    .await;
    assert_problem(
        app.delete("/api/v2/departments/999", &token).await,
        404,
        "department-not-found",
    )
    .await;
    assert_problem(
        app.patch_json("/api/v2/departments/999", &token, &json!({ "name": "X" }))
            .await,
        404,
        "department-not-found",
    )
    .await;
}

#[tokio::test]
async fn agents_read_departments_but_only_administrators_write_them() {
    let app = spawn_app().await;
    let agent = app.token_for_staff(AGENT);
    let end_user = app.token_for_user(1);

    let list = app.get("/api/v2/departments", &agent).await;
    assert_eq!(list.status().as_u16(), 200);
    let sales: Value = app
        .get("/api/v2/departments/2", &agent)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(sales["name"], "Sales");

    let body = json!({ "name": "Rogue" });
    assert_problem(
        app.post_json("/api/v2/departments", &agent, &body).await,
        403,
        "forbidden",
    )
    .await;
    assert_problem(
        app.patch_json("/api/v2/departments/3", &agent, &body).await,
        403,
        "forbidden",
    )
    .await;
    assert_problem(
        app.delete("/api/v2/departments/3", &agent).await,
        403,
        "forbidden",
    )
    .await;
    assert_problem(
        app.get("/api/v2/departments", &end_user).await,
        403,
        "forbidden",
    )
    .await;

    let anonymous = app
        .client
        .get(app.url("/api/v2/departments"))
        .send()
        .await
        .unwrap();
    assert_problem(anonymous, 401, "unauthorized").await;
}
