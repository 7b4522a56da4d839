//! The JSON shape of an API key.

use chrono::{DateTime, Utc};
use oxt_service::api_keys::ApiKeyRecord;
use serde::Serialize;
use utoipa::ToSchema;

/// An API key with its settings. `key` is what clients send as `X-API-Key`.
#[derive(Debug, Serialize, ToSchema)]
pub struct ApiKeyBody {
    id: u32,
    /// 32 upper-case hex digits.
    key: String,
    /// The one client address the key is accepted from.
    ipaddr: String,
    isactive: bool,
    can_create_tickets: bool,
    can_exec_cron: bool,
    notes: String,
    created: Option<DateTime<Utc>>,
    updated: Option<DateTime<Utc>>,
}

impl From<ApiKeyRecord> for ApiKeyBody {
    fn from(record: ApiKeyRecord) -> Self {
        Self {
            id: record.id.get(),
            key: record.key,
            ipaddr: record.ip_address,
            isactive: record.active,
            can_create_tickets: record.can_create_tickets,
            can_exec_cron: record.can_exec_cron,
            notes: record.notes,
            created: record.created,
            updated: record.updated,
        }
    }
}
