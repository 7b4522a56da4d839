//! Errors of the store.

use sea_orm::DbErr;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("no such record")]
    NotFound,
    #[error("the record conflicts with one already stored")]
    Conflict,
    #[error(transparent)]
    TablePrefix(#[from] crate::PrefixError),
    #[error("database error")]
    Backend(#[source] DbErr),
}

impl From<DbErr> for StoreError {
    fn from(error: DbErr) -> Self {
        Self::Backend(error)
    }
}
