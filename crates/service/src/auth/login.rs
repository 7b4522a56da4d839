//! `login`: a staff member signs in with their osTicket username (or e-mail
//! address, or staff id, as osTicket accepts) and password.

use super::password::{check_password, local_password};
use super::session::{Session, issue};
use crate::Ctx;
use oxt_identity::Subject;
use oxt_store::StoreError;
use oxt_store::staff::{self, StaffLogin};
use oxt_ticket::ids::StaffId;
use std::fmt;

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

/// osTicket's own staff authentication backend (`osTicketStaffAuthentication::$id`).
const STAFF_BACKEND: &str = "local";

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

#[tracing::instrument(skip_all)]
pub async fn login(ctx: &Ctx, credentials: LoginCredentials) -> Result<Session, LoginError> {
    let login = StaffLogin::from_typed(&credentials.username);
    // Read outside the transaction: bcrypt takes tens of milliseconds, and on
    // SQLite an open transaction holds the one write lock.
    let account = staff::find_for_login(&ctx.store, &login).await?;
    let stored = account.as_ref().and_then(|account| {
        local_password(
            account.passwd.as_deref(),
            account.backend.as_deref(),
            STAFF_BACKEND,
        )
    });
    let verdict = check_password(stored.clone(), credentials.password, ctx.password_cost)
        .await
        .map_err(LoginError::PasswordCheck)?;
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
