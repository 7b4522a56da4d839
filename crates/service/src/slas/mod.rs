//! Service-level agreements (`ost_sla`): reads for any staff member, writes
//! for administrators with the checks of osTicket's `SLA::update`, and the
//! due date an SLA gives a ticket opened at a given instant.

mod check;
mod create;
mod delete;
mod due;
mod get;
mod list;
mod update;

pub use check::{InvalidSlaField, SlaDraft};
pub use create::{CreateSlaError, create};
pub use delete::{DeleteSlaError, delete};
pub use due::{SlaDue, SlaDueError, due_date};
pub use get::{GetSlaError, get};
pub use list::{ListSlasError, list};
pub use oxt_store::sla::{SlaDeletion, SlaFlags, SlaRecord};
pub use update::{SlaChanges, UpdateSlaError, update};

use crate::Caller;
use oxt_identity::Subject;
use oxt_perm::{AccessError, Reason};
use oxt_ticket::ids::StaffId;

/// Help-desk configuration is readable by staff, never by end users (403).
pub(crate) fn require_staff(caller: &Caller) -> Result<StaffId, AccessError> {
    match caller.subject {
        Subject::Staff(staff) => Ok(staff),
        Subject::User(_) => Err(AccessError::Forbidden {
            reasons: vec![Reason::StaffOnly],
        }),
    }
}
