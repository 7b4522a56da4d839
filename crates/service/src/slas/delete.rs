//! Deleting an SLA as osTicket's `SLA::delete` does.

use super::SlaDeletion;
use crate::access::{AdminAccessError, require_admin};
use crate::{Caller, Ctx};
use oxt_store::StoreError;
use oxt_store::sla::delete_sla;
use oxt_store::tickets::{find_sla, load_ticket_settings};
use oxt_ticket::ids::SlaId;

#[derive(Debug, thiserror::Error)]
pub enum DeleteSlaError {
    #[error("SLA {0} does not exist")]
    NotFound(SlaId),
    #[error(transparent)]
    Access(#[from] AdminAccessError),
    #[error("SLA {0} is the help desk's default SLA")]
    DefaultSla(SlaId),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Deletes an SLA in one transaction (administrators only). The default SLA
/// (`core.default_sla_id`) cannot be deleted. An SLA in use is deleted as
/// osTicket does it: departments and help topics that name it name none,
/// and its tickets move to the default SLA (their due dates stay until the
/// next recompute).
#[tracing::instrument(skip_all, fields(sla_id = %id))]
pub async fn delete(ctx: &Ctx, caller: &Caller, id: SlaId) -> Result<SlaDeletion, DeleteSlaError> {
    let tx = ctx.store.begin().await?;
    require_admin(&tx, caller).await?;
    if find_sla(&tx, id).await?.is_none() {
        return Err(DeleteSlaError::NotFound(id));
    }
    let settings = load_ticket_settings(&tx).await?;
    if settings.default_sla == Some(id) {
        return Err(DeleteSlaError::DefaultSla(id));
    }
    let deletion = delete_sla(&tx, id, settings.default_sla).await?;
    tx.commit().await?;
    Ok(deletion)
}
