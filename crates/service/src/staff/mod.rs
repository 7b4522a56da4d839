//! Staff members: the directory any agent reads (within the departments
//! osTicket lets them see), and the accounts, staff-level permissions and
//! extended department access only an administrator writes.

mod changes;
mod create;
mod delete;
mod dept_access;
mod list;
mod read;
mod update;

pub use changes::StaffChanges;
pub use create::{CreateStaffError, create};
pub use delete::{DeleteStaffError, delete};
pub use dept_access::{
    DeptAccessChange, GetDeptAccessError, SetDeptAccessError, get_dept_access, set_dept_access,
};
pub use list::{ListStaffError, StaffList, StaffQuery, list};
pub use oxt_store::staff::{DeptAccessRow, StaffRecord};
pub use oxt_store::teams::MemberRecord;
pub use read::{GetStaffError, get};
pub use update::{UpdateStaffError, update};

use oxt_perm::{AccessError, Actor, Permission, Reason, RolePermissions};
use oxt_store::{Conn, StoreError, staff, teams};
use oxt_ticket::ids::{DeptId, StaffId};

/// A staff member with what decides their permissions: staff-level
/// permissions, extended department access and teams.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffMember {
    pub record: StaffRecord,
    /// `ost_staff.permissions`; a column osTicket could not decode grants
    /// nothing, as in osTicket.
    pub permissions: RolePermissions,
    pub dept_access: Vec<DeptAccessRow>,
    /// The teams they belong to (`team` of each row).
    pub teams: Vec<MemberRecord>,
}

/// Staff member `id` with their access and teams.
async fn load(db: &impl Conn, id: StaffId) -> Result<Option<StaffMember>, StoreError> {
    let Some(record) = staff::find(db, id).await? else {
        return Ok(None);
    };
    Ok(Some(StaffMember {
        permissions: RolePermissions::parse(record.permissions.as_deref()).unwrap_or_default(),
        dept_access: staff::list_dept_access(db, id).await?,
        teams: teams::memberships(db, id).await?,
        record,
    }))
}

/// The departments whose members `actor` may see, as osTicket's
/// `Staff::applyDeptVisibility` decides: every staff member for an
/// administrator or a holder of `visibility.agents` (and, as in osTicket, for
/// an agent who reaches no department), else those whose primary or extended
/// department is one the actor reaches. End users are refused.
fn directory_scope(actor: &Actor) -> Result<Option<Vec<DeptId>>, AccessError> {
    let Actor::Staff(grants) = actor else {
        return Err(AccessError::Forbidden {
            reasons: vec![Reason::StaffOnly],
        });
    };
    if grants.is_admin()
        || grants.has_staff_permission(Permission::AgentVisibility)
        || grants.departments().is_empty()
    {
        return Ok(None);
    }
    Ok(Some(
        grants.departments().iter().map(|(dept, _)| *dept).collect(),
    ))
}

/// Whether a staff member in `within`'s scope: primary department or one
/// of their extended access.
fn in_scope(within: Option<&[DeptId]>, member: &StaffMember) -> bool {
    within.is_none_or(|depts| {
        depts.contains(&member.record.dept)
            || member
                .dept_access
                .iter()
                .any(|access| depts.contains(&access.dept))
    })
}
