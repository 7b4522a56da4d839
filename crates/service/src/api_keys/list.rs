//! Every API key.

use crate::access::{AdminAccessError, require_admin};
use crate::{Caller, Ctx};
use oxt_store::StoreError;
use oxt_store::api_keys::ApiKeyRecord;

#[derive(Debug, thiserror::Error)]
pub enum ListApiKeysError {
    #[error(transparent)]
    Access(#[from] AdminAccessError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Every key, oldest first; an install has a handful.
pub async fn list(ctx: &Ctx, caller: &Caller) -> Result<Vec<ApiKeyRecord>, ListApiKeysError> {
    require_admin(&ctx.store, caller).await?;
    Ok(oxt_store::api_keys::list(&ctx.store).await?)
}
