//! Transfers, SLA and due-date changes, closing and reopening through
//! `tickets::update`, with the SLA clock osTicket keeps: `est_duedate`
//! recomputed on transfer, SLA change, help-topic change and reopen; a staff
//! due date overriding it; closing clearing both and the overdue flag.

use crate::helpers::{add_staff, count, ctx_at, ctx_with_agent, now, table};
use crate::sla_desk::{column, exec};
use chrono::{DateTime, Duration, TimeZone, Utc};
use oxt_identity::Subject as CallerSubject;
use oxt_service::access::TicketAccessError;
use oxt_service::tickets::{
    NewTicketRequest, TicketChanges, TicketSummary, UpdateTicketError, create, get, update,
};
use oxt_service::{Caller, Ctx};
use oxt_testkit::{TestDb, db_test};
use oxt_ticket::EditError;
use oxt_ticket::contact::{EmailAddress, MessageBody, PersonName, Subject};
use oxt_ticket::ids::{DeptId, RoleId, SlaId, StaffId, StatusId, TicketId, TopicId};
use oxt_ticket::thread::BodyFormat;

fn agent() -> Caller {
    Caller {
        subject: CallerSubject::Staff(StaffId::new(1)),
    }
}

fn at(day: u32, hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, day, hour, 0, 0).unwrap()
}

/// A ticket in Support under the Default SLA (18 hours of Mon–Fri 08–17),
/// opened on Saturday 2026-11-21 23:32:49, so due Tuesday 17:00.
async fn opened(ctx: &Ctx) -> TicketId {
    let request = NewTicketRequest {
        email: EmailAddress::parse("routing@example.com").unwrap(),
        name: PersonName::parse("Routed User").unwrap(),
        phone: None,
        subject: Subject::parse("Route me").unwrap(),
        message: MessageBody::parse("Please route this").unwrap(),
        format: BodyFormat::Text,
        topic: None,
        dept: None,
        priority: None,
        source: None,
        ip: "127.0.0.1".to_owned(),
        fields: Vec::new(),
    };
    create(ctx, &agent(), request).await.expect("created").id
}

/// SLA 2: four business hours, active; `transient` adds `FLAG_TRANSIENT`.
async fn add_four_hour_sla(db: &TestDb) {
    exec(
        db,
        &format!(
            "INSERT INTO {} (id, schedule_id, flags, grace_period, name, created, updated) \
             VALUES (2, 0, 1, 4, 'Four hours', '2026-11-21 23:32:10', '2026-11-21 23:32:10')",
            table("sla")
        ),
    )
    .await;
}

async fn make_default_sla_transient(db: &TestDb) {
    exec(
        db,
        &format!("UPDATE {} SET flags = 11 WHERE id = 1", table("sla")),
    )
    .await;
}

async fn summary(ctx: &Ctx, id: TicketId) -> TicketSummary {
    get(ctx, &agent(), id).await.expect("readable").ticket
}

/// The `data` of the ticket's thread events of one kind, oldest first.
async fn event_data(db: &TestDb, id: TicketId, event: &str) -> Vec<Option<String>> {
    column(
        db,
        "thread_event",
        "data",
        &format!(
            "thread_id = (SELECT id FROM {} WHERE object_type = 'T' AND object_id = {}) \
             AND event_id = (SELECT id FROM {} WHERE name = '{event}')",
            table("thread"),
            id.get(),
            table("event")
        ),
    )
    .await
}

fn changes() -> TicketChanges {
    TicketChanges::default()
}

db_test!(
    a_transfer_moves_the_ticket_and_takes_the_new_departments_sla,
    |db| async move {
        let ctx = ctx_with_agent(&db).await;
        add_four_hour_sla(&db).await;
        exec(
            &db,
            &format!("UPDATE {} SET sla_id = 2 WHERE id = 2", table("department")),
        )
        .await;
        // The agent keeps seeing the ticket in Sales through extended access.
        exec(
            &db,
            &format!(
                "INSERT INTO {} (staff_id, dept_id, role_id, flags) VALUES (1, 2, 1, 1)",
                table("staff_dept_access")
            ),
        )
        .await;
        let id = opened(&ctx).await;
        assert_eq!(summary(&ctx, id).await.est_duedate, Some(at(24, 17)));

        // The Default SLA is not transient: it stays.
        let to_sales = TicketChanges {
            dept: Some(DeptId::new(2)),
            ..changes()
        };
        update(&ctx, &agent(), id, to_sales).await.unwrap();
        let moved = summary(&ctx, id).await;
        assert_eq!(moved.dept.map(|dept| dept.id), Some(DeptId::new(2)));
        assert_eq!(moved.sla.map(|sla| sla.id), Some(SlaId::new(1)));
        assert_eq!(
            event_data(&db, id, "transferred").await,
            [Some(r#"{"dept":"Sales"}"#.to_owned())]
        );

        // A transient SLA gives way to the department's: 4 hours from Monday 08:00.
        make_default_sla_transient(&db).await;
        let back_and_forth = [DeptId::new(1), DeptId::new(2)];
        for dept in back_and_forth {
            let transfer = TicketChanges {
                dept: Some(dept),
                ..changes()
            };
            update(&ctx_at(&db, now()), &agent(), id, transfer)
                .await
                .unwrap();
        }
        let moved = summary(&ctx, id).await;
        assert_eq!(moved.sla.map(|sla| sla.id), Some(SlaId::new(2)));
        assert_eq!(moved.est_duedate, Some(at(23, 12)));
        assert_eq!(event_data(&db, id, "transferred").await.len(), 3);
    }
);

db_test!(
    a_transfer_reopens_a_closed_ticket_and_restarts_its_clock,
    |db| async move {
        let ctx = ctx_with_agent(&db).await;
        let id = opened(&ctx).await;
        let close = TicketChanges {
            status: Some(StatusId::new(3)),
            ..changes()
        };
        update(&ctx, &agent(), id, close).await.unwrap();

        // Monday 2026-11-23 10:00: 18 business hours reach Wednesday 10:00.
        let later = ctx_at(&db, at(23, 10));
        let transfer = TicketChanges {
            dept: Some(DeptId::new(3)),
            ..changes()
        };
        update(&later, &agent(), id, transfer).await.unwrap();
        let reopened = summary(&ctx, id).await;
        assert_eq!(
            reopened.status.map(|status| status.id),
            Some(StatusId::new(1))
        );
        assert_eq!(reopened.closed, None);
        assert_eq!(reopened.reopened, Some(at(23, 10)));
        assert_eq!(reopened.est_duedate, Some(at(25, 10)));
        assert_eq!(event_data(&db, id, "reopened").await.len(), 1);
    }
);

db_test!(
    an_sla_change_recomputes_the_due_date_and_removing_it_clears_it,
    |db| async move {
        let ctx = ctx_with_agent(&db).await;
        add_four_hour_sla(&db).await;
        let id = opened(&ctx).await;
        let four_hours = TicketChanges {
            sla: Some(Some(SlaId::new(2))),
            ..changes()
        };
        update(&ctx, &agent(), id, four_hours).await.unwrap();
        let ticket = summary(&ctx, id).await;
        assert_eq!(ticket.sla.map(|sla| sla.id), Some(SlaId::new(2)));
        assert_eq!(ticket.est_duedate, Some(at(23, 12)));
        assert_eq!(
            event_data(&db, id, "edited").await,
            [Some(r#"{"sla_id":[1,2]}"#.to_owned())]
        );

        let none = TicketChanges {
            sla: Some(None),
            ..changes()
        };
        update(&ctx, &agent(), id, none).await.unwrap();
        let ticket = summary(&ctx, id).await;
        assert_eq!((ticket.sla, ticket.est_duedate), (None, None));

        let missing = TicketChanges {
            sla: Some(Some(SlaId::new(99))),
            ..changes()
        };
        assert!(matches!(
            update(&ctx, &agent(), id, missing).await,
            Err(UpdateTicketError::UnknownSla(_))
        ));
    }
);

db_test!(
    a_help_topic_change_reselects_a_transient_sla_and_recomputes,
    |db| async move {
        let ctx = ctx_with_agent(&db).await;
        add_four_hour_sla(&db).await;
        make_default_sla_transient(&db).await;
        exec(
            &db,
            &format!(
                "UPDATE {} SET sla_id = 2 WHERE topic_id = 2",
                table("help_topic")
            ),
        )
        .await;
        let id = opened(&ctx).await;
        let feedback = TicketChanges {
            topic: Some(TopicId::new(2)),
            ..changes()
        };
        update(&ctx, &agent(), id, feedback).await.unwrap();
        let ticket = summary(&ctx, id).await;
        assert_eq!(ticket.sla.map(|sla| sla.id), Some(SlaId::new(2)));
        assert_eq!(ticket.est_duedate, Some(at(23, 12)));
    }
);

db_test!(
    a_staff_due_date_overrides_clears_the_overdue_flag_and_must_lie_ahead,
    |db| async move {
        let ctx = ctx_with_agent(&db).await;
        let id = opened(&ctx).await;
        exec(
            &db,
            &format!(
                "UPDATE {} SET isoverdue = 1 WHERE ticket_id = {}",
                table("ticket"),
                id.get()
            ),
        )
        .await;
        let due = now() + Duration::days(3);
        let set = TicketChanges {
            duedate: Some(Some(due)),
            ..changes()
        };
        update(&ctx, &agent(), id, set).await.unwrap();
        let ticket = summary(&ctx, id).await;
        assert_eq!(ticket.duedate, Some(due));
        assert!(!ticket.isoverdue);
        assert_eq!(ticket.est_duedate, Some(at(24, 17)), "the SLA's date stays");
        assert_eq!(
            event_data(&db, id, "edited").await,
            [Some(
                r#"{"duedate":[null,"2026-11-24 23:32:49"]}"#.to_owned()
            )]
        );

        let events = count(&db, "thread_event").await;
        let past = TicketChanges {
            duedate: Some(Some(now() - Duration::hours(1))),
            ..changes()
        };
        assert!(matches!(
            update(&ctx, &agent(), id, past).await,
            Err(UpdateTicketError::Rule(EditError::DueDateNotAhead))
        ));
        assert_eq!(summary(&ctx, id).await.duedate, Some(due));
        assert_eq!(count(&db, "thread_event").await, events);
    }
);

db_test!(
    closing_clears_both_due_dates_and_reopening_restarts_the_clock,
    |db| async move {
        let ctx = ctx_with_agent(&db).await;
        let id = opened(&ctx).await;
        exec(
            &db,
            &format!(
                "UPDATE {} SET isoverdue = 1, duedate = '2026-12-01 00:00:00' WHERE ticket_id = {}",
                table("ticket"),
                id.get()
            ),
        )
        .await;
        let close = TicketChanges {
            status: Some(StatusId::new(3)),
            ..changes()
        };
        update(&ctx, &agent(), id, close).await.unwrap();
        let closed = summary(&ctx, id).await;
        assert_eq!(
            closed.status.map(|status| status.id),
            Some(StatusId::new(3))
        );
        assert_eq!(closed.closed, Some(now()));
        assert_eq!((closed.duedate, closed.est_duedate), (None, None));
        assert!(!closed.isoverdue);
        assert_eq!(
            event_data(&db, id, "closed").await,
            [Some(r#"{"status":[3,"Closed"]}"#.to_owned())]
        );

        let reopen = TicketChanges {
            status: Some(StatusId::new(1)),
            ..changes()
        };
        update(&ctx_at(&db, at(23, 10)), &agent(), id, reopen)
            .await
            .unwrap();
        let reopened = summary(&ctx, id).await;
        assert_eq!(reopened.closed, None);
        assert_eq!(reopened.reopened, Some(at(23, 10)));
        assert_eq!(reopened.est_duedate, Some(at(25, 10)));
    }
);

db_test!(
    each_change_needs_its_permission_and_bad_input_writes_nothing,
    |db| async move {
        let ctx = ctx_with_agent(&db).await;
        // Limited Access: ticket.create and ticket.transfer, no edit or close.
        let limited = add_staff(&ctx, "limited", DeptId::new(1), RoleId::new(3), "{}").await;
        let limited = Caller {
            subject: CallerSubject::Staff(limited),
        };
        let id = opened(&ctx).await;
        let events = count(&db, "thread_event").await;
        let refused = [
            TicketChanges {
                status: Some(StatusId::new(3)),
                ..changes()
            },
            TicketChanges {
                sla: Some(None),
                ..changes()
            },
            TicketChanges {
                dept: Some(DeptId::new(2)),
                duedate: Some(Some(now() + Duration::days(1))),
                ..changes()
            },
        ];
        for change in refused {
            assert!(
                matches!(
                    update(&ctx, &limited, id, change.clone()).await,
                    Err(UpdateTicketError::Access(TicketAccessError::Forbidden(_)))
                ),
                "{change:?}"
            );
        }
        let invalid = [
            (
                TicketChanges {
                    dept: Some(DeptId::new(99)),
                    ..changes()
                },
                "dept",
            ),
            (
                TicketChanges {
                    status: Some(StatusId::new(5)),
                    ..changes()
                },
                "deleted status",
            ),
            (
                TicketChanges {
                    status: Some(StatusId::new(99)),
                    ..changes()
                },
                "unknown status",
            ),
            (
                TicketChanges {
                    status: Some(StatusId::new(3)),
                    duedate: Some(Some(now() + Duration::days(1))),
                    ..changes()
                },
                "due date while closing",
            ),
        ];
        for (change, case) in invalid {
            let error = update(&ctx, &agent(), id, change).await.unwrap_err();
            assert!(
                matches!(
                    error,
                    UpdateTicketError::UnknownDepartment(_)
                        | UpdateTicketError::StatusNotSettable { .. }
                        | UpdateTicketError::UnknownStatus(_)
                        | UpdateTicketError::Rule(EditError::DueDateOnClosedTicket)
                ),
                "{case}: {error:?}"
            );
        }
        assert_eq!(count(&db, "thread_event").await, events);
        let ticket = summary(&ctx, id).await;
        assert_eq!(ticket.dept.map(|dept| dept.id), Some(DeptId::new(1)));
        assert_eq!(
            ticket.status.map(|status| status.id),
            Some(StatusId::new(1))
        );

        // Transfer is all Limited Access needs to move the ticket; the
        // answer shows it moved, though Maintenance is out of the agent's sight.
        let transfer = TicketChanges {
            dept: Some(DeptId::new(3)),
            ..changes()
        };
        let moved = update(&ctx, &limited, id, transfer).await.unwrap();
        assert_eq!(moved.ticket.dept.map(|dept| dept.id), Some(DeptId::new(3)));
        assert!(matches!(
            get(&ctx, &limited, id).await,
            Err(oxt_service::tickets::GetTicketError::Access(
                TicketAccessError::NotFound(_)
            ))
        ));
    }
);
