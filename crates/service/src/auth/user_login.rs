//! `user_login`: an end user signs in to the client portal with their
//! osTicket account (`ost_user_account`), by username or any of their
//! e-mail addresses, as osTicket's `osTicketClientAuthentication` does.

use super::login::LoginCredentials;
use super::password::{check_password, local_password};
use super::session::{Session, issue};
use crate::Ctx;
use oxt_identity::Subject;
use oxt_store::StoreError;
use oxt_store::staff::PasswordUpgrade;
use oxt_store::users::{self, UserLogin};
use oxt_ticket::ids::UserId;

/// osTicket's own client authentication backend (`osTicketClientAuthentication::$id`).
const CLIENT_BACKEND: &str = "client";

#[derive(Debug, thiserror::Error)]
pub enum UserLoginError {
    /// No account, or a wrong password: one answer, in the same time.
    #[error("the username or password is wrong")]
    InvalidCredentials,
    /// The password was right but the account was never confirmed
    /// (`UserAccountStatus::CONFIRMED` unset); osTicket answers "Account
    /// confirmation required".
    #[error("the account of user {0} is not confirmed")]
    AccountUnconfirmed(UserId),
    /// The password was right but an agent locked the account.
    #[error("the account of user {0} is locked")]
    AccountLocked(UserId),
    #[error("the password check did not finish")]
    PasswordCheck(#[source] tokio::task::JoinError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Checks the password first and the account's status after, in osTicket's
/// order, so the status of an account is only revealed to its owner. A
/// legacy MD5 password is rehashed to bcrypt, as `ClientAccount::check_passwd`
/// does. The session says when the account must change its password first
/// (`REQUIRE_PASSWD_RESET`).
#[tracing::instrument(skip_all)]
pub async fn user_login(
    ctx: &Ctx,
    credentials: LoginCredentials,
) -> Result<Session, UserLoginError> {
    let login = UserLogin::from_typed(&credentials.username);
    // Read outside the transaction: bcrypt is slow, and on SQLite an open
    // transaction holds the one write lock.
    let account = users::find_account_for_login(&ctx.store, &login).await?;
    let stored = account.as_ref().and_then(|account| {
        local_password(
            account.passwd.as_deref(),
            account.backend.as_deref(),
            CLIENT_BACKEND,
        )
    });
    let verdict = check_password(stored.clone(), credentials.password, ctx.password_cost)
        .await
        .map_err(UserLoginError::PasswordCheck)?;
    let Some(account) = account.filter(|_| stored.is_some() && verdict.matches) else {
        tracing::info!("client sign-in refused");
        return Err(UserLoginError::InvalidCredentials);
    };
    if !account.status.is_confirmed() {
        tracing::info!(user_id = %account.user_id, "sign-in of an unconfirmed account refused");
        return Err(UserLoginError::AccountUnconfirmed(account.user_id));
    }
    if account.status.is_locked() {
        tracing::info!(user_id = %account.user_id, "sign-in of a locked account refused");
        return Err(UserLoginError::AccountLocked(account.user_id));
    }

    let now = ctx.clock.now();
    let tx = ctx.store.begin().await?;
    let upgrade = verdict
        .rehashed
        .as_deref()
        .zip(account.passwd.as_deref())
        .map(|(to, from)| PasswordUpgrade { from, to });
    if let Some(upgrade) = upgrade {
        users::upgrade_account_password(&tx, account.user_id, upgrade).await?;
    }
    let subject = Subject::User(account.user_id);
    let family_id = uuid::Uuid::new_v4().to_string();
    let (access_token, refresh_token) = issue(ctx, &tx, subject, &family_id, now).await?;
    tx.commit().await?;
    tracing::info!(user_id = %account.user_id, rehashed = upgrade.is_some(), "client signed in");
    Ok(Session {
        subject,
        access_token,
        refresh_token,
        password_change_required: account.status.requires_password_reset(),
    })
}
