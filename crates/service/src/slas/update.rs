//! Changing an SLA.

use super::check::{InvalidSlaField, SlaDraft, check_sla};
use super::{SlaFlags, SlaRecord};
use crate::access::{AdminAccessError, require_admin};
use crate::{Caller, Ctx};
use oxt_store::StoreError;
use oxt_store::sla::{get_sla, update_sla};
use oxt_ticket::ids::{ScheduleId, SlaId};

/// The changes to make; `None` leaves a field as it is, `Some(None)` clears
/// an optional one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SlaChanges {
    pub name: Option<String>,
    pub grace_period: Option<i64>,
    pub schedule: Option<Option<ScheduleId>>,
    pub active: Option<bool>,
    pub escalate: Option<bool>,
    pub no_alerts: Option<bool>,
    pub transient: Option<bool>,
    pub notes: Option<Option<String>>,
}

#[derive(Debug, thiserror::Error)]
pub enum UpdateSlaError {
    #[error("SLA {0} does not exist")]
    NotFound(SlaId),
    #[error(transparent)]
    Access(#[from] AdminAccessError),
    #[error("the SLA has invalid fields")]
    Invalid(Vec<InvalidSlaField>),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Applies `changes` (administrators only). Tickets keep the due dates they
/// have, as in osTicket: a new grace period counts for the next recompute.
#[tracing::instrument(skip_all, fields(sla_id = %id))]
pub async fn update(
    ctx: &Ctx,
    caller: &Caller,
    id: SlaId,
    changes: SlaChanges,
) -> Result<SlaRecord, UpdateSlaError> {
    let now = ctx.clock.now();
    let tx = ctx.store.begin().await?;
    require_admin(&tx, caller).await?;
    let Some(current) = get_sla(&tx, id).await? else {
        return Err(UpdateSlaError::NotFound(id));
    };
    let draft = SlaDraft {
        name: changes.name.unwrap_or(current.name),
        grace_period: changes
            .grace_period
            .unwrap_or(i64::from(current.grace_period)),
        schedule: changes.schedule.unwrap_or(current.schedule),
        flags: SlaFlags {
            active: changes.active.unwrap_or(current.flags.active),
            escalate: changes.escalate.unwrap_or(current.flags.escalate),
            no_alerts: changes.no_alerts.unwrap_or(current.flags.no_alerts),
            transient: changes.transient.unwrap_or(current.flags.transient),
        },
        notes: changes.notes.unwrap_or(current.notes),
    };
    let values = check_sla(&tx, draft, Some(id))
        .await?
        .map_err(UpdateSlaError::Invalid)?;
    match update_sla(&tx, id, &values, now).await {
        Ok(()) => {}
        Err(StoreError::Conflict) => {
            return Err(UpdateSlaError::Invalid(vec![InvalidSlaField::NameTaken(
                values.name,
            )]));
        }
        Err(error) => return Err(error.into()),
    }
    let updated = get_sla(&tx, id).await?.ok_or(StoreError::NotFound)?;
    tx.commit().await?;
    Ok(updated)
}
