//! The JSON shape of an SLA.

use chrono::{DateTime, Utc};
use oxt_service::slas::SlaRecord;
use serde::Serialize;
use utoipa::ToSchema;

/// One `ost_sla` row, its `flags` as booleans.
#[derive(Debug, Serialize, ToSchema)]
pub struct SlaBody {
    pub id: u32,
    pub name: String,
    /// Hours of business time before a ticket is due.
    pub grace_period: u32,
    /// The business-hours schedule; `null`: the department's, else the help desk's.
    pub schedule_id: Option<u32>,
    /// `FLAG_ACTIVE`: tickets under an inactive SLA get no due date.
    pub active: bool,
    /// `FLAG_ESCALATE`: an overdue ticket's priority is raised.
    pub escalate: bool,
    /// `FLAG_NOALERTS`: no overdue alerts.
    pub no_alerts: bool,
    /// `FLAG_TRANSIENT`: gives way to the department's or help topic's SLA.
    pub transient: bool,
    pub notes: Option<String>,
    pub created: Option<DateTime<Utc>>,
    pub updated: Option<DateTime<Utc>>,
}

/// Every SLA, by name.
#[derive(Debug, Serialize, ToSchema)]
pub struct SlaListBody {
    pub items: Vec<SlaBody>,
}

impl From<SlaRecord> for SlaBody {
    fn from(sla: SlaRecord) -> Self {
        Self {
            id: sla.id.get(),
            name: sla.name,
            grace_period: sla.grace_period,
            schedule_id: sla.schedule.map(|id| id.get()),
            active: sla.flags.active,
            escalate: sla.flags.escalate,
            no_alerts: sla.flags.no_alerts,
            transient: sla.flags.transient,
            notes: sla.notes,
            created: sla.created,
            updated: sla.updated,
        }
    }
}
