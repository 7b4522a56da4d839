//! `find_or_create` against every backend: the rows osTicket writes for a new
//! user (ticket-rows-example.sql), and the lookups.

use super::*;
use crate::entity::{
    form_entry, form_entry_values, organization, search, user, user_cdata, user_email,
};
use crate::{OstDateTime, Store, StoreError};
use chrono::{DateTime, TimeZone, Utc};
use oxt_testkit::{TestDb, db_test};
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 21, 23, 32, 49).unwrap()
}

async fn migrated(db: &TestDb) -> Store {
    oxt_migrations::migrate(db.conn(), now())
        .await
        .expect("the test database migrates");
    Store::from_connection(db.conn().clone())
}

fn angry_user() -> NewUser {
    NewUser {
        email: EmailAddress::parse("api@example.com").unwrap(),
        name: PersonName::parse("Angry User").unwrap(),
        phone: Some("3185558634X123".to_owned()),
        notes: None,
    }
}

fn person(email: &str, name: &str) -> NewUser {
    NewUser {
        email: EmailAddress::parse(email).unwrap(),
        name: PersonName::parse(name).unwrap(),
        phone: None,
        notes: None,
    }
}

async fn add_organization(store: &Store, name: &str, domain: &str) -> OrgId {
    let id = organization::Entity::insert(organization::ActiveModel {
        name: Set(name.to_owned()),
        manager: Set(String::new()),
        status: Set(0),
        domain: Set(domain.to_owned()),
        extra: Set(None),
        created: Set(OstDateTime::at(now().naive_utc())),
        updated: Set(OstDateTime::at(now().naive_utc())),
        ..Default::default()
    })
    .exec(store.connection())
    .await
    .unwrap()
    .last_insert_id;
    OrgId::new(id)
}

db_test!(
    a_new_user_is_written_as_osticket_writes_one,
    |db| async move {
        let store = migrated(&db).await;

        let found = find_or_create(&store, &angry_user(), now()).await.unwrap();

        assert!(found.created);
        assert_eq!(found.org_id, None);
        assert_eq!(found.email, "api@example.com");
        let conn = store.connection();
        let row = user::Entity::find_by_id(found.id.get())
            .one(conn)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(row.org_id, 0);
        assert_eq!(
            row.default_email_id,
            i32::try_from(found.email_id.get()).unwrap()
        );
        assert_eq!(row.status, 0);
        assert_eq!(row.name, "Angry User");
        assert_eq!(row.created.get(), Some(now().naive_utc()));
        assert_eq!(row.updated.get(), Some(now().naive_utc()));

        let address = user_email::Entity::find_by_id(found.email_id.get())
            .one(conn)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            (address.user_id, address.flags, address.address.as_str()),
            (found.id.get(), 0, "api@example.com")
        );

        let entries = form_entry::Entity::find()
            .filter(form_entry::Column::ObjectType.eq("U"))
            .filter(form_entry::Column::ObjectId.eq(found.id.get()))
            .all(conn)
            .await
            .unwrap();
        assert_eq!(entries.len(), 1);
        let entry = &entries[0];
        assert_eq!(
            (entry.form_id, entry.sort, entry.extra.as_deref()),
            (1, 1, None)
        );
        assert_eq!(entry.created.get(), Some(now().naive_utc()));

        let answers: Vec<(u32, Option<String>, Option<i32>)> = form_entry_values::Entity::find()
            .filter(form_entry_values::Column::EntryId.eq(entry.id))
            .order_by_asc(form_entry_values::Column::FieldId)
            .all(conn)
            .await
            .unwrap()
            .into_iter()
            .map(|answer| (answer.field_id, answer.value, answer.value_id))
            .collect();
        assert_eq!(
            answers,
            vec![
                (3, Some("3185558634X123".to_owned()), None),
                (4, None, None)
            ]
        );

        let cdata = user_cdata::Entity::find_by_id(found.id.get())
            .one(conn)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            (
                cdata.email,
                cdata.name,
                cdata.phone.as_deref(),
                cdata.notes.as_deref()
            ),
            (None, None, Some("3185558634X123"), Some(""))
        );

        let indexed = search::Entity::find_by_id(("U".to_owned(), found.id.get()))
            .one(conn)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(indexed.title.as_deref(), Some("Angry User"));
        assert_eq!(
            indexed.content.as_deref(),
            Some("(318) 555-8634 x123 api@example.com\napi@example.com")
        );
    }
);

db_test!(
    an_address_already_known_finds_its_user_whatever_its_case,
    |db| async move {
        let store = migrated(&db).await;
        let first = find_or_create(&store, &angry_user(), now()).await.unwrap();

        let again = find_or_create(&store, &person("API@Example.COM", "Someone Else"), now())
            .await
            .unwrap();

        assert!(!again.created);
        assert_eq!((again.id, again.email_id), (first.id, first.email_id));
        assert_eq!(again.name, "Angry User");
        assert_eq!(again.email, "api@example.com");
        assert_eq!(
            user::Entity::find()
                .all(store.connection())
                .await
                .unwrap()
                .len(),
            1
        );
    }
);

db_test!(
    a_new_user_joins_the_organization_mapped_to_its_domain,
    |db| async move {
        let store = migrated(&db).await;
        add_organization(&store, "Unrelated", "other.org").await;
        let acme = add_organization(&store, "Acme", "acme.example, ACME.com").await;

        let found = find_or_create(&store, &person("wile@acme.com", "Wile E."), now())
            .await
            .unwrap();
        let stranger = find_or_create(&store, &person("road@runner.com", "Road Runner"), now())
            .await
            .unwrap();

        assert_eq!(found.org_id, Some(acme));
        let row = user::Entity::find_by_id(found.id.get())
            .one(store.connection())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(row.org_id, acme.get());
        assert_eq!(stranger.org_id, None);
    }
);

db_test!(
    users_read_back_with_their_address_and_phone,
    |db| async move {
        let store = migrated(&db).await;
        let created = find_or_create(&store, &angry_user(), now()).await.unwrap();

        let record = get(&store, created.id).await.unwrap();
        let by_address = find_by_email(&store, &EmailAddress::parse("Api@example.com").unwrap())
            .await
            .unwrap();

        assert_eq!(record.email.as_deref(), Some("api@example.com"));
        assert_eq!(record.email_id, Some(created.email_id));
        assert_eq!(record.phone.as_deref(), Some("3185558634X123"));
        assert_eq!(record.created, Some(now().naive_utc()));
        assert_eq!(by_address, Some(record));
        assert!(matches!(
            get(&store, UserId::new(999)).await,
            Err(StoreError::NotFound)
        ));
    }
);

db_test!(
    the_directory_matches_names_and_addresses_a_page_at_a_time,
    |db| async move {
        let store = migrated(&db).await;
        for (email, name) in [
            ("carol@example.com", "Carol"),
            ("alice@example.com", "Alice"),
            ("bob@acme.com", "Bob Example"),
            ("dave@acme.com", "Dave"),
        ] {
            find_or_create(&store, &person(email, name), now())
                .await
                .unwrap();
        }

        let first = list(&store, Some("EXAMPLE"), Page { number: 1, size: 2 })
            .await
            .unwrap();
        let second = list(&store, Some("example"), Page { number: 2, size: 2 })
            .await
            .unwrap();
        let everyone = list(
            &store,
            None,
            Page {
                number: 1,
                size: 10,
            },
        )
        .await
        .unwrap();
        let wildcard = list(
            &store,
            Some("%"),
            Page {
                number: 1,
                size: 10,
            },
        )
        .await
        .unwrap();

        let names = |page: &UserPage| {
            page.items
                .iter()
                .map(|user| user.name.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(first.total, 3);
        assert_eq!(names(&first), ["Alice", "Bob Example"]);
        assert_eq!(names(&second), ["Carol"]);
        assert_eq!(everyone.total, 4);
        assert_eq!(wildcard.total, 0);
    }
);
