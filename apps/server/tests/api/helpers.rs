//! `spawn_app()`: a server of its own on `127.0.0.1:0` over a fresh SQLite file.

use oxt_identity::Subject;
use oxt_ticket::ids::{StaffId, UserId};
use oxticket::settings::Settings;
use oxticket::startup::Application;
use reqwest::Response;
use serde_json::Value;
use std::path::PathBuf;

/// A running server and a client for it. The database file goes with it.
#[derive(Debug)]
pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    access_tokens: std::sync::Arc<oxt_identity::AccessTokens>,
    clock: std::sync::Arc<dyn oxt_service::Clock>,
    /// The server's own store, for set-up the API has no endpoint for.
    pub store: oxt_store::Store,
    database: PathBuf,
}

/// The password `spawn_app` gives the bootstrap `admin` agent.
pub const ADMIN_PASSWORD: &str = "Correct-Horse-Battery-9";

pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

/// Like [`spawn_app`], with the settings adjusted first.
pub async fn spawn_app_with(adjust: impl FnOnce(&mut Settings)) -> TestApp {
    let database = std::env::temp_dir().join(format!("oxt-api-{}.db", uuid::Uuid::new_v4()));
    let mut settings = Settings::defaults();
    settings.database_url = format!("sqlite://{}?mode=rwc", database.display());
    settings.http_addr = "127.0.0.1:0".parse().unwrap();
    settings.jwt_secret = Some("an-api-test-secret-of-at-least-32-bytes".into());
    settings.bootstrap_admin_password = Some(ADMIN_PASSWORD.into());
    settings.workers = Some(1);
    adjust(&mut settings);
    let app = Application::build(settings)
        .await
        .expect("the server starts");
    let address = format!("http://{}", app.address());
    let access_tokens = app.ctx().access_tokens.clone();
    let clock = app.ctx().clock.clone();
    let store = app.ctx().store.clone();
    tokio::spawn(app.run_until_stopped());
    TestApp {
        address,
        client: reqwest::Client::new(),
        access_tokens,
        clock,
        store,
        database,
    }
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    /// A valid access token for a staff member, without going through login.
    pub fn token_for_staff(&self, staff: u32) -> String {
        self.access_tokens
            .issue_access_token(Subject::Staff(StaffId::new(staff)), self.clock.now())
            .token
    }

    /// A valid access token for an end user, without going through sign-in.
    pub fn token_for_user(&self, user: u32) -> String {
        self.access_tokens
            .issue_access_token(Subject::User(UserId::new(user)), self.clock.now())
            .token
    }

    /// A well-signed access token for a staff member, issued a day ago and so
    /// long expired.
    pub fn expired_token_for_staff(&self, staff: u32) -> String {
        let issued = self.clock.now() - chrono::Duration::days(1);
        self.access_tokens
            .issue_access_token(Subject::Staff(StaffId::new(staff)), issued)
            .token
    }

    /// Signs in as the bootstrap `admin` through `POST /api/v2/auth/login`
    /// and answers the access token.
    pub async fn login_as_admin(&self) -> String {
        let response = self
            .client
            .post(self.url("/api/v2/auth/login"))
            .json(&serde_json::json!({ "username": "admin", "password": ADMIN_PASSWORD }))
            .send()
            .await
            .expect("the request is sent");
        assert_eq!(response.status().as_u16(), 200, "admin signs in");
        let body: Value = response.json().await.expect("a JSON token response");
        body["access_token"]
            .as_str()
            .expect("an access token")
            .to_owned()
    }

    pub async fn get(&self, path: &str, token: &str) -> Response {
        self.client
            .get(self.url(path))
            .bearer_auth(token)
            .send()
            .await
            .expect("the request is sent")
    }

    pub async fn post_json(&self, path: &str, token: &str, body: &Value) -> Response {
        self.client
            .post(self.url(path))
            .bearer_auth(token)
            .json(body)
            .send()
            .await
            .expect("the request is sent")
    }

    pub async fn patch_json(&self, path: &str, token: &str, body: &Value) -> Response {
        self.client
            .patch(self.url(path))
            .bearer_auth(token)
            .json(body)
            .send()
            .await
            .expect("the request is sent")
    }

    pub async fn delete(&self, path: &str, token: &str) -> Response {
        self.client
            .delete(self.url(path))
            .bearer_auth(token)
            .send()
            .await
            .expect("the request is sent")
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        for suffix in ["", "-wal", "-shm"] {
            let mut path = self.database.clone().into_os_string();
            path.push(suffix);
            let _ = std::fs::remove_file(path);
        }
    }
}

/// Asserts a problem response: its status, its content type and its `type` slug.
pub async fn assert_problem(response: Response, status: u16, slug: &str) -> Value {
    assert_eq!(
        response.status().as_u16(),
        status,
        "status of {}",
        response.url()
    );
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert_eq!(content_type, "application/problem+json");
    let body: Value = response.json().await.expect("a JSON problem body");
    assert_eq!(body["type"], format!("/problems/{slug}"), "problem {body}");
    body
}
