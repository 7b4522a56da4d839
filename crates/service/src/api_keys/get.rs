//! One API key.

use crate::access::{AdminAccessError, require_admin};
use crate::{Caller, Ctx};
use oxt_store::StoreError;
use oxt_store::api_keys::{ApiKeyRecord, find};
use oxt_ticket::ids::ApiKeyId;

#[derive(Debug, thiserror::Error)]
pub enum GetApiKeyError {
    #[error("API key {0} does not exist")]
    NotFound(ApiKeyId),
    #[error(transparent)]
    Access(#[from] AdminAccessError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

pub async fn get(ctx: &Ctx, caller: &Caller, id: ApiKeyId) -> Result<ApiKeyRecord, GetApiKeyError> {
    require_admin(&ctx.store, caller).await?;
    find(&ctx.store, id)
        .await?
        .ok_or(GetApiKeyError::NotFound(id))
}
