//! `login`: a staff member signs in with their osTicket username (or e-mail
//! address, or staff id, as osTicket accepts) and password.

use super::session::{Session, issue};
use crate::Ctx;
use oxt_identity::{BcryptCost, PasswordHash, Subject, hash_password};
use oxt_store::StoreError;
use oxt_store::staff::{self, StaffCredentials, StaffLogin};
use oxt_ticket::ids::StaffId;
use std::collections::HashMap;
use std::fmt;
use std::sync::{Mutex, OnceLock, PoisonError};

/// What the sign-in form sends. `Debug` hides the password.
#[derive(Clone, PartialEq, Eq)]
pub struct LoginCredentials {
    pub username: String,
    pub password: String,
}

impl fmt::Debug for LoginCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LoginCredentials")
            .field("username", &self.username)
            .field("password", &"[REDACTED]")
            .finish()
    }
}

#[derive(Debug, thiserror::Error)]
pub enum LoginError {
    /// Unknown username and wrong password are one answer, reached in the
    /// same time, so that sign-in does not reveal who has an account.
    #[error("the username or password is wrong")]
    InvalidCredentials,
    /// The password was right but the account is disabled (`isactive = 0`),
    /// which osTicket refuses at every page.
    #[error("staff member {0} is disabled")]
    AccountDisabled(StaffId),
    #[error("the password check did not finish")]
    PasswordCheck(#[source] tokio::task::JoinError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The result of checking a password on the blocking pool.
struct Verdict {
    matches: bool,
    /// The bcrypt hash that replaces an outdated stored one.
    rehashed: Option<String>,
}

#[tracing::instrument(skip_all)]
pub async fn login(ctx: &Ctx, credentials: LoginCredentials) -> Result<Session, LoginError> {
    let login = StaffLogin::from_typed(&credentials.username);
    // Read outside the transaction: bcrypt takes tens of milliseconds, and on
    // SQLite an open transaction holds the one write lock.
    let account = staff::find_for_login(&ctx.store, &login).await?;
    let stored = account.as_ref().and_then(local_password);
    let verdict = check_password(stored.clone(), credentials.password, ctx.password_cost).await?;
    let Some(account) = account.filter(|_| stored.is_some() && verdict.matches) else {
        tracing::info!("sign-in refused");
        return Err(LoginError::InvalidCredentials);
    };
    if !account.is_active {
        tracing::info!(staff_id = %account.id, "sign-in of a disabled account refused");
        return Err(LoginError::AccountDisabled(account.id));
    }

    let now = ctx.clock.now();
    let tx = ctx.store.begin().await?;
    let upgrade = verdict
        .rehashed
        .as_deref()
        .zip(account.passwd.as_deref())
        .map(|(to, from)| staff::PasswordUpgrade { from, to });
    staff::record_login(&tx, account.id, upgrade, now).await?;
    let subject = Subject::Staff(account.id);
    let family_id = uuid::Uuid::new_v4().to_string();
    let (access_token, refresh_token) = issue(ctx, &tx, subject, &family_id, now).await?;
    tx.commit().await?;
    tracing::info!(staff_id = %account.id, rehashed = upgrade.is_some(), "signed in");
    Ok(Session {
        subject,
        access_token,
        refresh_token,
        password_change_required: account.change_passwd,
    })
}

/// The stored hash local sign-in may check: none when another backend (LDAP,
/// OAuth) owns the account, as osTicket then skips its local backend, or when
/// the account has no password osTicket could verify.
fn local_password(account: &StaffCredentials) -> Option<PasswordHash> {
    let foreign_backend = account
        .backend
        .as_deref()
        .is_some_and(|backend| !backend.is_empty() && backend != "local");
    if foreign_backend {
        return None;
    }
    PasswordHash::parse(account.passwd.as_deref()?).ok()
}

/// Verifies on the blocking pool; without a stored hash, verifies against a
/// dummy one of the same cost so the answer takes as long.
async fn check_password(
    stored: Option<PasswordHash>,
    candidate: String,
    cost: BcryptCost,
) -> Result<Verdict, LoginError> {
    tokio::task::spawn_blocking(move || match stored {
        Some(hash) => {
            let matches = hash.verify(&candidate);
            let rehashed = (matches && hash.needs_rehash_for(cost))
                .then(|| hash_password(&candidate, cost).ok())
                .flatten();
            Verdict { matches, rehashed }
        }
        None => {
            dummy_hash(cost).verify(&candidate);
            Verdict {
                matches: false,
                rehashed: None,
            }
        }
    })
    .await
    .map_err(LoginError::PasswordCheck)
}

/// A bcrypt hash of a password nobody has, one per cost, made once.
fn dummy_hash(cost: BcryptCost) -> PasswordHash {
    static DUMMIES: OnceLock<Mutex<HashMap<u32, PasswordHash>>> = OnceLock::new();
    let mut dummies = DUMMIES
        .get_or_init(Mutex::default)
        .lock()
        .unwrap_or_else(PoisonError::into_inner);
    dummies
        .entry(cost.get())
        .or_insert_with(|| {
            let hash = hash_password("no account has this password", cost)
                .expect("the dummy password has no NUL");
            PasswordHash::parse(&hash).expect("bcrypt output parses")
        })
        .clone()
}
