//! SLAs: CRUD with osTicket's checks, refusals, deletion as osTicket does it,
//! and the due date an SLA gives.

use crate::helpers::{count, table};
use crate::sla_desk::{configuration_counts, desk, exec};
use chrono::{TimeZone, Utc};
use oxt_perm::AccessError;
use oxt_service::access::AdminAccessError;
use oxt_service::slas::{
    CreateSlaError, DeleteSlaError, GetSlaError, InvalidSlaField, SlaChanges, SlaDraft,
    SlaDueError, SlaFlags, UpdateSlaError, create, delete, due_date, get, list, update,
};
use oxt_sla::GracePeriodError;
use oxt_testkit::db_test;
use oxt_ticket::ids::{ScheduleId, SlaId};

fn draft(name: &str, hours: i64) -> SlaDraft {
    SlaDraft {
        name: name.to_owned(),
        grace_period: hours,
        schedule: Some(ScheduleId::new(3)),
        flags: SlaFlags {
            active: true,
            escalate: true,
            no_alerts: false,
            transient: true,
        },
        notes: Some("  Gold <b>customers</b><script>x</script> ".to_owned()),
    }
}

db_test!(
    an_sla_round_trips_through_create_get_update_and_list,
    |db| async move {
        let desk = desk(&db).await;
        let created = create(&desk.ctx, &desk.admin, draft("Gold", 4))
            .await
            .unwrap();
        assert_eq!(created.name, "Gold");
        assert_eq!(created.grace_period, 4);
        assert_eq!(created.schedule, Some(ScheduleId::new(3)));
        assert!(created.flags.active && created.flags.escalate && created.flags.transient);
        assert!(!created.flags.no_alerts);
        assert_eq!(created.notes.as_deref(), Some("Gold <b>customers</b>"));
        let flags =
            crate::sla_desk::column(&db, "sla", "flags", &format!("id = {}", created.id)).await;
        assert_eq!(
            flags,
            [Some("11".to_owned())],
            "FLAG_ACTIVE | ESCALATE | TRANSIENT"
        );

        let read = get(&desk.ctx, &desk.agent, created.id).await.unwrap();
        assert_eq!(read, created);

        let changes = SlaChanges {
            grace_period: Some(24),
            schedule: Some(None),
            no_alerts: Some(true),
            transient: Some(false),
            notes: Some(None),
            ..SlaChanges::default()
        };
        let updated = update(&desk.ctx, &desk.admin, created.id, changes)
            .await
            .unwrap();
        assert_eq!(updated.grace_period, 24);
        assert_eq!(updated.schedule, None);
        assert!(updated.flags.no_alerts && !updated.flags.transient && updated.flags.active);
        assert_eq!(updated.notes, None);
        assert_eq!(updated.name, "Gold", "an absent field is kept");

        let names: Vec<String> = list(&desk.ctx, &desk.agent)
            .await
            .unwrap()
            .into_iter()
            .map(|sla| sla.name)
            .collect();
        assert_eq!(names, ["Default SLA", "Gold"]);
    }
);

db_test!(
    every_invalid_field_is_named_and_nothing_is_written,
    |db| async move {
        let desk = desk(&db).await;
        let before = configuration_counts(&db).await;
        let cases: Vec<(SlaDraft, Vec<InvalidSlaField>)> = vec![
            (
                SlaDraft {
                    schedule: Some(ScheduleId::new(99)),
                    ..draft(" ", 0)
                },
                vec![
                    InvalidSlaField::NameRequired,
                    InvalidSlaField::GracePeriodZero,
                    InvalidSlaField::UnknownSchedule(ScheduleId::new(99)),
                ],
            ),
            (
                draft("default sla", -3),
                vec![
                    InvalidSlaField::NameTaken("default sla".to_owned()),
                    InvalidSlaField::GracePeriod(GracePeriodError::Negative(-3)),
                ],
            ),
            (
                SlaDraft {
                    schedule: Some(ScheduleId::new(4)),
                    ..draft(&"x".repeat(65), 8761)
                },
                vec![
                    InvalidSlaField::NameTooLong,
                    InvalidSlaField::GracePeriod(GracePeriodError::TooLong {
                        hours: 8761,
                        max: 8760,
                    }),
                    InvalidSlaField::NotBusinessHours(ScheduleId::new(4)),
                ],
            ),
        ];
        for (draft, expected) in cases {
            match create(&desk.ctx, &desk.admin, draft).await {
                Err(CreateSlaError::Invalid(found)) => assert_eq!(found, expected),
                other => panic!("expected invalid fields {expected:?}, got {other:?}"),
            }
        }
        let taken = SlaChanges {
            name: Some("DEFAULT SLA".to_owned()),
            ..SlaChanges::default()
        };
        let gold = create(&desk.ctx, &desk.admin, draft("Gold", 4))
            .await
            .unwrap();
        let after_gold = configuration_counts(&db).await;
        assert!(matches!(
            update(&desk.ctx, &desk.admin, gold.id, taken).await,
            Err(UpdateSlaError::Invalid(fields)) if fields == [InvalidSlaField::NameTaken("DEFAULT SLA".to_owned())]
        ));
        let renamed_to_itself = SlaChanges {
            name: Some("gold".to_owned()),
            grace_period: Some(0),
            ..SlaChanges::default()
        };
        assert!(matches!(
            update(&desk.ctx, &desk.admin, gold.id, renamed_to_itself).await,
            Err(UpdateSlaError::Invalid(fields)) if fields == [InvalidSlaField::GracePeriodZero]
        ));
        assert_eq!(get(&desk.ctx, &desk.admin, gold.id).await.unwrap(), gold);
        assert_eq!(before[1..], after_gold[1..]);
        assert_eq!(before[0] + 1, after_gold[0]);
    }
);

db_test!(
    only_administrators_write_and_only_staff_read,
    |db| async move {
        let desk = desk(&db).await;
        let refused = |error: &AdminAccessError| {
            matches!(
                error,
                AdminAccessError::Refused(AccessError::Forbidden { .. })
            )
        };
        for caller in [&desk.agent, &desk.user] {
            assert!(matches!(
                create(&desk.ctx, caller, draft("Gold", 4)).await,
                Err(CreateSlaError::Access(error)) if refused(&error)
            ));
            assert!(matches!(
                update(&desk.ctx, caller, SlaId::new(1), SlaChanges::default()).await,
                Err(UpdateSlaError::Access(error)) if refused(&error)
            ));
            assert!(matches!(
                delete(&desk.ctx, caller, SlaId::new(1)).await,
                Err(DeleteSlaError::Access(error)) if refused(&error)
            ));
        }
        assert!(matches!(
            get(&desk.ctx, &desk.user, SlaId::new(1)).await,
            Err(GetSlaError::Refused(AccessError::Forbidden { .. }))
        ));
        assert!(matches!(
            get(&desk.ctx, &desk.agent, SlaId::new(42)).await,
            Err(GetSlaError::NotFound(_))
        ));
        assert!(matches!(
            update(
                &desk.ctx,
                &desk.admin,
                SlaId::new(42),
                SlaChanges::default()
            )
            .await,
            Err(UpdateSlaError::NotFound(_))
        ));
        assert_eq!(count(&db, "sla").await, 1);
    }
);

db_test!(
    deleting_an_sla_in_use_detaches_it_as_osticket_does,
    |db| async move {
        let desk = desk(&db).await;
        assert!(matches!(
            delete(&desk.ctx, &desk.admin, SlaId::new(1)).await,
            Err(DeleteSlaError::DefaultSla(_))
        ));
        let gold = create(&desk.ctx, &desk.admin, draft("Gold", 4))
            .await
            .unwrap();
        exec(
            &db,
            &format!(
                "UPDATE {} SET sla_id = {} WHERE id = 1",
                table("department"),
                gold.id
            ),
        )
        .await;
        exec(
            &db,
            &format!(
                "UPDATE {} SET sla_id = {} WHERE topic_id = 1",
                table("help_topic"),
                gold.id
            ),
        )
        .await;
        let deletion = delete(&desk.ctx, &desk.admin, gold.id).await.unwrap();
        assert_eq!(
            (deletion.departments, deletion.topics, deletion.tickets),
            (1, 1, 0)
        );
        assert!(matches!(
            get(&desk.ctx, &desk.admin, gold.id).await,
            Err(GetSlaError::NotFound(_))
        ));
        let dept = crate::sla_desk::column(&db, "department", "sla_id", "id = 1").await;
        assert_eq!(dept, [Some("0".to_owned())]);
        assert!(matches!(
            delete(&desk.ctx, &desk.admin, gold.id).await,
            Err(DeleteSlaError::NotFound(_))
        ));
    }
);

db_test!(
    the_due_date_counts_the_sla_schedule_else_the_desk_default,
    |db| async move {
        let desk = desk(&db).await;
        // FACTS.md: Saturday 23:32:49, 18 hours of Mon–Fri 08:00–17:00 (schedule 1).
        let saturday = Utc.with_ymd_and_hms(2026, 11, 21, 23, 32, 49).unwrap();
        let default = due_date(&desk.ctx, &desk.agent, SlaId::new(1), Some(saturday))
            .await
            .unwrap();
        assert_eq!(
            default.due,
            Some(Utc.with_ymd_and_hms(2026, 11, 24, 17, 0, 0).unwrap())
        );
        assert_eq!(default.schedule, Some(ScheduleId::new(1)));
        assert_eq!(default.grace_period, 18);
        assert_eq!(default.from, saturday);

        // Schedule 3 is 24/5: Monday 00:00 plus 4 hours.
        let gold = create(&desk.ctx, &desk.admin, draft("Gold", 4))
            .await
            .unwrap();
        let on_gold = due_date(&desk.ctx, &desk.agent, gold.id, Some(saturday))
            .await
            .unwrap();
        assert_eq!(
            on_gold.due,
            Some(Utc.with_ymd_and_hms(2026, 11, 23, 4, 0, 0).unwrap())
        );
        assert_eq!(on_gold.schedule, Some(ScheduleId::new(3)));

        // Without a `from`, the clock's now (the same Saturday in this suite).
        let now = due_date(&desk.ctx, &desk.agent, SlaId::new(1), None)
            .await
            .unwrap();
        assert_eq!(now.due, default.due);

        let inactive = SlaChanges {
            active: Some(false),
            ..SlaChanges::default()
        };
        update(&desk.ctx, &desk.admin, gold.id, inactive)
            .await
            .unwrap();
        let off = due_date(&desk.ctx, &desk.agent, gold.id, Some(saturday))
            .await
            .unwrap();
        assert_eq!((off.due, off.schedule), (None, None));

        assert!(matches!(
            due_date(&desk.ctx, &desk.user, SlaId::new(1), None).await,
            Err(SlaDueError::Refused(_))
        ));
        assert!(matches!(
            due_date(&desk.ctx, &desk.agent, SlaId::new(9), None).await,
            Err(SlaDueError::NotFound(_))
        ));
    }
);

db_test!(
    a_stored_schedule_that_cannot_be_read_is_reported_not_a_crash,
    |db| async move {
        let desk = desk(&db).await;
        exec(
            &db,
            &format!(
                "UPDATE {} SET timezone = 'Mars/Olympus' WHERE id = 1",
                table("schedule")
            ),
        )
        .await;
        assert!(matches!(
            due_date(&desk.ctx, &desk.agent, SlaId::new(1), None).await,
            Err(SlaDueError::Unusable(_))
        ));
    }
);
