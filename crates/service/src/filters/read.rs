//! Reading filters: any agent may look, as every agent's ticket view shows
//! what filters did; end users may not.

use crate::{Caller, Ctx};
use oxt_identity::Subject;
use oxt_perm::{AccessError, Reason};
use oxt_store::StoreError;
use oxt_store::filters::{FilterRecord, find_filter, list_filters};
use oxt_ticket::ids::FilterId;

#[derive(Debug, thiserror::Error)]
pub enum ReadFiltersError {
    #[error(transparent)]
    Refused(#[from] AccessError),
    #[error("filter {0} does not exist")]
    NotFound(FilterId),
    #[error(transparent)]
    Store(#[from] StoreError),
}

pub(crate) fn require_staff(caller: &Caller) -> Result<(), AccessError> {
    match caller.subject {
        Subject::Staff(_) => Ok(()),
        Subject::User(_) => Err(AccessError::Forbidden {
            reasons: vec![Reason::StaffOnly],
        }),
    }
}

/// Every filter, the system ban list included, in execution order.
#[tracing::instrument(skip_all)]
pub async fn list(ctx: &Ctx, caller: &Caller) -> Result<Vec<FilterRecord>, ReadFiltersError> {
    require_staff(caller)?;
    Ok(list_filters(&ctx.store).await?)
}

#[tracing::instrument(skip_all, fields(filter_id = %id))]
pub async fn get(
    ctx: &Ctx,
    caller: &Caller,
    id: FilterId,
) -> Result<FilterRecord, ReadFiltersError> {
    require_staff(caller)?;
    find_filter(&ctx.store, id)
        .await?
        .ok_or(ReadFiltersError::NotFound(id))
}
