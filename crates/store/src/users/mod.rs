//! End users (`ost_user` and the rows osTicket keeps beside it): finding one by
//! e-mail address, creating one exactly as osTicket's `User::fromVars` does, and
//! reading them back.

mod account;
mod create;
mod org_domain;
mod read;
mod search;

#[cfg(test)]
mod tests;

pub use account::{
    AccountStatus, NewUserAccount, UserAccountCredentials, UserLogin, find_account_for_login,
    find_account_of_user, register_account, upgrade_account_password,
};
pub use create::find_or_create;
pub(crate) use org_domain::escape_like;
pub(crate) use read::lower_like;
pub use read::{Page, UserPage, UserRecord, find_by_email, get, list};

use oxt_ticket::contact::{EmailAddress, PersonName};
use oxt_ticket::ids::{OrgId, UserEmailId, UserId};

/// What a new end user is created from (the user form's fields).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewUser {
    pub email: EmailAddress,
    pub name: PersonName,
    /// As typed; stored the way osTicket's phone field parses it (digits and an
    /// `X` before the extension).
    pub phone: Option<String>,
    /// The "Internal Notes" field.
    pub notes: Option<String>,
}

/// The user an e-mail address belongs to, found or just created.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundUser {
    pub id: UserId,
    /// The `ost_user_email` row the address matched.
    pub email_id: UserEmailId,
    pub org_id: Option<OrgId>,
    pub name: String,
    /// The address as stored (its case may differ from the one looked up).
    pub email: String,
    /// Whether this call created the user.
    pub created: bool,
}
