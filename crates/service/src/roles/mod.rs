//! Roles: the permission sets osTicket grants per department. Any active
//! agent reads them; only an administrator writes them.

mod create;
mod delete;
mod read;
mod update;

pub use create::{CreateRoleError, NewRole, create};
pub use delete::{DeleteRoleError, delete};
pub use oxt_store::roles::RoleUsage;
pub use read::{GetRoleError, ListRolesError, get, list};
pub use update::{RolePatch, UpdateRoleError, update};

use crate::validation::{Checks, Issue};
use oxt_perm::{Permission, PermissionScope, RolePermissions, RolePermissionsError};
use oxt_store::roles::RoleRecord;
use oxt_store::{Conn, StoreError};
use oxt_ticket::ids::RoleId;

/// `ost_role.name` is a `varchar(64)`.
const NAME_MAX: usize = 64;

/// A role with its permissions read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Role {
    pub record: RoleRecord,
    pub permissions: RolePermissions,
}

/// The role's permissions column could not be read.
#[derive(Debug, thiserror::Error)]
#[error("role {id} has an unreadable permissions column")]
pub struct UnreadableRole {
    pub id: RoleId,
    #[source]
    pub source: RolePermissionsError,
}

impl TryFrom<RoleRecord> for Role {
    type Error = UnreadableRole;

    fn try_from(record: RoleRecord) -> Result<Self, Self::Error> {
        let permissions =
            RolePermissions::parse(record.permissions.as_deref()).map_err(|source| {
                UnreadableRole {
                    id: record.id,
                    source,
                }
            })?;
        Ok(Self {
            record,
            permissions,
        })
    }
}

/// Checks a role's name and permission keys as osTicket's `Role::update`
/// does: a name no other role has, and at least one permission. Keys must
/// be department permissions (checked only when given): the staff-level ones (`user.create`, ...) live
/// in `ost_staff.permissions`, never in a role. Keys are reported by their
/// position (`permissions[3]`).
async fn check_fields(
    db: &impl Conn,
    checks: &mut Checks,
    this: Option<RoleId>,
    name: &str,
    keys: Option<&[String]>,
) -> Result<(String, Option<Vec<Permission>>), StoreError> {
    let name = checks.name("name", name, NAME_MAX);
    if !name.is_empty()
        && let Some(other) = oxt_store::roles::find_id_by_name(db, &name).await?
        && Some(other) != this
    {
        checks.push("name", Issue::Taken);
    }
    let Some(keys) = keys else {
        return Ok((name, None));
    };
    if keys.is_empty() {
        checks.push("permissions", Issue::Required);
    }
    let mut granted = Vec::with_capacity(keys.len());
    for (index, key) in keys.iter().enumerate() {
        match Permission::parse(key) {
            Ok(permission) if permission.scope() == PermissionScope::Department => {
                granted.push(permission);
            }
            Ok(_) => checks.push(
                format!("permissions[{index}]"),
                Issue::NotAllowed("is a staff permission, which no role grants"),
            ),
            Err(_) => checks.push(format!("permissions[{index}]"), Issue::Unknown),
        }
    }
    Ok((name, Some(granted)))
}
