//! Who the caller is in osTicket's permission model, and the checks every
//! use case makes before it reads or writes.
//!
//! The one rule for refusals (`docs/api/problems.md`): a caller who may not
//! see an object gets [`AccessError::NotVisible`] (404, its existence is not
//! revealed); a caller who sees it but may not do this gets
//! [`AccessError::Forbidden`] (403).

use crate::Caller;
use oxt_identity::Subject;
use oxt_perm::{AccessError, Reason};
use oxt_store::{Conn, StoreError};

/// Why an administrative operation (configuring SLAs, schedules, filters,
/// the ban list, roles, staff, teams, departments) was refused.
#[derive(Debug, thiserror::Error)]
pub enum AdminAccessError {
    #[error(transparent)]
    Refused(#[from] AccessError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Succeeds when the caller is an active staff member with `isadmin`, as
/// osTicket's admin panel requires; any other caller is refused with 403.
pub async fn require_admin(db: &impl Conn, caller: &Caller) -> Result<(), AdminAccessError> {
    let refused = |reason| AccessError::Forbidden {
        reasons: vec![reason],
    };
    match caller.subject {
        Subject::Staff(id) if oxt_store::staff::is_active_admin(db, id).await? => Ok(()),
        Subject::Staff(_) => Err(refused(Reason::AdminFlag).into()),
        Subject::User(_) => Err(refused(Reason::StaffOnly).into()),
    }
}
