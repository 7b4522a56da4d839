//! Staff members (`ost_staff`): signing in, and creating agents and teams
//! (the demo desk a first start seeds).

mod admin;
mod create;
mod login;

pub use admin::{is_active_admin, is_active_staff};
pub use create::{NewStaff, NewTeam, create, create_team};
pub use login::{PasswordUpgrade, StaffCredentials, StaffLogin, find_for_login, record_login};
