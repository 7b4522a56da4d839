//! Staff sign-in, refresh-token rotation and sign-out.

use crate::helpers;
use oxt_identity::{BcryptCost, Subject, hash_password};
use oxt_service::Ctx;
use oxt_service::auth::{self, LoginCredentials, LoginError, RefreshError};
use oxt_store::staff::{self, NewStaff, StaffLogin};
use oxt_testkit::db_test;
use oxt_ticket::ids::{DeptId, RoleId, StaffId};

const PASSWORD: &str = "correct horse battery staple";

async fn add_staff(ctx: &Ctx, username: &str, passwd: String, is_active: bool) -> StaffId {
    let tx = ctx.store.begin().await.unwrap();
    let id = staff::create(
        &tx,
        &NewStaff {
            username: username.to_owned(),
            firstname: "Jo".to_owned(),
            lastname: "Agent".to_owned(),
            email: format!("{username}@Example.com"),
            passwd,
            dept_id: DeptId::new(1),
            role_id: RoleId::new(1),
            is_admin: false,
            is_active,
            on_vacation: false,
            assigned_only: false,
            change_passwd: false,
            permissions: "{}".to_owned(),
        },
        helpers::now(),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    id
}

fn bcrypt(password: &str) -> String {
    hash_password(password, BcryptCost::parse(4).unwrap()).unwrap()
}

fn credentials(username: &str, password: &str) -> LoginCredentials {
    LoginCredentials {
        username: username.to_owned(),
        password: password.to_owned(),
    }
}

async fn stored_passwd(ctx: &Ctx, id: StaffId) -> String {
    staff::find_for_login(&ctx.store, &StaffLogin::Id(id))
        .await
        .unwrap()
        .unwrap()
        .passwd
        .unwrap()
}

db_test!(
    signing_in_with_a_bcrypt_password_issues_a_token_pair,
    |db| async move {
        let ctx = helpers::ctx(&db).await;
        let id = add_staff(&ctx, "jo", bcrypt(PASSWORD), true).await;
        let before = stored_passwd(&ctx, id).await;

        let session = auth::login(&ctx, credentials("jo", PASSWORD))
            .await
            .unwrap();

        assert_eq!(session.subject, Subject::Staff(id));
        let claims = ctx
            .access_tokens
            .verify_access_token(&session.access_token.token, helpers::now())
            .unwrap();
        assert_eq!(claims.sub, Subject::Staff(id));
        assert!(!session.password_change_required);
        assert_eq!(
            stored_passwd(&ctx, id).await,
            before,
            "a current hash is kept"
        );
    }
);

db_test!(
    the_username_and_the_address_match_without_case,
    |db| async move {
        let ctx = helpers::ctx(&db).await;
        let id = add_staff(&ctx, "jo", bcrypt(PASSWORD), true).await;

        let by_name = auth::login(&ctx, credentials("JO", PASSWORD))
            .await
            .unwrap();
        let by_address = auth::login(&ctx, credentials("jo@example.COM", PASSWORD))
            .await
            .unwrap();

        assert_eq!(by_name.subject, Subject::Staff(id));
        assert_eq!(by_address.subject, Subject::Staff(id));
    }
);

db_test!(
    a_legacy_md5_password_signs_in_and_is_upgraded_to_bcrypt,
    |db| async move {
        let ctx = helpers::ctx(&db).await;
        // md5("correct horse battery staple")
        let md5 = "9cc2ae8a1ba7a93da39b46fc1019c481".to_owned();
        let id = add_staff(&ctx, "legacy", md5, true).await;

        auth::login(&ctx, credentials("legacy", PASSWORD))
            .await
            .unwrap();

        let upgraded = stored_passwd(&ctx, id).await;
        assert!(upgraded.starts_with("$2"), "stored {upgraded}");
        let again = auth::login(&ctx, credentials("legacy", PASSWORD))
            .await
            .unwrap();
        assert_eq!(again.subject, Subject::Staff(id));
        assert_eq!(stored_passwd(&ctx, id).await, upgraded);
    }
);

db_test!(
    a_wrong_password_and_an_unknown_user_get_the_same_refusal,
    |db| async move {
        let ctx = helpers::ctx(&db).await;
        add_staff(&ctx, "jo", bcrypt(PASSWORD), true).await;

        let wrong = auth::login(&ctx, credentials("jo", "not it")).await;
        let unknown = auth::login(&ctx, credentials("nobody", PASSWORD)).await;

        assert!(matches!(wrong, Err(LoginError::InvalidCredentials)));
        assert!(matches!(unknown, Err(LoginError::InvalidCredentials)));
    }
);

db_test!(a_disabled_staff_member_may_not_sign_in, |db| async move {
    let ctx = helpers::ctx(&db).await;
    let id = add_staff(&ctx, "gone", bcrypt(PASSWORD), false).await;

    let refused = auth::login(&ctx, credentials("gone", PASSWORD)).await;

    assert!(matches!(refused, Err(LoginError::AccountDisabled(staff)) if staff == id));
});

db_test!(
    a_refresh_rotates_and_a_reused_token_revokes_the_family,
    |db| async move {
        let ctx = helpers::ctx(&db).await;
        let id = add_staff(&ctx, "jo", bcrypt(PASSWORD), true).await;
        let first = auth::login(&ctx, credentials("jo", PASSWORD))
            .await
            .unwrap();

        let second = auth::refresh(&ctx, first.refresh_token.as_str())
            .await
            .unwrap();
        assert_eq!(second.subject, Subject::Staff(id));
        assert_ne!(second.refresh_token, first.refresh_token);

        let reuse = auth::refresh(&ctx, first.refresh_token.as_str()).await;
        assert!(matches!(reuse, Err(RefreshError::ReuseDetected)));
        let after_reuse = auth::refresh(&ctx, second.refresh_token.as_str()).await;
        assert!(matches!(after_reuse, Err(RefreshError::Revoked)));
    }
);

db_test!(signing_out_revokes_the_refresh_token, |db| async move {
    let ctx = helpers::ctx(&db).await;
    add_staff(&ctx, "jo", bcrypt(PASSWORD), true).await;
    let session = auth::login(&ctx, credentials("jo", PASSWORD))
        .await
        .unwrap();
    let other_sign_in = auth::login(&ctx, credentials("jo", PASSWORD))
        .await
        .unwrap();

    auth::logout(&ctx, session.refresh_token.as_str())
        .await
        .unwrap();

    let refused = auth::refresh(&ctx, session.refresh_token.as_str()).await;
    assert!(matches!(refused, Err(RefreshError::Revoked)));
    auth::refresh(&ctx, other_sign_in.refresh_token.as_str())
        .await
        .expect("another sign-in is not affected");
});

db_test!(
    an_expired_or_unknown_refresh_token_is_refused,
    |db| async move {
        let ctx = helpers::ctx(&db).await;
        add_staff(&ctx, "jo", bcrypt(PASSWORD), true).await;
        let session = auth::login(&ctx, credentials("jo", PASSWORD))
            .await
            .unwrap();
        let later = helpers::ctx_at(&db, helpers::now() + chrono::TimeDelta::days(8));

        let expired = auth::refresh(&later, session.refresh_token.as_str()).await;
        let unknown = auth::refresh(&ctx, "not-a-token").await;

        assert!(matches!(expired, Err(RefreshError::Expired)));
        assert!(matches!(unknown, Err(RefreshError::Unknown)));
    }
);
