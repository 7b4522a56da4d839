//! Reading one end user.

use crate::access::{ActorError, actor, require_anywhere};
use crate::{Caller, Ctx};
use oxt_identity::Subject;
use oxt_perm::{AccessError, Permission};
use oxt_store::StoreError;
use oxt_store::users::{self, UserRecord};
use oxt_ticket::ids::UserId;

#[derive(Debug, thiserror::Error)]
pub enum GetUserError {
    #[error(transparent)]
    Caller(#[from] ActorError),
    /// Not a staff member holding `user.dir` (and not the user themselves).
    #[error(transparent)]
    Forbidden(#[from] AccessError),
    #[error("no user {0}")]
    NotFound(UserId),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// One user: staff holding `user.dir` read any (osTicket's directory); an
/// end user reads their own record only.
#[tracing::instrument(skip_all, fields(user_id = %id))]
pub async fn get(ctx: &Ctx, caller: &Caller, id: UserId) -> Result<UserRecord, GetUserError> {
    let grants = actor(&ctx.store, caller).await?;
    match caller.subject {
        Subject::User(me) if me == id => {}
        // Another user's record is not an end user's to see, nor to learn of.
        Subject::User(_) => return Err(GetUserError::NotFound(id)),
        Subject::Staff(_) => require_anywhere(&grants, Permission::UserDirectory)?,
    }
    match users::get(&ctx.store, id).await {
        Ok(record) => Ok(record),
        Err(StoreError::NotFound) => Err(GetUserError::NotFound(id)),
        Err(other) => Err(other.into()),
    }
}
