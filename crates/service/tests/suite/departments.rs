//! Departments: nesting and `path`, re-parenting with the subtree,
//! validation that writes nothing, the delete rules, who may read and write.

use crate::desk::{self, end_user, staff};
use crate::helpers;
use oxt_perm::AccessError;
use oxt_service::Caller;
use oxt_service::Ctx;
use oxt_service::access::AdminAccessError;
use oxt_service::departments::{
    self, CreateDepartmentError, DeleteDepartmentError, Department, DepartmentChanges,
    DepartmentFlags, FlagChanges, GetDepartmentError, ListDepartmentsError, MemberAlerts,
    UpdateDepartmentError,
};
use oxt_service::validation::{Invalid, Issue};
use oxt_testkit::db_test;
use oxt_ticket::ids::{DeptId, EmailId, ScheduleId, SlaId, StaffId, TemplateGroupId};

const SUPPORT: DeptId = DeptId::new(1);
const SALES: DeptId = DeptId::new(2);
const MAINTENANCE: DeptId = DeptId::new(3);

fn named(name: &str, parent: Option<DeptId>) -> DepartmentChanges {
    DepartmentChanges {
        name: Some(name.to_owned()),
        parent: Some(parent),
        ..DepartmentChanges::default()
    }
}

async fn create(ctx: &Ctx, admin: &Caller, name: &str, parent: Option<DeptId>) -> Department {
    departments::create(ctx, admin, named(name, parent))
        .await
        .unwrap()
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

fn forbidden(error: &AdminAccessError) -> bool {
    matches!(
        error,
        AdminAccessError::Refused(AccessError::Forbidden { .. })
    )
}

async fn stored_path(db: &oxt_testkit::TestDb, id: DeptId) -> String {
    desk::column(db, "department", "path", &format!("id = {id}"), "id").await[0]
        .clone()
        .unwrap()
}

db_test!(
    a_nested_department_gets_its_path_and_full_name,
    |db| async move {
        let ctx = helpers::ctx(&db).await;
        let admin = staff(desk::seed(&ctx).await.admin);

        let tier2 = create(&ctx, &admin, "Tier 2", Some(SUPPORT)).await;
        let hardware = create(&ctx, &admin, "Hardware", Some(tier2.record.id)).await;

        let (t, h) = (tier2.record.id, hardware.record.id);
        assert_eq!(tier2.record.path, format!("/1/{t}/"));
        assert_eq!(hardware.record.path, format!("/1/{t}/{h}/"));
        assert_eq!(hardware.full_name, "Support / Tier 2 / Hardware");
        assert_eq!(stored_path(&db, h).await, format!("/1/{t}/{h}/"));
        let flags = DepartmentFlags::from_column(hardware.record.fields.flags);
        assert!(flags.active && !flags.archived);
        assert!(hardware.record.fields.is_public);
        assert_eq!(
            MemberAlerts::from_column(hardware.record.fields.group_membership),
            Some(MemberAlerts::DepartmentAndExtended)
        );

        let listed: Vec<_> = departments::list(&ctx, &admin)
            .await
            .unwrap()
            .into_iter()
            .map(|dept| dept.full_name)
            .collect();
        assert_eq!(
            listed,
            [
                "Maintenance",
                "Sales",
                "Support",
                "Support / Tier 2",
                "Support / Tier 2 / Hardware"
            ]
        );
        assert_eq!(departments::get(&ctx, &admin, h).await.unwrap(), hardware);
    }
);

db_test!(
    moving_a_department_moves_the_paths_of_its_subtree,
    |db| async move {
        let ctx = helpers::ctx(&db).await;
        let admin = staff(desk::seed(&ctx).await.admin);
        let t = create(&ctx, &admin, "Tier 2", Some(SUPPORT))
            .await
            .record
            .id;
        let h = create(&ctx, &admin, "Hardware", Some(t)).await.record.id;
        let d = create(&ctx, &admin, "Disks", Some(h)).await.record.id;

        let moved = departments::update(
            &ctx,
            &admin,
            t,
            DepartmentChanges {
                parent: Some(Some(SALES)),
                ..DepartmentChanges::default()
            },
        )
        .await
        .unwrap();

        assert_eq!(moved.record.path, format!("/2/{t}/"));
        assert_eq!(moved.full_name, "Sales / Tier 2");
        assert_eq!(stored_path(&db, t).await, format!("/2/{t}/"));
        assert_eq!(stored_path(&db, h).await, format!("/2/{t}/{h}/"));
        assert_eq!(stored_path(&db, d).await, format!("/2/{t}/{h}/{d}/"));
        assert_eq!(
            departments::get(&ctx, &admin, d).await.unwrap().full_name,
            "Sales / Tier 2 / Hardware / Disks"
        );

        let top = departments::update(
            &ctx,
            &admin,
            h,
            DepartmentChanges {
                parent: Some(None),
                ..DepartmentChanges::default()
            },
        )
        .await
        .unwrap();
        assert_eq!(top.record.path, format!("/{h}/"));
        assert_eq!(stored_path(&db, d).await, format!("/{h}/{d}/"));
    }
);

db_test!(
    a_department_cannot_move_under_itself_or_its_subdepartments,
    |db| async move {
        let ctx = helpers::ctx(&db).await;
        let admin = staff(desk::seed(&ctx).await.admin);
        let t = create(&ctx, &admin, "Tier 2", Some(SUPPORT))
            .await
            .record
            .id;
        let h = create(&ctx, &admin, "Hardware", Some(t)).await.record.id;
        let before = departments::list(&ctx, &admin).await.unwrap();

        for parent in [t, h] {
            let refused = departments::update(
                &ctx,
                &admin,
                t,
                DepartmentChanges {
                    parent: Some(Some(parent)),
                    ..DepartmentChanges::default()
                },
            )
            .await;
            match refused {
                Err(UpdateDepartmentError::Invalid(invalid)) => assert_eq!(
                    issues(&invalid),
                    [(
                        "pid".to_owned(),
                        Issue::NotAllowed("is the department itself or one of its subdepartments")
                    )]
                ),
                other => panic!("expected a refused parent, got {other:?}"),
            }
        }
        assert_eq!(departments::list(&ctx, &admin).await.unwrap(), before);
    }
);

db_test!(
    every_invalid_department_field_is_named_and_nothing_is_written,
    |db| async move {
        let ctx = helpers::ctx(&db).await;
        let admin = staff(desk::seed(&ctx).await.admin);
        let before = departments::list(&ctx, &admin).await.unwrap();

        let refused = departments::create(
            &ctx,
            &admin,
            DepartmentChanges {
                name: Some("support".to_owned()),
                parent: Some(None),
                manager: Some(Some(StaffId::new(999))),
                sla: Some(Some(SlaId::new(999))),
                schedule: Some(Some(ScheduleId::new(999))),
                email: Some(Some(EmailId::new(999))),
                autoresponse_email: Some(Some(EmailId::new(998))),
                template_group: Some(Some(TemplateGroupId::new(999))),
                flags: FlagChanges {
                    archived: Some(true),
                    assign_members_only: Some(true),
                    assign_primary_only: Some(true),
                    ..FlagChanges::default()
                },
                ..DepartmentChanges::default()
            },
        )
        .await;
        match refused {
            Err(CreateDepartmentError::Invalid(invalid)) => assert_eq!(
                issues(&invalid),
                [
                    ("autoresp_email_id".to_owned(), Issue::Unknown),
                    ("email_id".to_owned(), Issue::Unknown),
                    (
                        "flags.archived".to_owned(),
                        Issue::NotAllowed("cannot be set on an active department")
                    ),
                    (
                        "flags.assign_primary_only".to_owned(),
                        Issue::NotAllowed("cannot be set with assign_members_only")
                    ),
                    ("manager_id".to_owned(), Issue::Unknown),
                    ("name".to_owned(), Issue::Taken),
                    ("schedule_id".to_owned(), Issue::Unknown),
                    ("sla_id".to_owned(), Issue::Unknown),
                    ("tpl_id".to_owned(), Issue::Unknown),
                ]
            ),
            other => panic!("expected invalid fields, got {other:?}"),
        }

        let refused = departments::create(&ctx, &admin, named("", Some(DeptId::new(999)))).await;
        match refused {
            Err(CreateDepartmentError::Invalid(invalid)) => assert_eq!(
                issues(&invalid),
                [
                    ("name".to_owned(), Issue::Required),
                    ("pid".to_owned(), Issue::Unknown),
                ]
            ),
            other => panic!("expected invalid fields, got {other:?}"),
        }

        let refused = departments::update(
            &ctx,
            &admin,
            SUPPORT,
            DepartmentChanges {
                is_public: Some(false),
                flags: FlagChanges {
                    active: Some(false),
                    ..FlagChanges::default()
                },
                ..DepartmentChanges::default()
            },
        )
        .await;
        match refused {
            Err(UpdateDepartmentError::Invalid(invalid)) => assert_eq!(
                issues(&invalid),
                [
                    (
                        "flags.active".to_owned(),
                        Issue::NotAllowed("the default department stays active")
                    ),
                    (
                        "ispublic".to_owned(),
                        Issue::NotAllowed("the default department cannot be private")
                    ),
                ]
            ),
            other => panic!("expected invalid fields, got {other:?}"),
        }
        assert_eq!(departments::list(&ctx, &admin).await.unwrap(), before);
    }
);

db_test!(
    a_name_is_unique_among_siblings_only_and_a_parent_must_be_active,
    |db| async move {
        let ctx = helpers::ctx(&db).await;
        let admin = staff(desk::seed(&ctx).await.admin);
        create(&ctx, &admin, "Billing", Some(SUPPORT)).await;
        create(&ctx, &admin, "Billing", Some(SALES)).await;
        departments::update(
            &ctx,
            &admin,
            MAINTENANCE,
            DepartmentChanges {
                flags: FlagChanges {
                    active: Some(false),
                    archived: Some(true),
                    ..FlagChanges::default()
                },
                ..DepartmentChanges::default()
            },
        )
        .await
        .unwrap();

        let twin = departments::create(&ctx, &admin, named("BILLING", Some(SUPPORT))).await;
        let under_archived =
            departments::create(&ctx, &admin, named("Boilers", Some(MAINTENANCE))).await;

        assert!(
            matches!(&twin, Err(CreateDepartmentError::Invalid(invalid)) if issues(invalid) == [("name".to_owned(), Issue::Taken)]),
            "{twin:?}"
        );
        assert!(
            matches!(&under_archived, Err(CreateDepartmentError::Invalid(invalid)) if issues(invalid) == [("pid".to_owned(), Issue::NotAllowed("is not an active department"))]),
            "{under_archived:?}"
        );
    }
);

db_test!(
    settings_and_flags_are_stored_as_osticket_keeps_them,
    |db| async move {
        let ctx = helpers::ctx(&db).await;
        let desk = desk::seed(&ctx).await;
        let admin = staff(desk.admin);
        let created = departments::create(
            &ctx,
            &admin,
            DepartmentChanges {
                manager: Some(Some(desk.agents[0])),
                sla: Some(Some(SlaId::new(1))),
                schedule: Some(Some(ScheduleId::new(1))),
                email: Some(Some(EmailId::new(1))),
                is_public: Some(false),
                signature: Some("-- Field Ops".to_owned()),
                member_alerts: Some(MemberAlerts::AdminOnly),
                ticket_auto_response: Some(false),
                flags: FlagChanges {
                    assign_members_only: Some(true),
                    disable_auto_claim: Some(true),
                    disable_reopen_auto_assign: Some(true),
                    ..FlagChanges::default()
                },
                ..named("Field Ops", None)
            },
        )
        .await
        .unwrap();
        let id = created.record.id;

        let row = |column: &'static str| {
            let db = &db;
            async move {
                desk::column(db, "department", column, &format!("id = {id}"), "id").await[0]
                    .clone()
                    .unwrap()
            }
        };
        // ACTIVE | ASSIGN_MEMBERS_ONLY | DISABLE_AUTO_CLAIM | DISABLE_REOPEN_AUTO_ASSIGN
        assert_eq!(row("flags").await, (0x4 | 0x1 | 0x2 | 0x20).to_string());
        assert_eq!(row("manager_id").await, desk.agents[0].to_string());
        assert_eq!(row("sla_id").await, "1");
        assert_eq!(row("ispublic").await, "0");
        assert_eq!(row("group_membership").await, "3");
        assert_eq!(row("ticket_auto_response").await, "0");
        assert_eq!(row("message_auto_response").await, "1");
        assert_eq!(
            desk::column(&db, "department", "pid", &format!("id = {id}"), "id").await,
            [None]
        );

        let edited = departments::update(
            &ctx,
            &admin,
            id,
            DepartmentChanges {
                manager: Some(None),
                flags: FlagChanges {
                    assign_members_only: Some(false),
                    assign_primary_only: Some(true),
                    ..FlagChanges::default()
                },
                ..DepartmentChanges::default()
            },
        )
        .await
        .unwrap();
        assert_eq!(edited.record.fields.manager, None);
        assert_eq!(row("flags").await, (0x4 | 0x10 | 0x2 | 0x20).to_string());
        assert_eq!(edited.record.fields.signature, "-- Field Ops");
    }
);

db_test!(
    the_default_department_and_departments_in_use_are_not_deleted,
    |db| async move {
        let ctx = helpers::ctx(&db).await;
        let admin = staff(desk::seed(&ctx).await.admin);
        let parent = create(&ctx, &admin, "Parent", None).await.record.id;
        create(&ctx, &admin, "Child", Some(parent)).await;

        let default = departments::delete(&ctx, &admin, SUPPORT).await;
        let with_agents = departments::delete(&ctx, &admin, SALES).await;
        let with_children = departments::delete(&ctx, &admin, parent).await;
        let missing = departments::delete(&ctx, &admin, DeptId::new(999)).await;

        assert!(
            matches!(default, Err(DeleteDepartmentError::DefaultDepartment(id)) if id == SUPPORT)
        );
        assert!(
            matches!(with_agents, Err(DeleteDepartmentError::InUse { usage, .. }) if usage.staff == 1),
            "{with_agents:?}"
        );
        assert!(
            matches!(with_children, Err(DeleteDepartmentError::InUse { usage, .. }) if usage.children == 1),
            "{with_children:?}"
        );
        assert!(matches!(missing, Err(DeleteDepartmentError::NotFound(_))));
        assert_eq!(desk::count(&db, "department", "1 = 1").await, 5);
    }
);

db_test!(
    deleting_a_department_drops_its_access_and_routing,
    |db| async move {
        let ctx = helpers::ctx(&db).await;
        let desk = desk::seed(&ctx).await;
        let admin = staff(desk.admin);
        let id = create(&ctx, &admin, "Short-lived", None).await.record.id;
        desk::exec(
            &db,
            &format!(
                "INSERT INTO {{p}}staff_dept_access (staff_id, dept_id, role_id, flags) VALUES ({}, {id}, 1, 1)",
                desk.agents[1]
            ),
        )
        .await;
        desk::exec(
            &db,
            &format!("UPDATE {{p}}help_topic SET dept_id = {id} WHERE topic_id = 1"),
        )
        .await;

        departments::delete(&ctx, &admin, id).await.unwrap();

        assert!(matches!(
            departments::get(&ctx, &admin, id).await,
            Err(GetDepartmentError::NotFound(_))
        ));
        assert_eq!(
            desk::count(&db, "staff_dept_access", &format!("dept_id = {id}")).await,
            0
        );
        assert_eq!(
            desk::column(&db, "help_topic", "dept_id", "topic_id = 1", "topic_id").await,
            [Some("0".to_owned())]
        );
    }
);

db_test!(
    agents_read_departments_only_administrators_write_them_end_users_neither,
    |db| async move {
        let ctx = helpers::ctx(&db).await;
        let desk = desk::seed(&ctx).await;
        let agent = staff(desk.agents[1]);

        assert_eq!(departments::list(&ctx, &agent).await.unwrap().len(), 3);
        let created = departments::create(&ctx, &agent, named("Rogue", None)).await;
        let edited = departments::update(&ctx, &agent, SALES, DepartmentChanges::default()).await;
        let deleted = departments::delete(&ctx, &agent, MAINTENANCE).await;
        let listed = departments::list(&ctx, &end_user(1)).await;

        assert!(matches!(created, Err(CreateDepartmentError::Access(ref e)) if forbidden(e)));
        assert!(matches!(edited, Err(UpdateDepartmentError::Access(ref e)) if forbidden(e)));
        assert!(matches!(deleted, Err(DeleteDepartmentError::Access(ref e)) if forbidden(e)));
        assert!(matches!(listed, Err(ListDepartmentsError::Access(ref e)) if forbidden(e)));
        assert_eq!(desk::count(&db, "department", "1 = 1").await, 3);
    }
);
