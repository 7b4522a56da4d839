//! End users: creating one, reading one, searching the directory, as
//! osTicket's staff permissions `user.create` and `user.dir` allow; an end
//! user reads their own record only.

mod create;
mod get;
mod list;
mod phone;

pub use create::{CreateUser, CreateUserError, create};
pub use get::{GetUserError, get};
pub use list::{ListUsersError, UserList, UserPaging, UserPagingError, UserQuery, list};
pub use oxt_store::users::UserRecord;
pub use phone::{PhoneNumber, PhoneNumberError};
