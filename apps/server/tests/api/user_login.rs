//! `POST /api/v2/auth/user-login`: end users sign in with their osTicket
//! portal account.

use crate::helpers::{TestApp, assert_problem, spawn_app};
use chrono::Utc;
use oxt_identity::{BcryptCost, hash_password};
use oxt_store::users::{self, AccountStatus, NewUser, NewUserAccount};
use oxt_ticket::contact::{EmailAddress, PersonName};
use serde_json::{Value, json};

/// The bcrypt hash osTicket's installer stores for `Adm1nPassw0rd!`.
const OSTICKET_BCRYPT: &str = "$2a$08$7x8eRXe1ojNvSU5lZUUKDOQH531IavoEMeNhYwHymHCga7VBgsJbu";

/// Registers a user with a portal account (osTicket's own registration has
/// no endpoint here yet).
async fn portal_user(
    app: &TestApp,
    email: &str,
    username: &str,
    passwd: &str,
    status: AccountStatus,
) -> u32 {
    #[expect(clippy::disallowed_methods, reason = "a test's registration date")]
    let now = Utc::now();
    let tx = app.store.begin().await.unwrap();
    let user = users::find_or_create(
        &tx,
        &NewUser {
            email: EmailAddress::parse(email).unwrap(),
            name: PersonName::parse("Portal User").unwrap(),
            phone: None,
            notes: None,
        },
        now,
    )
    .await
    .unwrap();
    users::register_account(
        &tx,
        &NewUserAccount {
            user: user.id,
            username: Some(username.to_owned()),
            passwd: Some(passwd.to_owned()),
            backend: None,
            status,
        },
        now,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    user.id.get()
}

async fn user_login(app: &TestApp, username: &str, password: &str) -> reqwest::Response {
    app.client
        .post(app.url("/api/v2/auth/user-login"))
        .json(&json!({ "username": username, "password": password }))
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_client_signs_in_and_refreshes_as_an_end_user() {
    let app = spawn_app().await;
    let oxticket_hash = hash_password("Oxticket-own-1", BcryptCost::parse(4).unwrap()).unwrap();
    portal_user(
        &app,
        "osticket@example.com",
        "osticket",
        OSTICKET_BCRYPT,
        AccountStatus::CONFIRMED,
    )
    .await;
    portal_user(
        &app,
        "oxticket@example.com",
        "oxticket",
        &oxticket_hash,
        AccountStatus::CONFIRMED,
    )
    .await;

    for (username, password) in [
        ("osticket", "Adm1nPassw0rd!"),
        ("OXTICKET@example.com", "Oxticket-own-1"),
    ] {
        let response = user_login(&app, username, password).await;
        assert_eq!(response.status().as_u16(), 200, "{username}");
        assert_eq!(response.headers()["cache-control"], "no-store");
        let tokens: Value = response.json().await.unwrap();
        assert_eq!(tokens["token_type"], "Bearer");
        assert_eq!(tokens["password_change_required"], false);
        let access = tokens["access_token"].as_str().unwrap();

        // An end user's token is refused by the staff directory.
        assert_problem(app.get("/api/v2/users", access).await, 403, "forbidden").await;

        let refreshed = app
            .client
            .post(app.url("/api/v2/auth/refresh"))
            .json(&json!({ "refresh_token": tokens["refresh_token"] }))
            .send()
            .await
            .unwrap();
        assert_eq!(refreshed.status().as_u16(), 200);
    }
}

#[tokio::test]
async fn refused_client_sign_ins_answer_problems() {
    let app = spawn_app().await;
    portal_user(
        &app,
        "jo@example.com",
        "jo",
        OSTICKET_BCRYPT,
        AccountStatus::CONFIRMED,
    )
    .await;
    portal_user(
        &app,
        "new@example.com",
        "new",
        OSTICKET_BCRYPT,
        AccountStatus::default(),
    )
    .await;
    portal_user(
        &app,
        "locked@example.com",
        "locked",
        OSTICKET_BCRYPT,
        AccountStatus::CONFIRMED.with(AccountStatus::LOCKED),
    )
    .await;
    portal_user(
        &app,
        "reset@example.com",
        "reset",
        OSTICKET_BCRYPT,
        AccountStatus::CONFIRMED.with(AccountStatus::REQUIRE_PASSWD_RESET),
    )
    .await;

    assert_problem(
        user_login(&app, "jo", "wrong").await,
        401,
        "invalid-credentials",
    )
    .await;
    assert_problem(
        user_login(&app, "nobody", "Adm1nPassw0rd!").await,
        401,
        "invalid-credentials",
    )
    .await;
    assert_problem(
        user_login(&app, "new", "Adm1nPassw0rd!").await,
        403,
        "account-unconfirmed",
    )
    .await;
    assert_problem(
        user_login(&app, "locked", "Adm1nPassw0rd!").await,
        403,
        "account-locked",
    )
    .await;
    // A staff member's credentials are not a client's.
    assert_problem(
        user_login(&app, "admin", crate::helpers::ADMIN_PASSWORD).await,
        401,
        "invalid-credentials",
    )
    .await;
    let missing = app
        .client
        .post(app.url("/api/v2/auth/user-login"))
        .json(&json!({ "username": "jo" }))
        .send()
        .await
        .unwrap();
    let problem = assert_problem(missing, 422, "validation").await;
    assert_eq!(problem["errors"][0]["field"], "password");

    let reset: Value = user_login(&app, "reset", "Adm1nPassw0rd!")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(reset["password_change_required"], true);
}
