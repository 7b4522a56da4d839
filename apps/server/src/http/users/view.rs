//! The JSON shape of a user.

use chrono::{DateTime, NaiveDateTime, Utc};
use oxt_service::users::UserRecord;
use serde::Serialize;
use utoipa::ToSchema;

/// A user, with osTicket's column names.
#[derive(Debug, Serialize, ToSchema)]
pub struct UserBody {
    /// `ost_user.id`
    pub id: u32,
    pub name: String,
    /// The default address; `null` if its row is gone.
    pub email: Option<String>,
    /// The organization, if any.
    pub org_id: Option<u32>,
    /// `ost_user.status` bit flags as osTicket keeps them.
    pub status: u32,
    pub created: Option<DateTime<Utc>>,
    pub updated: Option<DateTime<Utc>>,
    /// As stored: digits, then `X` and the extension.
    pub phone: Option<String>,
}

impl From<UserRecord> for UserBody {
    fn from(record: UserRecord) -> Self {
        Self {
            id: record.id.get(),
            name: record.name,
            email: record.email,
            org_id: record.org_id.map(|id| id.get()),
            status: record.status,
            created: record.created.map(utc),
            updated: record.updated.map(utc),
            phone: record.phone,
        }
    }
}

fn utc(naive: NaiveDateTime) -> DateTime<Utc> {
    naive.and_utc()
}
