//! The JSON shape of a banned address: one `email` `equal` rule of the
//! `SYSTEM BAN LIST` filter.

use chrono::{DateTime, Utc};
use oxt_service::filters::BanRule;
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Debug, Serialize, ToSchema)]
pub struct BanBody {
    /// `ost_filter_rule.id`
    pub id: u32,
    pub email: String,
    /// A paused ban (`false`) is listed but bans nobody.
    pub isactive: bool,
    pub notes: String,
    pub created: Option<DateTime<Utc>>,
    pub updated: Option<DateTime<Utc>>,
}

impl From<BanRule> for BanBody {
    fn from(ban: BanRule) -> Self {
        Self {
            id: ban.id.get(),
            email: ban.email,
            isactive: ban.active,
            notes: ban.notes,
            created: ban.created.map(|at| at.and_utc()),
            updated: ban.updated.map(|at| at.and_utc()),
        }
    }
}

/// Every banned address, alphabetically.
#[derive(Debug, Serialize, ToSchema)]
pub struct BanListBody {
    pub items: Vec<BanBody>,
}
