//! The body of a staff create or edit.

use oxt_service::staff::StaffChanges;
use oxt_ticket::ids::{DeptId, RoleId};
use serde::Deserialize;
use utoipa::ToSchema;

/// Staff fields. On create `username`, `firstname`, `lastname`, `email`,
/// `dept_id` and `role_id` are required and an absent flag takes osTicket's
/// default; on edit an absent field keeps its value. Extended department
/// access is set with `PUT /api/v2/staff/{id}/departments`, team membership
/// with `PUT /api/v2/teams/{id}/members`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StaffRequest {
    /// 2 to 32 letters, digits, `.`, `_` or `-`, not only digits; unique
    /// (ignoring case).
    username: Option<String>,
    /// At most 32 characters.
    firstname: Option<String>,
    /// At most 32 characters.
    lastname: Option<String>,
    /// Unique among agents, and not one of the help desk's system e-mails.
    email: Option<String>,
    /// The primary department: an active one.
    dept_id: Option<u32>,
    /// The role in the primary department.
    role_id: Option<u32>,
    /// Default `false`. The last active administrator stays one.
    isadmin: Option<bool>,
    /// Default `true`; `false` locks the account.
    isactive: Option<bool>,
    /// Default `false`.
    onvacation: Option<bool>,
    /// Default `false`: department access opens only tickets assigned to the
    /// agent or their teams.
    assigned_only: Option<bool>,
    /// Staff-level permission keys (`user.create`, `visibility.agents`, ...);
    /// replaces the set. A department key is refused: roles grant those.
    permissions: Option<Vec<String>>,
    /// At least 6 characters; stored as a bcrypt hash osTicket verifies.
    /// Never returned.
    password: Option<String>,
    /// Ask for a new password at the next sign-in. Default `false`; setting
    /// a password clears it unless given.
    change_passwd: Option<bool>,
}

impl From<StaffRequest> for StaffChanges {
    fn from(body: StaffRequest) -> Self {
        Self {
            username: body.username,
            firstname: body.firstname,
            lastname: body.lastname,
            email: body.email,
            dept: body.dept_id.map(DeptId::new),
            role: body.role_id.map(RoleId::new),
            is_admin: body.isadmin,
            is_active: body.isactive,
            on_vacation: body.onvacation,
            assigned_only: body.assigned_only,
            permissions: body.permissions,
            password: body.password,
            change_passwd: body.change_passwd,
        }
    }
}
