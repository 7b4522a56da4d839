//! Staff members: CRUD by an administrator, the checks osTicket makes, the
//! directory an agent sees, extended access, and what a delete cleans up.

use crate::desk::{self, end_user, staff};
use crate::helpers;
use oxt_identity::PasswordHash;
use oxt_perm::{AccessError, Permission};
use oxt_service::access::AdminAccessError;
use oxt_service::staff::{
    self as staff_uc, CreateStaffError, DeleteStaffError, DeptAccessChange, GetStaffError,
    ListStaffError, SetDeptAccessError, StaffChanges, StaffQuery, UpdateStaffError,
};
use oxt_service::tickets::{self, NewTicketRequest};
use oxt_service::users::UserPaging;
use oxt_service::validation::{Invalid, Issue};
use oxt_testkit::db_test;
use oxt_ticket::contact::{EmailAddress, MessageBody, PersonName, Subject};
use oxt_ticket::ids::{DeptId, RoleId, StaffId};
use oxt_ticket::source::TicketSource;
use oxt_ticket::thread::BodyFormat;

const SUPPORT: DeptId = DeptId::new(1);
const MAINTENANCE: DeptId = DeptId::new(3);
const ALL_ACCESS: RoleId = RoleId::new(1);
const LIMITED_ACCESS: RoleId = RoleId::new(3);

fn carol() -> StaffChanges {
    StaffChanges {
        username: Some("carol".to_owned()),
        firstname: Some("Carol".to_owned()),
        lastname: Some("Agent".to_owned()),
        email: Some("carol@example.com".to_owned()),
        dept: Some(MAINTENANCE),
        role: Some(ALL_ACCESS),
        permissions: Some(vec!["user.dir".to_owned()]),
        password: Some("Carol's password".to_owned()),
        ..StaffChanges::default()
    }
}

fn issues(invalid: &Invalid) -> Vec<(String, Issue)> {
    let mut found: Vec<_> = invalid
        .0
        .iter()
        .map(|issue| (issue.field.clone(), issue.issue.clone()))
        .collect();
    found.sort_by(|a, b| a.0.cmp(&b.0));
    found
}

fn query() -> StaffQuery {
    StaffQuery {
        dept: None,
        text: None,
        is_active: None,
        paging: UserPaging::parse(None, Some(100)).unwrap(),
    }
}

db_test!(
    a_staff_member_is_created_with_a_password_osticket_verifies_edited_and_listed,
    |db| async move {
        let ctx = helpers::ctx(&db).await;
        let admin = staff(desk::seed(&ctx).await.admin);

        let created = staff_uc::create(&ctx, &admin, carol()).await.unwrap();
        let id = created.record.id;
        assert_eq!(created.record.username, "carol");
        assert_eq!(created.record.dept, MAINTENANCE);
        assert!(created.record.is_active && !created.record.is_admin);
        let granted: Vec<_> = created.permissions.granted().iter().collect();
        assert_eq!(granted, [Permission::UserDirectory]);
        let stored = desk::column(
            &db,
            "staff",
            "passwd",
            &format!("staff_id = {id}"),
            "staff_id",
        )
        .await;
        let hash = PasswordHash::parse(stored[0].as_deref().unwrap()).unwrap();
        assert!(stored[0].as_deref().unwrap().starts_with("$2y$"));
        assert!(hash.verify("Carol's password"));

        let patch = StaffChanges {
            email: Some("carol@elsewhere.example".to_owned()),
            assigned_only: Some(true),
            is_active: Some(false),
            ..StaffChanges::default()
        };
        let edited = staff_uc::update(&ctx, &admin, id, patch).await.unwrap();
        assert_eq!(edited.record.email, "carol@elsewhere.example");
        assert_eq!(
            edited.record.firstname, "Carol",
            "absent fields keep their value"
        );
        assert!(edited.record.assigned_only && !edited.record.is_active);
        assert_eq!(edited.permissions.granted().iter().count(), 1);

        let in_maintenance = StaffQuery {
            dept: Some(MAINTENANCE),
            ..query()
        };
        let listed = staff_uc::list(&ctx, &admin, in_maintenance).await.unwrap();
        assert_eq!(listed.total, 1);
        assert_eq!(listed.items[0].id, id);
        let locked = StaffQuery {
            is_active: Some(false),
            ..query()
        };
        assert_eq!(staff_uc::list(&ctx, &admin, locked).await.unwrap().total, 1);
        let searched = StaffQuery {
            text: Some("ELSEWHERE".to_owned()),
            ..query()
        };
        assert_eq!(
            staff_uc::list(&ctx, &admin, searched).await.unwrap().total,
            1
        );
        assert_eq!(
            staff_uc::list(&ctx, &admin, query()).await.unwrap().total,
            4
        );
    }
);

db_test!(
    taken_names_and_unknown_references_are_named_and_nothing_is_written,
    |db| async move {
        let ctx = helpers::ctx(&db).await;
        let admin = staff(desk::seed(&ctx).await.admin);
        let before = desk::count(&db, "staff", "1 = 1").await;

        let clash = StaffChanges {
            username: Some("ALICE".to_owned()),
            email: Some("bob@example.com".to_owned()),
            dept: Some(DeptId::new(999)),
            role: Some(RoleId::new(999)),
            permissions: Some(vec!["ticket.reply".to_owned(), "no.such".to_owned()]),
            password: Some("short".to_owned()),
            ..carol()
        };
        let Err(CreateStaffError::Invalid(invalid)) =
            staff_uc::create(&ctx, &admin, clash.clone()).await
        else {
            panic!("a short password is refused first");
        };
        assert_eq!(
            issues(&invalid),
            [(
                "password".to_owned(),
                Issue::NotAllowed("must be at least 6 characters")
            )]
        );
        let Err(CreateStaffError::Invalid(invalid)) = staff_uc::create(
            &ctx,
            &admin,
            StaffChanges {
                password: None,
                ..clash
            },
        )
        .await
        else {
            panic!("the clashes are refused");
        };
        assert_eq!(
            issues(&invalid),
            [
                ("dept_id".to_owned(), Issue::Unknown),
                ("email".to_owned(), Issue::Taken),
                (
                    "permissions[0]".to_owned(),
                    Issue::NotAllowed("is a department permission, which only a role grants")
                ),
                ("permissions[1]".to_owned(), Issue::Unknown),
                ("role_id".to_owned(), Issue::Unknown),
                ("username".to_owned(), Issue::Taken),
            ]
        );
        let Err(CreateStaffError::Invalid(invalid)) =
            staff_uc::create(&ctx, &admin, StaffChanges::default()).await
        else {
            panic!("an empty staff member is refused");
        };
        let fields: Vec<_> = issues(&invalid).into_iter().map(|(f, _)| f).collect();
        assert_eq!(
            fields,
            [
                "dept_id",
                "email",
                "firstname",
                "lastname",
                "role_id",
                "username"
            ]
        );
        assert_eq!(desk::count(&db, "staff", "1 = 1").await, before);
    }
);

db_test!(
    the_last_active_administrator_stays_one_and_may_not_delete_themselves,
    |db| async move {
        let ctx = helpers::ctx(&db).await;
        let seeded = desk::seed(&ctx).await;
        let admin = staff(seeded.admin);
        let demote = StaffChanges {
            is_admin: Some(false),
            ..StaffChanges::default()
        };
        let Err(UpdateStaffError::Invalid(invalid)) =
            staff_uc::update(&ctx, &admin, seeded.admin, demote).await
        else {
            panic!("the only administrator stays one");
        };
        assert!(invalid.names("isadmin"));
        assert!(matches!(
            staff_uc::delete(&ctx, &admin, seeded.admin).await,
            Err(DeleteStaffError::OwnAccount(_))
        ));
        assert!(matches!(
            staff_uc::delete(&ctx, &admin, StaffId::new(999)).await,
            Err(DeleteStaffError::NotFound(_))
        ));
    }
);

db_test!(
    an_agent_sees_the_staff_of_their_departments_and_may_not_write,
    |db| async move {
        let ctx = helpers::ctx(&db).await;
        let seeded = desk::seed(&ctx).await;
        let admin = staff(seeded.admin);
        let carol = staff_uc::create(
            &ctx,
            &admin,
            StaffChanges {
                permissions: Some(Vec::new()),
                ..carol()
            },
        )
        .await
        .unwrap()
        .record
        .id;
        // Carol (Maintenance, no visibility.agents) sees only herself...
        let seen = staff_uc::list(&ctx, &staff(carol), query()).await.unwrap();
        assert_eq!(seen.items.iter().map(|s| s.id).collect::<Vec<_>>(), [carol]);
        assert!(matches!(
            staff_uc::get(&ctx, &staff(carol), seeded.admin).await,
            Err(GetStaffError::NotFound(_))
        ));
        // ...until extended access to Support shows her Support's agents.
        let access = vec![DeptAccessChange {
            dept: Some(SUPPORT),
            role: Some(LIMITED_ACCESS),
            alerts: true,
        }];
        staff_uc::set_dept_access(&ctx, &admin, carol, access)
            .await
            .unwrap();
        let alice = staff_uc::get(&ctx, &staff(carol), seeded.agents[0])
            .await
            .unwrap();
        assert_eq!(alice.record.username, "alice");
        assert_eq!(alice.teams.len(), 1, "alice's team is shown");
        // Bob (an agent with visibility.agents) sees everybody but writes nothing.
        let bob = staff(seeded.agents[1]);
        assert_eq!(staff_uc::list(&ctx, &bob, query()).await.unwrap().total, 4);
        assert!(matches!(
            staff_uc::create(&ctx, &bob, carol_two()).await,
            Err(CreateStaffError::Access(AdminAccessError::Refused(_)))
        ));
        let user = helpers::add_user(&ctx, "ann@example.com").await.get();
        assert!(matches!(
            staff_uc::list(&ctx, &end_user(user), query()).await,
            Err(ListStaffError::Forbidden(AccessError::Forbidden { .. }))
        ));
    }
);

fn carol_two() -> StaffChanges {
    StaffChanges {
        username: Some("carol2".to_owned()),
        email: Some("carol2@example.com".to_owned()),
        ..carol()
    }
}

db_test!(
    extended_access_is_replaced_whole_and_checked,
    |db| async move {
        let ctx = helpers::ctx(&db).await;
        let seeded = desk::seed(&ctx).await;
        let admin = staff(seeded.admin);
        let bob = seeded.agents[1];
        let set = |access: Vec<(u32, u32, bool)>| {
            access
                .into_iter()
                .map(|(dept, role, alerts)| DeptAccessChange {
                    dept: Some(DeptId::new(dept)),
                    role: Some(RoleId::new(role)),
                    alerts,
                })
                .collect::<Vec<_>>()
        };
        let rows =
            staff_uc::set_dept_access(&ctx, &admin, bob, set(vec![(1, 3, true), (3, 1, false)]))
                .await
                .unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(
            desk::column(
                &db,
                "staff_dept_access",
                "flags",
                &format!("staff_id = {bob}"),
                "dept_id"
            )
            .await,
            [Some("1".to_owned()), Some("0".to_owned())]
        );
        let Err(SetDeptAccessError::Invalid(invalid)) = staff_uc::set_dept_access(
            &ctx,
            &admin,
            bob,
            set(vec![(2, 1, false), (999, 1, false), (1, 999, false)]),
        )
        .await
        else {
            panic!("the primary department, an unknown department and role are refused");
        };
        assert_eq!(
            issues(&invalid),
            [
                (
                    "items[0].dept_id".to_owned(),
                    Issue::NotAllowed("is the primary department")
                ),
                ("items[1].dept_id".to_owned(), Issue::Unknown),
                ("items[2].role_id".to_owned(), Issue::Unknown),
            ]
        );
        assert_eq!(
            desk::count(&db, "staff_dept_access", &format!("staff_id = {bob}")).await,
            2
        );
        // Moving bob's primary department to Support ends his extended access there.
        staff_uc::update(
            &ctx,
            &admin,
            bob,
            StaffChanges {
                dept: Some(SUPPORT),
                ..StaffChanges::default()
            },
        )
        .await
        .unwrap();
        let now = staff_uc::get_dept_access(&ctx, &admin, bob).await.unwrap();
        assert_eq!(
            now.iter().map(|row| row.dept).collect::<Vec<_>>(),
            [MAINTENANCE]
        );
        staff_uc::set_dept_access(&ctx, &admin, bob, Vec::new())
            .await
            .unwrap();
        assert_eq!(
            desk::count(&db, "staff_dept_access", &format!("staff_id = {bob}")).await,
            0
        );
    }
);

db_test!(
    deleting_a_staff_member_releases_their_tickets_and_drops_access_and_memberships,
    |db| async move {
        let ctx = helpers::ctx(&db).await;
        let seeded = desk::seed(&ctx).await;
        let admin = staff(seeded.admin);
        let alice = seeded.agents[0];
        let ticket = tickets::create(
            &ctx,
            &admin,
            NewTicketRequest {
                email: EmailAddress::parse("ann@example.com").unwrap(),
                name: PersonName::parse("Ann").unwrap(),
                phone: None,
                subject: Subject::parse("Printer").unwrap(),
                message: MessageBody::parse("It beeps").unwrap(),
                format: BodyFormat::Text,
                topic: None,
                dept: None,
                priority: None,
                source: Some(TicketSource::Api),
                ip: "127.0.0.1".to_owned(),
                fields: Vec::new(),
            },
        )
        .await
        .unwrap()
        .id;
        desk::exec(
            &db,
            &format!("UPDATE {{p}}ticket SET staff_id = {alice} WHERE ticket_id = {ticket}"),
        )
        .await;
        desk::exec(
            &db,
            &format!("UPDATE {{p}}thread_entry SET staff_id = {alice}"),
        )
        .await;
        desk::exec(
            &db,
            &format!("INSERT INTO {{p}}staff_dept_access (staff_id, dept_id, role_id, flags) VALUES ({alice}, 2, 1, 1)"),
        )
        .await;

        staff_uc::delete(&ctx, &admin, alice).await.unwrap();

        assert_eq!(
            desk::column(
                &db,
                "ticket",
                "staff_id",
                &format!("ticket_id = {ticket}"),
                "ticket_id"
            )
            .await,
            [Some("0".to_owned())]
        );
        assert_eq!(
            desk::count(&db, "thread_entry", &format!("staff_id = {alice}")).await,
            0
        );
        assert_eq!(
            desk::column(&db, "thread_entry", "poster", "1 = 1", "id").await,
            [Some("Alice Agent".to_owned())]
        );
        assert_eq!(
            desk::count(&db, "team_member", &format!("staff_id = {alice}")).await,
            0
        );
        assert_eq!(
            desk::count(&db, "staff_dept_access", &format!("staff_id = {alice}")).await,
            0
        );
        assert_eq!(
            desk::column(
                &db,
                "team",
                "lead_id",
                &format!("team_id = {}", seeded.team),
                "team_id"
            )
            .await,
            [Some("0".to_owned())],
            "the team she led has no lead"
        );
        assert!(matches!(
            staff_uc::get(&ctx, &admin, alice).await,
            Err(GetStaffError::NotFound(_))
        ));
    }
);
