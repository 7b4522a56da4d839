//! Finding a staff member by what they type to sign in, and stamping the sign-in.

use crate::entity::staff;
use crate::{Conn, OstDateTime, StoreError};
use chrono::{DateTime, Utc};
use oxt_ticket::ids::StaffId;
use sea_orm::sea_query::{Expr, ExprTrait, Func};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseBackend, EntityTrait, QueryFilter, QueryOrder,
    sea_query::SimpleExpr,
};

/// How a sign-in names the staff member, decided as osTicket's `Staff::lookup`
/// decides it from the typed string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StaffLogin {
    /// All digits: osTicket reads it as `staff_id` (usernames are never numeric).
    Id(StaffId),
    /// Contains an `@`: compared with `ost_staff.email`.
    Email(String),
    Username(String),
}

impl StaffLogin {
    /// Classifies what was typed in the username box.
    pub fn from_typed(typed: &str) -> Self {
        let typed = typed.trim();
        if !typed.is_empty()
            && typed.bytes().all(|b| b.is_ascii_digit())
            && let Ok(id) = typed.parse::<u32>()
        {
            return Self::Id(StaffId::new(id));
        }
        if typed.contains('@') {
            Self::Email(typed.to_owned())
        } else {
            Self::Username(typed.to_owned())
        }
    }
}

/// What deciding a sign-in needs to know about a staff member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffCredentials {
    pub id: StaffId,
    pub username: String,
    /// `ost_staff.passwd`; `None` or empty when the account has no local password.
    pub passwd: Option<String>,
    /// `ost_staff.backend`: another authentication backend (LDAP, ...) owns the account.
    pub backend: Option<String>,
    pub is_active: bool,
    pub is_admin: bool,
    /// `ost_staff.change_passwd`: osTicket makes them change it before anything else.
    pub change_passwd: bool,
}

/// The staff member `login` names. Usernames and addresses compare without
/// case, as osTicket's MySQL collation compares them.
pub async fn find_for_login(
    db: &impl Conn,
    login: &StaffLogin,
) -> Result<Option<StaffCredentials>, StoreError> {
    let backend = db.db().get_database_backend();
    let condition = match login {
        StaffLogin::Id(id) => staff::Column::StaffId.eq(id.get()),
        StaffLogin::Email(email) => equals_ignoring_case(backend, staff::Column::Email, email),
        StaffLogin::Username(username) => {
            equals_ignoring_case(backend, staff::Column::Username, username)
        }
    };
    let row = staff::Entity::find()
        .filter(condition)
        .order_by_asc(staff::Column::StaffId)
        .one(db.db())
        .await?;
    Ok(row.map(|row| StaffCredentials {
        id: StaffId::new(row.staff_id),
        username: row.username,
        passwd: row.passwd,
        backend: row.backend,
        is_active: row.isactive != 0,
        is_admin: row.isadmin != 0,
        change_passwd: row.change_passwd != 0,
    }))
}

fn equals_ignoring_case(
    backend: DatabaseBackend,
    column: staff::Column,
    value: &str,
) -> SimpleExpr {
    match backend {
        // `utf8_general_ci` already ignores case and keeps the index usable.
        DatabaseBackend::MySql => column.eq(value),
        _ => Expr::expr(Func::lower(Expr::col(column))).eq(value.to_lowercase()),
    }
}

/// A stored password hash to replace with a stronger one, only if it is
/// still the stored one (a password changed meanwhile is left alone).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PasswordUpgrade<'a> {
    pub from: &'a str,
    pub to: &'a str,
}

/// Stamps a successful sign-in as osTicket's `Staff::onLogin` does
/// (`lastlogin` and `updated` to now) and applies `upgrade`: `passwd` only,
/// since a rehash is not a password change and `passwdreset` stays.
pub async fn record_login(
    db: &impl Conn,
    id: StaffId,
    upgrade: Option<PasswordUpgrade<'_>>,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let now = OstDateTime::at(now.naive_utc());
    let stamped = staff::Entity::update_many()
        .col_expr(staff::Column::Lastlogin, Expr::value(now))
        .col_expr(staff::Column::Updated, Expr::value(now))
        .filter(staff::Column::StaffId.eq(id.get()))
        .exec(db.db())
        .await?;
    if stamped.rows_affected == 0 {
        return Err(StoreError::NotFound);
    }
    if let Some(upgrade) = upgrade {
        staff::Entity::update_many()
            .col_expr(staff::Column::Passwd, Expr::value(upgrade.to))
            .filter(staff::Column::StaffId.eq(id.get()))
            .filter(staff::Column::Passwd.eq(upgrade.from))
            .exec(db.db())
            .await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_name_a_staff_id_an_at_sign_an_email_anything_else_a_username() {
        assert_eq!(
            StaffLogin::from_typed(" 12 "),
            StaffLogin::Id(StaffId::new(12))
        );
        assert_eq!(
            StaffLogin::from_typed("Admin@Example.com"),
            StaffLogin::Email("Admin@Example.com".to_owned())
        );
        assert_eq!(
            StaffLogin::from_typed("j.doe"),
            StaffLogin::Username("j.doe".to_owned())
        );
    }
}
