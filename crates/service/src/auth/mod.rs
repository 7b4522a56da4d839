//! Staff sign-in: a password checked as osTicket checks it, then an access
//! token and a rotating refresh token.

mod login;
mod logout;
mod refresh;
mod session;

pub use login::{LoginCredentials, LoginError, login};
pub use logout::{LogoutError, logout};
pub use refresh::{RefreshError, refresh};
pub use session::Session;
