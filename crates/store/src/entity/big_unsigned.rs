//! osTicket's `bigint unsigned` columns (`sequence.next`, `file.size`).

use sea_orm::sea_query::{ArrayType, ColumnType, Nullable, ValueType, ValueTypeErr};
use sea_orm::{ColIdx, DbErr, QueryResult, TryGetError, TryGetable, Value};
use std::sync::Arc;

/// An unsigned 64-bit column value. sea-orm reads `u64` from MySQL only; this type also
/// reads the column from PostgreSQL and SQLite, where it is a signed `bigint` (so values
/// above `i64::MAX` exist on MySQL alone).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct BigUnsigned(pub u64);

impl From<u64> for BigUnsigned {
    fn from(value: u64) -> Self {
        Self(value)
    }
}

impl From<BigUnsigned> for u64 {
    fn from(value: BigUnsigned) -> Self {
        value.0
    }
}

impl From<BigUnsigned> for Value {
    fn from(value: BigUnsigned) -> Self {
        Value::BigUnsigned(Some(value.0))
    }
}

impl Nullable for BigUnsigned {
    fn null() -> Value {
        Value::BigUnsigned(None)
    }
}

impl ValueType for BigUnsigned {
    fn try_from(value: Value) -> Result<Self, ValueTypeErr> {
        match value {
            Value::BigUnsigned(Some(value)) => Ok(Self(value)),
            _ => Err(ValueTypeErr),
        }
    }

    fn type_name() -> String {
        "BigUnsigned".to_owned()
    }

    fn array_type() -> ArrayType {
        ArrayType::BigUnsigned
    }

    fn column_type() -> ColumnType {
        ColumnType::BigUnsigned
    }
}

impl TryGetable for BigUnsigned {
    fn try_get_by<I: ColIdx>(res: &QueryResult, idx: I) -> Result<Self, TryGetError> {
        if res.try_as_mysql_row().is_some() {
            return u64::try_get_by(res, idx).map(Self);
        }
        let signed = i64::try_get_by(res, idx)?;
        <u64 as TryFrom<i64>>::try_from(signed)
            .map(Self)
            .map_err(|error| {
                TryGetError::DbErr(DbErr::TryIntoErr {
                    from: "i64",
                    into: "u64",
                    source: Arc::new(error),
                })
            })
    }
}
