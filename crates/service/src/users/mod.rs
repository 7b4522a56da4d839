//! End users: creating one, reading one, searching the directory. Only staff
//! may; an end user's own token is refused.

mod create;
mod get;
mod list;
mod phone;

pub use create::{CreateUser, CreateUserError, create};
pub use get::{GetUserError, get};
pub use list::{ListUsersError, UserList, UserPaging, UserPagingError, UserQuery, list};
pub use oxt_store::users::UserRecord;
pub use phone::{PhoneNumber, PhoneNumberError};

use crate::Caller;
use oxt_identity::Subject;

/// The caller, if it is a staff member (the directory is an agent's tool).
fn is_staff(caller: &Caller) -> bool {
    matches!(caller.subject, Subject::Staff(_))
}
