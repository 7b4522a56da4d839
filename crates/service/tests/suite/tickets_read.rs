//! Reading tickets: one ticket with its names and fields, its thread, and
//! filtered, sorted, paged lists.

use crate::helpers::{ctx_at, ctx_with_agent, now, table};
use chrono::{DateTime, Duration, TimeZone, Utc};
use oxt_identity::Subject as CallerSubject;
use oxt_service::access::TicketAccessError;
use oxt_service::tickets::{
    GetThreadError, GetTicketError, NewThreadPost, NewTicketRequest, Paging, StatusFilter,
    TicketFilter, TicketList, TicketOrder, TicketQuery, TicketSortKey, create, get, get_thread,
    list, post_entry,
};
use oxt_service::{Caller, Ctx};
use oxt_testkit::{TestDb, db_test};
use oxt_ticket::contact::{EmailAddress, MessageBody, PersonName, Subject};
use oxt_ticket::ids::{DeptId, PriorityId, StaffId, StatusId, TicketId, UserId};
use oxt_ticket::source::TicketSource;
use oxt_ticket::status::StatusState;
use oxt_ticket::thread::{BodyFormat, EntryType};

fn agent() -> Caller {
    Caller {
        subject: CallerSubject::Staff(StaffId::new(1)),
    }
}

fn request(email: &str, subject: &str) -> NewTicketRequest {
    NewTicketRequest {
        email: EmailAddress::parse(email).unwrap(),
        name: PersonName::parse("Angry User").unwrap(),
        phone: None,
        subject: Subject::parse(subject).unwrap(),
        message: MessageBody::parse("MESSAGE <b>HERE</b>").unwrap(),
        format: BodyFormat::Html,
        topic: None,
        dept: None,
        priority: None,
        source: Some(TicketSource::Api),
        ip: "123.211.233.122".to_owned(),
        fields: Vec::new(),
    }
}

/// Opens a ticket as the agent with the clock at `at`.
async fn open_at(db: &TestDb, at: DateTime<Utc>, request: NewTicketRequest) -> TicketId {
    create(&ctx_at(db, at), &agent(), request)
        .await
        .expect("the ticket is created")
        .id
}

/// Runs a statement that answers no rows.
async fn exec(db: &TestDb, sql: &str) {
    db.text_rows(sql).await;
}

async fn set_ticket_column(db: &TestDb, id: TicketId, column: &str, value: u32) {
    exec(
        db,
        &format!(
            "UPDATE {} SET {column} = {value} WHERE ticket_id = {}",
            table("ticket"),
            id.get()
        ),
    )
    .await;
}

async fn list_with(ctx: &Ctx, filter: TicketFilter) -> TicketList {
    list(
        ctx,
        &agent(),
        TicketQuery {
            filter,
            order: TicketQuery::DEFAULT_ORDER,
            paging: Paging::FIRST,
        },
    )
    .await
    .expect("the list is read")
}

fn ids(list: &TicketList) -> Vec<TicketId> {
    list.items.iter().map(|ticket| ticket.id).collect()
}

db_test!(
    a_new_ticket_reads_back_with_the_names_it_refers_to,
    |db| async move {
        let ctx = ctx_with_agent(&db).await;
        let id = open_at(&db, now(), request("api@example.com", "Testing API")).await;

        let view = get(&ctx, &agent(), id).await.unwrap();
        let ticket = view.ticket;

        assert_eq!(ticket.id, id);
        assert_eq!(ticket.subject.as_deref(), Some("Testing API"));
        assert_eq!(ticket.number.as_ref().map(String::len), Some(6));
        let status = ticket.status.unwrap();
        assert_eq!(
            (status.id, status.name.as_str(), status.state),
            (StatusId::new(1), "Open", Some(StatusState::Open))
        );
        let dept = ticket.dept.unwrap();
        assert_eq!((dept.id, dept.name.as_str()), (DeptId::new(1), "Support"));
        let priority = ticket.priority.unwrap();
        assert_eq!(
            (priority.id, priority.name.as_str(), priority.color.as_str()),
            (PriorityId::new(2), "Normal", "#FFFFF0")
        );
        assert_eq!(ticket.sla.unwrap().name, "Default SLA");
        let user = ticket.user.unwrap();
        assert_eq!(user.name, "Angry User");
        assert_eq!(user.email.as_deref(), Some("api@example.com"));
        assert_eq!(ticket.topic, None);
        assert_eq!(ticket.staff, None);
        assert_eq!(ticket.team, None);
        assert_eq!(ticket.source, TicketSource::Api);
        assert_eq!(ticket.ip_address, "123.211.233.122");
        assert_eq!(ticket.created, Some(now()));
        // Default SLA, 18 business hours from Saturday night (FACTS.md, h).
        assert_eq!(
            ticket.est_duedate,
            Some(Utc.with_ymd_and_hms(2026, 11, 24, 17, 0, 0).unwrap())
        );
        assert_eq!(ticket.duedate, None);
        assert!(!ticket.isoverdue);
        assert!(!ticket.isanswered);
        assert_eq!(ticket.closed, None);
        assert_eq!(ticket.lastmessage, Some(now()));
        assert_eq!(ticket.lastresponse, None);
        assert!(view.fields.is_empty(), "{:?}", view.fields);
    }
);

db_test!(
    custom_field_values_are_read_with_their_field_names,
    |db| async move {
        let ctx = ctx_with_agent(&db).await;
        exec(
            &db,
            &format!(
                "INSERT INTO {} (form_id, flags, type, label, name, sort, created, updated) \
                 VALUES (2, 1, 'text', 'Serial', 'serial', 9, '2026-11-21 00:00:00', '2026-11-21 00:00:00')",
                table("form_field")
            ),
        )
        .await;
        exec(
            &db,
            &format!(
                "ALTER TABLE {} ADD COLUMN serial TEXT",
                table("ticket__cdata")
            ),
        )
        .await;
        let id = open_at(
            &db,
            now(),
            NewTicketRequest {
                fields: vec![("serial".to_owned(), "SN-42".to_owned())],
                ..request("api@example.com", "Broken unit")
            },
        )
        .await;

        let fields = get(&ctx, &agent(), id).await.unwrap().fields;

        assert_eq!(fields.len(), 1, "{fields:?}");
        assert_eq!(fields[0].name, "serial");
        assert_eq!(fields[0].value.as_deref(), Some("SN-42"));
    }
);

db_test!(reading_an_unknown_ticket_is_not_found, |db| async move {
    let ctx = ctx_with_agent(&db).await;

    let error = get(&ctx, &agent(), TicketId::new(4242)).await.unwrap_err();
    assert!(
        matches!(
            error,
            GetTicketError::Access(TicketAccessError::NotFound(id)) if id == TicketId::new(4242)
        ),
        "{error:?}"
    );
    let error = get_thread(&ctx, &agent(), TicketId::new(4242), None)
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            GetThreadError::Access(TicketAccessError::NotFound(_))
        ),
        "{error:?}"
    );
});

db_test!(
    thread_entries_and_events_come_in_time_order,
    |db| async move {
        let ctx = ctx_with_agent(&db).await;
        let id = open_at(&db, now(), request("api@example.com", "Printer on fire")).await;
        for (minutes, kind, body) in [
            (5, EntryType::Response, "Is it still burning?"),
            (9, EntryType::Note, "Called the fire brigade"),
        ] {
            post_entry(
                &ctx_at(&db, now() + Duration::minutes(minutes)),
                &agent(),
                id,
                NewThreadPost {
                    kind,
                    body: MessageBody::parse(body).unwrap(),
                    format: BodyFormat::Text,
                    ip: "10.0.0.1".to_owned(),
                },
            )
            .await
            .expect("the entry is posted");
        }

        let thread = get_thread(&ctx, &agent(), id, None).await.unwrap();

        let kinds: Vec<EntryType> = thread.entries.iter().map(|e| e.entry_type).collect();
        assert_eq!(
            kinds,
            [EntryType::Message, EntryType::Response, EntryType::Note]
        );
        assert_eq!(thread.entries_total, 3);
        assert_eq!(thread.entries[0].created, Some(now()));
        assert_eq!(thread.entries[0].format, BodyFormat::Html);
        assert_eq!(thread.entries[1].staff_id, Some(StaffId::new(1)));
        assert_eq!(thread.entries[2].body, "Called the fire brigade");
        assert_eq!(
            thread.events.first().and_then(|e| e.event.as_deref()),
            Some("created")
        );
        assert!(
            thread
                .events
                .windows(2)
                .all(|pair| pair[0].timestamp <= pair[1].timestamp),
            "{:?}",
            thread.events
        );

        let second_page = get_thread(
            &ctx,
            &agent(),
            id,
            Some(Paging::parse(Some(2), Some(2)).unwrap()),
        )
        .await
        .unwrap();
        assert_eq!(second_page.entries.len(), 1);
        assert_eq!(second_page.entries[0].entry_type, EntryType::Note);
        assert_eq!(second_page.entries_total, 3);
    }
);

db_test!(
    lists_filter_by_state_status_department_agent_and_user,
    |db| async move {
        let ctx = ctx_with_agent(&db).await;
        let first = open_at(&db, now(), request("ann@example.com", "First")).await;
        let second = open_at(
            &db,
            now() + Duration::hours(1),
            request("bob@example.com", "Second"),
        )
        .await;
        let third = open_at(
            &db,
            now() + Duration::hours(2),
            request("ann@example.com", "Third"),
        )
        .await;
        set_ticket_column(&db, second, "status_id", 3).await;
        set_ticket_column(&db, third, "dept_id", 3).await;
        // The agent reaches Maintenance through extended access, so every
        // ticket here is theirs to list.
        exec(
            &db,
            &format!(
                "INSERT INTO {} (staff_id, dept_id, role_id, flags) VALUES (1, 3, 1, 0)",
                table("staff_dept_access")
            ),
        )
        .await;
        exec(
            &db,
            &format!(
                "INSERT INTO {} (staff_id, dept_id, role_id, username, firstname, lastname, \
                 signature, created, updated) VALUES (7, 1, 1, 'ada', 'Ada', 'Lovelace', '', \
                 '2026-11-21 00:00:00', '2026-11-21 00:00:00')",
                table("staff")
            ),
        )
        .await;
        set_ticket_column(&db, third, "staff_id", 7).await;

        let all = list_with(&ctx, TicketFilter::default()).await;
        assert_eq!(ids(&all), [third, second, first]);
        assert_eq!(all.total, 3);

        let open = list_with(
            &ctx,
            TicketFilter {
                status: Some(StatusFilter::State(StatusState::Open)),
                ..TicketFilter::default()
            },
        )
        .await;
        assert_eq!((ids(&open), open.total), (vec![third, first], 2));

        let closed = list_with(
            &ctx,
            TicketFilter {
                status: Some(StatusFilter::Id(StatusId::new(3))),
                ..TicketFilter::default()
            },
        )
        .await;
        assert_eq!(ids(&closed), [second]);
        assert_eq!(closed.items[0].status.as_ref().unwrap().name, "Closed");

        let archived = list_with(
            &ctx,
            TicketFilter {
                status: Some(StatusFilter::State(StatusState::Archived)),
                ..TicketFilter::default()
            },
        )
        .await;
        assert_eq!((archived.items.len(), archived.total), (0, 0));

        let maintenance = list_with(
            &ctx,
            TicketFilter {
                dept_id: Some(DeptId::new(3)),
                ..TicketFilter::default()
            },
        )
        .await;
        assert_eq!(ids(&maintenance), [third]);
        assert_eq!(
            maintenance.items[0].dept.as_ref().unwrap().name,
            "Maintenance"
        );

        let assigned = list_with(
            &ctx,
            TicketFilter {
                staff_id: Some(StaffId::new(7)),
                ..TicketFilter::default()
            },
        )
        .await;
        assert_eq!(ids(&assigned), [third]);
        let staff = assigned.items[0].staff.as_ref().unwrap();
        assert_eq!(
            (staff.id, staff.name.as_str()),
            (StaffId::new(7), "Ada Lovelace")
        );

        let ann = get(&ctx, &agent(), first)
            .await
            .unwrap()
            .ticket
            .user
            .unwrap()
            .id;
        let anns = list_with(
            &ctx,
            TicketFilter {
                user_id: Some(ann),
                status: Some(StatusFilter::State(StatusState::Open)),
                ..TicketFilter::default()
            },
        )
        .await;
        assert_eq!((ids(&anns), anns.total), (vec![third, first], 2));

        let nobody = list_with(
            &ctx,
            TicketFilter {
                user_id: Some(UserId::new(999)),
                ..TicketFilter::default()
            },
        )
        .await;
        assert_eq!((nobody.items.len(), nobody.total), (0, 0));
    }
);

db_test!(
    text_search_matches_the_subject_ignoring_case_or_the_exact_number,
    |db| async move {
        let ctx = ctx_with_agent(&db).await;
        let printer = open_at(&db, now(), request("ann@example.com", "Printer on FIRE")).await;
        let other = open_at(
            &db,
            now() + Duration::hours(1),
            request("ann@example.com", "100% disk_usage"),
        )
        .await;

        let by_subject = list_with(
            &ctx,
            TicketFilter {
                text: Some("on fire".to_owned()),
                ..TicketFilter::default()
            },
        )
        .await;
        assert_eq!((ids(&by_subject), by_subject.total), (vec![printer], 1));

        let literal = list_with(
            &ctx,
            TicketFilter {
                text: Some("0% disk_".to_owned()),
                ..TicketFilter::default()
            },
        )
        .await;
        assert_eq!(ids(&literal), [other]);
        let wildcard_is_literal = list_with(
            &ctx,
            TicketFilter {
                text: Some("0%d".to_owned()),
                ..TicketFilter::default()
            },
        )
        .await;
        assert_eq!(wildcard_is_literal.total, 0);

        let number = get(&ctx, &agent(), other)
            .await
            .unwrap()
            .ticket
            .number
            .unwrap();
        let by_number = list_with(
            &ctx,
            TicketFilter {
                text: Some(number),
                ..TicketFilter::default()
            },
        )
        .await;
        assert_eq!(ids(&by_number), [other]);
    }
);

db_test!(
    lists_are_sorted_and_paged_with_the_total_of_all_pages,
    |db| async move {
        let ctx = ctx_with_agent(&db).await;
        let mut opened = Vec::new();
        for hour in 0..5 {
            opened.push(
                open_at(
                    &db,
                    now() + Duration::hours(hour),
                    request("ann@example.com", &format!("Ticket {hour}")),
                )
                .await,
            );
        }
        let page = |page, order| TicketQuery {
            filter: TicketFilter::default(),
            order,
            paging: Paging::parse(Some(page), Some(2)).unwrap(),
        };
        let oldest_first = TicketOrder {
            key: TicketSortKey::Created,
            descending: false,
        };

        let second = list(&ctx, &agent(), page(2, oldest_first)).await.unwrap();
        assert_eq!(ids(&second), opened[2..4]);
        assert_eq!(second.total, 5);
        assert_eq!((second.paging.page(), second.paging.per_page()), (2, 2));

        let last = list(&ctx, &agent(), page(3, TicketQuery::DEFAULT_ORDER))
            .await
            .unwrap();
        assert_eq!(ids(&last), [opened[0]]);
        assert_eq!(last.total, 5);

        let beyond = list(&ctx, &agent(), page(9, oldest_first)).await.unwrap();
        assert_eq!((beyond.items.len(), beyond.total), (0, 5));

        // Due dates set out of creation order (every one: backends disagree on
        // where NULL sorts).
        for (ticket, day) in [
            (opened[0], 28),
            (opened[1], 26),
            (opened[2], 27),
            (opened[3], 30),
            (opened[4], 25),
        ] {
            exec(
                &db,
                &format!(
                    "UPDATE {} SET duedate = '2026-11-{day} 12:00:00' WHERE ticket_id = {}",
                    table("ticket"),
                    ticket.get()
                ),
            )
            .await;
        }
        let by_duedate = list(
            &ctx,
            &agent(),
            TicketQuery {
                filter: TicketFilter::default(),
                order: TicketOrder {
                    key: TicketSortKey::Duedate,
                    descending: true,
                },
                paging: Paging::FIRST,
            },
        )
        .await
        .unwrap();
        assert_eq!(
            ids(&by_duedate),
            [opened[3], opened[0], opened[2], opened[1], opened[4]]
        );

        let by_number = list(
            &ctx,
            &agent(),
            TicketQuery {
                filter: TicketFilter::default(),
                order: TicketOrder {
                    key: TicketSortKey::Number,
                    descending: false,
                },
                paging: Paging::FIRST,
            },
        )
        .await
        .unwrap();
        let numbers: Vec<String> = by_number
            .items
            .iter()
            .map(|ticket| ticket.number.clone().unwrap())
            .collect();
        let mut sorted = numbers.clone();
        sorted.sort();
        assert_eq!(numbers, sorted);
    }
);
