//! `can` on a mid-sized desk: 50 departments, an agent with a primary
//! department, four extended-access departments and three teams, and an end
//! user in a sharing organization. Inputs are fixed, built here.

use criterion::{Criterion, criterion_group, criterion_main};
use oxt_perm::{
    Action, Actor, Department, DeptAccess, DeptFlags, DeptPath, MergeFacts, MergeThreads,
    OrgStatus, Permission, Referral, Role, RolePermissions, StaffGrants, StaffProfile, TicketFacts,
    UserGrants, UserStatus, can, explain, visible,
};
use oxt_ticket::ids::{DeptId, OrgId, RoleId, StaffId, TeamId, TicketId, UserId};
use std::hint::black_box;

const AGENT: StaffId = StaffId::new(7);

/// Ten top-level departments with four subdepartments each.
fn departments() -> Vec<Department> {
    let mut departments = Vec::new();
    for root in 0..10u32 {
        let root_id = DeptId::new(root * 5 + 1);
        departments.push(Department {
            id: root_id,
            path: DeptPath::from_ancestry(vec![root_id]),
            manager: (root == 9).then_some(AGENT),
            flags: DeptFlags::default(),
        });
        for child in 1..5u32 {
            let id = DeptId::new(root * 5 + 1 + child);
            departments.push(Department {
                id,
                path: DeptPath::from_ancestry(vec![root_id, id]),
                manager: None,
                flags: DeptFlags::default(),
            });
        }
    }
    departments
}

fn role(id: u32, json: &str) -> Role {
    Role {
        id: RoleId::new(id),
        permissions: RolePermissions::parse(Some(json)).expect("fixed role JSON"),
    }
}

fn agent() -> Actor {
    let all_access = r#"{"ticket.create":1,"ticket.edit":1,"ticket.assign":1,"ticket.release":1,"ticket.transfer":1,"ticket.refer":1,"ticket.merge":1,"ticket.link":1,"ticket.reply":1,"ticket.markanswered":1,"ticket.close":1,"ticket.delete":1,"task.create":1,"task.edit":1,"task.assign":1,"task.transfer":1,"task.reply":1,"task.close":1,"task.delete":1,"canned.manage":1,"thread.edit":1}"#;
    let limited =
        r#"{"ticket.create":1,"ticket.reply":1,"ticket.refer":1,"task.create":1,"task.reply":1}"#;
    let profile = StaffProfile {
        id: AGENT,
        dept: DeptId::new(1),
        role: Some(role(1, all_access)),
        permissions: RolePermissions::parse(Some(r#"{"user.dir":1,"org.edit":1,"faq.manage":1}"#))
            .expect("fixed staff JSON"),
        is_admin: false,
        assigned_only: false,
        primary_role_on_assignment: true,
    };
    let access: Vec<DeptAccess> = [11, 21, 31, 41]
        .into_iter()
        .map(|dept| DeptAccess {
            dept: DeptId::new(dept),
            role: Some(role(3, limited)),
        })
        .collect();
    let teams = [TeamId::new(2), TeamId::new(5), TeamId::new(9)];
    Actor::Staff(StaffGrants::resolve(
        &profile,
        &access,
        &teams,
        &departments(),
    ))
}

fn end_user() -> Actor {
    Actor::User(UserGrants::new(UserId::new(501)).in_organization(
        OrgId::new(3),
        OrgStatus::from_column(0x10),
        UserStatus::default(),
    ))
}

fn ticket(dept: u32) -> TicketFacts {
    TicketFacts {
        id: TicketId::new(9000),
        dept: DeptId::new(dept),
        is_open: true,
        assigned_staff: Some(StaffId::new(12)),
        assigned_team: None,
        owner: UserId::new(777),
        owner_org: Some(OrgId::new(4)),
        collaborators: vec![UserId::new(778), UserId::new(779)],
        referrals: vec![
            Referral::Dept(DeptId::new(48)),
            Referral::Team(TeamId::new(3)),
        ],
        merge: None,
    }
}

fn bench_can(c: &mut Criterion) {
    let agent = agent();
    let user = end_user();

    let primary = ticket(1);
    let subdepartment = ticket(3);
    let extended = ticket(21);
    let assigned_elsewhere = TicketFacts {
        assigned_team: Some(TeamId::new(5)),
        ..ticket(36)
    };
    let referred = TicketFacts {
        referrals: vec![
            Referral::Staff(StaffId::new(4)),
            Referral::Team(TeamId::new(3)),
            Referral::Dept(DeptId::new(38)),
            Referral::Staff(AGENT),
        ],
        ..ticket(36)
    };
    let invisible = ticket(36);
    let org_ticket = TicketFacts {
        owner_org: Some(OrgId::new(3)),
        ..ticket(1)
    };
    let merge_parent = TicketFacts {
        merge: Some(MergeFacts {
            threads: MergeThreads::Combined,
            children: vec![
                ticket(1),
                TicketFacts {
                    collaborators: vec![UserId::new(501)],
                    ..ticket(1)
                },
            ],
        }),
        ..ticket(1)
    };

    let mut group = c.benchmark_group("can");
    let cases: [(&str, &Actor, Action, &TicketFacts); 9] = [
        (
            "staff/primary_dept/reply",
            &agent,
            Permission::TicketReply.into(),
            &primary,
        ),
        (
            "staff/subdept/close",
            &agent,
            Permission::TicketClose.into(),
            &subdepartment,
        ),
        (
            "staff/extended/delete",
            &agent,
            Permission::TicketDelete.into(),
            &extended,
        ),
        (
            "staff/team_assigned/assign",
            &agent,
            Permission::TicketAssign.into(),
            &assigned_elsewhere,
        ),
        ("staff/referred/view", &agent, Action::View, &referred),
        (
            "staff/not_visible/edit",
            &agent,
            Permission::TicketEdit.into(),
            &invisible,
        ),
        ("user/not_visible/view", &user, Action::View, &primary),
        (
            "user/org_shared/reply",
            &user,
            Permission::TicketReply.into(),
            &org_ticket,
        ),
        ("user/merged_child/view", &user, Action::View, &merge_parent),
    ];
    for (name, actor, action, ticket) in cases {
        group.bench_function(name, |b| {
            b.iter(|| can(black_box(actor), black_box(action), black_box(ticket)))
        });
    }
    group.finish();

    c.bench_function("explain/staff/primary_dept", |b| {
        b.iter(|| explain(black_box(&agent), black_box(&primary)))
    });
    c.bench_function("visible/staff", |b| b.iter(|| visible(black_box(&agent))));
}

criterion_group!(benches, bench_can);
criterion_main!(benches);
