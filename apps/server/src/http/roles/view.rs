//! The JSON shape of a role.

use chrono::{DateTime, Utc};
use oxt_service::roles::Role;
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Debug, Serialize, ToSchema)]
pub struct RoleBody {
    /// `ost_role.id`
    pub id: u32,
    pub name: String,
    pub notes: Option<String>,
    /// `Role::FLAG_ENABLED`: a disabled role is not offered for new access.
    pub enabled: bool,
    /// The osTicket permission keys the role grants (`ticket.assign`, ...),
    /// including keys of plugins this server does not know.
    pub permissions: Vec<String>,
    pub created: Option<DateTime<Utc>>,
    pub updated: Option<DateTime<Utc>>,
}

impl From<Role> for RoleBody {
    fn from(role: Role) -> Self {
        let permissions = role
            .permissions
            .granted()
            .iter()
            .map(|permission| permission.as_str().to_owned())
            .chain(role.permissions.unknown_keys().map(str::to_owned))
            .collect();
        Self {
            id: role.record.id.get(),
            name: role.record.name,
            notes: role.record.notes,
            enabled: role.record.enabled,
            permissions,
            created: role.record.created.map(|at| at.and_utc()),
            updated: role.record.updated.map(|at| at.and_utc()),
        }
    }
}

/// Every role.
#[derive(Debug, Serialize, ToSchema)]
pub struct RoleListBody {
    pub items: Vec<RoleBody>,
}
