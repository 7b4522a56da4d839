//! Random desks: the list predicate and the single-ticket answer agree.

use oxt_perm::{
    Action, Actor, Department, DeptAccess, DeptFlags, DeptPath, MergeFacts, MergeThreads,
    OrgStatus, Permission, Predicate, Referral, Role, RolePermissions, StaffGrants, StaffProfile,
    TicketFacts, UserGrants, UserStatus, can, explain, visible,
};
use oxt_ticket::ids::{DeptId, OrgId, RoleId, StaffId, TeamId, TicketId, UserId};
use proptest::prelude::*;
use proptest::sample::subsequence;

const DEPTS: u32 = 6;
const STAFF: u32 = 4;
const TEAMS: u32 = 3;
const USERS: u32 = 4;
const ORGS: u32 = 2;
const TICKETS: u32 = 12;

/// Departments 1..=DEPTS, each under an earlier one or at the root, some with
/// a manager.
fn departments() -> impl Strategy<Value = Vec<Department>> {
    let parents = proptest::collection::vec(proptest::option::of(0..DEPTS), DEPTS as usize);
    let managers = proptest::collection::vec(proptest::option::of(1..=STAFF), DEPTS as usize);
    (parents, managers).prop_map(|(parents, managers)| {
        let mut ancestries: Vec<Vec<DeptId>> = Vec::new();
        for (index, parent) in parents.iter().enumerate() {
            let id = DeptId::new(index as u32 + 1);
            let mut ancestry = match parent {
                Some(p) if (*p as usize) < index => ancestries[*p as usize].clone(),
                _ => Vec::new(),
            };
            ancestry.push(id);
            ancestries.push(ancestry);
        }
        ancestries
            .into_iter()
            .zip(managers)
            .map(|(ancestry, manager)| Department {
                id: *ancestry.last().expect("a department is on its own path"),
                path: DeptPath::from_ancestry(ancestry),
                manager: manager.map(StaffId::new),
                flags: DeptFlags::default(),
            })
            .collect()
    })
}

fn permissions() -> impl Strategy<Value = RolePermissions> {
    subsequence(Permission::ALL.to_vec(), 0..Permission::ALL.len())
        .prop_map(|granted| granted.into_iter().collect())
}

fn role() -> impl Strategy<Value = Option<Role>> {
    proptest::option::weighted(
        0.9,
        (1..=5u32, permissions()).prop_map(|(id, permissions)| Role {
            id: RoleId::new(id),
            permissions,
        }),
    )
}

/// Department ids, including one that does not exist.
fn dept_id() -> impl Strategy<Value = DeptId> {
    (1..=DEPTS + 1).prop_map(DeptId::new)
}

fn staff_actor() -> impl Strategy<Value = Actor> {
    let profile = (
        1..=STAFF,
        dept_id(),
        role(),
        permissions(),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(
            |(id, dept, role, permissions, is_admin, assigned_only, on_assignment)| StaffProfile {
                id: StaffId::new(id),
                dept,
                role,
                permissions,
                is_admin,
                assigned_only,
                primary_role_on_assignment: on_assignment,
            },
        );
    let access = proptest::collection::vec((dept_id(), role()), 0..3).prop_map(|rows| {
        rows.into_iter()
            .map(|(dept, role)| DeptAccess { dept, role })
            .collect::<Vec<_>>()
    });
    let teams = subsequence(
        (1..=TEAMS).map(TeamId::new).collect::<Vec<_>>(),
        0..=TEAMS as usize,
    );
    (profile, access, teams, departments()).prop_map(|(profile, mut access, teams, departments)| {
        // ost_staff_dept_access has (staff_id, dept_id) as primary key.
        access.sort_by_key(|row: &DeptAccess| row.dept);
        access.dedup_by_key(|row| row.dept);
        Actor::Staff(StaffGrants::resolve(
            &profile,
            &access,
            &teams,
            &departments,
        ))
    })
}

fn user_actor() -> impl Strategy<Value = Actor> {
    let org = proptest::option::of((
        1..=ORGS,
        prop::sample::select(vec![0u32, 0x08, 0x10, 0x18]),
        0..=1u32,
    ));
    let link = proptest::option::of((1..=TICKETS).prop_map(TicketId::new));
    (1..=USERS, org, link).prop_map(|(id, org, link)| {
        let mut grants = UserGrants::new(UserId::new(id));
        if let Some((org, org_status, user_status)) = org {
            grants = grants.in_organization(
                OrgId::new(org),
                OrgStatus::from_column(org_status),
                UserStatus::from_column(user_status),
            );
        }
        if let Some(ticket) = link {
            grants = grants.via_collaborator_link(ticket);
        }
        Actor::User(grants)
    })
}

fn actor() -> impl Strategy<Value = Actor> {
    prop_oneof![staff_actor(), user_actor()]
}

fn referral() -> impl Strategy<Value = Referral> {
    prop_oneof![
        (1..=STAFF).prop_map(|id| Referral::Staff(StaffId::new(id))),
        (1..=TEAMS).prop_map(|id| Referral::Team(TeamId::new(id))),
        dept_id().prop_map(Referral::Dept),
    ]
}

fn plain_ticket() -> impl Strategy<Value = TicketFacts> {
    (
        (1..=TICKETS, dept_id(), any::<bool>()),
        proptest::option::of(1..=STAFF),
        proptest::option::of(1..=TEAMS),
        (1..=USERS, proptest::option::of(1..=ORGS)),
        subsequence((1..=USERS).map(UserId::new).collect::<Vec<_>>(), 0..=2),
        proptest::collection::vec(referral(), 0..3),
    )
        .prop_map(
            |((id, dept, is_open), staff, team, (owner, org), collaborators, referrals)| {
                TicketFacts {
                    id: TicketId::new(id),
                    dept,
                    is_open,
                    assigned_staff: staff.map(StaffId::new),
                    assigned_team: team.map(TeamId::new),
                    owner: UserId::new(owner),
                    owner_org: org.map(OrgId::new),
                    collaborators,
                    referrals,
                    merge: None,
                }
            },
        )
}

fn ticket() -> impl Strategy<Value = TicketFacts> {
    let merge = proptest::option::of((
        prop::sample::select(vec![
            MergeThreads::Combined,
            MergeThreads::Separate,
            MergeThreads::Linked,
        ]),
        proptest::collection::vec(plain_ticket(), 0..3),
    ));
    (plain_ticket(), merge).prop_map(|(mut ticket, merge)| {
        ticket.merge = merge.map(|(threads, children)| MergeFacts { threads, children });
        ticket
    })
}

/// An empty `IN ()` is a syntax error in MySQL; the predicate never has one.
fn has_empty_list(predicate: &Predicate) -> bool {
    match predicate {
        Predicate::Any(operands) | Predicate::All(operands) => operands.iter().any(has_empty_list),
        Predicate::DeptIn(ids) | Predicate::ReferredToDeptIn(ids) => ids.is_empty(),
        Predicate::AssignedTeamIn(ids) | Predicate::ReferredToTeamIn(ids) => ids.is_empty(),
        Predicate::MergedChild(inner) => has_empty_list(inner),
        Predicate::IsOpen
        | Predicate::AssignedStaff(_)
        | Predicate::ReferredToStaff(_)
        | Predicate::Owner(_)
        | Predicate::OwnerOrg(_)
        | Predicate::Collaborator(_)
        | Predicate::Ticket(_) => false,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn the_list_predicate_matches_exactly_the_tickets_can_shows(
        actor in actor(),
        tickets in proptest::collection::vec(ticket(), 1..8),
    ) {
        let predicate = visible(&actor);
        prop_assert!(!has_empty_list(&predicate), "{predicate:?}");
        for ticket in &tickets {
            prop_assert_eq!(
                predicate.matches(ticket),
                can(&actor, Action::View, ticket).is_visible(),
                "predicate {:?} on {:?}", predicate, ticket
            );
        }
    }

    #[test]
    fn every_permission_agrees_on_visibility_and_gives_reasons(actor in actor(), ticket in ticket()) {
        let seen = can(&actor, Action::View, &ticket).is_visible();
        for &permission in Permission::ALL {
            let decision = can(&actor, permission, &ticket);
            prop_assert_eq!(decision.is_visible(), seen);
            if seen {
                prop_assert!(!decision.reasons().is_empty(), "{:?} {:?}", permission, decision);
            }
        }
    }

    #[test]
    fn explain_repeats_what_can_answers(actor in actor(), ticket in ticket()) {
        match explain(&actor, &ticket) {
            None => prop_assert!(!can(&actor, Action::View, &ticket).is_visible()),
            Some(explanation) => {
                prop_assert_eq!(explanation.permissions.len(), Permission::ALL.len());
                for verdict in &explanation.permissions {
                    let decision = can(&actor, verdict.permission, &ticket);
                    prop_assert_eq!(decision.is_allowed(), verdict.allowed);
                    let expected: Vec<_> =
                        explanation.access.iter().chain(&verdict.reasons).copied().collect();
                    prop_assert_eq!(decision.reasons(), expected.as_slice());
                }
            }
        }
    }
}
