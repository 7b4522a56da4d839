//! Deleting a staff member.

use super::load;
use crate::access::{AdminAccessError, require_admin};
use crate::{Caller, Ctx};
use oxt_identity::Subject;
use oxt_store::{StoreError, staff};
use oxt_ticket::ids::StaffId;

#[derive(Debug, thiserror::Error)]
pub enum DeleteStaffError {
    #[error(transparent)]
    Access(#[from] AdminAccessError),
    #[error("no staff member {0}")]
    NotFound(StaffId),
    /// osTicket's `Staff::delete` refuses to delete the caller's own account.
    #[error("staff member {0} is the caller")]
    OwnAccount(StaffId),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Deletes staff member `id` in one transaction, as osTicket's
/// `Staff::delete` does: their tickets are released (unassigned), the thread
/// entries they wrote keep their name, and their team memberships and
/// extended department access go. Teams they led are left without a lead.
#[tracing::instrument(skip_all, fields(staff_id = %id))]
pub async fn delete(ctx: &Ctx, caller: &Caller, id: StaffId) -> Result<(), DeleteStaffError> {
    let tx = ctx.store.begin().await?;
    require_admin(&tx, caller).await?;
    let member = load(&tx, id).await?.ok_or(DeleteStaffError::NotFound(id))?;
    if caller.subject == Subject::Staff(id) {
        return Err(DeleteStaffError::OwnAccount(id));
    }
    let name = [
        member.record.firstname.trim(),
        member.record.lastname.trim(),
    ]
    .into_iter()
    .filter(|part| !part.is_empty())
    .collect::<Vec<_>>()
    .join(" ");
    staff::delete(&tx, id, &name).await?;
    tx.commit().await?;
    tracing::info!("staff member deleted");
    Ok(())
}
