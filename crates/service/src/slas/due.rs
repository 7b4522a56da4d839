//! The due date an SLA gives a ticket opened at a given instant.

use super::require_staff;
use crate::tickets::{DueDateError, sla_due_date};
use crate::{Caller, Ctx};
use chrono::{DateTime, Utc};
use oxt_perm::AccessError;
use oxt_store::StoreError;
use oxt_store::tickets::{find_sla, load_ticket_settings};
use oxt_ticket::ids::{ScheduleId, SlaId};

/// The answer: `due` is `None` for an inactive SLA, under which tickets get
/// no due date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SlaDue {
    pub sla: SlaId,
    pub from: DateTime<Utc>,
    pub due: Option<DateTime<Utc>>,
    /// The business-hours schedule counted on; `None` when every hour counts.
    pub schedule: Option<ScheduleId>,
    pub grace_period: u32,
}

#[derive(Debug, thiserror::Error)]
pub enum SlaDueError {
    #[error("SLA {0} does not exist")]
    NotFound(SlaId),
    #[error(transparent)]
    Refused(#[from] AccessError),
    /// The stored SLA or schedule rows cannot give a due date.
    #[error(transparent)]
    Unusable(DueDateError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// When a ticket opened at `from` (now when `None`) under SLA `id` would be
/// due (any staff member). The department is not known here, so its
/// schedule is not consulted: the SLA's schedule counts, else the help
/// desk's `core.schedule_id`.
#[tracing::instrument(skip_all, fields(sla_id = %id))]
pub async fn due_date(
    ctx: &Ctx,
    caller: &Caller,
    id: SlaId,
    from: Option<DateTime<Utc>>,
) -> Result<SlaDue, SlaDueError> {
    require_staff(caller)?;
    let from = from.unwrap_or_else(|| ctx.clock.now());
    let Some(row) = find_sla(&ctx.store, id).await? else {
        return Err(SlaDueError::NotFound(id));
    };
    let settings = load_ticket_settings(&ctx.store).await?;
    let due = sla_due_date(&ctx.store, &row, None, &settings, from)
        .await
        .map_err(|error| match error {
            DueDateError::Store(inner) => SlaDueError::Store(inner),
            unusable => SlaDueError::Unusable(unusable),
        })?;
    Ok(SlaDue {
        sla: id,
        from,
        due: due.map(|due| due.at),
        schedule: due.and_then(|due| due.schedule),
        grace_period: row.grace_period,
    })
}
