//! Dates as osTicket leaves them in its tables.
//!
//! osTicket talks to MySQL with `SQL_MODE=''`, so a `NOT NULL` `datetime` it did not fill
//! (for example `thread_entry.updated` of an entry never edited) holds MySQL's zero date
//! `0000-00-00 00:00:00`. No calendar has that day and chrono cannot hold it: sqlx refuses
//! to decode it. [`OstDateTime`] and [`OstDate`] read the zero date, like SQL `NULL`, as
//! "no date" instead, so every row of a real osTicket database can be read.
//!
//! How the zero date is recognised, per backend, without looking at error messages:
//! - MySQL/MariaDB: sea-orm runs every query as a prepared statement, whose binary result
//!   encodes a date as a length byte plus fields; the zero date is the length-0 encoding.
//!   sqlx-mysql's chrono decoder turns that empty value into `UnexpectedNullError`
//!   (`decode_date` in sqlx-mysql `types/chrono.rs`), which we match by type.
//! - SQLite: dates are text; a stored `0000-00-00 00:00:00` string is compared as a value.
//! - PostgreSQL: its date types have no zero date.
//!
//! Writing "no date" stores SQL `NULL`. On PostgreSQL and SQLite every osTicket date column
//! is nullable for that reason. On MySQL a `NOT NULL` date column cannot take `NULL` in an
//! `INSERT`: leave the column unset there, and MySQL stores the zero date exactly as it does
//! for osTicket (an `UPDATE` to `NULL` also becomes the zero date under `SQL_MODE=''`).
//!
//! The values are naive: osTicket writes its dates in the database server's time zone
//! (`TIME_ZONE='SYSTEM'`), which [`crate::connect`] keeps.

use chrono::{NaiveDate, NaiveDateTime};
use sea_orm::sea_query::{ArrayType, ColumnType, Nullable, ValueType, ValueTypeErr};
use sea_orm::sqlx::error::UnexpectedNullError;
use sea_orm::sqlx::{self, Row};
use sea_orm::{ColIdx, DbErr, QueryResult, RuntimeErr, TryGetError, TryGetable, Value};
use std::sync::Arc;

/// A `datetime` or `timestamp` column of an osTicket table: a time, or none when the
/// column is `NULL` or holds MySQL's zero date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct OstDateTime(Option<NaiveDateTime>);

/// A `date` column of an osTicket table: a day, or none for `NULL` or `0000-00-00`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct OstDate(Option<NaiveDate>);

const SQLITE_ZERO_DATETIME: &str = "0000-00-00 00:00:00";
const SQLITE_ZERO_DATE: &str = "0000-00-00";

impl OstDateTime {
    /// No time: `NULL`, or the zero date osTicket leaves in `NOT NULL` columns.
    pub const NONE: Self = Self(None);

    pub fn at(time: NaiveDateTime) -> Self {
        Self(Some(time))
    }

    pub fn get(self) -> Option<NaiveDateTime> {
        self.0
    }

    pub fn is_none(self) -> bool {
        self.0.is_none()
    }
}

impl OstDate {
    /// No day: `NULL`, or MySQL's zero date.
    pub const NONE: Self = Self(None);

    pub fn on(day: NaiveDate) -> Self {
        Self(Some(day))
    }

    pub fn get(self) -> Option<NaiveDate> {
        self.0
    }

    pub fn is_none(self) -> bool {
        self.0.is_none()
    }
}

impl From<NaiveDateTime> for OstDateTime {
    fn from(time: NaiveDateTime) -> Self {
        Self::at(time)
    }
}

impl From<Option<NaiveDateTime>> for OstDateTime {
    fn from(time: Option<NaiveDateTime>) -> Self {
        Self(time)
    }
}

impl From<OstDateTime> for Option<NaiveDateTime> {
    fn from(value: OstDateTime) -> Self {
        value.0
    }
}

impl From<NaiveDate> for OstDate {
    fn from(day: NaiveDate) -> Self {
        Self::on(day)
    }
}

impl From<Option<NaiveDate>> for OstDate {
    fn from(day: Option<NaiveDate>) -> Self {
        Self(day)
    }
}

impl From<OstDate> for Option<NaiveDate> {
    fn from(value: OstDate) -> Self {
        value.0
    }
}

impl From<OstDateTime> for Value {
    fn from(value: OstDateTime) -> Self {
        Value::ChronoDateTime(value.0)
    }
}

impl From<OstDate> for Value {
    fn from(value: OstDate) -> Self {
        Value::ChronoDate(value.0)
    }
}

impl Nullable for OstDateTime {
    fn null() -> Value {
        Value::ChronoDateTime(None)
    }
}

impl Nullable for OstDate {
    fn null() -> Value {
        Value::ChronoDate(None)
    }
}

impl ValueType for OstDateTime {
    fn try_from(value: Value) -> Result<Self, ValueTypeErr> {
        match value {
            Value::ChronoDateTime(time) => Ok(Self(time)),
            _ => Err(ValueTypeErr),
        }
    }

    fn type_name() -> String {
        "OstDateTime".to_owned()
    }

    fn array_type() -> ArrayType {
        ArrayType::ChronoDateTime
    }

    fn column_type() -> ColumnType {
        ColumnType::DateTime
    }
}

impl ValueType for OstDate {
    fn try_from(value: Value) -> Result<Self, ValueTypeErr> {
        match value {
            Value::ChronoDate(day) => Ok(Self(day)),
            _ => Err(ValueTypeErr),
        }
    }

    fn type_name() -> String {
        "OstDate".to_owned()
    }

    fn array_type() -> ArrayType {
        ArrayType::ChronoDate
    }

    fn column_type() -> ColumnType {
        ColumnType::Date
    }
}

impl TryGetable for OstDateTime {
    fn try_get_by<I: ColIdx>(res: &QueryResult, idx: I) -> Result<Self, TryGetError> {
        if let Some(row) = res.try_as_mysql_row() {
            // `DateTime<Utc>` is the chrono type sqlx-mysql accepts for both `datetime` and
            // `timestamp` columns; it wraps the stored value without shifting it.
            let time =
                row.try_get::<Option<chrono::DateTime<chrono::Utc>>, _>(idx.as_sqlx_mysql_index());
            return mysql_zero_date_is_none(time)
                .map(|time| Self(time.map(|time| time.naive_utc())));
        }
        if let Some(row) = res.try_as_sqlite_row() {
            let time = row.try_get::<Option<NaiveDateTime>, _>(idx.as_sqlx_sqlite_index());
            return sqlite_zero_date_is_none(row, idx, time, SQLITE_ZERO_DATETIME).map(Self);
        }
        Option::<NaiveDateTime>::try_get_by(res, idx).map(Self)
    }
}

impl TryGetable for OstDate {
    fn try_get_by<I: ColIdx>(res: &QueryResult, idx: I) -> Result<Self, TryGetError> {
        if let Some(row) = res.try_as_mysql_row() {
            let day = row.try_get::<Option<NaiveDate>, _>(idx.as_sqlx_mysql_index());
            return mysql_zero_date_is_none(day).map(Self);
        }
        if let Some(row) = res.try_as_sqlite_row() {
            let day = row.try_get::<Option<NaiveDate>, _>(idx.as_sqlx_sqlite_index());
            return sqlite_zero_date_is_none(row, idx, day, SQLITE_ZERO_DATE).map(Self);
        }
        Option::<NaiveDate>::try_get_by(res, idx).map(Self)
    }
}

fn mysql_zero_date_is_none<T>(
    decoded: Result<Option<T>, sqlx::Error>,
) -> Result<Option<T>, TryGetError> {
    match decoded {
        Ok(value) => Ok(value),
        Err(sqlx::Error::ColumnDecode { source, .. }) if source.is::<UnexpectedNullError>() => {
            Ok(None)
        }
        Err(error) => Err(query_error(error)),
    }
}

fn sqlite_zero_date_is_none<T>(
    row: &sqlx::sqlite::SqliteRow,
    idx: impl ColIdx,
    decoded: Result<Option<T>, sqlx::Error>,
    zero: &str,
) -> Result<Option<T>, TryGetError> {
    match decoded {
        Ok(value) => Ok(value),
        Err(error) => match row.try_get::<Option<String>, _>(idx.as_sqlx_sqlite_index()) {
            Ok(Some(text)) if text == zero => Ok(None),
            _ => Err(query_error(error)),
        },
    }
}

fn query_error(error: sqlx::Error) -> TryGetError {
    TryGetError::DbErr(DbErr::Query(RuntimeErr::SqlxError(Arc::new(error))))
}
