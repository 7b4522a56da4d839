//! Listing schedules.

use super::ScheduleDetails;
use crate::slas::require_staff;
use crate::{Caller, Ctx};
use oxt_perm::AccessError;
use oxt_store::StoreError;
use oxt_store::sla::list_schedules;

#[derive(Debug, thiserror::Error)]
pub enum ListSchedulesError {
    #[error(transparent)]
    Refused(#[from] AccessError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Every schedule with its entries, by name (any staff member).
#[tracing::instrument(skip_all)]
pub async fn list(ctx: &Ctx, caller: &Caller) -> Result<Vec<ScheduleDetails>, ListSchedulesError> {
    require_staff(caller)?;
    Ok(list_schedules(&ctx.store)
        .await?
        .into_iter()
        .map(ScheduleDetails::from)
        .collect())
}
