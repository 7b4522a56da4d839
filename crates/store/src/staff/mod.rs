//! Staff members (`ost_staff`): signing in, the directory, creating, editing
//! and deleting them, and their extended department access.

mod admin;
mod create;
mod dept_access;
mod directory;
mod login;
mod write;

pub use admin::{is_active_admin, is_active_staff};
pub use create::{NewStaff, create};
pub use dept_access::{DeptAccessRow, list_dept_access, replace_dept_access};
pub use directory::{
    StaffFilter, StaffPage, StaffRecord, exists, find, find_id_by_email, find_id_by_username,
    is_system_email, list,
};
pub use login::{PasswordUpgrade, StaffCredentials, StaffLogin, find_for_login, record_login};
pub use write::{StaffFields, delete, other_active_admins, set_password, update};
