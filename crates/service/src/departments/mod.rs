//! Departments: their settings, flags and nesting. Any active agent reads
//! them; only an administrator writes them.

mod changes;
mod create;
mod delete;
mod read;
mod tree;
mod update;

pub use changes::{DepartmentChanges, DepartmentFlags, FlagChanges, MemberAlerts};
pub use create::{CreateDepartmentError, create};
pub use delete::{DeleteDepartmentError, delete};
pub use oxt_store::departments::{DeptRecord, DeptUsage};
pub use read::{GetDepartmentError, ListDepartmentsError, get, list};
pub use update::{UpdateDepartmentError, update};

/// A department with its name as osTicket shows it, its ancestors' names
/// first: `Support / Tier 2`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Department {
    pub record: DeptRecord,
    pub full_name: String,
}
