//! Revoking a key: osTicket's `API::delete` removes the row.

use crate::access::{AdminAccessError, require_admin};
use crate::{Caller, Ctx};
use oxt_store::StoreError;
use oxt_ticket::ids::ApiKeyId;

#[derive(Debug, thiserror::Error)]
pub enum DeleteApiKeyError {
    #[error("API key {0} does not exist")]
    NotFound(ApiKeyId),
    #[error(transparent)]
    Access(#[from] AdminAccessError),
    #[error(transparent)]
    Store(StoreError),
}

impl From<StoreError> for DeleteApiKeyError {
    fn from(error: StoreError) -> Self {
        Self::Store(error)
    }
}

#[tracing::instrument(skip_all, fields(api_key = %id))]
pub async fn delete(ctx: &Ctx, caller: &Caller, id: ApiKeyId) -> Result<(), DeleteApiKeyError> {
    let tx = ctx.store.begin().await?;
    require_admin(&tx, caller).await?;
    oxt_store::api_keys::delete(&tx, id)
        .await
        .map_err(|error| match error {
            StoreError::NotFound => DeleteApiKeyError::NotFound(id),
            other => DeleteApiKeyError::Store(other),
        })?;
    tx.commit().await?;
    tracing::info!("API key deleted");
    Ok(())
}
