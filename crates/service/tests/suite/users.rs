//! Users in the directory: create, read, search.

use crate::helpers;
use oxt_identity::Subject;
use oxt_service::Caller;
use oxt_service::users::{
    self, CreateUser, CreateUserError, GetUserError, ListUsersError, PhoneNumber, UserPaging,
    UserQuery,
};
use oxt_testkit::db_test;
use oxt_ticket::contact::{EmailAddress, PersonName};
use oxt_ticket::ids::{StaffId, UserId};

fn agent() -> Caller {
    Caller {
        subject: Subject::Staff(StaffId::new(1)),
    }
}

fn new_user(email: &str, name: &str) -> CreateUser {
    CreateUser {
        email: EmailAddress::parse(email).unwrap(),
        name: PersonName::parse(name).unwrap(),
        phone: None,
        notes: None,
    }
}

db_test!(a_created_user_reads_back, |db| async move {
    let ctx = helpers::ctx_with_agent(&db).await;
    let mut cmd = new_user("api@example.com", "Angry User");
    cmd.phone = Some(PhoneNumber::parse("318-555-8634 x123").unwrap());
    cmd.notes = Some("Prefers e-mail".to_owned());

    let created = users::create(&ctx, &agent(), cmd).await.unwrap();
    let read = users::get(&ctx, &agent(), created.id).await.unwrap();

    assert_eq!(read, created);
    assert_eq!(read.name, "Angry User");
    assert_eq!(read.email.as_deref(), Some("api@example.com"));
    assert_eq!(read.phone.as_deref(), Some("3185558634X123"));
    assert_eq!(read.org_id, None);
    assert_eq!(read.created, Some(helpers::now().naive_utc()));
});

db_test!(
    creating_a_user_for_a_known_address_in_any_case_is_refused,
    |db| async move {
        let ctx = helpers::ctx_with_agent(&db).await;
        users::create(&ctx, &agent(), new_user("api@example.com", "Angry User"))
            .await
            .unwrap();

        let again = users::create(&ctx, &agent(), new_user("API@example.COM", "Other")).await;

        assert!(matches!(again, Err(CreateUserError::EmailTaken)));
        let everyone = users::list(
            &ctx,
            &agent(),
            UserQuery {
                text: None,
                paging: UserPaging::parse(None, None).unwrap(),
            },
        )
        .await
        .unwrap();
        assert_eq!(everyone.total, 1);
    }
);

db_test!(an_unknown_user_is_not_found, |db| async move {
    let ctx = helpers::ctx_with_agent(&db).await;

    let missing = users::get(&ctx, &agent(), UserId::new(4242)).await;

    assert!(matches!(missing, Err(GetUserError::NotFound(id)) if id == UserId::new(4242)));
});

db_test!(
    the_directory_is_searched_by_name_or_address,
    |db| async move {
        let ctx = helpers::ctx_with_agent(&db).await;
        for (email, name) in [
            ("wile@acme.com", "Wile E. Coyote"),
            ("road@runner.org", "Road Runner"),
            ("bugs@acme.com", "Bugs Bunny"),
        ] {
            users::create(&ctx, &agent(), new_user(email, name))
                .await
                .unwrap();
        }

        let acme = users::list(
            &ctx,
            &agent(),
            UserQuery {
                text: Some("ACME".to_owned()),
                paging: UserPaging::parse(Some(1), Some(1)).unwrap(),
            },
        )
        .await
        .unwrap();
        let runner = users::list(
            &ctx,
            &agent(),
            UserQuery {
                text: Some("runner".to_owned()),
                paging: UserPaging::parse(None, None).unwrap(),
            },
        )
        .await
        .unwrap();

        assert_eq!(acme.total, 2);
        assert_eq!(acme.items.len(), 1);
        assert_eq!(acme.items[0].name, "Bugs Bunny");
        assert_eq!(runner.total, 1);
        assert_eq!(runner.items[0].email.as_deref(), Some("road@runner.org"));
    }
);

db_test!(an_end_user_may_not_read_the_directory, |db| async move {
    let ctx = helpers::ctx_with_agent(&db).await;
    let end_user = Caller {
        subject: Subject::User(helpers::add_user(&ctx, "someone@example.net").await),
    };

    let listed = users::list(
        &ctx,
        &end_user,
        UserQuery {
            text: None,
            paging: UserPaging::parse(None, None).unwrap(),
        },
    )
    .await;
    let created = users::create(&ctx, &end_user, new_user("a@example.com", "A")).await;

    assert!(matches!(listed, Err(ListUsersError::Forbidden(_))));
    assert!(matches!(created, Err(CreateUserError::Forbidden(_))));
});
