//! Deleting a schedule that nothing uses.

use super::holiday_schedule_ids;
use crate::access::{AdminAccessError, require_admin};
use crate::{Caller, Ctx};
use oxt_store::StoreError;
use oxt_store::sla::{delete_schedule, find_schedule_kind, schedule_configurations, schedule_uses};
use oxt_ticket::ids::{DeptId, ScheduleId, SlaId};

/// What still refers to a schedule that was to be deleted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScheduleInUse {
    pub help_desk_default: bool,
    pub slas: Vec<SlaId>,
    pub departments: Vec<DeptId>,
    /// Business schedules that skip its days.
    pub holiday_lists: Vec<ScheduleId>,
}

#[derive(Debug, thiserror::Error)]
pub enum DeleteScheduleError {
    #[error("schedule {0} does not exist")]
    NotFound(ScheduleId),
    #[error(transparent)]
    Access(#[from] AdminAccessError),
    /// osTicket leaves "deny delete for in-use schedules" as a to-do and
    /// deletes anyway, leaving dangling ids; Oxticket refuses.
    #[error(
        "schedule {id} is in use (help desk default: {}, SLAs {:?}, departments {:?}, holiday list of {:?})",
        used.help_desk_default, used.slas, used.departments, used.holiday_lists
    )]
    InUse { id: ScheduleId, used: ScheduleInUse },
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Deletes a schedule, its entries and its configuration in one
/// transaction (administrators only), unless something uses it.
#[tracing::instrument(skip_all, fields(schedule_id = %id))]
pub async fn delete(ctx: &Ctx, caller: &Caller, id: ScheduleId) -> Result<(), DeleteScheduleError> {
    let tx = ctx.store.begin().await?;
    require_admin(&tx, caller).await?;
    if find_schedule_kind(&tx, id).await?.is_none() {
        return Err(DeleteScheduleError::NotFound(id));
    }
    let uses = schedule_uses(&tx, id).await?;
    let holiday_lists: Vec<ScheduleId> = schedule_configurations(&tx)
        .await?
        .into_iter()
        .filter(|(owner, configuration)| {
            *owner != id && holiday_schedule_ids(Some(configuration)).contains(&id)
        })
        .map(|(owner, _)| owner)
        .collect();
    if !uses.is_empty() || !holiday_lists.is_empty() {
        return Err(DeleteScheduleError::InUse {
            id,
            used: ScheduleInUse {
                help_desk_default: uses.help_desk_default,
                slas: uses.slas,
                departments: uses.departments,
                holiday_lists,
            },
        });
    }
    delete_schedule(&tx, id).await?;
    tx.commit().await?;
    Ok(())
}
