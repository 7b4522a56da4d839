//! The questions: may this actor see a ticket, use a permission on it, or
//! use a permission outside any ticket.

use crate::decision::{Action, Decision, Reason};
use crate::permission::{Permission, PermissionScope};
use crate::staff::{EffectiveRole, StaffGrants};
use crate::ticket::{Referral, TicketFacts};
use crate::user::UserGrants;
use oxt_ticket::ids::DeptId;
use serde::Serialize;

/// Who is asking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actor {
    Staff(StaffGrants),
    User(UserGrants),
}

/// May `actor` do `action` to `ticket`? Follows osTicket's
/// `Ticket::checkStaffPerm` for staff and `Ticket::checkUserAccess` for end
/// users; see the crate documentation for the rules.
pub fn can(actor: &Actor, action: impl Into<Action>, ticket: &TicketFacts) -> Decision {
    let mut reasons = Vec::with_capacity(4);
    let Some(seen) = access(actor, ticket, &mut reasons) else {
        return Decision::NotVisible;
    };
    match action.into() {
        Action::View => Decision::Allowed(reasons),
        Action::Use(permission) => {
            if permit(actor, seen, ticket, permission, &mut reasons) {
                Decision::Allowed(reasons)
            } else {
                Decision::Denied(reasons)
            }
        }
    }
}

/// Every permission on one ticket, allowed or denied and why, for
/// `GET /api/v2/tickets/{id}/permissions`. `None` when the actor may not see
/// the ticket (answer 404).
pub fn explain(actor: &Actor, ticket: &TicketFacts) -> Option<Explanation> {
    let mut access_reasons = Vec::new();
    let seen = access(actor, ticket, &mut access_reasons)?;
    let permissions = Permission::ALL
        .iter()
        .map(|&permission| {
            let mut reasons = Vec::new();
            let allowed = permit(actor, seen, ticket, permission, &mut reasons);
            Verdict {
                permission,
                allowed,
                reasons,
            }
        })
        .collect();
    Some(Explanation {
        access: access_reasons,
        permissions,
    })
}

/// Why the actor sees a ticket, and the verdict on every permission.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Explanation {
    pub access: Vec<Reason>,
    pub permissions: Vec<Verdict>,
}

/// One permission on one ticket. `reasons` adds to the explanation's
/// `access` reasons; it is empty when seeing the ticket is reason enough (an
/// end user replying).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Verdict {
    pub permission: Permission,
    pub allowed: bool,
    pub reasons: Vec<Reason>,
}

/// May `actor` use `permission` in `dept`, with no ticket yet, such as
/// opening a ticket there (osTicket's `Ticket::open` asks
/// `$staff->getRole($dept)`). Never `NotVisible`.
pub fn can_in_department(actor: &Actor, permission: Permission, dept: DeptId) -> Decision {
    let Actor::Staff(staff) = actor else {
        return Decision::Denied(vec![Reason::StaffOnly]);
    };
    let mut reasons = Vec::with_capacity(1);
    let allowed = match permission.scope() {
        PermissionScope::Staff => staff_level(staff, permission, &mut reasons),
        PermissionScope::Department => {
            let role = staff.role_for(dept, false);
            reasons.push(role_reason(role));
            role.grants(permission)
        }
    };
    verdict(allowed, reasons)
}

/// osTicket's `Staff::hasPerm`: a staff-level permission from
/// `ost_staff.permissions`, or a department permission that the primary role
/// or any extended-access role grants (what osTicket asks before showing a
/// button that applies to many tickets). Never `NotVisible`.
pub fn can_anywhere(actor: &Actor, permission: Permission) -> Decision {
    let Actor::Staff(staff) = actor else {
        return Decision::Denied(vec![Reason::StaffOnly]);
    };
    match permission.scope() {
        PermissionScope::Staff => {
            let mut reasons = Vec::with_capacity(1);
            let allowed = staff_level(staff, permission, &mut reasons);
            verdict(allowed, reasons)
        }
        PermissionScope::Department => {
            let (granting, lacking): (Vec<_>, Vec<_>) =
                staff.all_roles().partition(|role| role.grants(permission));
            if granting.is_empty() {
                Decision::Denied(lacking.into_iter().map(role_reason).collect())
            } else {
                Decision::Allowed(granting.into_iter().map(role_reason).collect())
            }
        }
    }
}

/// May `actor` use the admin panel (`ost_staff.isadmin`)? Never `NotVisible`.
pub fn can_administer(actor: &Actor) -> Decision {
    match actor {
        Actor::Staff(staff) => verdict(staff.is_admin(), vec![Reason::AdminFlag]),
        Actor::User(_) => Decision::Denied(vec![Reason::StaffOnly]),
    }
}

fn verdict(allowed: bool, reasons: Vec<Reason>) -> Decision {
    if allowed {
        Decision::Allowed(reasons)
    } else {
        Decision::Denied(reasons)
    }
}

/// What the permission step needs to remember from the access step.
#[derive(Debug, Clone, Copy)]
struct Seen {
    /// osTicket's `isAssigned($staff)`: open, and assigned to the staff
    /// member or one of their teams. It picks the role on assignment.
    assigned: bool,
}

fn access(actor: &Actor, ticket: &TicketFacts, reasons: &mut Vec<Reason>) -> Option<Seen> {
    match actor {
        Actor::Staff(staff) => staff_access(staff, ticket, reasons),
        Actor::User(user) => user_access(user, ticket, reasons),
    }
}

/// `checkStaffPerm` without a permission: department access (unless limited
/// to assigned tickets), assignment of an open ticket, or a referral.
fn staff_access(
    staff: &StaffGrants,
    ticket: &TicketFacts,
    reasons: &mut Vec<Reason>,
) -> Option<Seen> {
    let before = reasons.len();
    if !staff.is_access_limited()
        && let Some(through) = staff.dept_access(ticket.dept)
    {
        reasons.push(Reason::DepartmentAccess {
            dept: ticket.dept,
            through,
        });
    }
    let mut assigned = false;
    if ticket.is_open {
        if ticket.assigned_staff == Some(staff.id()) {
            reasons.push(Reason::AssignedToStaff { staff: staff.id() });
            assigned = true;
        }
        if let Some(team) = ticket.assigned_team
            && staff.in_team(team)
        {
            reasons.push(Reason::AssignedToTeam { team });
            assigned = true;
        }
    }
    for referral in &ticket.referrals {
        match *referral {
            Referral::Staff(to) if to == staff.id() => {
                reasons.push(Reason::ReferredToStaff { staff: to })
            }
            Referral::Team(team) if staff.in_team(team) => {
                reasons.push(Reason::ReferredToTeam { team })
            }
            // Thread::isReferred compares with getDepts(), which ignores
            // assigned_only: a department referral opens the ticket even to
            // an agent limited to assigned tickets.
            Referral::Dept(dept) if staff.reaches(dept) => {
                reasons.push(Reason::ReferredToDepartment { dept })
            }
            _ => {}
        }
    }
    (reasons.len() > before).then_some(Seen { assigned })
}

/// `checkUserAccess`: owner, organization sharing, collaborator (by link or
/// by row), or a merge child the user may read.
fn user_access(user: &UserGrants, ticket: &TicketFacts, reasons: &mut Vec<Reason>) -> Option<Seen> {
    let before = reasons.len();
    user_direct_access(user, ticket, |reason| reasons.push(reason));
    if let Some(merge) = &ticket.merge
        && merge.threads.shares_access()
    {
        for child in &merge.children {
            let mut readable = false;
            user_direct_access(user, child, |_| readable = true);
            if readable {
                reasons.push(Reason::MergedChild { child: child.id });
            }
        }
    }
    (reasons.len() > before).then_some(Seen { assigned: false })
}

fn user_direct_access(user: &UserGrants, ticket: &TicketFacts, mut grant: impl FnMut(Reason)) {
    if ticket.owner == user.id() {
        grant(Reason::Owner);
    }
    if let Some((org, with)) = user.shared_org()
        && ticket.owner_org == Some(org)
    {
        grant(Reason::OrganizationSharing { org, with });
    }
    if user.collaborator_link() == Some(ticket.id) {
        grant(Reason::CollaboratorLink);
    }
    if ticket.collaborators.contains(&user.id()) {
        grant(Reason::Collaborator);
    }
}

fn permit(
    actor: &Actor,
    seen: Seen,
    ticket: &TicketFacts,
    permission: Permission,
    reasons: &mut Vec<Reason>,
) -> bool {
    match actor {
        Actor::Staff(staff) => staff_permit(staff, seen, ticket, permission, reasons),
        Actor::User(user) => user_permit(user, ticket, permission, reasons),
    }
}

fn staff_permit(
    staff: &StaffGrants,
    seen: Seen,
    ticket: &TicketFacts,
    permission: Permission,
    reasons: &mut Vec<Reason>,
) -> bool {
    if permission.scope() == PermissionScope::Staff {
        return staff_level(staff, permission, reasons);
    }
    let role = staff.role_for(ticket.dept, seen.assigned);
    reasons.push(role_reason(role));
    if role.grants(permission) {
        return true;
    }
    // ticket-view.inc.php and the markAs handler let the department manager
    // release and mark answered without the role permission.
    let manager_may = matches!(
        permission,
        Permission::TicketRelease | Permission::TicketMarkAnswered
    );
    if manager_may && staff.manages(ticket.dept) {
        reasons.push(Reason::DepartmentManager { dept: ticket.dept });
        return true;
    }
    false
}

fn user_permit(
    user: &UserGrants,
    ticket: &TicketFacts,
    permission: Permission,
    reasons: &mut Vec<Reason>,
) -> bool {
    match permission {
        // Whoever reads a ticket in the portal may post a message to it.
        Permission::TicketReply => true,
        Permission::TicketEdit if ticket.owner == user.id() => true,
        Permission::TicketEdit => {
            reasons.push(Reason::OwnerOnly);
            false
        }
        _ => {
            reasons.push(Reason::StaffOnly);
            false
        }
    }
}

fn staff_level(staff: &StaffGrants, permission: Permission, reasons: &mut Vec<Reason>) -> bool {
    reasons.push(Reason::StaffPermissions);
    staff.has_staff_permission(permission)
}

fn role_reason(role: EffectiveRole) -> Reason {
    match role {
        EffectiveRole::Role(role, source) => Reason::Role {
            role: role.id,
            source,
        },
        EffectiveRole::CreateOnly(dept) => Reason::CreateOnlyFallback { dept },
        EffectiveRole::Missing(source) => Reason::RoleMissing { source },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decision::{DeptAccessKind, OrgSharing, RoleSource};
    use crate::department::{Department, DeptFlags, DeptPath};
    use crate::permission::RolePermissions;
    use crate::staff::{DeptAccess, Role, StaffProfile};
    use crate::ticket::{MergeFacts, MergeThreads};
    use crate::user::{OrgStatus, UserStatus};
    use oxt_ticket::ids::{OrgId, RoleId, StaffId, TeamId, TicketId, UserId};

    const ME: StaffId = StaffId::new(7);
    const SUPPORT: DeptId = DeptId::new(1);
    const BILLING: DeptId = DeptId::new(2); // under Support
    const SALES: DeptId = DeptId::new(3);
    const LEGAL: DeptId = DeptId::new(4); // managed by ME
    const OPS: DeptId = DeptId::new(5);
    const MY_TEAM: TeamId = TeamId::new(1);
    const OTHER_TEAM: TeamId = TeamId::new(2);
    const AGENT_ROLE: RoleId = RoleId::new(1);
    const SALES_ROLE: RoleId = RoleId::new(2);

    fn desk() -> Vec<Department> {
        let dept = |id: DeptId, path: &str, manager: Option<StaffId>| Department {
            id,
            path: DeptPath::parse(path).unwrap(),
            manager,
            flags: DeptFlags::default(),
        };
        vec![
            dept(SUPPORT, "/1/", None),
            dept(BILLING, "/1/2/", None),
            dept(SALES, "/3/", None),
            dept(LEGAL, "/4/", Some(ME)),
            dept(OPS, "/5/", None),
        ]
    }

    fn profile() -> StaffProfile {
        StaffProfile {
            id: ME,
            dept: SUPPORT,
            role: Some(Role {
                id: AGENT_ROLE,
                permissions: [
                    Permission::TicketReply,
                    Permission::TicketAssign,
                    Permission::TicketClose,
                ]
                .into_iter()
                .collect(),
            }),
            permissions: [Permission::UserDirectory].into_iter().collect(),
            is_admin: false,
            assigned_only: false,
            primary_role_on_assignment: true,
        }
    }

    fn sales_access() -> DeptAccess {
        DeptAccess {
            dept: SALES,
            role: Some(Role {
                id: SALES_ROLE,
                permissions: [Permission::TicketReply, Permission::TicketDelete]
                    .into_iter()
                    .collect(),
            }),
        }
    }

    fn staff_with(profile: &StaffProfile) -> Actor {
        Actor::Staff(StaffGrants::resolve(
            profile,
            &[sales_access()],
            &[MY_TEAM],
            &desk(),
        ))
    }

    fn staff() -> Actor {
        staff_with(&profile())
    }

    fn limited_staff() -> Actor {
        staff_with(&StaffProfile {
            assigned_only: true,
            ..profile()
        })
    }

    fn ticket(dept: DeptId) -> TicketFacts {
        TicketFacts {
            id: TicketId::new(100),
            dept,
            is_open: true,
            assigned_staff: None,
            assigned_team: None,
            owner: UserId::new(50),
            owner_org: None,
            collaborators: Vec::new(),
            referrals: Vec::new(),
            merge: None,
        }
    }

    fn role(role: RoleId, source: RoleSource) -> Reason {
        Reason::Role { role, source }
    }

    #[test]
    fn staff_sees_tickets_of_the_primary_department_and_uses_the_primary_role() {
        assert_eq!(
            can(&staff(), Permission::TicketReply, &ticket(SUPPORT)),
            Decision::Allowed(vec![
                Reason::DepartmentAccess {
                    dept: SUPPORT,
                    through: DeptAccessKind::Primary
                },
                role(AGENT_ROLE, RoleSource::PrimaryDepartment(SUPPORT)),
            ])
        );
    }

    #[test]
    fn a_permission_the_role_lacks_is_denied_with_the_role_named() {
        assert_eq!(
            can(&staff(), Permission::TicketDelete, &ticket(SUPPORT)),
            Decision::Denied(vec![
                Reason::DepartmentAccess {
                    dept: SUPPORT,
                    through: DeptAccessKind::Primary
                },
                role(AGENT_ROLE, RoleSource::PrimaryDepartment(SUPPORT)),
            ])
        );
    }

    #[test]
    fn extended_access_uses_that_departments_role() {
        let decision = can(&staff(), Permission::TicketDelete, &ticket(SALES));
        assert_eq!(
            decision,
            Decision::Allowed(vec![
                Reason::DepartmentAccess {
                    dept: SALES,
                    through: DeptAccessKind::ExtendedAccess
                },
                role(SALES_ROLE, RoleSource::ExtendedAccess(SALES)),
            ])
        );
        assert!(!can(&staff(), Permission::TicketClose, &ticket(SALES)).is_allowed());
    }

    #[test]
    fn a_subdepartment_is_visible_but_only_the_create_only_fallback_applies() {
        assert_eq!(
            can(&staff(), Permission::TicketReply, &ticket(BILLING)),
            Decision::Denied(vec![
                Reason::DepartmentAccess {
                    dept: BILLING,
                    through: DeptAccessKind::Subdepartment(SUPPORT)
                },
                Reason::CreateOnlyFallback { dept: BILLING },
            ])
        );
        assert!(can(&staff(), Permission::TicketCreate, &ticket(BILLING)).is_allowed());
    }

    #[test]
    fn a_ticket_outside_every_reach_is_not_visible() {
        assert_eq!(
            can(&staff(), Action::View, &ticket(OPS)),
            Decision::NotVisible
        );
        assert_eq!(
            can(&staff(), Permission::TicketCreate, &ticket(OPS)),
            Decision::NotVisible
        );
    }

    #[test]
    fn an_open_ticket_assigned_to_the_staff_member_is_visible_with_the_primary_role() {
        let t = TicketFacts {
            assigned_staff: Some(ME),
            ..ticket(OPS)
        };
        assert_eq!(
            can(&staff(), Permission::TicketClose, &t),
            Decision::Allowed(vec![
                Reason::AssignedToStaff { staff: ME },
                role(AGENT_ROLE, RoleSource::PrimaryRoleOnAssignment),
            ])
        );
    }

    #[test]
    fn a_closed_ticket_assigned_to_the_staff_member_is_not_visible_outside_their_departments() {
        let t = TicketFacts {
            assigned_staff: Some(ME),
            is_open: false,
            ..ticket(OPS)
        };
        assert_eq!(can(&staff(), Action::View, &t), Decision::NotVisible);
    }

    #[test]
    fn a_ticket_assigned_to_one_of_the_staff_members_teams_is_visible() {
        let mine = TicketFacts {
            assigned_team: Some(MY_TEAM),
            ..ticket(OPS)
        };
        assert_eq!(
            can(&staff(), Action::View, &mine),
            Decision::Allowed(vec![Reason::AssignedToTeam { team: MY_TEAM }])
        );
        let theirs = TicketFacts {
            assigned_team: Some(OTHER_TEAM),
            ..ticket(OPS)
        };
        assert_eq!(can(&staff(), Action::View, &theirs), Decision::NotVisible);
    }

    #[test]
    fn without_def_assn_role_an_assigned_ticket_gets_the_create_only_fallback() {
        let actor = staff_with(&StaffProfile {
            primary_role_on_assignment: false,
            ..profile()
        });
        let t = TicketFacts {
            assigned_staff: Some(ME),
            ..ticket(OPS)
        };
        assert_eq!(
            can(&actor, Permission::TicketClose, &t),
            Decision::Denied(vec![
                Reason::AssignedToStaff { staff: ME },
                Reason::CreateOnlyFallback { dept: OPS },
            ])
        );
    }

    #[test]
    fn referrals_to_the_staff_member_a_team_or_a_department_show_the_ticket() {
        for (referral, reason) in [
            (Referral::Staff(ME), Reason::ReferredToStaff { staff: ME }),
            (
                Referral::Team(MY_TEAM),
                Reason::ReferredToTeam { team: MY_TEAM },
            ),
            (
                Referral::Dept(LEGAL),
                Reason::ReferredToDepartment { dept: LEGAL },
            ),
            (
                Referral::Dept(BILLING),
                Reason::ReferredToDepartment { dept: BILLING },
            ),
        ] {
            let t = TicketFacts {
                referrals: vec![referral],
                is_open: false,
                ..ticket(OPS)
            };
            assert_eq!(
                can(&staff(), Permission::TicketReply, &t),
                Decision::Denied(vec![reason, Reason::CreateOnlyFallback { dept: OPS }]),
                "{referral:?}"
            );
        }
    }

    #[test]
    fn referrals_to_someone_else_show_nothing() {
        let t = TicketFacts {
            referrals: vec![
                Referral::Staff(StaffId::new(8)),
                Referral::Team(OTHER_TEAM),
                Referral::Dept(OPS),
            ],
            ..ticket(OPS)
        };
        assert_eq!(can(&staff(), Action::View, &t), Decision::NotVisible);
    }

    #[test]
    fn assigned_only_staff_do_not_see_their_departments_tickets() {
        assert_eq!(
            can(&limited_staff(), Action::View, &ticket(SUPPORT)),
            Decision::NotVisible
        );
    }

    #[test]
    fn assigned_only_staff_still_see_their_assigned_tickets_with_their_role() {
        let t = TicketFacts {
            assigned_staff: Some(ME),
            ..ticket(SUPPORT)
        };
        assert_eq!(
            can(&limited_staff(), Permission::TicketClose, &t),
            Decision::Allowed(vec![
                Reason::AssignedToStaff { staff: ME },
                role(AGENT_ROLE, RoleSource::PrimaryDepartment(SUPPORT)),
            ])
        );
    }

    #[test]
    fn assigned_only_staff_see_tickets_referred_to_their_departments() {
        let t = TicketFacts {
            referrals: vec![Referral::Dept(SALES)],
            ..ticket(OPS)
        };
        assert_eq!(
            can(&limited_staff(), Action::View, &t),
            Decision::Allowed(vec![Reason::ReferredToDepartment { dept: SALES }])
        );
    }

    #[test]
    fn a_managed_department_is_visible_and_its_manager_may_release_and_mark_answered() {
        let t = ticket(LEGAL);
        let access = Reason::DepartmentAccess {
            dept: LEGAL,
            through: DeptAccessKind::Manager,
        };
        for permission in [Permission::TicketRelease, Permission::TicketMarkAnswered] {
            assert_eq!(
                can(&staff(), permission, &t),
                Decision::Allowed(vec![
                    access,
                    Reason::CreateOnlyFallback { dept: LEGAL },
                    Reason::DepartmentManager { dept: LEGAL },
                ])
            );
        }
        assert!(!can(&staff(), Permission::TicketClose, &t).is_allowed());
    }

    #[test]
    fn a_missing_primary_role_grants_nothing_in_the_primary_department() {
        let actor = staff_with(&StaffProfile {
            role: None,
            ..profile()
        });
        let decision = can(&actor, Permission::TicketCreate, &ticket(SUPPORT));
        assert!(decision.is_visible());
        assert!(
            decision
                .reasons()
                .contains(&Reason::CreateOnlyFallback { dept: SUPPORT })
        );
        let assigned = TicketFacts {
            assigned_staff: Some(ME),
            ..ticket(OPS)
        };
        assert_eq!(
            can(&actor, Permission::TicketCreate, &assigned),
            Decision::Denied(vec![
                Reason::AssignedToStaff { staff: ME },
                Reason::RoleMissing {
                    source: RoleSource::PrimaryRoleOnAssignment
                },
            ])
        );
    }

    #[test]
    fn staff_level_permissions_come_from_the_staff_row_on_a_visible_ticket() {
        assert_eq!(
            can(&staff(), Permission::UserDirectory, &ticket(SUPPORT)),
            Decision::Allowed(vec![
                Reason::DepartmentAccess {
                    dept: SUPPORT,
                    through: DeptAccessKind::Primary
                },
                Reason::StaffPermissions,
            ])
        );
        assert!(!can(&staff(), Permission::EmailBanlist, &ticket(SUPPORT)).is_allowed());
        assert_eq!(
            can(&staff(), Permission::UserDirectory, &ticket(OPS)),
            Decision::NotVisible
        );
    }

    #[test]
    fn being_admin_opens_no_ticket() {
        let admin = staff_with(&StaffProfile {
            is_admin: true,
            ..profile()
        });
        assert_eq!(
            can(&admin, Action::View, &ticket(OPS)),
            Decision::NotVisible
        );
        assert!(can_administer(&admin).is_allowed());
        assert_eq!(
            can_administer(&staff()),
            Decision::Denied(vec![Reason::AdminFlag])
        );
    }

    #[test]
    fn creating_in_a_department_asks_that_departments_role() {
        assert_eq!(
            can_in_department(&staff(), Permission::TicketCreate, SALES),
            Decision::Denied(vec![role(SALES_ROLE, RoleSource::ExtendedAccess(SALES))])
        );
        assert_eq!(
            can_in_department(&staff(), Permission::TicketCreate, OPS),
            Decision::Allowed(vec![Reason::CreateOnlyFallback { dept: OPS }])
        );
    }

    #[test]
    fn a_permission_anywhere_names_the_roles_that_grant_it() {
        assert_eq!(
            can_anywhere(&staff(), Permission::TicketDelete),
            Decision::Allowed(vec![role(SALES_ROLE, RoleSource::ExtendedAccess(SALES))])
        );
        assert_eq!(
            can_anywhere(&staff(), Permission::TicketMerge),
            Decision::Denied(vec![
                role(AGENT_ROLE, RoleSource::PrimaryDepartment(SUPPORT)),
                role(SALES_ROLE, RoleSource::ExtendedAccess(SALES)),
            ])
        );
        assert_eq!(
            can_anywhere(&staff(), Permission::UserDirectory),
            Decision::Allowed(vec![Reason::StaffPermissions])
        );
    }

    const CLIENT: UserId = UserId::new(50);
    const COLLEAGUE: UserId = UserId::new(51);
    const ACME: OrgId = OrgId::new(3);

    fn client() -> Actor {
        Actor::User(UserGrants::new(CLIENT))
    }

    fn colleague(org_status: u32, user_status: u32) -> Actor {
        Actor::User(UserGrants::new(COLLEAGUE).in_organization(
            ACME,
            OrgStatus::from_column(org_status),
            UserStatus::from_column(user_status),
        ))
    }

    fn acme_ticket() -> TicketFacts {
        TicketFacts {
            owner_org: Some(ACME),
            ..ticket(SUPPORT)
        }
    }

    #[test]
    fn the_owner_sees_replies_to_and_edits_their_ticket() {
        for permission in [Permission::TicketReply, Permission::TicketEdit] {
            assert_eq!(
                can(&client(), permission, &ticket(SUPPORT)),
                Decision::Allowed(vec![Reason::Owner])
            );
        }
    }

    #[test]
    fn end_users_never_hold_staff_permissions() {
        assert_eq!(
            can(&client(), Permission::TicketClose, &ticket(SUPPORT)),
            Decision::Denied(vec![Reason::Owner, Reason::StaffOnly])
        );
        assert_eq!(
            can_anywhere(&client(), Permission::UserDirectory),
            Decision::Denied(vec![Reason::StaffOnly])
        );
        assert_eq!(
            can_administer(&client()),
            Decision::Denied(vec![Reason::StaffOnly])
        );
        assert_eq!(
            can_in_department(&client(), Permission::TicketCreate, SUPPORT),
            Decision::Denied(vec![Reason::StaffOnly])
        );
    }

    #[test]
    fn another_users_ticket_is_not_visible() {
        assert_eq!(
            can(&colleague(0, 0), Action::View, &acme_ticket()),
            Decision::NotVisible
        );
    }

    #[test]
    fn an_organization_sharing_with_everybody_shows_members_tickets_but_only_the_owner_edits() {
        let sharing = Reason::OrganizationSharing {
            org: ACME,
            with: OrgSharing::Everybody,
        };
        assert_eq!(
            can(&colleague(0x10, 0), Permission::TicketReply, &acme_ticket()),
            Decision::Allowed(vec![sharing])
        );
        assert_eq!(
            can(&colleague(0x10, 0), Permission::TicketEdit, &acme_ticket()),
            Decision::Denied(vec![sharing, Reason::OwnerOnly])
        );
    }

    #[test]
    fn sharing_with_primary_contacts_shows_members_tickets_to_primary_contacts_only() {
        assert_eq!(
            can(&colleague(0x08, 0), Action::View, &acme_ticket()),
            Decision::NotVisible
        );
        assert_eq!(
            can(&colleague(0x08, 0x01), Action::View, &acme_ticket()),
            Decision::Allowed(vec![Reason::OrganizationSharing {
                org: ACME,
                with: OrgSharing::PrimaryContacts
            }])
        );
    }

    #[test]
    fn organization_sharing_does_not_reach_tickets_of_other_organizations() {
        let elsewhere = TicketFacts {
            owner_org: Some(OrgId::new(4)),
            ..ticket(SUPPORT)
        };
        assert_eq!(
            can(&colleague(0x10, 0), Action::View, &elsewhere),
            Decision::NotVisible
        );
    }

    #[test]
    fn a_collaborator_sees_and_replies_but_may_not_edit() {
        let t = TicketFacts {
            collaborators: vec![COLLEAGUE],
            ..ticket(SUPPORT)
        };
        assert_eq!(
            can(&colleague(0, 0), Permission::TicketReply, &t),
            Decision::Allowed(vec![Reason::Collaborator])
        );
        assert_eq!(
            can(&colleague(0, 0), Permission::TicketEdit, &t),
            Decision::Denied(vec![Reason::Collaborator, Reason::OwnerOnly])
        );
    }

    #[test]
    fn a_collaborator_link_opens_that_ticket_only() {
        let linked =
            Actor::User(UserGrants::new(COLLEAGUE).via_collaborator_link(TicketId::new(100)));
        assert_eq!(
            can(&linked, Action::View, &ticket(SUPPORT)),
            Decision::Allowed(vec![Reason::CollaboratorLink])
        );
        let other = TicketFacts {
            id: TicketId::new(101),
            ..ticket(SUPPORT)
        };
        assert_eq!(can(&linked, Action::View, &other), Decision::NotVisible);
    }

    fn parent_of(child: TicketFacts, threads: MergeThreads) -> TicketFacts {
        TicketFacts {
            id: TicketId::new(200),
            owner: UserId::new(60),
            merge: Some(MergeFacts {
                threads,
                children: vec![child],
            }),
            ..ticket(SUPPORT)
        }
    }

    #[test]
    fn a_merge_parent_is_visible_to_whoever_sees_a_child() {
        for threads in [MergeThreads::Combined, MergeThreads::Separate] {
            assert_eq!(
                can(
                    &client(),
                    Action::View,
                    &parent_of(ticket(SUPPORT), threads)
                ),
                Decision::Allowed(vec![Reason::MergedChild {
                    child: TicketId::new(100)
                }])
            );
        }
    }

    #[test]
    fn a_link_parent_shares_nothing_with_its_childrens_users() {
        assert_eq!(
            can(
                &client(),
                Action::View,
                &parent_of(ticket(SUPPORT), MergeThreads::Linked)
            ),
            Decision::NotVisible
        );
    }

    #[test]
    fn explain_lists_every_permission_with_its_verdict() {
        let explanation = explain(&staff(), &ticket(SALES)).unwrap();
        assert_eq!(
            explanation.access,
            [Reason::DepartmentAccess {
                dept: SALES,
                through: DeptAccessKind::ExtendedAccess
            }]
        );
        assert_eq!(explanation.permissions.len(), Permission::ALL.len());
        let allowed: Vec<Permission> = explanation
            .permissions
            .iter()
            .filter(|verdict| verdict.allowed)
            .map(|verdict| verdict.permission)
            .collect();
        assert_eq!(
            allowed,
            [
                Permission::TicketReply,
                Permission::TicketDelete,
                Permission::UserDirectory
            ]
        );
        let delete = &explanation.permissions[Permission::TicketDelete as usize];
        assert_eq!(
            delete.reasons,
            [role(SALES_ROLE, RoleSource::ExtendedAccess(SALES))]
        );
    }

    #[test]
    fn explain_says_nothing_about_an_invisible_ticket() {
        assert_eq!(explain(&staff(), &ticket(OPS)), None);
    }

    #[test]
    fn explain_serializes_permissions_by_key() {
        let explanation = explain(&client(), &ticket(SUPPORT)).unwrap();
        let json = serde_json::to_value(&explanation).unwrap();
        assert_eq!(json["access"], serde_json::json!([{"kind": "owner"}]));
        assert_eq!(
            json["permissions"][0],
            serde_json::json!({"permission": "ticket.create", "allowed": false, "reasons": [{"kind": "staff_only"}]})
        );
    }

    #[test]
    fn the_staff_permissions_column_grants_staff_level_permissions_without_a_ticket() {
        let permissions = RolePermissions::parse(Some(r#"{"user.dir":1}"#)).unwrap();
        let actor = staff_with(&StaffProfile {
            permissions,
            ..profile()
        });
        assert!(can_anywhere(&actor, Permission::UserDirectory).is_allowed());
    }
}
