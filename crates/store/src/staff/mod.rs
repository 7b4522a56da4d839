//! Staff members (`ost_staff`): signing in, and creating agents and teams
//! (the demo desk a first start seeds).

mod create;
mod login;

pub use create::{NewStaff, NewTeam, create, create_team};
pub use login::{PasswordUpgrade, StaffCredentials, StaffLogin, find_for_login, record_login};
