//! `logout`: ends the sign-in a refresh token belongs to.

use crate::Ctx;
use oxt_identity::RefreshToken;
use oxt_store::StoreError;
use oxt_store::tokens;

#[derive(Debug, thiserror::Error)]
pub enum LogoutError {
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Revokes every token of the presented token's family. Signing out is
/// idempotent: a malformed, unknown or already revoked token changes nothing
/// and is not an error.
#[tracing::instrument(skip_all)]
pub async fn logout(ctx: &Ctx, presented: &str) -> Result<(), LogoutError> {
    let Ok(presented) = RefreshToken::parse(presented) else {
        return Ok(());
    };
    let now = ctx.clock.now();
    let tx = ctx.store.begin().await?;
    if let Some(family_id) = tokens::family_of(&tx, presented.token_hash().as_str()).await? {
        let revoked = tokens::revoke_family(&tx, &family_id, now).await?;
        tracing::info!(revoked, "signed out");
    }
    tx.commit().await?;
    Ok(())
}
