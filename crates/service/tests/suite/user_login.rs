//! End-user sign-in over `ost_user_account`, and refresh for end users.

use crate::desk;
use crate::helpers;
use oxt_identity::{BcryptCost, Subject, hash_password};
use oxt_service::Ctx;
use oxt_service::auth::{self, LoginCredentials, RefreshError, UserLoginError};
use oxt_store::users::{self, AccountStatus, NewUser, NewUserAccount};
use oxt_testkit::db_test;
use oxt_ticket::contact::{EmailAddress, PersonName};
use oxt_ticket::ids::UserId;

/// osTicket's fresh install stores this bcrypt hash of `Adm1nPassw0rd!`.
const OSTICKET_BCRYPT: (&str, &str) = (
    "$2a$08$7x8eRXe1ojNvSU5lZUUKDOQH531IavoEMeNhYwHymHCga7VBgsJbu",
    "Adm1nPassw0rd!",
);
/// phpass's published portable hash of `test12345` (osTicket's fallback).
const PHPASS_PORTABLE: (&str, &str) = ("$P$9IQRaTwmfeRo7ud9Fh4E2PdI0S3r.L0", "test12345");
/// A legacy plain MD5 password: md5("correct horse battery staple").
const LEGACY_MD5: (&str, &str) = (
    "9cc2ae8a1ba7a93da39b46fc1019c481",
    "correct horse battery staple",
);

async fn user_with_account(
    ctx: &Ctx,
    email: &str,
    username: Option<&str>,
    passwd: &str,
    status: AccountStatus,
    backend: Option<&str>,
) -> UserId {
    let tx = ctx.store.begin().await.unwrap();
    let user = users::find_or_create(
        &tx,
        &NewUser {
            email: EmailAddress::parse(email).unwrap(),
            name: PersonName::parse("Portal User").unwrap(),
            phone: None,
            notes: None,
        },
        helpers::now(),
    )
    .await
    .unwrap();
    users::register_account(
        &tx,
        &NewUserAccount {
            user: user.id,
            username: username.map(str::to_owned),
            passwd: Some(passwd.to_owned()),
            backend: backend.map(str::to_owned),
            status,
        },
        helpers::now(),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    user.id
}

fn credentials(username: &str, password: &str) -> LoginCredentials {
    LoginCredentials {
        username: username.to_owned(),
        password: password.to_owned(),
    }
}

async fn stored_passwd(ctx: &Ctx, id: UserId) -> String {
    users::find_account_of_user(&ctx.store, id)
        .await
        .unwrap()
        .unwrap()
        .passwd
        .unwrap()
}

db_test!(
    each_osticket_hash_format_signs_a_client_in,
    |db| async move {
        let ctx = helpers::ctx(&db).await;
        let oxticket_bcrypt =
            hash_password("oxticket's own", BcryptCost::parse(4).unwrap()).unwrap();
        let formats = [
            ("bcrypt", OSTICKET_BCRYPT.0, OSTICKET_BCRYPT.1),
            ("phpass", PHPASS_PORTABLE.0, PHPASS_PORTABLE.1),
            ("md5", LEGACY_MD5.0, LEGACY_MD5.1),
            ("oxticket", oxticket_bcrypt.as_str(), "oxticket's own"),
        ];
        for (name, hash, password) in formats {
            let id = user_with_account(
                &ctx,
                &format!("{name}@example.com"),
                Some(name),
                hash,
                AccountStatus::CONFIRMED,
                None,
            )
            .await;

            let session = auth::user_login(&ctx, credentials(name, password))
                .await
                .unwrap_or_else(|error| panic!("{name}: {error}"));

            assert_eq!(session.subject, Subject::User(id), "{name}");
            let claims = ctx
                .access_tokens
                .verify_access_token(&session.access_token.token, helpers::now())
                .unwrap();
            assert_eq!(claims.sub, Subject::User(id));
            assert!(!session.password_change_required, "{name}");
        }
    }
);

db_test!(
    a_client_signs_in_with_an_address_in_any_case,
    |db| async move {
        let ctx = helpers::ctx(&db).await;
        let id = user_with_account(
            &ctx,
            "Portal@Example.com",
            None,
            LEGACY_MD5.0,
            AccountStatus::CONFIRMED,
            Some("client"),
        )
        .await;

        let session = auth::user_login(&ctx, credentials("portal@EXAMPLE.com", LEGACY_MD5.1))
            .await
            .unwrap();

        assert_eq!(session.subject, Subject::User(id));
    }
);

db_test!(
    a_legacy_md5_or_phpass_password_is_rehashed_to_bcrypt,
    |db| async move {
        let ctx = helpers::ctx(&db).await;
        for (name, (hash, password)) in [("md5", LEGACY_MD5), ("phpass", PHPASS_PORTABLE)] {
            let id = user_with_account(
                &ctx,
                &format!("{name}@example.com"),
                Some(name),
                hash,
                AccountStatus::CONFIRMED,
                None,
            )
            .await;

            auth::user_login(&ctx, credentials(name, password))
                .await
                .unwrap();

            let upgraded = stored_passwd(&ctx, id).await;
            assert!(upgraded.starts_with("$2y$"), "{name}: {upgraded}");
            let again = auth::user_login(&ctx, credentials(name, password))
                .await
                .unwrap();
            assert_eq!(again.subject, Subject::User(id));
        }
    }
);

db_test!(
    unknown_accounts_and_wrong_passwords_get_one_answer,
    |db| async move {
        let ctx = helpers::ctx(&db).await;
        user_with_account(
            &ctx,
            "jo@example.com",
            Some("jo"),
            LEGACY_MD5.0,
            AccountStatus::CONFIRMED,
            None,
        )
        .await;

        for (username, password) in [
            ("jo", "wrong"),
            ("nobody", LEGACY_MD5.1),
            ("nobody@example.com", LEGACY_MD5.1),
        ] {
            let refused = auth::user_login(&ctx, credentials(username, password)).await;
            assert!(
                matches!(refused, Err(UserLoginError::InvalidCredentials)),
                "{username}: {refused:?}"
            );
        }
    }
);

db_test!(
    unconfirmed_and_locked_accounts_are_refused_only_after_the_password,
    |db| async move {
        let ctx = helpers::ctx(&db).await;
        let pending = user_with_account(
            &ctx,
            "pending@example.com",
            Some("pending"),
            LEGACY_MD5.0,
            AccountStatus::default(),
            None,
        )
        .await;
        let locked = user_with_account(
            &ctx,
            "locked@example.com",
            Some("locked"),
            LEGACY_MD5.0,
            AccountStatus::CONFIRMED.with(AccountStatus::LOCKED),
            None,
        )
        .await;

        let unconfirmed = auth::user_login(&ctx, credentials("pending", LEGACY_MD5.1)).await;
        let refused = auth::user_login(&ctx, credentials("locked", LEGACY_MD5.1)).await;
        let wrong = auth::user_login(&ctx, credentials("locked", "wrong")).await;

        assert!(
            matches!(unconfirmed, Err(UserLoginError::AccountUnconfirmed(id)) if id == pending)
        );
        assert!(matches!(refused, Err(UserLoginError::AccountLocked(id)) if id == locked));
        assert!(matches!(wrong, Err(UserLoginError::InvalidCredentials)));
        assert_eq!(
            stored_passwd(&ctx, pending).await,
            LEGACY_MD5.0,
            "a refused sign-in writes nothing"
        );
    }
);

db_test!(
    a_required_password_reset_is_reported_with_the_session,
    |db| async move {
        let ctx = helpers::ctx(&db).await;
        user_with_account(
            &ctx,
            "reset@example.com",
            Some("reset"),
            LEGACY_MD5.0,
            AccountStatus::CONFIRMED.with(AccountStatus::REQUIRE_PASSWD_RESET),
            None,
        )
        .await;

        let session = auth::user_login(&ctx, credentials("reset", LEGACY_MD5.1))
            .await
            .unwrap();

        assert!(session.password_change_required);
    }
);

db_test!(
    an_account_of_another_backend_has_no_local_password,
    |db| async move {
        let ctx = helpers::ctx(&db).await;
        user_with_account(
            &ctx,
            "ldap@example.com",
            Some("ldap"),
            LEGACY_MD5.0,
            AccountStatus::CONFIRMED,
            Some("ldap.client"),
        )
        .await;

        let refused = auth::user_login(&ctx, credentials("ldap", LEGACY_MD5.1)).await;

        assert!(matches!(refused, Err(UserLoginError::InvalidCredentials)));
    }
);

db_test!(
    a_client_refreshes_until_the_account_is_locked,
    |db| async move {
        let ctx = helpers::ctx(&db).await;
        let id = user_with_account(
            &ctx,
            "jo@example.com",
            Some("jo"),
            LEGACY_MD5.0,
            AccountStatus::CONFIRMED,
            None,
        )
        .await;
        let session = auth::user_login(&ctx, credentials("jo", LEGACY_MD5.1))
            .await
            .unwrap();

        let refreshed = auth::refresh(&ctx, session.refresh_token.as_str())
            .await
            .unwrap();
        assert_eq!(refreshed.subject, Subject::User(id));

        desk::exec(
            &db,
            &format!(
                "UPDATE {{p}}user_account SET status = {} WHERE user_id = {id}",
                AccountStatus::CONFIRMED.with(AccountStatus::LOCKED).bits()
            ),
        )
        .await;
        let refused = auth::refresh(&ctx, refreshed.refresh_token.as_str()).await;
        assert!(
            matches!(refused, Err(RefreshError::AccountDisabled)),
            "{refused:?}"
        );
    }
);
