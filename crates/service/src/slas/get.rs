//! Reading one SLA.

use super::{SlaRecord, require_staff};
use crate::{Caller, Ctx};
use oxt_perm::AccessError;
use oxt_store::StoreError;
use oxt_store::sla::get_sla;
use oxt_ticket::ids::SlaId;

#[derive(Debug, thiserror::Error)]
pub enum GetSlaError {
    #[error("SLA {0} does not exist")]
    NotFound(SlaId),
    #[error(transparent)]
    Refused(#[from] AccessError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// One SLA (any staff member).
#[tracing::instrument(skip_all, fields(sla_id = %id))]
pub async fn get(ctx: &Ctx, caller: &Caller, id: SlaId) -> Result<SlaRecord, GetSlaError> {
    require_staff(caller)?;
    get_sla(&ctx.store, id)
        .await?
        .ok_or(GetSlaError::NotFound(id))
}
