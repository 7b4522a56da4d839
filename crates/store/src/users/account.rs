//! End-user portal accounts (`ost_user_account`): finding one by what the
//! client typed to sign in, and saving a rehashed password.

use crate::entity::{user_account, user_email};
use crate::staff::PasswordUpgrade;
use crate::text::{conflict_or_backend, equals_ignoring_case};
use crate::{Conn, OstDateTime, StoreError};
use chrono::{DateTime, Utc};
use oxt_ticket::ids::UserId;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

/// How a client names their account, decided as osTicket's
/// `UserAccount::lookupByUsername` decides it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UserLogin {
    /// Contains an `@`: any of the user's addresses (`ost_user_email`).
    Email(String),
    /// `ost_user_account.username`.
    Username(String),
}

impl UserLogin {
    pub fn from_typed(typed: &str) -> Self {
        let typed = typed.trim();
        if typed.contains('@') {
            Self::Email(typed.to_owned())
        } else {
            Self::Username(typed.to_owned())
        }
    }
}

/// `ost_user_account.status` (`UserAccountStatus`): bit flags.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AccountStatus(u32);

impl AccountStatus {
    /// The client confirmed the account (or an agent registered it confirmed).
    pub const CONFIRMED: Self = Self(0x1);
    /// An agent locked the account.
    pub const LOCKED: Self = Self(0x2);
    /// The client must choose a new password before anything else.
    pub const REQUIRE_PASSWD_RESET: Self = Self(0x4);

    pub const fn from_column(raw: u32) -> Self {
        Self(raw)
    }

    pub const fn bits(self) -> u32 {
        self.0
    }

    pub const fn with(self, other: Self) -> Self {
        Self(self.0 | other.0)
    }

    pub const fn contains(self, other: Self) -> bool {
        self.0 & other.0 == other.0
    }

    pub const fn is_confirmed(self) -> bool {
        self.contains(Self::CONFIRMED)
    }

    pub const fn is_locked(self) -> bool {
        self.contains(Self::LOCKED)
    }

    pub const fn requires_password_reset(self) -> bool {
        self.contains(Self::REQUIRE_PASSWD_RESET)
    }
}

/// A portal account to register for an existing user (osTicket's
/// `UserAccount::register`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewUserAccount {
    pub user: UserId,
    pub username: Option<String>,
    /// A hash `oxt_identity::PasswordHash` reads, or `None` for an account
    /// another backend authenticates.
    pub passwd: Option<String>,
    pub backend: Option<String>,
    pub status: AccountStatus,
}

/// Registers `new`; [`StoreError::Conflict`] when the username is taken.
pub async fn register_account(
    db: &impl Conn,
    new: &NewUserAccount,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    user_account::Entity::insert(user_account::ActiveModel {
        user_id: Set(new.user.get()),
        status: Set(new.status.bits()),
        timezone: Set(None),
        lang: Set(None),
        username: Set(new.username.clone()),
        passwd: Set(new.passwd.clone()),
        backend: Set(new.backend.clone()),
        extra: Set(None),
        registered: Set(OstDateTime::at(now.naive_utc())),
        ..Default::default()
    })
    .exec(db.db())
    .await
    .map_err(conflict_or_backend)?;
    Ok(())
}

/// What deciding a client sign-in needs to know about an account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserAccountCredentials {
    pub user_id: UserId,
    /// `ost_user_account.passwd`; `None` for an account without a local password.
    pub passwd: Option<String>,
    /// `ost_user_account.backend`: the authentication backend that owns it.
    pub backend: Option<String>,
    pub status: AccountStatus,
}

impl From<user_account::Model> for UserAccountCredentials {
    fn from(row: user_account::Model) -> Self {
        Self {
            user_id: UserId::new(row.user_id),
            passwd: row.passwd,
            backend: row.backend,
            status: AccountStatus::from_column(row.status),
        }
    }
}

/// The account `login` names. Addresses and usernames compare without case,
/// as osTicket's collation compares them.
pub async fn find_account_for_login(
    db: &impl Conn,
    login: &UserLogin,
) -> Result<Option<UserAccountCredentials>, StoreError> {
    let user_id = match login {
        UserLogin::Username(username) => {
            return Ok(user_account::Entity::find()
                .filter(equals_ignoring_case(
                    db,
                    user_account::Column::Username,
                    username,
                ))
                .order_by_asc(user_account::Column::Id)
                .one(db.db())
                .await?
                .map(UserAccountCredentials::from));
        }
        UserLogin::Email(address) => user_email::Entity::find()
            .filter(equals_ignoring_case(
                db,
                user_email::Column::Address,
                address,
            ))
            .order_by_asc(user_email::Column::Id)
            .one(db.db())
            .await?
            .map(|row| UserId::new(row.user_id)),
    };
    match user_id {
        Some(user_id) => find_account_of_user(db, user_id).await,
        None => Ok(None),
    }
}

/// The portal account of user `id`, if they registered one.
pub async fn find_account_of_user(
    db: &impl Conn,
    id: UserId,
) -> Result<Option<UserAccountCredentials>, StoreError> {
    Ok(user_account::Entity::find()
        .filter(user_account::Column::UserId.eq(id.get()))
        .order_by_asc(user_account::Column::Id)
        .one(db.db())
        .await?
        .map(UserAccountCredentials::from))
}

/// Saves the stronger hash of a password that just verified, only if the
/// stored one is still the one checked (`ClientAccount::check_passwd`
/// rehashes a legacy MD5 password on sign-in).
pub async fn upgrade_account_password(
    db: &impl Conn,
    user: UserId,
    upgrade: PasswordUpgrade<'_>,
) -> Result<(), StoreError> {
    user_account::Entity::update_many()
        .col_expr(user_account::Column::Passwd, Expr::value(upgrade.to))
        .filter(user_account::Column::UserId.eq(user.get()))
        .filter(user_account::Column::Passwd.eq(upgrade.from))
        .exec(db.db())
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_at_sign_names_an_address_anything_else_a_username() {
        assert_eq!(
            UserLogin::from_typed(" Jo@Example.com "),
            UserLogin::Email("Jo@Example.com".to_owned())
        );
        assert_eq!(
            UserLogin::from_typed("jo"),
            UserLogin::Username("jo".to_owned())
        );
    }

    #[test]
    fn status_bits_read_as_osticket_defines_them() {
        let status = AccountStatus::from_column(0x1 | 0x4);
        assert_eq!(
            AccountStatus::CONFIRMED.with(AccountStatus::REQUIRE_PASSWD_RESET),
            status
        );
        assert!(status.is_confirmed());
        assert!(!status.is_locked());
        assert!(status.requires_password_reset());
        assert!(AccountStatus::from_column(0x2).is_locked());
    }
}
