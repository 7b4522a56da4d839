//! Listing SLAs.

use super::{SlaRecord, require_staff};
use crate::{Caller, Ctx};
use oxt_perm::AccessError;
use oxt_store::StoreError;
use oxt_store::sla::list_slas;

#[derive(Debug, thiserror::Error)]
pub enum ListSlasError {
    #[error(transparent)]
    Refused(#[from] AccessError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Every SLA by name (any staff member).
#[tracing::instrument(skip_all)]
pub async fn list(ctx: &Ctx, caller: &Caller) -> Result<Vec<SlaRecord>, ListSlasError> {
    require_staff(caller)?;
    Ok(list_slas(&ctx.store).await?)
}
