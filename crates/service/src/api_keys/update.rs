//! Changing a key's flags and notes, as osTicket's `API::update`: the key
//! and its address stay as issued.

use crate::access::{AdminAccessError, require_admin};
use crate::{Caller, Ctx};
use oxt_store::StoreError;
use oxt_store::api_keys::{ApiKeyRecord, ApiKeySettings, find};
use oxt_ticket::ids::ApiKeyId;

/// The settings to change; `None` keeps the stored one.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ApiKeyChanges {
    pub active: Option<bool>,
    pub can_create_tickets: Option<bool>,
    pub can_exec_cron: Option<bool>,
    pub notes: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum UpdateApiKeyError {
    #[error("API key {0} does not exist")]
    NotFound(ApiKeyId),
    #[error(transparent)]
    Access(#[from] AdminAccessError),
    #[error(transparent)]
    Store(StoreError),
}

impl From<StoreError> for UpdateApiKeyError {
    fn from(error: StoreError) -> Self {
        Self::Store(error)
    }
}

#[tracing::instrument(skip_all, fields(api_key = %id))]
pub async fn update(
    ctx: &Ctx,
    caller: &Caller,
    id: ApiKeyId,
    changes: ApiKeyChanges,
) -> Result<ApiKeyRecord, UpdateApiKeyError> {
    let tx = ctx.store.begin().await?;
    require_admin(&tx, caller).await?;
    let current = find(&tx, id)
        .await?
        .ok_or(UpdateApiKeyError::NotFound(id))?;
    let settings = ApiKeySettings {
        active: changes.active.unwrap_or(current.active),
        can_create_tickets: changes
            .can_create_tickets
            .unwrap_or(current.can_create_tickets),
        can_exec_cron: changes.can_exec_cron.unwrap_or(current.can_exec_cron),
        notes: changes.notes.unwrap_or(current.notes),
    };
    let record = oxt_store::api_keys::update(&tx, id, &settings, ctx.clock.now())
        .await
        .map_err(|error| match error {
            StoreError::NotFound => UpdateApiKeyError::NotFound(id),
            other => UpdateApiKeyError::Store(other),
        })?;
    tx.commit().await?;
    Ok(record)
}
