//! The JSON shape of a staff member. No password hash or authentication
//! backend is ever part of it.

use chrono::{DateTime, Utc};
use oxt_service::staff::{DeptAccessRow, StaffMember, StaffRecord};
use serde::Serialize;
use utoipa::ToSchema;

/// A staff member as the directory lists them.
#[derive(Debug, Serialize, ToSchema)]
pub struct StaffSummaryBody {
    /// `ost_staff.staff_id`
    pub id: u32,
    pub username: String,
    pub firstname: String,
    pub lastname: String,
    pub email: String,
    pub phone: String,
    pub phone_ext: Option<String>,
    pub mobile: String,
    /// The primary department.
    pub dept_id: u32,
    /// The role in the primary department.
    pub role_id: u32,
    pub isadmin: bool,
    /// `false` for a locked account.
    pub isactive: bool,
    pub onvacation: bool,
    pub assigned_only: bool,
    pub change_passwd: bool,
    pub created: Option<DateTime<Utc>>,
    pub updated: Option<DateTime<Utc>>,
    pub lastlogin: Option<DateTime<Utc>>,
}

/// A staff member with what decides their permissions.
#[derive(Debug, Serialize, ToSchema)]
pub struct StaffBody {
    #[serde(flatten)]
    pub summary: StaffSummaryBody,
    /// Staff-level permission keys, including keys of plugins this server
    /// does not know.
    pub permissions: Vec<String>,
    /// Extended department access.
    pub departments: Vec<DeptAccessBody>,
    /// The teams the staff member belongs to.
    pub teams: Vec<StaffTeamBody>,
}

/// One department of a staff member's extended access
/// (`ost_staff_dept_access`).
#[derive(Debug, Serialize, ToSchema)]
pub struct DeptAccessBody {
    pub dept_id: u32,
    pub role_id: u32,
    /// `StaffDeptAccess::FLAG_ALERTS`: the agent gets the department's alerts.
    pub alerts: bool,
}

/// A team the staff member belongs to.
#[derive(Debug, Serialize, ToSchema)]
pub struct StaffTeamBody {
    pub team_id: u32,
    /// `TeamMember::FLAG_ALERTS`.
    pub alerts: bool,
}

/// Extended department access, whole.
#[derive(Debug, Serialize, ToSchema)]
pub struct DeptAccessListBody {
    pub items: Vec<DeptAccessBody>,
}

/// A page of the directory.
#[derive(Debug, Serialize, ToSchema)]
pub struct StaffListBody {
    pub items: Vec<StaffSummaryBody>,
    /// How many staff members match in all.
    pub total: u64,
    pub page: u32,
    pub per_page: u32,
}

impl From<StaffRecord> for StaffSummaryBody {
    fn from(record: StaffRecord) -> Self {
        Self {
            id: record.id.get(),
            username: record.username,
            firstname: record.firstname,
            lastname: record.lastname,
            email: record.email,
            phone: record.phone,
            phone_ext: record.phone_ext,
            mobile: record.mobile,
            dept_id: record.dept.get(),
            role_id: record.role.get(),
            isadmin: record.is_admin,
            isactive: record.is_active,
            onvacation: record.on_vacation,
            assigned_only: record.assigned_only,
            change_passwd: record.change_passwd,
            created: record.created.map(|at| at.and_utc()),
            updated: record.updated.map(|at| at.and_utc()),
            lastlogin: record.lastlogin.map(|at| at.and_utc()),
        }
    }
}

impl From<DeptAccessRow> for DeptAccessBody {
    fn from(row: DeptAccessRow) -> Self {
        Self {
            dept_id: row.dept.get(),
            role_id: row.role.get(),
            alerts: row.alerts,
        }
    }
}

impl From<StaffMember> for StaffBody {
    fn from(member: StaffMember) -> Self {
        let permissions = member
            .permissions
            .granted()
            .iter()
            .map(|permission| permission.as_str().to_owned())
            .chain(member.permissions.unknown_keys().map(str::to_owned))
            .collect();
        Self {
            summary: member.record.into(),
            permissions,
            departments: member.dept_access.into_iter().map(Into::into).collect(),
            teams: member
                .teams
                .into_iter()
                .map(|membership| StaffTeamBody {
                    team_id: membership.team.get(),
                    alerts: membership.alerts,
                })
                .collect(),
        }
    }
}
