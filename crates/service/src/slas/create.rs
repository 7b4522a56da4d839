//! Creating an SLA.

use super::SlaRecord;
use super::check::{InvalidSlaField, SlaDraft, check_sla};
use crate::access::{AdminAccessError, require_admin};
use crate::{Caller, Ctx};
use oxt_store::StoreError;
use oxt_store::sla::{get_sla, insert_sla};

#[derive(Debug, thiserror::Error)]
pub enum CreateSlaError {
    #[error(transparent)]
    Access(#[from] AdminAccessError),
    #[error("the SLA has invalid fields")]
    Invalid(Vec<InvalidSlaField>),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Creates an SLA (administrators only).
#[tracing::instrument(skip_all)]
pub async fn create(
    ctx: &Ctx,
    caller: &Caller,
    draft: SlaDraft,
) -> Result<SlaRecord, CreateSlaError> {
    let now = ctx.clock.now();
    let tx = ctx.store.begin().await?;
    require_admin(&tx, caller).await?;
    let values = check_sla(&tx, draft, None)
        .await?
        .map_err(CreateSlaError::Invalid)?;
    let id = match insert_sla(&tx, &values, now).await {
        Ok(id) => id,
        // Another transaction took the name since the check.
        Err(StoreError::Conflict) => {
            return Err(CreateSlaError::Invalid(vec![InvalidSlaField::NameTaken(
                values.name,
            )]));
        }
        Err(error) => return Err(error.into()),
    };
    let created = get_sla(&tx, id).await?.ok_or(StoreError::NotFound)?;
    tx.commit().await?;
    Ok(created)
}
