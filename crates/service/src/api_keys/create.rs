//! Issuing a key, as osTicket's `API::add`.

use crate::access::{AdminAccessError, require_admin};
use crate::{Caller, Ctx};
use oxt_identity::api_key::generate_api_key;
use oxt_store::StoreError;
use oxt_store::api_keys::{ApiKeyRecord, ApiKeySettings, insert};
use std::net::IpAddr;

/// A key to issue for the client at `ip_address`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewApiKey {
    pub ip_address: IpAddr,
    pub settings: ApiKeySettings,
}

#[derive(Debug, thiserror::Error)]
pub enum CreateApiKeyError {
    #[error(transparent)]
    Access(#[from] AdminAccessError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Stores a new random key and answers it; the key is shown to the
/// administrator here and in every later read, as osTicket's panel does.
#[tracing::instrument(skip_all)]
pub async fn create(
    ctx: &Ctx,
    caller: &Caller,
    new: NewApiKey,
) -> Result<ApiKeyRecord, CreateApiKeyError> {
    let tx = ctx.store.begin().await?;
    require_admin(&tx, caller).await?;
    let key = generate_api_key(&mut rand::rng());
    // The address is stored as osTicket compares it with `REMOTE_ADDR`:
    // the canonical text form.
    let record = insert(
        &tx,
        &key,
        &new.ip_address.to_string(),
        &new.settings,
        ctx.clock.now(),
    )
    .await?;
    tx.commit().await?;
    tracing::info!(api_key = %record.id, "API key issued");
    Ok(record)
}
