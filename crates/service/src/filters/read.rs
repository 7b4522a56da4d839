//! Reading filters: administrators only, as osTicket shows filters in its
//! admin panel alone (`scp/filters.php` requires `admin.inc.php`).

use crate::access::{AdminAccessError, require_admin};
use crate::{Caller, Ctx};
use oxt_perm::AccessError;
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

impl From<AdminAccessError> for ReadFiltersError {
    fn from(error: AdminAccessError) -> Self {
        match error {
            AdminAccessError::Refused(refused) => Self::Refused(refused),
            AdminAccessError::Store(store) => Self::Store(store),
        }
    }
}

/// Every filter, the system ban list included, in execution order.
#[tracing::instrument(skip_all)]
pub async fn list(ctx: &Ctx, caller: &Caller) -> Result<Vec<FilterRecord>, ReadFiltersError> {
    require_admin(&ctx.store, caller).await?;
    Ok(list_filters(&ctx.store).await?)
}

#[tracing::instrument(skip_all, fields(filter_id = %id))]
pub async fn get(
    ctx: &Ctx,
    caller: &Caller,
    id: FilterId,
) -> Result<FilterRecord, ReadFiltersError> {
    require_admin(&ctx.store, caller).await?;
    find_filter(&ctx.store, id)
        .await?
        .ok_or(ReadFiltersError::NotFound(id))
}
