//! Schedules: CRUD with their entries and holiday lists, entries checked by
//! `oxt-sla`, refusals, and deletion only when nothing uses a schedule.

use crate::helpers::table;
use crate::sla_desk::{column, configuration_counts, desk, key_column};
use chrono::{NaiveDate, NaiveTime};
use oxt_perm::AccessError;
use oxt_service::access::AdminAccessError;
use oxt_service::schedules::{
    CreateScheduleError, DeleteScheduleError, GetScheduleError, InvalidScheduleField, NewSchedule,
    ScheduleChanges, ScheduleEntryValues, ScheduleKind, ScheduleProblem, UpdateScheduleError,
    create, delete, get, list, update,
};
use oxt_service::slas::{SlaDraft, SlaFlags, due_date};
use oxt_sla::EntryProblem;
use oxt_testkit::db_test;
use oxt_ticket::ids::ScheduleId;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn time(h: u32, m: u32, s: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, s).unwrap()
}

fn weekdays(name: &str, from: u32, to: u32) -> ScheduleEntryValues {
    ScheduleEntryValues {
        name: name.to_owned(),
        repeats: "weekdays".to_owned(),
        starts_on: day(2026, 1, 5),
        starts_at: Some(time(from, 0, 0)),
        ends_on: None,
        ends_at: Some(time(to, 0, 0)),
        stops_on: None,
        day: None,
        week: None,
        month: None,
    }
}

fn holiday(name: &str, date: NaiveDate) -> ScheduleEntryValues {
    ScheduleEntryValues {
        name: name.to_owned(),
        repeats: "yearly".to_owned(),
        starts_on: date,
        starts_at: Some(time(0, 0, 0)),
        ends_on: Some(date),
        ends_at: Some(time(23, 59, 59)),
        stops_on: None,
        day: Some(i8::try_from(date.format("%d").to_string().parse::<u8>().unwrap()).unwrap()),
        week: None,
        month: Some(i8::try_from(date.format("%m").to_string().parse::<u8>().unwrap()).unwrap()),
    }
}

fn business(name: &str) -> NewSchedule {
    NewSchedule {
        kind: ScheduleKind::BusinessHours,
        name: name.to_owned(),
        timezone: Some("Europe/Berlin".to_owned()),
        description: "Berlin office".to_owned(),
        holidays: vec![ScheduleId::new(4)],
        entries: vec![weekdays("Office", 9, 17)],
    }
}

db_test!(
    a_business_schedule_round_trips_with_entries_and_holidays,
    |db| async move {
        let desk = desk(&db).await;
        let created = create(&desk.ctx, &desk.admin, business("Berlin"))
            .await
            .unwrap();
        assert_eq!(created.kind, ScheduleKind::BusinessHours);
        assert_eq!(created.timezone.as_deref(), Some("Europe/Berlin"));
        assert_eq!(created.holiday_schedules, [ScheduleId::new(4)]);
        assert_eq!(created.entries.len(), 1);
        assert_eq!(created.entries[0].values, weekdays("Office", 9, 17));
        let stored = column(
            &db,
            "config",
            "value",
            &format!(
                "namespace = 'schedule.{}' AND {} = 'configuration'",
                created.id,
                key_column(&db)
            ),
        )
        .await;
        assert_eq!(
            stored,
            [Some(r#"{"holidays":[4]}"#.to_owned())],
            "osTicket's shape"
        );
        let flags = column(&db, "schedule", "flags", &format!("id = {}", created.id)).await;
        assert_eq!(flags, [Some("1".to_owned())], "FLAG_BIZHRS");

        assert_eq!(
            get(&desk.ctx, &desk.agent, created.id).await.unwrap(),
            created
        );

        let changes = ScheduleChanges {
            name: Some("Berlin (winter)".to_owned()),
            timezone: Some(None),
            holidays: Some(Vec::new()),
            entries: Some(vec![
                weekdays("Morning", 8, 12),
                weekdays("Afternoon", 13, 17),
            ]),
            ..ScheduleChanges::default()
        };
        let updated = update(&desk.ctx, &desk.admin, created.id, changes)
            .await
            .unwrap();
        assert_eq!(updated.name, "Berlin (winter)");
        assert_eq!(updated.timezone, None);
        assert_eq!(
            updated.description, "Berlin office",
            "an absent field is kept"
        );
        assert_eq!(updated.holiday_schedules, []);
        let names: Vec<_> = updated
            .entries
            .iter()
            .map(|e| (e.values.name.as_str(), e.sort))
            .collect();
        assert_eq!(names, [("Morning", 0), ("Afternoon", 1)]);
        let entries = column(
            &db,
            "schedule_entry",
            "name",
            &format!("schedule_id = {}", created.id),
        )
        .await;
        assert_eq!(entries.len(), 2, "the old entry was replaced");

        let listed: Vec<_> = list(&desk.ctx, &desk.agent)
            .await
            .unwrap()
            .into_iter()
            .map(|schedule| schedule.name)
            .collect();
        assert!(listed.contains(&"Berlin (winter)".to_owned()));
        assert_eq!(listed.len(), 5);
    }
);

db_test!(
    a_holiday_schedule_is_created_and_used_by_due_dates,
    |db| async move {
        let desk = desk(&db).await;
        let holidays = create(
            &desk.ctx,
            &desk.admin,
            NewSchedule {
                kind: ScheduleKind::Holidays,
                name: "Office closed".to_owned(),
                timezone: None,
                description: String::new(),
                holidays: Vec::new(),
                entries: vec![holiday("Team day", day(2026, 11, 23))],
            },
        )
        .await
        .unwrap();
        assert_eq!(holidays.kind, ScheduleKind::Holidays);
        let office = create(
            &desk.ctx,
            &desk.admin,
            NewSchedule {
                timezone: Some("UTC".to_owned()),
                holidays: vec![holidays.id],
                ..business("Office")
            },
        )
        .await
        .unwrap();
        let sla = oxt_service::slas::create(
            &desk.ctx,
            &desk.admin,
            SlaDraft {
                name: "Office SLA".to_owned(),
                grace_period: 2,
                schedule: Some(office.id),
                flags: SlaFlags {
                    active: true,
                    ..SlaFlags::default()
                },
                notes: None,
            },
        )
        .await
        .unwrap();
        // Saturday night; Monday the 23rd is a holiday: Tuesday 09:00 + 2 hours.
        let due = due_date(&desk.ctx, &desk.agent, sla.id, None)
            .await
            .unwrap();
        assert_eq!(due.due.unwrap().to_rfc3339(), "2026-11-24T11:00:00+00:00");
        assert_eq!(due.schedule, Some(office.id));
    }
);

db_test!(
    invalid_entries_are_named_by_index_and_nothing_is_written,
    |db| async move {
        let desk = desk(&db).await;
        let before = configuration_counts(&db).await;
        let mut ends_early = weekdays("Late", 17, 9);
        ends_early.ends_on = Some(day(2026, 1, 5));
        let mut bad_day = weekdays("Weekly", 9, 17);
        bad_day.repeats = "weekly".to_owned();
        bad_day.day = Some(8);
        let mut unknown_repeat = weekdays("Fortnightly", 9, 17);
        unknown_repeat.repeats = "fortnightly".to_owned();
        let new = NewSchedule {
            name: " ".to_owned(),
            timezone: Some("Mars/Olympus".to_owned()),
            holidays: vec![ScheduleId::new(1), ScheduleId::new(77)],
            entries: vec![
                weekdays("Office", 9, 17),
                ends_early,
                bad_day,
                unknown_repeat,
                weekdays("office", 9, 12),
            ],
            ..business("x")
        };
        let Err(CreateScheduleError::Invalid(found)) = create(&desk.ctx, &desk.admin, new).await
        else {
            panic!("expected invalid fields");
        };
        let fields: Vec<&str> = found.iter().map(|invalid| invalid.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "name",
                "timezone",
                "entries[1].ends_at",
                "entries[2].day",
                "entries[3].repeats",
                "entries[4].name",
                "holiday_schedule_ids[0]",
                "holiday_schedule_ids[1]",
            ]
        );
        assert_eq!(
            found[2].problem,
            ScheduleProblem::Entry(EntryProblem::EndsBeforeItStarts)
        );
        assert_eq!(
            found[6].problem,
            ScheduleProblem::NotHolidays(ScheduleId::new(1))
        );
        assert_eq!(
            found[7].problem,
            ScheduleProblem::UnknownSchedule(ScheduleId::new(77))
        );
        assert_eq!(configuration_counts(&db).await, before);

        // A replacement that breaks one entry leaves every entry as it was.
        let mut broken = weekdays("Broken", 9, 17);
        broken.stops_on = Some(day(2025, 1, 1).and_time(NaiveTime::MIN));
        let changes = ScheduleChanges {
            name: Some("Renamed".to_owned()),
            entries: Some(vec![weekdays("Fine", 9, 17), broken]),
            ..ScheduleChanges::default()
        };
        let result = update(&desk.ctx, &desk.admin, ScheduleId::new(1), changes).await;
        assert!(matches!(
            result,
            Err(UpdateScheduleError::Invalid(fields)) if fields == [InvalidScheduleField {
                field: "entries[1].stops_on".to_owned(),
                problem: ScheduleProblem::Entry(EntryProblem::StopsBeforeItStarts),
            }]
        ));
        let kept = get(&desk.ctx, &desk.admin, ScheduleId::new(1))
            .await
            .unwrap();
        assert_eq!(kept.name, "Monday - Friday 8am - 5pm with U.S. Holidays");
        assert_eq!(kept.entries.len(), 5);
        assert_eq!(configuration_counts(&db).await, before);
    }
);

db_test!(
    a_business_schedule_without_business_time_is_refused,
    |db| async move {
        let desk = desk(&db).await;
        let before = configuration_counts(&db).await;
        // Every entry stopped before the suite's "now" (2026-11-21).
        let mut stopped = weekdays("Old office", 9, 17);
        stopped.stops_on = Some(day(2026, 6, 30).and_time(NaiveTime::MIN));
        let result = create(
            &desk.ctx,
            &desk.admin,
            NewSchedule {
                entries: vec![stopped],
                ..business("Closed for good")
            },
        )
        .await;
        assert!(matches!(
            result,
            Err(CreateScheduleError::Invalid(fields)) if fields == [InvalidScheduleField {
                field: "entries".to_owned(),
                problem: ScheduleProblem::NoBusinessTime,
            }]
        ));
        // Holidays covering every day leave none either.
        let every_day = create(
            &desk.ctx,
            &desk.admin,
            NewSchedule {
                kind: ScheduleKind::Holidays,
                name: "Always closed".to_owned(),
                timezone: None,
                description: String::new(),
                holidays: Vec::new(),
                entries: vec![ScheduleEntryValues {
                    repeats: "daily".to_owned(),
                    ..holiday("Every day", day(2026, 1, 1))
                }],
            },
        )
        .await
        .unwrap();
        let changes = ScheduleChanges {
            holidays: Some(vec![ScheduleId::new(4), every_day.id]),
            ..ScheduleChanges::default()
        };
        assert!(matches!(
            update(&desk.ctx, &desk.admin, ScheduleId::new(1), changes).await,
            Err(UpdateScheduleError::Invalid(fields)) if fields[0].problem == ScheduleProblem::NoBusinessTime
        ));
        let after = configuration_counts(&db).await;
        assert_eq!(after[0..2], [before[0], before[1] + 1]);
        let kept = get(&desk.ctx, &desk.admin, ScheduleId::new(1))
            .await
            .unwrap();
        assert_eq!(kept.holiday_schedules, [ScheduleId::new(4)]);
    }
);

db_test!(holiday_schedules_list_no_holidays, |db| async move {
    let desk = desk(&db).await;
    let changes = ScheduleChanges {
        holidays: Some(vec![ScheduleId::new(4)]),
        ..ScheduleChanges::default()
    };
    assert!(matches!(
        update(&desk.ctx, &desk.admin, ScheduleId::new(4), changes).await,
        Err(UpdateScheduleError::Invalid(fields)) if fields[0].problem == ScheduleProblem::HolidaysNotAllowed
    ));
});

db_test!(
    schedule_writes_are_for_administrators_and_reads_for_staff,
    |db| async move {
        let desk = desk(&db).await;
        let before = configuration_counts(&db).await;
        for caller in [&desk.agent, &desk.user] {
            assert!(matches!(
                create(&desk.ctx, caller, business("Mine")).await,
                Err(CreateScheduleError::Access(AdminAccessError::Refused(
                    AccessError::Forbidden { .. }
                )))
            ));
            assert!(matches!(
                update(
                    &desk.ctx,
                    caller,
                    ScheduleId::new(1),
                    ScheduleChanges::default()
                )
                .await,
                Err(UpdateScheduleError::Access(_))
            ));
            assert!(matches!(
                delete(&desk.ctx, caller, ScheduleId::new(2)).await,
                Err(DeleteScheduleError::Access(_))
            ));
        }
        assert!(matches!(
            get(&desk.ctx, &desk.user, ScheduleId::new(1)).await,
            Err(GetScheduleError::Refused(_))
        ));
        assert!(matches!(
            get(&desk.ctx, &desk.agent, ScheduleId::new(50)).await,
            Err(GetScheduleError::NotFound(_))
        ));
        assert_eq!(configuration_counts(&db).await, before);
    }
);

db_test!(a_schedule_in_use_is_not_deleted, |db| async move {
    let desk = desk(&db).await;
    let in_use = |result| matches!(result, Err(DeleteScheduleError::InUse { .. }));
    // 1 is the desk default, 4 the holiday list of 1.
    assert!(in_use(
        delete(&desk.ctx, &desk.admin, ScheduleId::new(1)).await
    ));
    assert!(in_use(
        delete(&desk.ctx, &desk.admin, ScheduleId::new(4)).await
    ));
    crate::sla_desk::exec(
        &db,
        &format!(
            "UPDATE {} SET schedule_id = 2 WHERE id = 1",
            table("department")
        ),
    )
    .await;
    assert!(in_use(
        delete(&desk.ctx, &desk.admin, ScheduleId::new(2)).await
    ));

    let berlin = create(&desk.ctx, &desk.admin, business("Berlin"))
        .await
        .unwrap();
    delete(&desk.ctx, &desk.admin, berlin.id).await.unwrap();
    assert!(matches!(
        get(&desk.ctx, &desk.admin, berlin.id).await,
        Err(GetScheduleError::NotFound(_))
    ));
    let leftovers = column(
        &db,
        "schedule_entry",
        "id",
        &format!("schedule_id = {}", berlin.id),
    )
    .await;
    assert!(leftovers.is_empty());
    let config = column(
        &db,
        "config",
        "id",
        &format!("namespace = 'schedule.{}'", berlin.id),
    )
    .await;
    assert!(config.is_empty());
    assert!(matches!(
        delete(&desk.ctx, &desk.admin, berlin.id).await,
        Err(DeleteScheduleError::NotFound(_))
    ));
});
