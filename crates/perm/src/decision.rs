//! Answers and the reasons behind them.

use crate::permission::Permission;
use oxt_ticket::ids::{DeptId, OrgId, RoleId, StaffId, TeamId, TicketId};
use serde::Serialize;
use thiserror::Error;

/// What the caller asks to do with a ticket: see it at all, or use one
/// permission on it. A [`Permission`] converts into an `Action`, so
/// `can(&actor, Permission::TicketReply, &ticket)` reads naturally.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    View,
    Use(Permission),
}

impl From<Permission> for Action {
    fn from(permission: Permission) -> Self {
        Self::Use(permission)
    }
}

/// The answer to "may this actor do that to this ticket?".
///
/// The HTTP mapping is one rule: `NotVisible` is a 404 (the caller must not
/// learn that the ticket exists), `Denied` is a 403, `Allowed` proceeds.
/// [`Decision::require`] turns the answer into a `Result` for `?`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "decision", content = "reasons", rename_all = "snake_case")]
pub enum Decision {
    /// Why the actor sees the ticket, then why the action is permitted.
    Allowed(Vec<Reason>),
    /// Why the actor sees the ticket, then why the action is not permitted.
    Denied(Vec<Reason>),
    /// The actor may not see the ticket; no reason is given on purpose.
    NotVisible,
}

impl Decision {
    pub fn is_allowed(&self) -> bool {
        matches!(self, Self::Allowed(_))
    }

    pub fn is_visible(&self) -> bool {
        !matches!(self, Self::NotVisible)
    }

    pub fn reasons(&self) -> &[Reason] {
        match self {
            Self::Allowed(reasons) | Self::Denied(reasons) => reasons,
            Self::NotVisible => &[],
        }
    }

    /// `Ok(reasons)` when allowed, otherwise the refusal to map to 404 or 403.
    pub fn require(self) -> Result<Vec<Reason>, AccessError> {
        match self {
            Self::Allowed(reasons) => Ok(reasons),
            Self::Denied(reasons) => Err(AccessError::Forbidden { reasons }),
            Self::NotVisible => Err(AccessError::NotVisible),
        }
    }
}

/// A refused [`Decision`], for the service's error enums.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum AccessError {
    /// Answer 404: the caller may not see the object at all.
    #[error("the object is not visible to the caller")]
    NotVisible,
    /// Answer 403: the caller sees the object but may not do this.
    #[error("the caller may see the object but not do this")]
    Forbidden { reasons: Vec<Reason> },
}

/// One step of a decision, in osTicket's terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Reason {
    /// The ticket is in a department the staff member has access to
    /// (ignored for agents limited to assigned tickets).
    DepartmentAccess {
        dept: DeptId,
        through: DeptAccessKind,
    },
    /// The open ticket is assigned to the staff member.
    AssignedToStaff { staff: StaffId },
    /// The open ticket is assigned to a team the staff member belongs to.
    AssignedToTeam { team: TeamId },
    /// The ticket's thread was referred to the staff member.
    ReferredToStaff { staff: StaffId },
    /// The ticket's thread was referred to one of the staff member's teams.
    ReferredToTeam { team: TeamId },
    /// The ticket's thread was referred to one of the staff member's
    /// departments (counts even for agents limited to assigned tickets).
    ReferredToDepartment { dept: DeptId },
    /// This role decided a department-scoped permission.
    Role { role: RoleId, source: RoleSource },
    /// The staff member has no role in the department, so osTicket's built-in
    /// fallback applies: it grants `ticket.create` and nothing else.
    CreateOnlyFallback { dept: DeptId },
    /// The role that should decide no longer exists (`role_id` points to no
    /// `ost_role` row); osTicket then grants nothing.
    RoleMissing { source: RoleSource },
    /// The staff member manages the ticket's department, which osTicket lets
    /// release assignments and mark tickets answered without the permission.
    DepartmentManager { dept: DeptId },
    /// The staff member's own `ost_staff.permissions` decided.
    StaffPermissions,
    /// `ost_staff.isadmin` decided.
    AdminFlag,
    /// The end user owns the ticket.
    Owner,
    /// The ticket's owner is in the end user's organization, which shares
    /// its tickets with the end user.
    OrganizationSharing { org: OrgId, with: OrgSharing },
    /// The end user collaborates on the ticket's thread.
    Collaborator,
    /// The end user signed in as a collaborator through this ticket's link.
    CollaboratorLink,
    /// The ticket is a merge parent and the end user may read this child.
    MergedChild { child: TicketId },
    /// Only the ticket's owner may edit it from the client portal.
    OwnerOnly,
    /// End users never hold this permission; it is for staff.
    StaffOnly,
}

/// How a staff member reaches a department (`Staff::getDepartments`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "via", content = "dept", rename_all = "snake_case")]
pub enum DeptAccessKind {
    /// It is the staff member's primary department.
    Primary,
    /// An `ost_staff_dept_access` row grants it.
    ExtendedAccess,
    /// The staff member is its manager.
    Manager,
    /// It sits under the given department, reached as primary or extended.
    Subdepartment(DeptId),
}

/// Where the role that decided came from (`Staff::getRole`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "via", content = "dept", rename_all = "snake_case")]
pub enum RoleSource {
    /// `ost_staff.role_id`, for the primary department.
    PrimaryDepartment(DeptId),
    /// `ost_staff_dept_access.role_id`, for that department.
    ExtendedAccess(DeptId),
    /// `ost_staff.role_id` used for a ticket assigned to the staff member in a
    /// department where they have no role (staff setting `def_assn_role`).
    PrimaryRoleOnAssignment,
}

/// Which organization setting shares tickets with the end user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OrgSharing {
    /// `SHARE_EVERYBODY`: every member sees every member's tickets.
    Everybody,
    /// `SHARE_PRIMARY_CONTACT`: primary contacts see every member's tickets.
    PrimaryContacts,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_denial_maps_to_forbidden_and_invisibility_to_not_visible() {
        let denied = Decision::Denied(vec![Reason::OwnerOnly]);
        assert_eq!(
            denied.require(),
            Err(AccessError::Forbidden {
                reasons: vec![Reason::OwnerOnly]
            })
        );
        assert_eq!(Decision::NotVisible.require(), Err(AccessError::NotVisible));
        assert_eq!(
            Decision::Allowed(vec![Reason::Owner]).require(),
            Ok(vec![Reason::Owner])
        );
    }

    #[test]
    fn decisions_serialize_with_tagged_reasons() {
        let decision = Decision::Allowed(vec![
            Reason::DepartmentAccess {
                dept: DeptId::new(2),
                through: DeptAccessKind::Subdepartment(DeptId::new(1)),
            },
            Reason::Role {
                role: RoleId::new(1),
                source: RoleSource::ExtendedAccess(DeptId::new(2)),
            },
        ]);
        assert_eq!(
            serde_json::to_value(&decision).unwrap(),
            serde_json::json!({
                "decision": "allowed",
                "reasons": [
                    {"kind": "department_access", "dept": 2,
                     "through": {"via": "subdepartment", "dept": 1}},
                    {"kind": "role", "role": 1,
                     "source": {"via": "extended_access", "dept": 2}}
                ]
            })
        );
    }
}
