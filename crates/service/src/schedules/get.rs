//! Reading one schedule.

use super::ScheduleDetails;
use crate::slas::require_staff;
use crate::{Caller, Ctx};
use oxt_perm::AccessError;
use oxt_store::StoreError;
use oxt_store::sla::get_schedule;
use oxt_ticket::ids::ScheduleId;

#[derive(Debug, thiserror::Error)]
pub enum GetScheduleError {
    #[error("schedule {0} does not exist")]
    NotFound(ScheduleId),
    #[error(transparent)]
    Refused(#[from] AccessError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// One schedule with its entries and holiday list (any staff member).
#[tracing::instrument(skip_all, fields(schedule_id = %id))]
pub async fn get(
    ctx: &Ctx,
    caller: &Caller,
    id: ScheduleId,
) -> Result<ScheduleDetails, GetScheduleError> {
    require_staff(caller)?;
    get_schedule(&ctx.store, id)
        .await?
        .map(ScheduleDetails::from)
        .ok_or(GetScheduleError::NotFound(id))
}
