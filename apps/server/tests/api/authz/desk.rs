//! The desk the authorization matrix runs on: one ticket, and every kind of
//! caller osTicket's permission model knows, each related to that ticket in
//! its own way.

use crate::helpers::{TestApp, spawn_app_with};
use chrono::{TimeZone, Utc};
use oxt_store::Store;
use oxt_store::staff::NewStaff;
use oxt_store::users::NewUser;
use oxt_testkit::TestDb;
use oxt_ticket::contact::{EmailAddress, PersonName};
use oxt_ticket::ids::{DeptId, RoleId, StaffId, UserId};
use serde_json::{Value, json};

/// Every caller of the matrix, in its column order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Who {
    /// The bootstrap `admin`: `isadmin`, Support, All Access.
    Admin,
    /// Manages Support; primary department Maintenance with View only.
    Manager,
    /// Support with All Access, the staff permissions of an agent; the
    /// ticket is assigned to them.
    FullRole,
    /// Support with View only.
    ReadOnly,
    /// Support with All Access, `assigned_only`; the ticket is not theirs.
    AssignedOnly,
    /// Sales with All Access, and extended access to Support with Limited
    /// Access (no reply, no edit).
    Extended,
    /// Maintenance with All Access.
    OtherDept,
    /// Maintenance; member of the team the ticket is assigned to.
    TeamMember,
    /// Maintenance; the ticket is referred to them.
    Referred,
    /// The end user who owns the ticket.
    Owner,
    /// A primary contact of the owner's organization, which shares with
    /// primary contacts.
    OrgSharing,
    /// Another member of that organization, not a primary contact.
    OrgNotSharing,
    /// An end user collaborating on the ticket.
    Collaborator,
    /// An end user with no relation to the ticket.
    Stranger,
    NoToken,
    /// A well-signed token that has expired.
    ExpiredToken,
}

impl Who {
    pub const ALL: [Who; 16] = [
        Who::Admin,
        Who::Manager,
        Who::FullRole,
        Who::ReadOnly,
        Who::AssignedOnly,
        Who::Extended,
        Who::OtherDept,
        Who::TeamMember,
        Who::Referred,
        Who::Owner,
        Who::OrgSharing,
        Who::OrgNotSharing,
        Who::Collaborator,
        Who::Stranger,
        Who::NoToken,
        Who::ExpiredToken,
    ];

    pub fn is_staff(self) -> bool {
        matches!(
            self,
            Who::Admin
                | Who::Manager
                | Who::FullRole
                | Who::ReadOnly
                | Who::AssignedOnly
                | Who::Extended
                | Who::OtherDept
                | Who::TeamMember
                | Who::Referred
        )
    }

    /// Whether `oxt-perm` lets this caller see the desk's ticket.
    pub fn sees_the_ticket(self) -> bool {
        !matches!(
            self,
            Who::AssignedOnly
                | Who::OtherDept
                | Who::OrgNotSharing
                | Who::Stranger
                | Who::NoToken
                | Who::ExpiredToken
        )
    }

    /// A name for messages and for `{who}` in request bodies.
    pub fn slug(self) -> String {
        format!("{self:?}").to_lowercase()
    }
}

const SUPPORT: DeptId = DeptId::new(1);
const SALES: DeptId = DeptId::new(2);
const MAINTENANCE: DeptId = DeptId::new(3);
const ALL_ACCESS: RoleId = RoleId::new(1);
const LIMITED_ACCESS: RoleId = RoleId::new(3);
const VIEW_ONLY: RoleId = RoleId::new(4);
/// The fresh install's Level I Support; the demo desk's members are in its
/// Level II.
const TEAM: u32 = 1;
const AGENT_PERMISSIONS: &str = r#"{"user.create":1,"user.edit":1,"user.dir":1}"#;

/// The running app, the desk's ticket and user, and a token per caller.
pub struct Desk {
    pub app: TestApp,
    pub ticket: u64,
    pub owner: UserId,
    pub full_role: StaffId,
    tokens: Vec<(Who, Option<String>)>,
    _db: TestDb,
}

impl Desk {
    pub fn token(&self, who: Who) -> Option<&str> {
        self.tokens
            .iter()
            .find(|(caller, _)| *caller == who)
            .and_then(|(_, token)| token.as_deref())
    }
}

async fn exec(db: &TestDb, sql: &str) {
    db.text_rows(sql).await;
}

fn table(name: &str) -> String {
    format!("{}{name}", oxt_store::table_prefix())
}

async fn add_staff(
    store: &Store,
    username: &str,
    dept: DeptId,
    role: RoleId,
    permissions: &str,
) -> StaffId {
    oxt_store::staff::create(
        store,
        &NewStaff {
            username: username.to_owned(),
            firstname: username.to_owned(),
            lastname: "Matrix".to_owned(),
            email: format!("{username}@staff.example"),
            passwd: String::new(),
            dept_id: dept,
            role_id: role,
            is_admin: false,
            is_active: true,
            on_vacation: false,
            assigned_only: false,
            change_passwd: false,
            permissions: permissions.to_owned(),
        },
        Utc.with_ymd_and_hms(2026, 11, 21, 0, 0, 0).unwrap(),
    )
    .await
    .expect("the staff member is created")
}

async fn add_user(store: &Store, email: &str) -> UserId {
    let tx = store.begin().await.unwrap();
    let found = oxt_store::users::find_or_create(
        &tx,
        &NewUser {
            email: EmailAddress::parse(email).unwrap(),
            name: PersonName::parse("Matrix User").unwrap(),
            phone: None,
            notes: None,
        },
        Utc.with_ymd_and_hms(2026, 11, 21, 0, 0, 0).unwrap(),
    )
    .await
    .expect("the user is created");
    tx.commit().await.unwrap();
    found.id
}

pub const OWNER_EMAIL: &str = "owner@acme.example";

/// Starts the app on a SQLite file this test also writes, and seeds the desk.
pub async fn seed() -> Desk {
    let db = TestDb::sqlite_file().await;
    let url = db.url().expect("a file database has a URL");
    let app = spawn_app_with(|settings| settings.database_url = url).await;
    let store = Store::from_connection(db.conn().clone());
    let admin = StaffId::new(1);
    let admin_token = app.token_for_staff(admin.get());

    let response = app
        .post_json(
            "/api/v2/tickets",
            &admin_token,
            &json!({
                "email": OWNER_EMAIL,
                "name": "Owner",
                "subject": "The matrix ticket",
                "message": "Who may see me?",
            }),
        )
        .await;
    assert_eq!(
        response.status().as_u16(),
        201,
        "the admin opens the ticket"
    );
    let ticket = response.json::<Value>().await.unwrap()["id"]
        .as_u64()
        .unwrap();

    let manager = add_staff(&store, "manager", MAINTENANCE, VIEW_ONLY, "{}").await;
    let full_role = add_staff(&store, "full", SUPPORT, ALL_ACCESS, AGENT_PERMISSIONS).await;
    let readonly = add_staff(&store, "readonly", SUPPORT, VIEW_ONLY, "{}").await;
    let assigned_only = add_staff(&store, "limited", SUPPORT, ALL_ACCESS, "{}").await;
    let extended = add_staff(&store, "extended", SALES, ALL_ACCESS, "{}").await;
    let other = add_staff(&store, "other", MAINTENANCE, ALL_ACCESS, "{}").await;
    let team_member = add_staff(&store, "teamer", MAINTENANCE, ALL_ACCESS, "{}").await;
    let referred = add_staff(&store, "referred", MAINTENANCE, ALL_ACCESS, "{}").await;

    let owner = add_user(&store, OWNER_EMAIL).await;
    let contact = add_user(&store, "contact@acme.example").await;
    let member = add_user(&store, "member@acme.example").await;
    let collaborator = add_user(&store, "collab@elsewhere.example").await;
    let stranger = add_user(&store, "stranger@elsewhere.example").await;

    let created = "'2026-11-21 00:00:00'";
    let thread = format!(
        "FROM {} WHERE object_id = {ticket} AND object_type = 'T'",
        table("thread")
    );
    for statement in [
        format!(
            "UPDATE {} SET manager_id = {} WHERE id = 1",
            table("department"),
            manager.get()
        ),
        format!(
            "UPDATE {} SET assigned_only = 1 WHERE staff_id = {}",
            table("staff"),
            assigned_only.get()
        ),
        format!(
            "INSERT INTO {} (staff_id, dept_id, role_id, flags) VALUES ({}, 1, {}, 0)",
            table("staff_dept_access"),
            extended.get(),
            LIMITED_ACCESS.get()
        ),
        format!(
            "INSERT INTO {} (team_id, staff_id, flags) VALUES ({TEAM}, {}, 0)",
            table("team_member"),
            team_member.get()
        ),
        format!(
            "UPDATE {} SET staff_id = {}, team_id = {TEAM} WHERE ticket_id = {ticket}",
            table("ticket"),
            full_role.get()
        ),
        format!(
            "INSERT INTO {} (thread_id, object_id, object_type, created) \
             SELECT id, {}, 'S', {created} {thread}",
            table("thread_referral"),
            referred.get()
        ),
        format!(
            "INSERT INTO {} (thread_id, flags, user_id, role, created, updated) \
             SELECT id, 1, {}, 'M', {created}, {created} {thread}",
            table("thread_collaborator"),
            collaborator.get()
        ),
        // Organization 1 of the fresh install shares with primary contacts.
        format!(
            "UPDATE {} SET org_id = 1 WHERE id IN ({}, {}, {})",
            table("user"),
            owner.get(),
            contact.get(),
            member.get()
        ),
        format!(
            "UPDATE {} SET status = 1 WHERE id = {}",
            table("user"),
            contact.get()
        ),
    ] {
        exec(&db, &statement).await;
    }

    let tokens = Who::ALL
        .iter()
        .map(|&who| {
            let token = match who {
                Who::Admin => Some(admin_token.clone()),
                Who::Manager => Some(app.token_for_staff(manager.get())),
                Who::FullRole => Some(app.token_for_staff(full_role.get())),
                Who::ReadOnly => Some(app.token_for_staff(readonly.get())),
                Who::AssignedOnly => Some(app.token_for_staff(assigned_only.get())),
                Who::Extended => Some(app.token_for_staff(extended.get())),
                Who::OtherDept => Some(app.token_for_staff(other.get())),
                Who::TeamMember => Some(app.token_for_staff(team_member.get())),
                Who::Referred => Some(app.token_for_staff(referred.get())),
                Who::Owner => Some(app.token_for_user(owner.get())),
                Who::OrgSharing => Some(app.token_for_user(contact.get())),
                Who::OrgNotSharing => Some(app.token_for_user(member.get())),
                Who::Collaborator => Some(app.token_for_user(collaborator.get())),
                Who::Stranger => Some(app.token_for_user(stranger.get())),
                Who::NoToken => None,
                Who::ExpiredToken => Some(app.expired_token_for_staff(admin.get())),
            };
            (who, token)
        })
        .collect();

    Desk {
        app,
        ticket,
        owner,
        full_role,
        tokens,
        _db: db,
    }
}
