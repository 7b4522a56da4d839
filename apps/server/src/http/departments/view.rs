//! The JSON shape of a department.

use chrono::{DateTime, Utc};
use oxt_service::departments::{Department, DepartmentFlags, MemberAlerts};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A department, with osTicket's column names.
#[derive(Debug, Serialize, ToSchema)]
pub struct DepartmentBody {
    /// `ost_department.id`
    pub id: u32,
    pub name: String,
    /// The name with its ancestors', as osTicket shows it: `Support / Tier 2`.
    pub full_name: String,
    /// The parent department; `null` at the top.
    pub pid: Option<u32>,
    /// `ost_department.path`: the ids from the root down, `/1/4/`.
    pub path: String,
    pub manager_id: Option<u32>,
    pub sla_id: Option<u32>,
    pub schedule_id: Option<u32>,
    /// The outgoing system e-mail.
    pub email_id: Option<u32>,
    /// The system e-mail auto-responses are sent from.
    pub autoresp_email_id: Option<u32>,
    /// The e-mail template set.
    pub tpl_id: Option<u32>,
    pub ispublic: bool,
    pub signature: String,
    pub flags: DepartmentFlagsBody,
    /// Who gets the department's alerts; `null` for a value osTicket never writes.
    pub member_alerts: Option<MemberAlertsBody>,
    pub ticket_auto_response: bool,
    pub message_auto_response: bool,
    pub created: Option<DateTime<Utc>>,
    pub updated: Option<DateTime<Utc>>,
}

/// `ost_department.flags` (`Dept::FLAG_*`).
#[derive(Debug, Serialize, ToSchema)]
pub struct DepartmentFlagsBody {
    pub active: bool,
    pub archived: bool,
    pub assign_members_only: bool,
    pub assign_primary_only: bool,
    pub disable_auto_claim: bool,
    pub disable_reopen_auto_assign: bool,
}

/// `ost_department.group_membership`.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum MemberAlertsBody {
    DepartmentOnly,
    DepartmentAndExtended,
    Disabled,
    AdminOnly,
}

impl From<MemberAlerts> for MemberAlertsBody {
    fn from(alerts: MemberAlerts) -> Self {
        match alerts {
            MemberAlerts::DepartmentOnly => Self::DepartmentOnly,
            MemberAlerts::DepartmentAndExtended => Self::DepartmentAndExtended,
            MemberAlerts::Disabled => Self::Disabled,
            MemberAlerts::AdminOnly => Self::AdminOnly,
        }
    }
}

impl From<MemberAlertsBody> for MemberAlerts {
    fn from(alerts: MemberAlertsBody) -> Self {
        match alerts {
            MemberAlertsBody::DepartmentOnly => Self::DepartmentOnly,
            MemberAlertsBody::DepartmentAndExtended => Self::DepartmentAndExtended,
            MemberAlertsBody::Disabled => Self::Disabled,
            MemberAlertsBody::AdminOnly => Self::AdminOnly,
        }
    }
}

impl From<Department> for DepartmentBody {
    fn from(department: Department) -> Self {
        let record = department.record;
        let fields = record.fields;
        let flags = DepartmentFlags::from_column(fields.flags);
        Self {
            id: record.id.get(),
            name: fields.name,
            full_name: department.full_name,
            pid: fields.parent.map(|id| id.get()),
            path: record.path,
            manager_id: fields.manager.map(|id| id.get()),
            sla_id: fields.sla.map(|id| id.get()),
            schedule_id: fields.schedule.map(|id| id.get()),
            email_id: fields.email.map(|id| id.get()),
            autoresp_email_id: fields.autoresponse_email.map(|id| id.get()),
            tpl_id: fields.template_group.map(|id| id.get()),
            ispublic: fields.is_public,
            signature: fields.signature,
            flags: DepartmentFlagsBody {
                active: flags.active,
                archived: flags.archived,
                assign_members_only: flags.assign_members_only,
                assign_primary_only: flags.assign_primary_only,
                disable_auto_claim: flags.disable_auto_claim,
                disable_reopen_auto_assign: flags.disable_reopen_auto_assign,
            },
            member_alerts: MemberAlerts::from_column(fields.group_membership)
                .map(MemberAlertsBody::from),
            ticket_auto_response: fields.ticket_auto_response,
            message_auto_response: fields.message_auto_response,
            created: record.created.map(|at| at.and_utc()),
            updated: record.updated.map(|at| at.and_utc()),
        }
    }
}

/// Every department, by full name.
#[derive(Debug, Serialize, ToSchema)]
pub struct DepartmentListBody {
    pub items: Vec<DepartmentBody>,
}
