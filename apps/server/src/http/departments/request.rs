//! The body of a department create or edit.

use super::view::MemberAlertsBody;
use crate::http::nullable::nullable;
use oxt_service::departments::{DepartmentChanges, FlagChanges};
use oxt_ticket::ids::{DeptId, EmailId, ScheduleId, SlaId, StaffId, TemplateGroupId};
use serde::Deserialize;
use utoipa::ToSchema;

/// Department fields. On create an absent field takes osTicket's default
/// (`name` is required); on edit it keeps its value. A reference set to
/// `null` or `0` is cleared.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DepartmentRequest {
    /// At most 128 characters, unique among its siblings (ignoring case).
    name: Option<String>,
    /// An active department that is neither this one nor below it.
    #[serde(default, deserialize_with = "nullable")]
    #[schema(nullable)]
    pid: Option<Option<u32>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(nullable)]
    manager_id: Option<Option<u32>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(nullable)]
    sla_id: Option<Option<u32>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(nullable)]
    schedule_id: Option<Option<u32>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(nullable)]
    email_id: Option<Option<u32>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(nullable)]
    autoresp_email_id: Option<Option<u32>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(nullable)]
    tpl_id: Option<Option<u32>>,
    /// The default department must stay public.
    ispublic: Option<bool>,
    signature: Option<String>,
    /// The flags to set; absent ones keep their value (on create: active only).
    flags: Option<DepartmentFlagsRequest>,
    /// Default `department_and_extended`.
    member_alerts: Option<MemberAlertsBody>,
    /// Default `true`.
    ticket_auto_response: Option<bool>,
    /// Default `true`.
    message_auto_response: Option<bool>,
}

/// `active` and `archived` exclude each other, as do `assign_members_only`
/// and `assign_primary_only`; the default department stays active.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DepartmentFlagsRequest {
    active: Option<bool>,
    archived: Option<bool>,
    assign_members_only: Option<bool>,
    assign_primary_only: Option<bool>,
    disable_auto_claim: Option<bool>,
    disable_reopen_auto_assign: Option<bool>,
}

/// `0` is osTicket's "none" in every reference column.
fn reference<T>(raw: Option<Option<u32>>, id: fn(u32) -> Option<T>) -> Option<Option<T>> {
    raw.map(|value| value.and_then(id))
}

impl From<DepartmentRequest> for DepartmentChanges {
    fn from(body: DepartmentRequest) -> Self {
        let flags = body
            .flags
            .map_or_else(FlagChanges::default, |flags| FlagChanges {
                active: flags.active,
                archived: flags.archived,
                assign_members_only: flags.assign_members_only,
                assign_primary_only: flags.assign_primary_only,
                disable_auto_claim: flags.disable_auto_claim,
                disable_reopen_auto_assign: flags.disable_reopen_auto_assign,
            });
        Self {
            name: body.name,
            parent: reference(body.pid, DeptId::from_column),
            manager: reference(body.manager_id, StaffId::from_column),
            sla: reference(body.sla_id, SlaId::from_column),
            schedule: reference(body.schedule_id, ScheduleId::from_column),
            email: reference(body.email_id, EmailId::from_column),
            autoresponse_email: reference(body.autoresp_email_id, EmailId::from_column),
            template_group: reference(body.tpl_id, TemplateGroupId::from_column),
            flags,
            signature: body.signature,
            is_public: body.ispublic,
            member_alerts: body.member_alerts.map(Into::into),
            ticket_auto_response: body.ticket_auto_response,
            message_auto_response: body.message_auto_response,
        }
    }
}
