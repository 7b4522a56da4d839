//! Which tickets an actor may see, as a condition the store turns into SQL.

use crate::permission::Permission;
use crate::rules::Actor;
use crate::staff::StaffGrants;
use crate::ticket::{Referral, TicketFacts};
use crate::user::UserGrants;
use oxt_ticket::ids::{DeptId, OrgId, StaffId, TeamId, TicketId, UserId};
use serde::Serialize;

/// A condition on one ticket row `t` (`ost_ticket`). Each variant documents
/// its SQL; all of them use indexed columns or indexed `EXISTS` probes, so a
/// list stays one query whatever the size of the desk.
///
/// `matches` is the same condition evaluated on [`TicketFacts`]; the crate's
/// property test checks that it agrees with [`crate::can`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "op", content = "args", rename_all = "snake_case")]
pub enum Predicate {
    /// `(a OR b OR ...)`; no operand is `FALSE`.
    Any(Vec<Predicate>),
    /// `(a AND b AND ...)`; no operand is `TRUE`.
    All(Vec<Predicate>),
    /// The status' state is open: `EXISTS (SELECT 1 FROM ost_ticket_status s
    /// WHERE s.id = t.status_id AND s.state = 'open')`.
    IsOpen,
    /// `t.dept_id IN (...)`.
    DeptIn(Vec<DeptId>),
    /// `t.staff_id = ?`.
    AssignedStaff(StaffId),
    /// `t.team_id IN (...)`.
    AssignedTeamIn(Vec<TeamId>),
    /// A referral of the ticket's thread to the staff member:
    /// `EXISTS (SELECT 1 FROM ost_thread th JOIN ost_thread_referral r ON
    /// r.thread_id = th.id WHERE th.object_id = t.ticket_id AND th.object_type
    /// IN ('T','C') AND r.object_type = 'S' AND r.object_id = ?)`. A merged
    /// child's thread has object type `C`.
    ReferredToStaff(StaffId),
    /// As [`Predicate::ReferredToStaff`] with `r.object_type = 'E' AND
    /// r.object_id IN (...)`.
    ReferredToTeamIn(Vec<TeamId>),
    /// As [`Predicate::ReferredToStaff`] with `r.object_type = 'D' AND
    /// r.object_id IN (...)`.
    ReferredToDeptIn(Vec<DeptId>),
    /// `t.user_id = ?`.
    Owner(UserId),
    /// The owner belongs to the organization: `EXISTS (SELECT 1 FROM ost_user
    /// u WHERE u.id = t.user_id AND u.org_id = ?)`.
    OwnerOrg(OrgId),
    /// `EXISTS (SELECT 1 FROM ost_thread th JOIN ost_thread_collaborator c ON
    /// c.thread_id = th.id WHERE th.object_id = t.ticket_id AND th.object_type
    /// IN ('T','C') AND c.user_id = ?)`, whatever the collaborator's flags.
    Collaborator(UserId),
    /// `t.ticket_id = ?`.
    Ticket(TicketId),
    /// The ticket is a merge parent with shared threads and one of its
    /// children satisfies the inner condition (evaluated on the child row
    /// `c`): `(t.flags & 16) <> 0 AND (t.flags & 3) <> 0 AND EXISTS (SELECT 1
    /// FROM ost_ticket c WHERE c.ticket_pid = t.ticket_id AND <inner on c>)`.
    MergedChild(Box<Predicate>),
}

impl Predicate {
    pub fn matches(&self, ticket: &TicketFacts) -> bool {
        match self {
            Self::Any(operands) => operands.iter().any(|p| p.matches(ticket)),
            Self::All(operands) => operands.iter().all(|p| p.matches(ticket)),
            Self::IsOpen => ticket.is_open,
            Self::DeptIn(depts) => depts.contains(&ticket.dept),
            Self::AssignedStaff(staff) => ticket.assigned_staff == Some(*staff),
            Self::AssignedTeamIn(teams) => ticket
                .assigned_team
                .is_some_and(|team| teams.contains(&team)),
            Self::ReferredToStaff(staff) => ticket.referrals.contains(&Referral::Staff(*staff)),
            Self::ReferredToTeamIn(teams) => ticket
                .referrals
                .iter()
                .any(|r| matches!(r, Referral::Team(team) if teams.contains(team))),
            Self::ReferredToDeptIn(depts) => ticket
                .referrals
                .iter()
                .any(|r| matches!(r, Referral::Dept(dept) if depts.contains(dept))),
            Self::Owner(user) => ticket.owner == *user,
            Self::OwnerOrg(org) => ticket.owner_org == Some(*org),
            Self::Collaborator(user) => ticket.collaborators.contains(user),
            Self::Ticket(id) => ticket.id == *id,
            Self::MergedChild(inner) => ticket.merge.as_ref().is_some_and(|merge| {
                merge.threads.shares_access()
                    && merge.children.iter().any(|child| inner.matches(child))
            }),
        }
    }
}

/// The tickets `actor` may see, as one condition: exactly those for which
/// [`crate::can`] with [`crate::Action::View`] is not `NotVisible`.
pub fn visible(actor: &Actor) -> Predicate {
    match actor {
        Actor::Staff(staff) => staff_visible(staff),
        Actor::User(user) => user_visible(user),
    }
}

/// The tickets a search by `actor` may return. osTicket lets staff holding
/// `search.all` search every ticket (ticket searches and the user and
/// organization ticket tabs drop the visibility filter), although opening a
/// result still answers as [`crate::can`] does. Everyone else searches what
/// [`visible`] allows.
pub fn searchable(actor: &Actor) -> Predicate {
    match actor {
        Actor::Staff(staff) if staff.has_staff_permission(Permission::SearchAll) => {
            Predicate::All(Vec::new())
        }
        _ => visible(actor),
    }
}

fn staff_visible(staff: &StaffGrants) -> Predicate {
    let depts: Vec<DeptId> = staff.departments().iter().map(|(dept, _)| *dept).collect();
    let teams = staff.teams().to_vec();

    let mut assignees = vec![Predicate::AssignedStaff(staff.id())];
    if !teams.is_empty() {
        assignees.push(Predicate::AssignedTeamIn(teams.clone()));
    }

    let mut any = Vec::with_capacity(5);
    if !staff.is_access_limited() && !depts.is_empty() {
        any.push(Predicate::DeptIn(depts.clone()));
    }
    any.push(Predicate::All(vec![
        Predicate::IsOpen,
        Predicate::Any(assignees),
    ]));
    any.push(Predicate::ReferredToStaff(staff.id()));
    if !teams.is_empty() {
        any.push(Predicate::ReferredToTeamIn(teams));
    }
    if !depts.is_empty() {
        any.push(Predicate::ReferredToDeptIn(depts));
    }
    Predicate::Any(any)
}

fn user_visible(user: &UserGrants) -> Predicate {
    let mut direct = vec![Predicate::Owner(user.id())];
    if let Some((org, _)) = user.shared_org() {
        direct.push(Predicate::OwnerOrg(org));
    }
    if let Some(ticket) = user.collaborator_link() {
        direct.push(Predicate::Ticket(ticket));
    }
    direct.push(Predicate::Collaborator(user.id()));
    let through_children = Predicate::MergedChild(Box::new(Predicate::Any(direct.clone())));
    direct.push(through_children);
    Predicate::Any(direct)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::permission::RolePermissions;
    use crate::staff::StaffProfile;

    fn staff(permissions: RolePermissions) -> Actor {
        let profile = StaffProfile {
            id: StaffId::new(3),
            dept: DeptId::new(1),
            role: None,
            permissions,
            is_admin: false,
            assigned_only: false,
            primary_role_on_assignment: true,
        };
        Actor::Staff(StaffGrants::resolve(&profile, &[], &[], &[]))
    }

    fn unrelated_ticket() -> TicketFacts {
        TicketFacts {
            id: TicketId::new(1),
            dept: DeptId::new(9),
            is_open: true,
            assigned_staff: None,
            assigned_team: None,
            owner: UserId::new(1),
            owner_org: None,
            collaborators: Vec::new(),
            referrals: Vec::new(),
            merge: None,
        }
    }

    #[test]
    fn staff_with_search_all_search_every_ticket() {
        let searcher = staff([Permission::SearchAll].into_iter().collect());
        assert_eq!(searchable(&searcher), Predicate::All(Vec::new()));
        assert!(searchable(&searcher).matches(&unrelated_ticket()));
        assert!(!visible(&searcher).matches(&unrelated_ticket()));
    }

    #[test]
    fn staff_without_search_all_search_what_they_see() {
        let agent = staff(RolePermissions::default());
        assert_eq!(searchable(&agent), visible(&agent));
    }

    #[test]
    fn a_staff_member_without_departments_or_teams_sees_assignments_and_referrals_only() {
        let agent = staff(RolePermissions::default());
        let me = StaffId::new(3);
        assert_eq!(
            visible(&agent),
            Predicate::Any(vec![
                Predicate::All(vec![
                    Predicate::IsOpen,
                    Predicate::Any(vec![Predicate::AssignedStaff(me)])
                ]),
                Predicate::ReferredToStaff(me),
            ])
        );
    }
}
