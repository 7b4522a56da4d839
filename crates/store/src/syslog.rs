//! osTicket's system log (`ost_syslog`), which its admin panel shows under
//! Dashboard → System Logs.

use crate::entity::syslog;
use crate::{Conn, OstDateTime, StoreError};
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, NotSet};

/// `ost_syslog.log_type`, osTicket's three levels; `core.log_level` is the
/// highest level it stores (1 errors, 2 warnings, 3 debug).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum LogLevel {
    Error = 1,
    Warning = 2,
    Debug = 3,
}

impl LogLevel {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Error => "Error",
            Self::Warning => "Warning",
            Self::Debug => "Debug",
        }
    }
}

/// One log row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewLogEntry<'a> {
    pub level: LogLevel,
    pub title: &'a str,
    pub message: &'a str,
    /// The client's address, as osTicket records `REMOTE_ADDR`.
    pub ip_address: &'a str,
    pub at: DateTime<Utc>,
}

pub async fn insert(db: &impl Conn, entry: &NewLogEntry<'_>) -> Result<(), StoreError> {
    syslog::ActiveModel {
        log_id: NotSet,
        log_type: Set(entry.level.as_str().to_owned()),
        title: Set(entry.title.to_owned()),
        log: Set(entry.message.to_owned()),
        logger: Set(String::new()),
        ip_address: Set(entry.ip_address.to_owned()),
        created: Set(OstDateTime::at(entry.at.naive_utc())),
        updated: Set(OstDateTime::at(entry.at.naive_utc())),
    }
    .insert(db.db())
    .await?;
    Ok(())
}
