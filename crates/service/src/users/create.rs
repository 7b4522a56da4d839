//! Creating an end user from the directory.

use super::phone::PhoneNumber;
use crate::access::{ActorError, actor, require_anywhere};
use crate::{Caller, Ctx};
use oxt_perm::{AccessError, Permission};
use oxt_store::StoreError;
use oxt_store::users::{self, NewUser, UserRecord};
use oxt_ticket::contact::{EmailAddress, PersonName};

/// A new user, every field already parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreateUser {
    pub email: EmailAddress,
    pub name: PersonName,
    pub phone: Option<PhoneNumber>,
    pub notes: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum CreateUserError {
    #[error(transparent)]
    Caller(#[from] ActorError),
    /// Not a staff member holding `user.create`.
    #[error(transparent)]
    Forbidden(#[from] AccessError),
    /// The address is already some user's (osTicket keeps one user per address).
    #[error("the e-mail address already belongs to a user")]
    EmailTaken,
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Creates the user with every row osTicket writes for one, in one
/// transaction. Staff holding `user.create` may, as in osTicket.
#[tracing::instrument(skip_all)]
pub async fn create(
    ctx: &Ctx,
    caller: &Caller,
    cmd: CreateUser,
) -> Result<UserRecord, CreateUserError> {
    let grants = actor(&ctx.store, caller).await?;
    require_anywhere(&grants, Permission::UserCreate)?;
    let now = ctx.clock.now();
    let new = NewUser {
        email: cmd.email,
        name: cmd.name,
        phone: cmd.phone.map(|phone| phone.as_str().to_owned()),
        notes: cmd.notes,
    };
    if users::find_by_email(&ctx.store, &new.email)
        .await?
        .is_some()
    {
        return Err(CreateUserError::EmailTaken);
    }
    let tx = ctx.store.begin().await?;
    let found = match users::find_or_create(&tx, &new, now).await {
        Ok(found) => found,
        // Another request inserted the address between our lookup and insert.
        Err(StoreError::Conflict) => return Err(CreateUserError::EmailTaken),
        Err(other) => return Err(other.into()),
    };
    let record = users::get(&tx, found.id).await?;
    // Committed even when the address turned out taken (nothing was written
    // then), so the transaction ends now rather than when its connection is
    // next used.
    tx.commit().await?;
    if !found.created {
        return Err(CreateUserError::EmailTaken);
    }
    tracing::info!(user_id = %record.id, "user created");
    Ok(record)
}
