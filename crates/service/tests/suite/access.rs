//! The permission resolver wired to the store: every actor of a seeded desk
//! lists exactly the tickets `oxt_perm::can` lets it open (the loaders and
//! the predicate's SQL agree), counts and searches reveal nothing else, and
//! refusals are 404 when the ticket is hidden, 403 when it is seen.

use crate::helpers::{AGENT_PERMISSIONS, add_staff, add_user, ctx_with_agent, table};
use oxt_identity::Subject;
use oxt_perm::{Action, Actor, can, visible};
use oxt_service::access::{TicketAccessError, actor};
use oxt_service::tickets::{
    CreateTicketError, NewThreadPost, NewTicketRequest, Paging, PostEntryError, TicketChanges,
    TicketFilter, TicketQuery, UpdateTicketError, create, get, get_thread, list, post_entry,
    update,
};
use oxt_service::{Caller, Ctx};
use oxt_store::access::load_ticket_facts;
use oxt_store::tickets::{TicketPageRequest, list_tickets};
use oxt_testkit::{TestDb, db_test};
use oxt_ticket::contact::{EmailAddress, MessageBody, PersonName, Subject as TicketSubject};
use oxt_ticket::ids::{DeptId, PriorityId, RoleId, StaffId, TicketId, UserId};
use oxt_ticket::source::TicketSource;
use oxt_ticket::thread::{BodyFormat, EntryType};

const SUPPORT: DeptId = DeptId::new(1);
const SALES: DeptId = DeptId::new(2);
const MAINTENANCE: DeptId = DeptId::new(3);
/// Under Support (`/1/4/`).
const BILLING: DeptId = DeptId::new(4);
/// Holds no ticket: the primary department of agents who reach tickets
/// otherwise.
const LEGAL: DeptId = DeptId::new(5);
const ALL_ACCESS: RoleId = RoleId::new(1);
const EXPANDED_ACCESS: RoleId = RoleId::new(2);
const LIMITED_ACCESS: RoleId = RoleId::new(3);
const VIEW_ONLY: RoleId = RoleId::new(4);
/// Seeded by the fresh install: Level I Support.
const TEAM: u32 = 1;

/// Every actor of the desk, and the tickets (by number 1 to 9, see
/// [`seed_desk`]) each may see.
struct Desk {
    tickets: [TicketId; 9],
    actors: Vec<(&'static str, Caller, Vec<usize>)>,
}

impl Desk {
    fn ticket(&self, number: usize) -> TicketId {
        self.tickets[number - 1]
    }

    fn caller(&self, name: &str) -> Caller {
        self.actors
            .iter()
            .find(|(actor, _, _)| *actor == name)
            .map(|(_, caller, _)| *caller)
            .unwrap_or_else(|| panic!("no actor {name}"))
    }
}

fn staff(id: StaffId) -> Caller {
    Caller {
        subject: Subject::Staff(id),
    }
}

fn user(id: UserId) -> Caller {
    Caller {
        subject: Subject::User(id),
    }
}

async fn exec(db: &TestDb, sql: &str) {
    db.text_rows(sql).await;
}

fn request(email: &str, subject: &str) -> NewTicketRequest {
    NewTicketRequest {
        email: EmailAddress::parse(email).unwrap(),
        name: PersonName::parse("Desk User").unwrap(),
        phone: None,
        subject: TicketSubject::parse(subject).unwrap(),
        message: MessageBody::parse("Please help").unwrap(),
        format: BodyFormat::Text,
        topic: None,
        dept: None,
        priority: None,
        source: Some(TicketSource::Api),
        ip: "10.0.0.1".to_owned(),
        fields: Vec::new(),
    }
}

/// Sets columns of one ticket (`"dept_id = 3, staff_id = 2"`).
async fn set(db: &TestDb, ticket: TicketId, assignments: &str) {
    exec(
        db,
        &format!(
            "UPDATE {} SET {assignments} WHERE ticket_id = {}",
            table("ticket"),
            ticket.get()
        ),
    )
    .await;
}

/// Adds a row pointing at ticket `ticket`'s thread: `columns` are the other
/// columns, `values` their values.
async fn on_thread(db: &TestDb, ticket: TicketId, into: &str, columns: &str, values: &str) {
    exec(
        db,
        &format!(
            "INSERT INTO {} (thread_id, {columns}) SELECT id, {values} FROM {} \
             WHERE object_id = {} AND object_type IN ('T', 'C')",
            table(into),
            table("thread"),
            ticket.get()
        ),
    )
    .await;
}

/// The desk:
///
/// | ticket | department | state | owner | also |
/// |---|---|---|---|---|
/// | 1 | Support | open | ann | |
/// | 2 | Support | closed | cat | assigned to `limited` |
/// | 3 | Sales | open | gus | assigned to the team |
/// | 4 | Maintenance | open | gus | referred to Support |
/// | 5 | Billing (under Support) | open | gus | assigned to `limited` |
/// | 6 | Maintenance | open | cat | eve collaborates |
/// | 7 | Sales | open | gus | merge parent (combined threads) of 8 |
/// | 8 | Sales | open | ann | merged child of 7 |
/// | 9 | Maintenance | closed | gus | referred to `referred` and to the team |
///
/// ann and ben are in an organization that shares with everybody; cat and
/// dan in one that shares nothing.
async fn seed_desk(db: &TestDb, ctx: &Ctx) -> Desk {
    let created = "'2026-11-21 00:00:00'";
    // flags 4: active, as osTicket's DEPT_ACTIVE.
    for (id, parent, name, path) in [(4, "1", "Billing", "/1/4/"), (5, "NULL", "Legal", "/5/")] {
        exec(
            db,
            &format!(
                "INSERT INTO {} (id, pid, flags, name, signature, path, created, updated) \
                 VALUES ({id}, {parent}, 4, '{name}', '', '{path}', {created}, {created})",
                table("department")
            ),
        )
        .await;
    }
    let agent = StaffId::new(1);
    let manager = add_staff(ctx, "manager", SALES, VIEW_ONLY, "{}").await;
    let readonly = add_staff(ctx, "readonly", SUPPORT, VIEW_ONLY, "{}").await;
    let limited = add_staff(ctx, "limited", SUPPORT, ALL_ACCESS, "{}").await;
    let extended = add_staff(ctx, "extended", SALES, EXPANDED_ACCESS, "{}").await;
    let other = add_staff(ctx, "other", MAINTENANCE, ALL_ACCESS, "{}").await;
    let teamer = add_staff(ctx, "teamer", LEGAL, ALL_ACCESS, "{}").await;
    let referred = add_staff(ctx, "referred", LEGAL, ALL_ACCESS, "{}").await;
    let admin = add_staff(ctx, "admin", LEGAL, ALL_ACCESS, AGENT_PERMISSIONS).await;
    let statements = [
        format!(
            "UPDATE {} SET manager_id = {} WHERE id = 3",
            table("department"),
            manager.get()
        ),
        format!(
            "UPDATE {} SET assigned_only = 1 WHERE staff_id = {}",
            table("staff"),
            limited.get()
        ),
        format!(
            "UPDATE {} SET isadmin = 1 WHERE staff_id = {}",
            table("staff"),
            admin.get()
        ),
        format!(
            "INSERT INTO {} (staff_id, dept_id, role_id, flags) VALUES ({}, 1, {}, 0)",
            table("staff_dept_access"),
            extended.get(),
            LIMITED_ACCESS.get()
        ),
        format!(
            "INSERT INTO {} (team_id, staff_id, flags) VALUES ({TEAM}, {}, 0)",
            table("team_member"),
            teamer.get()
        ),
    ];
    for statement in &statements {
        exec(db, statement).await;
    }

    let owners = [
        "ann@acme.example",
        "cat@quiet.example",
        "gus@else.example",
        "gus@else.example",
        "gus@else.example",
        "cat@quiet.example",
        "gus@else.example",
        "ann@acme.example",
        "gus@else.example",
    ];
    let mut tickets = Vec::new();
    for (number, owner) in owners.iter().enumerate() {
        let id = create(
            ctx,
            &staff(agent),
            request(owner, &format!("Ticket {}", number + 1)),
        )
        .await
        .expect("the agent opens the ticket in Support")
        .id;
        tickets.push(id);
    }
    let tickets: [TicketId; 9] = tickets.try_into().unwrap();
    let t = |number: usize| tickets[number - 1];
    set(
        db,
        t(2),
        &format!("status_id = 3, staff_id = {}", limited.get()),
    )
    .await;
    set(db, t(3), &format!("dept_id = 2, team_id = {TEAM}")).await;
    set(db, t(4), "dept_id = 3").await;
    set(
        db,
        t(5),
        &format!("dept_id = 4, staff_id = {}", limited.get()),
    )
    .await;
    set(db, t(6), "dept_id = 3").await;
    set(db, t(7), "dept_id = 2, flags = 17").await;
    set(
        db,
        t(8),
        &format!("dept_id = 2, ticket_pid = {}", t(7).get()),
    )
    .await;
    set(db, t(9), "dept_id = 3, status_id = 3").await;
    exec(
        db,
        &format!(
            "UPDATE {} SET object_type = 'C' WHERE object_id = {} AND object_type = 'T'",
            table("thread"),
            t(8).get()
        ),
    )
    .await;
    let referral = |to: &str, id: u32| format!("{id}, '{to}', {created}");
    on_thread(
        db,
        t(4),
        "thread_referral",
        "object_id, object_type, created",
        &referral("D", 1),
    )
    .await;
    on_thread(
        db,
        t(9),
        "thread_referral",
        "object_id, object_type, created",
        &referral("S", referred.get()),
    )
    .await;
    on_thread(
        db,
        t(9),
        "thread_referral",
        "object_id, object_type, created",
        &referral("E", TEAM),
    )
    .await;

    let ann = add_user(ctx, "ann@acme.example").await;
    let ben = add_user(ctx, "ben@acme.example").await;
    let cat = add_user(ctx, "cat@quiet.example").await;
    let dan = add_user(ctx, "dan@quiet.example").await;
    let eve = add_user(ctx, "eve@collab.example").await;
    let fay = add_user(ctx, "fay@stranger.example").await;
    on_thread(
        db,
        t(6),
        "thread_collaborator",
        "flags, user_id, role, created, updated",
        &format!("1, {}, 'M', {created}, {created}", eve.get()),
    )
    .await;
    let organizations = [
        format!(
            "UPDATE {} SET status = 16 WHERE id = 1",
            table("organization")
        ),
        format!(
            "INSERT INTO {} (id, name, manager, status, domain, created, updated) \
             VALUES (2, 'Quiet', '', 0, '', {created}, {created})",
            table("organization")
        ),
        format!(
            "UPDATE {} SET org_id = 1 WHERE id IN ({}, {})",
            table("user"),
            ann.get(),
            ben.get()
        ),
        format!(
            "UPDATE {} SET org_id = 2 WHERE id IN ({}, {})",
            table("user"),
            cat.get(),
            dan.get()
        ),
    ];
    for statement in &organizations {
        exec(db, statement).await;
    }

    Desk {
        tickets,
        actors: vec![
            ("agent", staff(agent), vec![1, 2, 4, 5]),
            ("manager", staff(manager), vec![3, 4, 6, 7, 8, 9]),
            ("readonly", staff(readonly), vec![1, 2, 4, 5]),
            ("limited", staff(limited), vec![4, 5]),
            ("extended", staff(extended), vec![1, 2, 3, 4, 5, 7, 8]),
            ("other", staff(other), vec![4, 6, 9]),
            ("teamer", staff(teamer), vec![3, 9]),
            ("referred", staff(referred), vec![9]),
            ("admin", staff(admin), vec![]),
            ("ann", user(ann), vec![1, 7, 8]),
            ("ben", user(ben), vec![1, 7, 8]),
            ("cat", user(cat), vec![2, 6]),
            ("dan", user(dan), vec![]),
            ("eve", user(eve), vec![6]),
            ("fay", user(fay), vec![]),
        ],
    }
}

fn everything() -> TicketQuery {
    TicketQuery {
        filter: TicketFilter::default(),
        order: TicketQuery::DEFAULT_ORDER,
        paging: Paging::parse(None, Some(100)).unwrap(),
    }
}

fn sorted(mut ids: Vec<TicketId>) -> Vec<TicketId> {
    ids.sort();
    ids
}

db_test!(
    every_actor_lists_exactly_the_tickets_the_resolver_opens_to_it,
    |db| async move {
        let ctx = ctx_with_agent(&db).await;
        let desk = seed_desk(&db, &ctx).await;

        for (name, caller, expected) in &desk.actors {
            let expected: Vec<TicketId> = expected.iter().map(|n| desk.ticket(*n)).collect();
            let grants: Actor = actor(&ctx.store, caller).await.unwrap();

            let listed = list(&ctx, caller, everything()).await.unwrap();
            let listed_ids = sorted(listed.items.iter().map(|ticket| ticket.id).collect());
            assert_eq!(listed_ids, expected, "{name} lists");
            assert_eq!(listed.total, expected.len() as u64, "{name} counts");
            assert!(listed.total_exact, "{name}");

            for id in desk.tickets {
                let facts = load_ticket_facts(&ctx.store, id).await.unwrap().unwrap();
                let opens = can(&grants, Action::View, &facts).is_visible();
                assert_eq!(opens, expected.contains(&id), "{name} opens {id}");
                assert_eq!(
                    visible(&grants).matches(&facts),
                    opens,
                    "{name}: the predicate and can() on {id}"
                );
                let read = get(&ctx, caller, id).await;
                let thread = get_thread(&ctx, caller, id, None).await;
                if opens {
                    assert!(read.is_ok(), "{name} reads {id}: {read:?}");
                    assert!(thread.is_ok(), "{name} reads {id}'s thread");
                } else {
                    assert!(
                        matches!(read, Err(oxt_service::tickets::GetTicketError::Access(
                            TicketAccessError::NotFound(missing)
                        )) if missing == id),
                        "{name} may not learn of {id}: {read:?}"
                    );
                    assert!(thread.is_err(), "{name} reads no thread of {id}");
                }
            }
        }
    }
);

db_test!(
    counts_and_searches_reveal_no_hidden_ticket,
    |db| async move {
        let ctx = ctx_with_agent(&db).await;
        let desk = seed_desk(&db, &ctx).await;
        let searcher = add_staff(&ctx, "searcher", LEGAL, ALL_ACCESS, r#"{"search.all":1}"#).await;
        let search = |text: &str| TicketQuery {
            filter: TicketFilter {
                text: Some(text.to_owned()),
                ..TicketFilter::default()
            },
            ..everything()
        };

        // Every subject says "Ticket": a search finds only what the caller sees.
        let limited = list(&ctx, &desk.caller("limited"), search("ticket"))
            .await
            .unwrap();
        assert_eq!(
            sorted(limited.items.iter().map(|t| t.id).collect()),
            [desk.ticket(4), desk.ticket(5)]
        );
        assert_eq!(limited.total, 2);
        let dan = list(&ctx, &desk.caller("dan"), search("ticket"))
            .await
            .unwrap();
        assert_eq!((dan.items.len(), dan.total), (0, 0));

        // osTicket's search.all searches every ticket, though it opens none.
        let searched = list(&ctx, &staff(searcher), search("ticket"))
            .await
            .unwrap();
        assert_eq!(searched.total, 9);
        let queue = list(&ctx, &staff(searcher), everything()).await.unwrap();
        assert_eq!(queue.total, 0);

        // Past the cap the total says "at least", still of visible tickets only.
        let grants = actor(&ctx.store, &desk.caller("extended")).await.unwrap();
        let page = |count_cap| TicketPageRequest {
            offset: 0,
            limit: 1,
            count_cap,
        };
        let capped = list_tickets(
            &ctx.store,
            &TicketFilter::default(),
            &visible(&grants),
            TicketQuery::DEFAULT_ORDER,
            page(3),
        )
        .await
        .unwrap();
        assert_eq!(
            (capped.items.len(), capped.total, capped.total_exact),
            (1, 3, false)
        );
        let exact = list_tickets(
            &ctx.store,
            &TicketFilter::default(),
            &visible(&grants),
            TicketQuery::DEFAULT_ORDER,
            page(7),
        )
        .await
        .unwrap();
        assert_eq!((exact.total, exact.total_exact), (7, true));
    }
);

fn post(kind: EntryType) -> NewThreadPost {
    NewThreadPost {
        kind,
        body: MessageBody::parse("A word").unwrap(),
        format: BodyFormat::Text,
        ip: "10.0.0.2".to_owned(),
    }
}

fn is_hidden<T: std::fmt::Debug>(result: &Result<T, PostEntryError>) -> bool {
    matches!(
        result,
        Err(PostEntryError::Access(TicketAccessError::NotFound(_)))
    )
}

fn is_forbidden<T: std::fmt::Debug>(result: &Result<T, PostEntryError>) -> bool {
    matches!(
        result,
        Err(PostEntryError::Access(TicketAccessError::Forbidden(_)))
    )
}

db_test!(
    a_hidden_ticket_is_not_found_and_a_seen_one_refuses_what_the_role_lacks,
    |db| async move {
        let ctx = ctx_with_agent(&db).await;
        let desk = seed_desk(&db, &ctx).await;
        let t1 = desk.ticket(1);

        // Responding needs ticket.reply in the ticket's department.
        let readonly = desk.caller("readonly");
        assert!(is_forbidden(
            &post_entry(&ctx, &readonly, t1, post(EntryType::Response)).await
        ));
        assert!(is_hidden(
            &post_entry(&ctx, &desk.caller("other"), t1, post(EntryType::Response)).await
        ));
        // A note needs only seeing the ticket.
        assert!(
            post_entry(&ctx, &readonly, t1, post(EntryType::Note))
                .await
                .is_ok()
        );
        // Assigned to `limited`: the role of the department (All Access).
        let limited = desk.caller("limited");
        let t5 = desk.ticket(5);
        assert!(
            post_entry(&ctx, &limited, t5, post(EntryType::Response))
                .await
                .is_ok()
        );

        // End users post messages to what they see: owner, organization, collaborator.
        let t6 = desk.ticket(6);
        assert!(
            post_entry(&ctx, &desk.caller("cat"), t6, post(EntryType::Message))
                .await
                .is_ok()
        );
        assert!(
            post_entry(&ctx, &desk.caller("eve"), t6, post(EntryType::Message))
                .await
                .is_ok()
        );
        assert!(
            post_entry(&ctx, &desk.caller("ben"), t1, post(EntryType::Message))
                .await
                .is_ok()
        );
        assert!(is_hidden(
            &post_entry(&ctx, &desk.caller("dan"), t6, post(EntryType::Message)).await
        ));

        // Editing needs ticket.edit; end users who see it are refused, the others not told.
        let subject = || TicketChanges {
            subject: Some(TicketSubject::parse("Renamed").unwrap()),
            ..TicketChanges::default()
        };
        assert!(matches!(
            update(&ctx, &readonly, t1, subject()).await,
            Err(UpdateTicketError::Access(TicketAccessError::Forbidden(_)))
        ));
        assert!(matches!(
            update(&ctx, &desk.caller("ann"), t1, subject()).await,
            Err(UpdateTicketError::NotAnAgent)
        ));
        assert!(matches!(
            update(&ctx, &desk.caller("fay"), t1, subject()).await,
            Err(UpdateTicketError::Access(TicketAccessError::NotFound(_)))
        ));
        assert!(
            update(&ctx, &desk.caller("agent"), t1, subject())
                .await
                .is_ok()
        );

        // Opening a ticket asks the role of the department: View only lacks ticket.create.
        let mut in_support = request("new@example.net", "New one");
        in_support.dept = Some(SUPPORT);
        in_support.priority = Some(PriorityId::new(2));
        assert!(matches!(
            create(&ctx, &readonly, in_support.clone()).await,
            Err(CreateTicketError::Forbidden(_))
        ));
        assert!(
            create(&ctx, &desk.caller("extended"), in_support)
                .await
                .is_ok()
        );
        // Where an agent has no role, osTicket's fallback grants ticket.create.
        let mut in_billing = request("new@example.net", "Another");
        in_billing.dept = Some(BILLING);
        assert!(create(&ctx, &readonly, in_billing).await.is_ok());
    }
);

db_test!(
    a_token_of_a_locked_or_deleted_account_is_no_caller,
    |db| async move {
        let ctx = ctx_with_agent(&db).await;
        exec(
            &db,
            &format!(
                "UPDATE {} SET isactive = 0 WHERE staff_id = 1",
                table("staff")
            ),
        )
        .await;
        let locked = actor(&ctx.store, &staff(StaffId::new(1))).await;
        let gone = actor(&ctx.store, &user(UserId::new(4242))).await;
        assert!(matches!(
            locked,
            Err(oxt_service::access::ActorError::UnknownCaller)
        ));
        assert!(matches!(
            gone,
            Err(oxt_service::access::ActorError::UnknownCaller)
        ));
        assert!(matches!(
            list(&ctx, &staff(StaffId::new(1)), everything()).await,
            Err(oxt_service::tickets::ListTicketsError::Caller(_))
        ));
    }
);
