//! Reading one end user.

use super::is_staff;
use crate::{Caller, Ctx};
use oxt_store::StoreError;
use oxt_store::users::{self, UserRecord};
use oxt_ticket::ids::UserId;

#[derive(Debug, thiserror::Error)]
pub enum GetUserError {
    #[error("only staff members read the user directory")]
    Forbidden,
    #[error("no user {0}")]
    NotFound(UserId),
    #[error(transparent)]
    Store(#[from] StoreError),
}

#[tracing::instrument(skip_all, fields(user_id = %id))]
pub async fn get(ctx: &Ctx, caller: &Caller, id: UserId) -> Result<UserRecord, GetUserError> {
    if !is_staff(caller) {
        return Err(GetUserError::Forbidden);
    }
    match users::get(&ctx.store, id).await {
        Ok(record) => Ok(record),
        Err(StoreError::NotFound) => Err(GetUserError::NotFound(id)),
        Err(other) => Err(other.into()),
    }
}
