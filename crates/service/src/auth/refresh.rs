//! `refresh`: exchanges a refresh token for a new pair, rotating it.

use super::session::{Session, issue, subject_of};
use crate::Ctx;
use chrono::{DateTime, Utc};
use oxt_identity::{RefreshDecision, RefreshToken, RefreshTokenRecord};
use oxt_store::staff::{self, StaffLogin};
use oxt_store::tokens::{self, TokenOwner};
use oxt_store::users;
use oxt_store::{StoreError, Tx};

#[derive(Debug, thiserror::Error)]
pub enum RefreshError {
    /// Malformed, or never issued.
    #[error("the refresh token is not one Oxticket issued")]
    Unknown,
    #[error("the refresh token has expired")]
    Expired,
    /// Signed out, or its family was revoked.
    #[error("the refresh token was revoked")]
    Revoked,
    /// An already exchanged token came back: its whole family is now revoked.
    #[error("the refresh token was already used; every token of its sign-in is revoked")]
    ReuseDetected,
    /// The staff member was disabled, or the client's account locked, or
    /// either removed, since signing in.
    #[error("the account may no longer sign in")]
    AccountDisabled,
    #[error(transparent)]
    Store(#[from] StoreError),
}

#[tracing::instrument(skip_all)]
pub async fn refresh(ctx: &Ctx, presented: &str) -> Result<Session, RefreshError> {
    let presented = RefreshToken::parse(presented).map_err(|_| RefreshError::Unknown)?;
    let now = ctx.clock.now();
    let tx = ctx.store.begin().await?;
    let outcome = rotate(ctx, &tx, &presented, now).await?;
    // Committed whatever the answer: a refusal wrote nothing or revoked a
    // family, and the presented row's lock must end now, not whenever the
    // dropped transaction's connection is next used.
    tx.commit().await?;
    outcome
}

/// The decision on `presented`, and the writes it implies, inside `tx`.
async fn rotate(
    ctx: &Ctx,
    tx: &Tx,
    presented: &RefreshToken,
    now: DateTime<Utc>,
) -> Result<Result<Session, RefreshError>, StoreError> {
    let Some(stored) = tokens::find_for_rotation(tx, presented.token_hash().as_str()).await? else {
        return Ok(Err(RefreshError::Unknown));
    };
    let record = RefreshTokenRecord {
        expires_at: stored.expires_at,
        revoked_at: stored.revoked_at,
        replaced: stored.replaced,
    };
    match record.decide(now) {
        RefreshDecision::Accept => {}
        RefreshDecision::Expired => return Ok(Err(RefreshError::Expired)),
        RefreshDecision::Revoked => return Ok(Err(RefreshError::Revoked)),
        RefreshDecision::ReuseDetected => {
            let revoked = tokens::revoke_family(tx, &stored.family_id, now).await?;
            tracing::warn!(revoked, "refresh token reused; its family is revoked");
            return Ok(Err(RefreshError::ReuseDetected));
        }
    }
    let password_change_required = match stored.owner {
        TokenOwner::Staff(id) => staff::find_for_login(tx, &StaffLogin::Id(id))
            .await?
            .filter(|account| account.is_active)
            .map(|account| account.change_passwd),
        // A client keeps signing in while their account stays confirmed and
        // unlocked, as osTicket's `UserAuthenticationBackend::login` requires.
        TokenOwner::User(id) => users::find_account_of_user(tx, id)
            .await?
            .filter(|account| account.status.is_confirmed() && !account.status.is_locked())
            .map(|account| account.status.requires_password_reset()),
    };
    let Some(password_change_required) = password_change_required else {
        tokens::revoke_family(tx, &stored.family_id, now).await?;
        return Ok(Err(RefreshError::AccountDisabled));
    };
    let subject = subject_of(stored.owner);
    let (access_token, refresh_token) = issue(ctx, tx, subject, &stored.family_id, now).await?;
    Ok(Ok(Session {
        subject,
        access_token,
        refresh_token,
        password_change_required,
    }))
}
