//! Comparing names as osTicket's MySQL collation compares them.

use sea_orm::sea_query::{Expr, ExprTrait, Func, IntoColumnRef, SimpleExpr};
use sea_orm::{ConnectionTrait, DatabaseBackend, DbErr, SqlErr};

use crate::{Conn, StoreError};

/// `column = value` without regard to case: osTicket's `utf8_general_ci`
/// columns compare so, and their unique keys (role, team and department
/// names, usernames) refuse a name that differs from another only in case.
pub(crate) fn equals_ignoring_case(
    db: &impl Conn,
    column: impl IntoColumnRef,
    value: &str,
) -> SimpleExpr {
    match db.db().get_database_backend() {
        // The collation already ignores case and keeps the index usable.
        DatabaseBackend::MySql => Expr::col(column).eq(value),
        _ => Expr::expr(Func::lower(Expr::col(column))).eq(value.to_lowercase()),
    }
}

/// A unique key refusing a write is a [`StoreError::Conflict`].
pub(crate) fn conflict_or_backend(error: DbErr) -> StoreError {
    match error.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => StoreError::Conflict,
        _ => StoreError::Backend(error),
    }
}
