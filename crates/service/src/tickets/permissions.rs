//! Explaining permissions on one ticket: every osTicket permission, allowed
//! or denied, with the reasons, for the caller or (for an administrator)
//! for a named staff member.

use crate::access::{AdminAccessError, TicketAccessError, actor, require_admin};
use crate::{Caller, Ctx};
use oxt_identity::Subject;
use oxt_perm::{Actor, Explanation, explain};
use oxt_store::StoreError;
use oxt_store::access::{load_staff_grants, load_ticket_facts};
use oxt_ticket::ids::{StaffId, TicketId};

/// The explanation and whom it is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketPermissions {
    pub ticket: TicketId,
    pub subject: Subject,
    pub explanation: Explanation,
}

#[derive(Debug, thiserror::Error)]
pub enum ExplainPermissionsError {
    /// The ticket does not exist, or the caller (or the named staff member)
    /// may not see it; an unknown caller.
    #[error(transparent)]
    Access(#[from] TicketAccessError),
    /// Only administrators may ask on behalf of a staff member.
    #[error(transparent)]
    NotAdmin(#[from] AdminAccessError),
    /// No active staff member has this id.
    #[error("staff member {0} does not exist or is locked")]
    UnknownStaff(StaffId),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Every permission on ticket `id` for the caller, or for staff member `of`
/// when an administrator asks. One transaction: the grants and the ticket's
/// facts are read at the same instant.
#[tracing::instrument(skip_all, fields(ticket_id = %id, of = ?of))]
pub async fn explain_permissions(
    ctx: &Ctx,
    caller: &Caller,
    id: TicketId,
    of: Option<StaffId>,
) -> Result<TicketPermissions, ExplainPermissionsError> {
    let tx = ctx.store.begin().await?;
    let (subject, grants) = match of {
        None => (
            caller.subject,
            actor(&tx, caller).await.map_err(TicketAccessError::from)?,
        ),
        Some(staff) => {
            require_admin(&tx, caller).await?;
            let grants = load_staff_grants(&tx, staff)
                .await?
                .ok_or(ExplainPermissionsError::UnknownStaff(staff))?;
            (Subject::Staff(staff), Actor::Staff(grants))
        }
    };
    let facts = load_ticket_facts(&tx, id)
        .await?
        .ok_or(TicketAccessError::NotFound(id))?;
    let explanation = explain(&grants, &facts).ok_or(TicketAccessError::NotFound(id))?;
    tx.commit().await?;
    Ok(TicketPermissions {
        ticket: id,
        subject,
        explanation,
    })
}
