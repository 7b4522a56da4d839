//! What a sign-in or a refresh hands the client.

use crate::Ctx;
use chrono::{DateTime, Utc};
use oxt_identity::{AccessToken, RefreshToken, Subject};
use oxt_store::tokens::{self, NewRefreshToken, TokenOwner};
use oxt_store::{StoreError, Tx};

/// A signed-in session: the tokens, and who they are for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub subject: Subject,
    pub access_token: AccessToken,
    pub refresh_token: RefreshToken,
    /// osTicket's `change_passwd`: the agent must choose a new password
    /// before doing anything else.
    pub password_change_required: bool,
}

/// Stores a new refresh token of `family_id` for `subject` and issues the
/// access token that goes with it.
pub(super) async fn issue(
    ctx: &Ctx,
    tx: &Tx,
    subject: Subject,
    family_id: &str,
    now: DateTime<Utc>,
) -> Result<(AccessToken, RefreshToken), StoreError> {
    let refresh_token = RefreshToken::generate(&mut rand::rng());
    let owner = match subject {
        Subject::Staff(id) => TokenOwner::Staff(id),
        Subject::User(id) => TokenOwner::User(id),
    };
    tokens::insert(
        tx,
        &NewRefreshToken {
            owner,
            token_hash: refresh_token.token_hash().as_str(),
            family_id,
            expires_at: ctx.refresh_tokens.expires_at(now),
            created_at: now,
        },
    )
    .await?;
    Ok((
        ctx.access_tokens.issue_access_token(subject, now),
        refresh_token,
    ))
}

pub(super) fn subject_of(owner: TokenOwner) -> Subject {
    match owner {
        TokenOwner::Staff(id) => Subject::Staff(id),
        TokenOwner::User(id) => Subject::User(id),
    }
}
