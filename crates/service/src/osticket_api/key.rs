//! `ApiController::requireApiKey`: which key a request speaks for.

use crate::Ctx;
use oxt_store::StoreError;
use oxt_store::api_keys::find_by_key_and_ip;
use oxt_ticket::ids::ApiKeyId;
use std::fmt;

/// What a key is asked to do; each has its own flag on the key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApiPurpose {
    /// `can_create_tickets`
    CreateTickets,
    /// `can_exec_cron`
    ExecCron,
}

impl fmt::Display for ApiPurpose {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::CreateTickets => "create tickets",
            Self::ExecCron => "run cron",
        })
    }
}

/// A key that may do what was asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthorizedApiKey {
    pub id: ApiKeyId,
}

#[derive(Debug, thiserror::Error)]
pub enum AuthorizeApiKeyError {
    /// No key sent, or none stored for this key and client address.
    #[error("no API key is registered for the key sent and the client's address")]
    NotRecognised,
    #[error("API key {0} is disabled")]
    Inactive(ApiKeyId),
    #[error("API key {key} may not {purpose}")]
    NotAllowed { key: ApiKeyId, purpose: ApiPurpose },
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Finds the key sent (`X-API-Key`) among those registered for `client_ip`,
/// and checks it is active and may do `purpose`, in osTicket's order.
pub async fn authorize(
    ctx: &Ctx,
    sent_key: Option<&str>,
    client_ip: &str,
    purpose: ApiPurpose,
) -> Result<AuthorizedApiKey, AuthorizeApiKeyError> {
    let sent_key = sent_key
        .filter(|key| !key.is_empty())
        .ok_or(AuthorizeApiKeyError::NotRecognised)?;
    let key = find_by_key_and_ip(&ctx.store, sent_key, client_ip)
        .await?
        .ok_or(AuthorizeApiKeyError::NotRecognised)?;
    if !key.active {
        return Err(AuthorizeApiKeyError::Inactive(key.id));
    }
    let allowed = match purpose {
        ApiPurpose::CreateTickets => key.can_create_tickets,
        ApiPurpose::ExecCron => key.can_exec_cron,
    };
    if !allowed {
        return Err(AuthorizeApiKeyError::NotAllowed {
            key: key.id,
            purpose,
        });
    }
    Ok(AuthorizedApiKey { id: key.id })
}
