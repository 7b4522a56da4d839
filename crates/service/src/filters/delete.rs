//! Deleting a filter with its rules and actions.

use crate::access::{AdminAccessError, require_admin};
use crate::filters::save::is_ban_list;
use crate::{Caller, Ctx};
use oxt_perm::AccessError;
use oxt_store::StoreError;
use oxt_store::filters::{delete_filter, find_filter};
use oxt_ticket::ids::FilterId;

#[derive(Debug, thiserror::Error)]
pub enum DeleteFilterError {
    #[error(transparent)]
    Refused(#[from] AccessError),
    #[error("filter {0} does not exist")]
    NotFound(FilterId),
    /// osTicket's ban list lives in this filter; osTicket's panel marks it
    /// "Do not remove".
    #[error("filter {0} is the system ban list, which cannot be deleted")]
    SystemBanList(FilterId),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<AdminAccessError> for DeleteFilterError {
    fn from(error: AdminAccessError) -> Self {
        match error {
            AdminAccessError::Refused(refused) => Self::Refused(refused),
            AdminAccessError::Store(store) => Self::Store(store),
        }
    }
}

#[tracing::instrument(skip_all, fields(filter_id = %id))]
pub async fn delete(ctx: &Ctx, caller: &Caller, id: FilterId) -> Result<(), DeleteFilterError> {
    let tx = ctx.store.begin().await?;
    require_admin(&tx, caller).await?;
    let stored = find_filter(&tx, id)
        .await?
        .ok_or(DeleteFilterError::NotFound(id))?;
    if is_ban_list(&stored) {
        return Err(DeleteFilterError::SystemBanList(id));
    }
    delete_filter(&tx, id).await?;
    tx.commit().await?;
    ctx.filters.invalidate();
    tracing::info!("filter deleted");
    Ok(())
}
