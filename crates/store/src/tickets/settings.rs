//! The help-desk settings ticket creation reads from `ost_config`.

use crate::entity::config;
use crate::reference_cache::{ReferenceKey, cached};
use crate::{Conn, StoreError};
use oxt_ticket::ids::{DeptId, PriorityId, ScheduleId, SlaId, StatusId};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use std::collections::HashMap;

const CORE: &str = "core";

/// The `core` settings `Ticket::create` consults, each `None` when unset, empty or 0.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketSettings {
    pub default_dept: Option<DeptId>,
    pub default_priority: Option<PriorityId>,
    pub default_sla: Option<SlaId>,
    /// `default_ticket_status_id`; osTicket falls back to status 1 (Open).
    pub default_status: Option<StatusId>,
    pub schedule: Option<ScheduleId>,
    /// `ticket_number_format`, verbatim.
    pub number_format: Option<String>,
    /// `ticket_sequence_id`, verbatim: empty means random numbers.
    pub sequence_id: String,
    /// `default_timezone`, the zone of schedules without one of their own.
    pub timezone: Option<String>,
    /// `auto_claim_tickets`: an agent's response claims an unassigned
    /// ticket. osTicket's default when the key is absent is on.
    pub auto_claim: bool,
}

/// The ticket settings, through the reference cache.
pub async fn load_ticket_settings(db: &impl Conn) -> Result<TicketSettings, StoreError> {
    cached(
        db.reference_cache(),
        ReferenceKey::TicketSettings,
        read_ticket_settings(db),
    )
    .await
}

/// Reads the ticket settings in one query.
async fn read_ticket_settings(db: &impl Conn) -> Result<TicketSettings, StoreError> {
    let keys = [
        "default_dept_id",
        "default_priority_id",
        "default_sla_id",
        "default_ticket_status_id",
        "schedule_id",
        "ticket_number_format",
        "ticket_sequence_id",
        "default_timezone",
        "auto_claim_tickets",
    ];
    let rows: HashMap<String, String> = config::Entity::find()
        .filter(config::Column::Namespace.eq(CORE))
        .filter(config::Column::Key.is_in(keys))
        .all(db.db())
        .await?
        .into_iter()
        .map(|row| (row.key, row.value))
        .collect();
    let id = |key: &str| {
        rows.get(key)
            .and_then(|value| value.trim().parse::<u32>().ok())
            .filter(|id| *id != 0)
    };
    let text = |key: &str| rows.get(key).filter(|value| !value.is_empty()).cloned();
    Ok(TicketSettings {
        default_dept: id("default_dept_id").map(DeptId::new),
        default_priority: id("default_priority_id").map(PriorityId::new),
        default_sla: id("default_sla_id").map(SlaId::new),
        default_status: id("default_ticket_status_id").map(StatusId::new),
        schedule: id("schedule_id").map(ScheduleId::new),
        number_format: text("ticket_number_format"),
        sequence_id: rows.get("ticket_sequence_id").cloned().unwrap_or_default(),
        timezone: text("default_timezone"),
        auto_claim: rows
            .get("auto_claim_tickets")
            .is_none_or(|value| !matches!(value.trim(), "" | "0")),
    })
}

/// One `ost_config` value, such as a schedule's `configuration` in namespace
/// `schedule.<id>`, through the reference cache.
pub async fn find_config_value(
    db: &impl Conn,
    namespace: &str,
    key: &str,
) -> Result<Option<String>, StoreError> {
    cached(
        db.reference_cache(),
        ReferenceKey::Config {
            namespace: namespace.to_owned(),
            key: key.to_owned(),
        },
        read_config_value(db, namespace, key),
    )
    .await
}

async fn read_config_value(
    db: &impl Conn,
    namespace: &str,
    key: &str,
) -> Result<Option<String>, StoreError> {
    Ok(config::Entity::find()
        .filter(config::Column::Namespace.eq(namespace))
        .filter(config::Column::Key.eq(key))
        .one(db.db())
        .await?
        .map(|row| row.value))
}
