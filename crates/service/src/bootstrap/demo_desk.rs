//! `seed_demo_desk`: the administrator, two agents and a team, in one transaction.

use crate::Ctx;
use oxt_identity::password::HashPasswordError;
use oxt_identity::{BcryptCost, hash_password};
use oxt_store::StoreError;
use oxt_store::staff::{self, NewStaff};
use oxt_store::teams::{self, NewMember, TeamFields};
use oxt_ticket::ids::{DeptId, RoleId, StaffId, TeamId};
use rand::Rng;
use rand::distr::Alphanumeric;
use std::fmt;

/// The global permissions osTicket's installer gives the administrator.
const ADMIN_PERMISSIONS: &str = r#"{"user.create":1,"user.delete":1,"user.edit":1,"user.manage":1,"user.dir":1,"org.create":1,"org.delete":1,"org.edit":1,"faq.manage":1,"visibility.agents":1,"emails.banlist":1,"visibility.departments":1}"#;
/// An agent may look users and organizations up and add them, not delete them.
const AGENT_PERMISSIONS: &str = r#"{"user.create":1,"user.edit":1,"user.dir":1,"org.create":1,"org.edit":1,"visibility.agents":1,"visibility.departments":1}"#;

/// Fresh-install rows the demo refers to.
const SUPPORT: DeptId = DeptId::new(1);
const SALES: DeptId = DeptId::new(2);
const ALL_ACCESS: RoleId = RoleId::new(1);
const EXPANDED_ACCESS: RoleId = RoleId::new(2);
const LIMITED_ACCESS: RoleId = RoleId::new(3);

const GENERATED_PASSWORD_CHARS: usize = 20;

/// What was seeded. `Debug` hides the generated password.
#[derive(Clone, PartialEq, Eq)]
pub struct DemoDesk {
    pub admin: StaffId,
    pub agents: Vec<StaffId>,
    pub team: TeamId,
    /// The administrator's password when none was configured: shown to the
    /// operator once, stored nowhere but as a hash.
    pub generated_admin_password: Option<String>,
}

impl fmt::Debug for DemoDesk {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DemoDesk")
            .field("admin", &self.admin)
            .field("agents", &self.agents)
            .field("team", &self.team)
            .field(
                "generated_admin_password",
                &self.generated_admin_password.as_ref().map(|_| "[REDACTED]"),
            )
            .finish()
    }
}

#[derive(Debug, thiserror::Error)]
pub enum BootstrapError {
    #[error("the configured administrator password cannot be stored")]
    UnusablePassword(#[source] HashPasswordError),
    #[error("hashing the passwords did not finish")]
    Hashing(#[source] tokio::task::JoinError),
    /// A staff member with a demo username already exists.
    #[error("the demo staff members already exist")]
    AlreadySeeded,
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Seeds the demo desk: `admin` (administrator, All Access in Support) with
/// `admin_password` or a generated one, and the agents `alice` (Support,
/// Expanded Access) and `bob` (Sales, Limited Access), who share the
/// administrator's first password and are asked to change it, in the team
/// "Level II Support" led by `alice`.
#[tracing::instrument(skip_all)]
pub async fn seed_demo_desk(
    ctx: &Ctx,
    admin_password: Option<&str>,
) -> Result<DemoDesk, BootstrapError> {
    let (password, generated) = match admin_password {
        Some(password) => (password.to_owned(), false),
        None => (generate_password(), true),
    };
    let hashes = hash_three(password.clone(), ctx.password_cost).await?;
    let now = ctx.clock.now();

    let tx = ctx.store.begin().await?;
    let [admin_hash, alice_hash, bob_hash] = hashes;
    let admin = create(
        &tx,
        person(
            "admin",
            "Admin",
            "User",
            admin_hash,
            SUPPORT,
            ALL_ACCESS,
            Position::Administrator,
        ),
        now,
    )
    .await?;
    let alice = create(
        &tx,
        person(
            "alice",
            "Alice",
            "Agent",
            alice_hash,
            SUPPORT,
            EXPANDED_ACCESS,
            Position::Agent,
        ),
        now,
    )
    .await?;
    let bob = create(
        &tx,
        person(
            "bob",
            "Bob",
            "Agent",
            bob_hash,
            SALES,
            LIMITED_ACCESS,
            Position::Agent,
        ),
        now,
    )
    .await?;
    let team = teams::insert(
        &tx,
        &TeamFields {
            name: "Level II Support".to_owned(),
            notes: Some("Second tier: takes what Level I cannot solve".to_owned()),
            lead: Some(alice),
            enabled: true,
            no_alerts: false,
            other_flags: 0,
        },
        now,
    )
    .await?;
    let members = [alice, bob].map(|staff| NewMember {
        staff,
        alerts: true,
    });
    teams::replace_members(&tx, team, &members).await?;
    tx.commit().await?;
    tracing::info!(%admin, %alice, %bob, %team, "seeded the demo desk");

    Ok(DemoDesk {
        admin,
        agents: vec![alice, bob],
        team,
        generated_admin_password: generated.then_some(password),
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Position {
    Administrator,
    /// Shares the administrator's first password, so is asked to change it.
    Agent,
}

fn person(
    username: &str,
    firstname: &str,
    lastname: &str,
    passwd: String,
    dept_id: DeptId,
    role_id: RoleId,
    position: Position,
) -> NewStaff {
    let is_admin = position == Position::Administrator;
    NewStaff {
        username: username.to_owned(),
        firstname: firstname.to_owned(),
        lastname: lastname.to_owned(),
        email: format!("{username}@example.com"),
        passwd,
        dept_id,
        role_id,
        is_admin,
        is_active: true,
        on_vacation: false,
        assigned_only: false,
        change_passwd: !is_admin,
        permissions: if is_admin {
            ADMIN_PERMISSIONS
        } else {
            AGENT_PERMISSIONS
        }
        .to_owned(),
    }
}

async fn create(
    tx: &oxt_store::Tx,
    new: NewStaff,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<StaffId, BootstrapError> {
    staff::create(tx, &new, now)
        .await
        .map_err(|error| match error {
            StoreError::Conflict => BootstrapError::AlreadySeeded,
            other => BootstrapError::Store(other),
        })
}

fn generate_password() -> String {
    rand::rng()
        .sample_iter(Alphanumeric)
        .take(GENERATED_PASSWORD_CHARS)
        .map(char::from)
        .collect()
}

/// Three bcrypt hashes of `password` (one salt per account), off the runtime.
async fn hash_three(password: String, cost: BcryptCost) -> Result<[String; 3], BootstrapError> {
    tokio::task::spawn_blocking(move || {
        Ok([
            hash_password(&password, cost)?,
            hash_password(&password, cost)?,
            hash_password(&password, cost)?,
        ])
    })
    .await
    .map_err(BootstrapError::Hashing)?
    .map_err(BootstrapError::UnusablePassword)
}
