//! Roles: CRUD by an administrator, validation that writes nothing, the
//! delete rule, and who may read and write.

use crate::desk::{self, end_user, staff};
use crate::helpers;
use oxt_perm::{AccessError, Permission, RolePermissions};
use oxt_service::access::AdminAccessError;
use oxt_service::roles::{
    self, CreateRoleError, DeleteRoleError, GetRoleError, ListRolesError, NewRole, RolePatch,
    UpdateRoleError,
};
use oxt_service::validation::{Invalid, Issue};
use oxt_testkit::db_test;
use oxt_ticket::ids::RoleId;

fn triage() -> NewRole {
    NewRole {
        name: "Triage".to_owned(),
        notes: Some("First look".to_owned()),
        enabled: true,
        permissions: vec!["ticket.assign".to_owned(), "ticket.reply".to_owned()],
    }
}

/// The invalid fields, sorted, with their issues.
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

db_test!(
    a_role_is_created_read_edited_listed_and_deleted,
    |db| async move {
        let ctx = helpers::ctx(&db).await;
        let admin = staff(desk::seed(&ctx).await.admin);

        let created = roles::create(&ctx, &admin, triage()).await.unwrap();
        let id = created.record.id;
        assert_eq!(created.record.name, "Triage");
        assert!(created.record.enabled);
        let granted: Vec<_> = created.permissions.granted().iter().collect();
        assert_eq!(granted, [Permission::TicketAssign, Permission::TicketReply]);
        let column = desk::column(&db, "role", "permissions", &format!("id = {id}"), "id").await;
        let stored: serde_json::Value =
            serde_json::from_str(column[0].as_deref().unwrap()).unwrap();
        assert_eq!(
            stored,
            serde_json::json!({ "ticket.assign": 1, "ticket.reply": 1 }),
            "stored as osTicket's RolePermission writes it"
        );
        assert_eq!(roles::get(&ctx, &admin, id).await.unwrap(), created);

        let edited = roles::update(
            &ctx,
            &admin,
            id,
            RolePatch {
                name: Some("Dispatch".to_owned()),
                notes: Some(None),
                enabled: Some(false),
                permissions: Some(vec!["ticket.close".to_owned()]),
            },
        )
        .await
        .unwrap();
        assert_eq!(edited.record.name, "Dispatch");
        assert_eq!(edited.record.notes, None);
        assert!(!edited.record.enabled);
        assert_eq!(
            edited.permissions,
            [Permission::TicketClose]
                .into_iter()
                .collect::<RolePermissions>()
        );
        assert_eq!(
            desk::column(&db, "role", "flags", &format!("id = {id}"), "id").await,
            [Some("0".to_owned())]
        );

        let names: Vec<_> = roles::list(&ctx, &admin)
            .await
            .unwrap()
            .into_iter()
            .map(|role| role.record.name)
            .collect();
        assert_eq!(
            names,
            [
                "All Access",
                "Dispatch",
                "Expanded Access",
                "Limited Access",
                "View only"
            ]
        );

        roles::delete(&ctx, &admin, id).await.unwrap();
        assert!(matches!(
            roles::get(&ctx, &admin, id).await,
            Err(GetRoleError::NotFound(gone)) if gone == id
        ));
        assert_eq!(desk::count(&db, "role", &format!("id = {id}")).await, 0);
    }
);

db_test!(
    every_invalid_role_field_is_named_and_nothing_is_written,
    |db| async move {
        let ctx = helpers::ctx(&db).await;
        let admin = staff(desk::seed(&ctx).await.admin);
        let before = roles::list(&ctx, &admin).await.unwrap();

        let cases = [
            (
                NewRole {
                    name: "  ".to_owned(),
                    permissions: vec![],
                    ..triage()
                },
                vec![
                    ("name".to_owned(), Issue::Required),
                    ("permissions".to_owned(), Issue::Required),
                ],
            ),
            (
                NewRole {
                    name: "all ACCESS".to_owned(),
                    permissions: vec![
                        "ticket.assign".to_owned(),
                        "ticket.view".to_owned(),
                        "task.close".to_owned(),
                        "user.create".to_owned(),
                    ],
                    ..triage()
                },
                vec![
                    ("name".to_owned(), Issue::Taken),
                    ("permissions[1]".to_owned(), Issue::Unknown),
                    (
                        "permissions[3]".to_owned(),
                        Issue::NotAllowed("is a staff permission, which no role grants"),
                    ),
                ],
            ),
            (
                NewRole {
                    name: "x".repeat(65),
                    ..triage()
                },
                vec![("name".to_owned(), Issue::TooLong { max: 64 })],
            ),
        ];
        for (new, expected) in cases {
            let refused = roles::create(&ctx, &admin, new).await;
            match refused {
                Err(CreateRoleError::Invalid(invalid)) => assert_eq!(issues(&invalid), expected),
                other => panic!("expected invalid fields, got {other:?}"),
            }
        }

        let refused = roles::update(
            &ctx,
            &admin,
            RoleId::new(2),
            RolePatch {
                name: Some("Limited Access".to_owned()),
                permissions: Some(vec!["ticket.frobnicate".to_owned()]),
                ..RolePatch::default()
            },
        )
        .await;
        match refused {
            Err(UpdateRoleError::Invalid(invalid)) => assert_eq!(
                issues(&invalid),
                [
                    ("name".to_owned(), Issue::Taken),
                    ("permissions[0]".to_owned(), Issue::Unknown),
                ]
            ),
            other => panic!("expected invalid fields, got {other:?}"),
        }
        assert_eq!(roles::list(&ctx, &admin).await.unwrap(), before);
    }
);

db_test!(
    a_role_keeps_its_own_name_in_another_case_and_its_plugin_keys,
    |db| async move {
        let ctx = helpers::ctx(&db).await;
        let admin = staff(desk::seed(&ctx).await.admin);
        let id = roles::create(&ctx, &admin, triage())
            .await
            .unwrap()
            .record
            .id;
        desk::exec(
            &db,
            &format!(
                r#"UPDATE {{p}}role SET permissions = '{{"plugin.frob":1,"ticket.edit":1}}' WHERE id = {id}"#
            ),
        )
        .await;

        let edited = roles::update(
            &ctx,
            &admin,
            id,
            RolePatch {
                name: Some("TRIAGE".to_owned()),
                permissions: Some(vec!["ticket.close".to_owned()]),
                ..RolePatch::default()
            },
        )
        .await
        .unwrap();

        assert_eq!(edited.record.name, "TRIAGE");
        assert_eq!(
            edited.permissions.unknown_keys().collect::<Vec<_>>(),
            ["plugin.frob"]
        );
        assert!(edited.permissions.has(Permission::TicketClose));
        assert!(!edited.permissions.has(Permission::TicketEdit));
    }
);

db_test!(
    a_role_held_by_an_agent_or_by_department_access_is_not_deleted,
    |db| async move {
        let ctx = helpers::ctx(&db).await;
        let desk = desk::seed(&ctx).await;
        let admin = staff(desk.admin);
        let extended = roles::create(&ctx, &admin, triage())
            .await
            .unwrap()
            .record
            .id;
        desk::exec(
            &db,
            &format!(
                "INSERT INTO {{p}}staff_dept_access (staff_id, dept_id, role_id, flags) VALUES ({}, 3, {extended}, 1)",
                desk.agents[0]
            ),
        )
        .await;

        let primary = roles::delete(&ctx, &admin, RoleId::new(1)).await;
        let through_access = roles::delete(&ctx, &admin, extended).await;

        assert!(
            matches!(primary, Err(DeleteRoleError::InUse { usage, .. }) if usage.staff == 1 && usage.dept_access == 0),
            "{primary:?}"
        );
        assert!(
            matches!(through_access, Err(DeleteRoleError::InUse { usage, .. }) if usage.staff == 0 && usage.dept_access == 1),
            "{through_access:?}"
        );
        assert_eq!(desk::count(&db, "role", "1 = 1").await, 5);
    }
);

db_test!(unknown_roles_are_not_found, |db| async move {
    let ctx = helpers::ctx(&db).await;
    let admin = staff(desk::seed(&ctx).await.admin);
    let missing = RoleId::new(999);

    assert!(matches!(
        roles::get(&ctx, &admin, missing).await,
        Err(GetRoleError::NotFound(_))
    ));
    assert!(matches!(
        roles::update(&ctx, &admin, missing, RolePatch::default()).await,
        Err(UpdateRoleError::NotFound(_))
    ));
    assert!(matches!(
        roles::delete(&ctx, &admin, missing).await,
        Err(DeleteRoleError::NotFound(_))
    ));
});

db_test!(
    agents_read_roles_only_administrators_write_them_end_users_neither,
    |db| async move {
        let ctx = helpers::ctx(&db).await;
        let desk = desk::seed(&ctx).await;
        let agent = staff(desk.agents[0]);

        assert_eq!(roles::list(&ctx, &agent).await.unwrap().len(), 4);
        let created = roles::create(&ctx, &agent, triage()).await;
        let edited = roles::update(&ctx, &agent, RoleId::new(4), RolePatch::default()).await;
        let deleted = roles::delete(&ctx, &agent, RoleId::new(4)).await;
        let listed = roles::list(&ctx, &end_user(1)).await;

        assert!(matches!(created, Err(CreateRoleError::Access(ref e)) if forbidden(e)));
        assert!(matches!(edited, Err(UpdateRoleError::Access(ref e)) if forbidden(e)));
        assert!(matches!(deleted, Err(DeleteRoleError::Access(ref e)) if forbidden(e)));
        assert!(matches!(listed, Err(ListRolesError::Access(ref e)) if forbidden(e)));
        assert_eq!(desk::count(&db, "role", "1 = 1").await, 4);
    }
);
