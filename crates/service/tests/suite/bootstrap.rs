//! The demo desk seeded on first start.

use crate::helpers;
use oxt_identity::Subject;
use oxt_service::auth::{self, LoginCredentials};
use oxt_service::bootstrap::{BootstrapError, seed_demo_desk};
use oxt_store::staff::{self, StaffLogin};
use oxt_testkit::db_test;

fn credentials(username: &str, password: &str) -> LoginCredentials {
    LoginCredentials {
        username: username.to_owned(),
        password: password.to_owned(),
    }
}

db_test!(
    the_administrator_signs_in_with_the_configured_password,
    |db| async move {
        let ctx = helpers::ctx(&db).await;

        let desk = seed_demo_desk(&ctx, Some("first-start secret"))
            .await
            .unwrap();

        assert_eq!(desk.generated_admin_password, None);
        let session = auth::login(&ctx, credentials("admin", "first-start secret"))
            .await
            .unwrap();
        assert_eq!(session.subject, Subject::Staff(desk.admin));
        assert!(!session.password_change_required);
        let admin = staff::find_for_login(&ctx.store, &StaffLogin::Id(desk.admin))
            .await
            .unwrap()
            .unwrap();
        assert!(admin.is_admin && admin.is_active);
    }
);

db_test!(
    without_a_configured_password_one_is_generated_and_works,
    |db| async move {
        let ctx = helpers::ctx(&db).await;

        let desk = seed_demo_desk(&ctx, None).await.unwrap();

        let password = desk.generated_admin_password.clone().unwrap();
        assert_eq!(password.len(), 20);
        auth::login(&ctx, credentials("admin", &password))
            .await
            .unwrap();
        let agent = auth::login(&ctx, credentials("alice", &password))
            .await
            .unwrap();
        assert!(agent.password_change_required);
        assert_eq!(desk.agents.len(), 2);
    }
);

db_test!(seeding_twice_is_refused_and_adds_nothing, |db| async move {
    let ctx = helpers::ctx(&db).await;
    seed_demo_desk(&ctx, Some("one")).await.unwrap();

    let again = seed_demo_desk(&ctx, Some("two")).await;

    assert!(matches!(again, Err(BootstrapError::AlreadySeeded)));
    auth::login(&ctx, credentials("admin", "one"))
        .await
        .expect("the first administrator is untouched");
});
