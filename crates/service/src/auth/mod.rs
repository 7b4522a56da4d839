//! Sign-in of staff and of end users: a password checked as osTicket checks
//! it, then an access token and a rotating refresh token.

mod login;
mod logout;
mod password;
mod refresh;
mod session;
mod user_login;

pub use login::{LoginCredentials, LoginError, login};
pub use logout::{LogoutError, logout};
pub use refresh::{RefreshError, refresh};
pub use session::Session;
pub use user_login::{UserLoginError, user_login};
