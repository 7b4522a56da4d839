//! The authorization matrix: every `/api/v2` operation the served OpenAPI
//! document lists × every kind of caller, each cell the exact status.
//!
//! A new operation without a row fails
//! `every_operation_answers_every_caller_as_the_matrix_says`. Adding rows:
//! [`Row::cells`] spells out the 16 statuses (columns in [`Who::ALL`]
//! order); [`Row::admin_only`] is an administrator's configuration endpoint
//! (admin: the given status; any other staff member or end user: 403; no or
//! expired token: 401); [`Row::staff_only`] is a read any staff member may
//! make; [`Row::public`] answers every caller alike (sign-in). `{who}` in a
//! body becomes the caller's name, so that writes do not collide.

mod desk;

use desk::{Desk, OWNER_EMAIL, Who};
use reqwest::Method;
use serde_json::{Value, json};
use std::collections::BTreeSet;

/// One operation called one way, and what each caller gets.
struct Row {
    method: Method,
    /// The path as the OpenAPI document writes it.
    operation: &'static str,
    /// The path called.
    path: String,
    body: Option<Value>,
    expect: [u16; 16],
}

impl Row {
    fn cells(
        method: Method,
        operation: &'static str,
        path: impl Into<String>,
        body: Option<Value>,
        expect: [u16; 16],
    ) -> Self {
        Self {
            method,
            operation,
            path: path.into(),
            body,
            expect,
        }
    }

    fn by_kind(
        method: Method,
        operation: &'static str,
        path: impl Into<String>,
        body: Option<Value>,
        status: impl Fn(Who) -> u16,
    ) -> Self {
        Self::cells(method, operation, path, body, Who::ALL.map(status))
    }

    /// An administrator's endpoint: `ok` for the administrator, 403 for
    /// every other authenticated caller.
    fn admin_only(
        method: Method,
        operation: &'static str,
        path: impl Into<String>,
        body: Option<Value>,
        ok: u16,
    ) -> Self {
        Self::by_kind(method, operation, path, body, |who| match who {
            Who::Admin => ok,
            Who::NoToken | Who::ExpiredToken => 401,
            _ => 403,
        })
    }

    /// A staff member's read: `ok` for every staff member, 403 for end users.
    fn staff_only(
        method: Method,
        operation: &'static str,
        path: impl Into<String>,
        body: Option<Value>,
        ok: u16,
    ) -> Self {
        Self::by_kind(method, operation, path, body, |who| match who {
            Who::NoToken | Who::ExpiredToken => 401,
            who if who.is_staff() => ok,
            _ => 403,
        })
    }

    /// An endpoint that needs no token and answers everybody alike.
    fn public(
        method: Method,
        operation: &'static str,
        path: impl Into<String>,
        body: Option<Value>,
        status: u16,
    ) -> Self {
        Self::by_kind(method, operation, path, body, |_| status)
    }
}

const GET: Method = Method::GET;
const POST: Method = Method::POST;
const PATCH: Method = Method::PATCH;
const PUT: Method = Method::PUT;
const DELETE: Method = Method::DELETE;

fn rows(desk: &Desk) -> Vec<Row> {
    let t = desk.ticket;
    let ticket = format!("/api/v2/tickets/{t}");
    let thread = format!("/api/v2/tickets/{t}/thread");
    let permissions = format!("/api/v2/tickets/{t}/permissions");
    let entry = |kind: &str| Some(json!({ "type": kind, "body": "From {who}" }));
    let seen = |who: Who, ok: u16| match who {
        Who::NoToken | Who::ExpiredToken => 401,
        who if who.sees_the_ticket() => ok,
        _ => 404,
    };
    #[rustfmt::skip]
    let rows = vec![
        //                                                                      adm  mgr  full ro   ao   ext  oth  team ref  own  orgY orgN col  str  none exp
        Row::cells(GET, "/api/v2/tickets", "/api/v2/tickets?per_page=100", None, [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 401, 401]),
        // Opening a ticket: the role of the department (Support) must grant
        // ticket.create, where having no role there grants it (osTicket's
        // fallback); end users open tickets for their own address only.
        Row::cells(POST, "/api/v2/tickets", "/api/v2/tickets", Some(json!({
            "email": OWNER_EMAIL, "name": "Owner", "subject": "Opened by {who}", "message": "Hello",
        })),                                                                     [201, 201, 201, 403, 201, 201, 201, 201, 201, 201, 403, 403, 403, 403, 401, 401]),
        Row::by_kind(GET, "/api/v2/tickets/{id}", ticket.clone(), None, |who| seen(who, 200)),
        Row::by_kind(GET, "/api/v2/tickets/{id}/thread", thread.clone(), None, |who| seen(who, 200)),
        Row::by_kind(GET, "/api/v2/tickets/{id}/permissions", permissions.clone(), None, |who| seen(who, 200)),
        // On behalf of a staff member: administrators only.
        Row::cells(GET, "/api/v2/tickets/{id}/permissions", format!("{permissions}?staff_id={}", desk.full_role.get()), None,
                                                                                 [200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401, 401]),
        // A response needs ticket.reply in the ticket's department (or, on a
        // ticket assigned to the agent or their team, the primary role); end
        // users who see the ticket post messages only.
        Row::cells(POST, "/api/v2/tickets/{id}/thread", thread.clone(), entry("R"), [201, 403, 201, 403, 404, 403, 404, 201, 403, 403, 403, 404, 403, 404, 401, 401]),
        Row::cells(POST, "/api/v2/tickets/{id}/thread", thread.clone(), entry("M"), [403, 403, 403, 403, 404, 403, 404, 403, 403, 201, 201, 404, 201, 404, 401, 401]),
        Row::cells(POST, "/api/v2/tickets/{id}/thread", thread.clone(), entry("N"), [201, 201, 201, 201, 404, 201, 404, 201, 201, 403, 403, 404, 403, 404, 401, 401]),
        Row::cells(PATCH, "/api/v2/tickets/{id}", ticket.clone(), Some(json!({ "subject": "Renamed by {who}" })),
                                                                                 [200, 403, 200, 403, 404, 403, 404, 200, 403, 403, 403, 404, 403, 404, 401, 401]),
        // The user directory: user.create / user.dir staff permissions; an
        // end user reads their own record only.
        Row::cells(POST, "/api/v2/users", "/api/v2/users", Some(json!({ "email": "{who}@new.example", "name": "New User" })),
                                                                                 [201, 403, 201, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401, 401]),
        Row::cells(GET, "/api/v2/users", "/api/v2/users", None,                  [200, 403, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401, 401]),
        Row::cells(GET, "/api/v2/users/{id}", format!("/api/v2/users/{}", desk.owner.get()), None,
                                                                                 [200, 403, 200, 403, 403, 403, 403, 403, 403, 200, 404, 404, 404, 404, 401, 401]),
        // Signing in needs no token; a wrong password is refused alike.
        Row::public(POST, "/api/v2/auth/login", "/api/v2/auth/login", Some(json!({ "username": "nobody", "password": "wrong" })), 401),
        Row::public(POST, "/api/v2/auth/refresh", "/api/v2/auth/refresh", Some(json!({ "refresh_token": "not-a-token" })), 401),
        Row::public(POST, "/api/v2/auth/logout", "/api/v2/auth/logout", Some(json!({ "refresh_token": "not-a-token" })), 204),
        Row::public(GET, "/api/v2/openapi.json", "/api/v2/openapi.json", None, 200),
        // osTicket's API keys: the administrator issues key 1, reads,
        // changes and deletes it; everybody else is refused before any lookup.
        Row::admin_only(POST, "/api/v2/api-keys", "/api/v2/api-keys", Some(json!({ "ipaddr": "10.0.0.1" })), 201),
        Row::admin_only(GET, "/api/v2/api-keys", "/api/v2/api-keys", None, 200),
        Row::admin_only(GET, "/api/v2/api-keys/{id}", "/api/v2/api-keys/1", None, 200),
        Row::admin_only(PATCH, "/api/v2/api-keys/{id}", "/api/v2/api-keys/1", Some(json!({ "notes": "{who}" })), 200),
        Row::admin_only(DELETE, "/api/v2/api-keys/{id}", "/api/v2/api-keys/1", None, 204),
        // SLAs and schedules: staff read, administrators write (the
        // administrator creates SLA 2 and schedule 5, changes and deletes them).
        Row::admin_only(POST, "/api/v2/slas", "/api/v2/slas", Some(json!({ "name": "SLA of {who}", "grace_period": 4 })), 201),
        Row::staff_only(GET, "/api/v2/slas", "/api/v2/slas", None, 200),
        Row::staff_only(GET, "/api/v2/slas/{id}", "/api/v2/slas/1", None, 200),
        Row::staff_only(GET, "/api/v2/slas/{id}/due", "/api/v2/slas/1/due?from=2026-11-21T23:32:49Z", None, 200),
        Row::admin_only(PATCH, "/api/v2/slas/{id}", "/api/v2/slas/2", Some(json!({ "notes": "{who}" })), 200),
        Row::admin_only(DELETE, "/api/v2/slas/{id}", "/api/v2/slas/2", None, 204),
        Row::admin_only(POST, "/api/v2/schedules", "/api/v2/schedules", Some(json!({ "name": "Holidays of {who}", "kind": "holidays" })), 201),
        Row::staff_only(GET, "/api/v2/schedules", "/api/v2/schedules", None, 200),
        Row::staff_only(GET, "/api/v2/schedules/{id}", "/api/v2/schedules/1", None, 200),
        Row::admin_only(PATCH, "/api/v2/schedules/{id}", "/api/v2/schedules/5", Some(json!({ "description": "{who}" })), 200),
        Row::admin_only(DELETE, "/api/v2/schedules/{id}", "/api/v2/schedules/5", None, 204),
        Row::public(POST, "/api/v2/auth/user-login", "/api/v2/auth/user-login", Some(json!({ "username": "nobody", "password": "wrong" })), 401),
        // Roles and departments: any staff member reads them, administrators
        // write them; an unknown id is 404 only to an administrator, whom the
        // check lets through first.
        Row::staff_only(GET, "/api/v2/roles", "/api/v2/roles", None, 200),
        Row::staff_only(GET, "/api/v2/roles/{id}", "/api/v2/roles/1", None, 200),
        Row::admin_only(POST, "/api/v2/roles", "/api/v2/roles", Some(json!({ "name": "Role of {who}", "permissions": ["ticket.reply"] })), 201),
        Row::admin_only(PATCH, "/api/v2/roles/{id}", "/api/v2/roles/4", Some(json!({ "notes": "Edited by {who}" })), 200),
        Row::admin_only(DELETE, "/api/v2/roles/{id}", "/api/v2/roles/999", None, 404),
        Row::staff_only(GET, "/api/v2/departments", "/api/v2/departments", None, 200),
        Row::staff_only(GET, "/api/v2/departments/{id}", "/api/v2/departments/1", None, 200),
        Row::admin_only(POST, "/api/v2/departments", "/api/v2/departments", Some(json!({ "name": "Department of {who}" })), 201),
        Row::admin_only(PATCH, "/api/v2/departments/{id}", "/api/v2/departments/3", Some(json!({ "signature": "Edited by {who}" })), 200),
        Row::admin_only(DELETE, "/api/v2/departments/{id}", "/api/v2/departments/999", None, 404),
        // Staff: an agent without visibility.agents sees the members of the
        // departments they reach, so Maintenance's agents do not see the
        // administrator (Support); the administrator creates staff member 12,
        // edits it, sets its extended access and deletes it.
        Row::staff_only(GET, "/api/v2/staff", "/api/v2/staff?per_page=100", None, 200),
        Row::cells(GET, "/api/v2/staff/{id}", "/api/v2/staff/1", None,
                                                                                 [200, 200, 200, 200, 200, 200, 404, 404, 404, 403, 403, 403, 403, 403, 401, 401]),
        Row::cells(GET, "/api/v2/staff/{id}/departments", "/api/v2/staff/1/departments", None,
                                                                                 [200, 200, 200, 200, 200, 200, 404, 404, 404, 403, 403, 403, 403, 403, 401, 401]),
        Row::admin_only(POST, "/api/v2/staff", "/api/v2/staff", Some(json!({
            "username": "{who}-new", "firstname": "New", "lastname": "Agent", "email": "{who}@new-staff.example",
            "dept_id": 1, "role_id": 1,
        })), 201),
        Row::admin_only(PATCH, "/api/v2/staff/{id}", "/api/v2/staff/12", Some(json!({ "lastname": "{who}" })), 200),
        Row::admin_only(PUT, "/api/v2/staff/{id}/departments", "/api/v2/staff/12/departments", Some(json!({ "items": [{ "dept_id": 2, "role_id": 1 }] })), 200),
        Row::admin_only(DELETE, "/api/v2/staff/{id}", "/api/v2/staff/12", None, 204),
        // Teams: staff read, administrators write (the administrator creates
        // team 3, edits it, sets its members and deletes it).
        Row::staff_only(GET, "/api/v2/teams", "/api/v2/teams", None, 200),
        Row::staff_only(GET, "/api/v2/teams/{id}", "/api/v2/teams/1", None, 200),
        Row::admin_only(POST, "/api/v2/teams", "/api/v2/teams", Some(json!({ "name": "Team of {who}" })), 201),
        Row::admin_only(PATCH, "/api/v2/teams/{id}", "/api/v2/teams/3", Some(json!({ "notes": "Edited by {who}" })), 200),
        Row::admin_only(PUT, "/api/v2/teams/{id}/members", "/api/v2/teams/3/members", Some(json!({ "items": [{ "staff_id": 2 }] })), 200),
        Row::admin_only(DELETE, "/api/v2/teams/{id}", "/api/v2/teams/3", None, 204),
        // Filters, their dry run and the ban list: administrators only, as
        // in osTicket's admin panel. Filter 1 is the system ban list; the
        // administrator creates filter 2, changes and deletes it, and bans
        // and unbans one address.
        Row::admin_only(GET, "/api/v2/filters", "/api/v2/filters", None, 200),
        Row::admin_only(POST, "/api/v2/filters", "/api/v2/filters", Some(json!({
            "name": "Filter of {who}", "execorder": 1, "target": "Any",
            "rules": [{ "what": "email", "how": "ends", "val": "@matrix.example" }],
            "actions": [{ "type": "noresp" }],
        })), 201),
        Row::admin_only(GET, "/api/v2/filters/{id}", "/api/v2/filters/1", None, 200),
        Row::admin_only(PATCH, "/api/v2/filters/{id}", "/api/v2/filters/2", Some(json!({ "notes": "Edited by {who}" })), 200),
        Row::admin_only(DELETE, "/api/v2/filters/{id}", "/api/v2/filters/2", None, 204),
        Row::admin_only(POST, "/api/v2/filters/test", "/api/v2/filters/test", Some(json!({ "email": "{who}@matrix.example", "subject": "Hello" })), 200),
        Row::admin_only(GET, "/api/v2/banlist", "/api/v2/banlist", None, 200),
        Row::admin_only(POST, "/api/v2/banlist", "/api/v2/banlist", Some(json!({ "email": "banned@matrix.example" })), 201),
        Row::admin_only(DELETE, "/api/v2/banlist/{email}", "/api/v2/banlist/banned@matrix.example", None, 204),
    ];
    rows
}

/// `{who}` in every string of `body`, replaced by the caller's name.
fn for_caller(body: &Value, who: Who) -> Value {
    match body {
        Value::String(text) => Value::String(text.replace("{who}", &who.slug())),
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(key, value)| (key.clone(), for_caller(value, who)))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// Every `(method, path)` the served OpenAPI document lists under `/api/v2`.
async fn documented_operations(desk: &Desk) -> BTreeSet<(String, String)> {
    let document: Value = desk
        .app
        .client
        .get(desk.app.url("/api/v2/openapi.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let paths = document["paths"]
        .as_object()
        .expect("the document lists paths");
    let mut operations = BTreeSet::new();
    for (path, item) in paths {
        for method in ["get", "post", "put", "patch", "delete"] {
            if item.get(method).is_some() && path.starts_with("/api/v2") {
                operations.insert((method.to_uppercase(), path.clone()));
            }
        }
    }
    operations
}

#[tokio::test]
async fn every_operation_answers_every_caller_as_the_matrix_says() {
    let desk = desk::seed().await;
    let rows = rows(&desk);

    let covered: BTreeSet<(String, String)> = rows
        .iter()
        .map(|row| (row.method.to_string(), row.operation.to_owned()))
        .collect();
    let documented = documented_operations(&desk).await;
    let missing: Vec<_> = documented.difference(&covered).collect();
    assert!(
        missing.is_empty(),
        "operations without matrix rows (add them in tests/api/authz): {missing:?}"
    );
    let stale: Vec<_> = covered.difference(&documented).collect();
    assert!(
        stale.is_empty(),
        "matrix rows for no documented operation: {stale:?}"
    );

    let mut wrong = Vec::new();
    for row in &rows {
        for (who, expected) in Who::ALL.into_iter().zip(row.expect) {
            let mut request = desk
                .app
                .client
                .request(row.method.clone(), desk.app.url(&row.path));
            if let Some(token) = desk.token(who) {
                request = request.bearer_auth(token);
            }
            if let Some(body) = &row.body {
                request = request.json(&for_caller(body, who));
            }
            let status = request.send().await.unwrap().status().as_u16();
            if status != expected {
                wrong.push(format!(
                    "{} {} as {who:?}: expected {expected}, got {status}",
                    row.method, row.path
                ));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{} cells differ:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[tokio::test]
async fn each_caller_lists_the_ticket_exactly_when_it_may_open_it() {
    let desk = desk::seed().await;
    for who in Who::ALL {
        let Some(token) = desk.token(who) else {
            continue;
        };
        if who == Who::ExpiredToken {
            continue;
        }
        let list: Value = desk
            .app
            .get("/api/v2/tickets?per_page=100", token)
            .await
            .json()
            .await
            .unwrap();
        let listed = list["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|item| item["id"].as_u64() == Some(desk.ticket));
        assert_eq!(listed, who.sees_the_ticket(), "{who:?} lists the ticket");
        let total = list["total"].as_u64().unwrap();
        assert_eq!(
            total as usize,
            list["items"].as_array().unwrap().len(),
            "{who:?}"
        );
        assert_eq!(list["total_exact"], true);
        let searched: Value = desk
            .app
            .get("/api/v2/tickets?q=matrix", token)
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(
            searched["total"].as_u64() == Some(1),
            who.sees_the_ticket(),
            "{who:?} finds the ticket by its subject"
        );
    }
}

#[tokio::test]
async fn the_explanation_names_the_role_and_why_the_ticket_is_seen() {
    let desk = desk::seed().await;
    let extended = desk.token(Who::Extended).unwrap();
    let body: Value = desk
        .app
        .get(
            &format!("/api/v2/tickets/{}/permissions", desk.ticket),
            extended,
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(body["ticket_id"].as_u64(), Some(desk.ticket));
    assert_eq!(
        body["access"],
        json!([{"kind": "department_access", "dept": 1, "through": {"via": "extended_access"}}])
    );
    let verdict = |key: &str| {
        body["permissions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|verdict| verdict["permission"] == key)
            .cloned()
            .unwrap_or_else(|| panic!("{key} is explained"))
    };
    let role =
        json!([{"kind": "role", "role": 3, "source": {"via": "extended_access", "dept": 1}}]);
    assert_eq!(verdict("ticket.reply")["allowed"], false);
    assert_eq!(verdict("ticket.reply")["reasons"], role);
    assert_eq!(verdict("ticket.transfer")["allowed"], true);
    assert_eq!(verdict("ticket.transfer")["reasons"], role);
    assert_eq!(verdict("user.dir")["allowed"], false);
    assert_eq!(
        body["permissions"].as_array().unwrap().len(),
        oxt_perm::Permission::ALL.len()
    );

    // An administrator asks for a staff member; for one who may not see the
    // ticket the answer is 404, and an unknown id names the parameter.
    let admin = desk.token(Who::Admin).unwrap();
    let for_full: Value = desk
        .app
        .get(
            &format!(
                "/api/v2/tickets/{}/permissions?staff_id={}",
                desk.ticket,
                desk.full_role.get()
            ),
            admin,
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        for_full["staff_id"].as_u64(),
        Some(u64::from(desk.full_role.get()))
    );
    assert!(verdict_of(&for_full, "ticket.edit"));
    let response = desk
        .app
        .get(
            &format!(
                "/api/v2/tickets/{}/permissions?staff_id=2",
                desk.ticket + 1000
            ),
            admin,
        )
        .await;
    crate::helpers::assert_problem(response, 404, "ticket-not-found").await;
    let response = desk
        .app
        .get(
            &format!("/api/v2/tickets/{}/permissions?staff_id=4242", desk.ticket),
            admin,
        )
        .await;
    let problem = crate::helpers::assert_problem(response, 422, "validation").await;
    assert_eq!(problem["errors"][0]["field"], "staff_id");

    // The owner reads their own verdicts: reply yes, assign no (staff only).
    let owner: Value = desk
        .app
        .get(
            &format!("/api/v2/tickets/{}/permissions", desk.ticket),
            desk.token(Who::Owner).unwrap(),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(owner["user_id"].as_u64(), Some(u64::from(desk.owner.get())));
    assert!(verdict_of(&owner, "ticket.reply"));
    assert!(!verdict_of(&owner, "ticket.assign"));
}

fn verdict_of(body: &Value, key: &str) -> bool {
    body["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|verdict| verdict["permission"] == key)
        .and_then(|verdict| verdict["allowed"].as_bool())
        .unwrap_or_else(|| panic!("{key} is explained"))
}
