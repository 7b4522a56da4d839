//! `ApiController::onError`: every API error is written to `ost_syslog`,
//! where osTicket's administrators look for them.

use crate::Ctx;
use oxt_store::StoreError;
use oxt_store::syslog::{LogLevel, NewLogEntry, insert};
use oxt_store::tickets::find_config_value;

/// One API error or warning, as the response reported it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiLogEntry<'a> {
    /// The HTTP status answered (or, for a warning that did not stop the
    /// request, the one osTicket names in the title).
    pub status: u16,
    /// The title before the status: `API Error` unless osTicket names it
    /// (`Unexpected Data`, `Ticket denied`).
    pub title: &'a str,
    pub message: &'a str,
    /// osTicket writes a refusal as a warning, and a problem it lets pass
    /// (unexpected data) as an error.
    pub level: LogLevel,
    /// The `X-API-Key` header as sent, appended to the message as osTicket does.
    pub sent_key: Option<&'a str>,
    pub client_ip: &'a str,
}

/// Writes the entry unless `core.log_level` keeps entries of its level out.
pub async fn record(ctx: &Ctx, entry: &ApiLogEntry<'_>) -> Result<(), StoreError> {
    // osTicket compares the setting with the level; an unset or unreadable
    // one logs nothing.
    let log_level = find_config_value(&ctx.store, "core", "log_level")
        .await?
        .and_then(|value| value.trim().parse::<u8>().ok())
        .unwrap_or(0);
    if log_level < entry.level as u8 {
        return Ok(());
    }
    let mut message = entry.message.to_owned();
    if let Some(key) = entry.sent_key.filter(|key| !key.is_empty()) {
        message.push_str(&format!("\n[{key}]\n"));
    }
    insert(
        &ctx.store,
        &NewLogEntry {
            level: entry.level,
            title: &format!("{} ({})", entry.title, entry.status),
            message: &message,
            ip_address: entry.client_ip,
            at: ctx.clock.now(),
        },
    )
    .await
}
