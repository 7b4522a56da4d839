//! What a create or an edit sets, and the checks osTicket's `Dept::update`
//! makes before it writes.

use super::tree::Tree;
use crate::validation::{Checks, Invalid, Issue};
use oxt_store::departments::{self, DeptFields, DeptReference};
use oxt_store::{Conn, StoreError};
use oxt_ticket::ids::{DeptId, EmailId, ScheduleId, SlaId, StaffId, TemplateGroupId};

/// `ost_department.name` is a `varchar(128)`.
const NAME_MAX: usize = 128;

/// `ost_department.flags` (`Dept::FLAG_*`), one boolean each.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DepartmentFlags {
    /// `FLAG_ACTIVE`: tickets may be routed and transferred here.
    pub active: bool,
    /// `FLAG_ARCHIVED`: hidden, and its tickets may not be reopened.
    pub archived: bool,
    /// `FLAG_ASSIGN_MEMBERS_ONLY`: only its members may be assigned.
    pub assign_members_only: bool,
    /// `FLAG_ASSIGN_PRIMARY_ONLY`: only agents whose primary department it is.
    pub assign_primary_only: bool,
    /// `FLAG_DISABLE_AUTO_CLAIM`: a response does not claim a ticket.
    pub disable_auto_claim: bool,
    /// `FLAG_DISABLE_REOPEN_AUTO_ASSIGN`: a reopened ticket is not given
    /// back to its last agent.
    pub disable_reopen_auto_assign: bool,
}

const ASSIGN_MEMBERS_ONLY: u32 = 0x0001;
const DISABLE_AUTO_CLAIM: u32 = 0x0002;
const ACTIVE: u32 = 0x0004;
const ARCHIVED: u32 = 0x0008;
const ASSIGN_PRIMARY_ONLY: u32 = 0x0010;
const DISABLE_REOPEN_AUTO_ASSIGN: u32 = 0x0020;

impl DepartmentFlags {
    pub fn from_column(raw: u32) -> Self {
        Self {
            active: raw & ACTIVE != 0,
            archived: raw & ARCHIVED != 0,
            assign_members_only: raw & ASSIGN_MEMBERS_ONLY != 0,
            assign_primary_only: raw & ASSIGN_PRIMARY_ONLY != 0,
            disable_auto_claim: raw & DISABLE_AUTO_CLAIM != 0,
            disable_reopen_auto_assign: raw & DISABLE_REOPEN_AUTO_ASSIGN != 0,
        }
    }

    /// The column value: these bits over `current`, whose other bits stay.
    fn to_column(self, current: u32) -> u32 {
        [
            (ACTIVE, self.active),
            (ARCHIVED, self.archived),
            (ASSIGN_MEMBERS_ONLY, self.assign_members_only),
            (ASSIGN_PRIMARY_ONLY, self.assign_primary_only),
            (DISABLE_AUTO_CLAIM, self.disable_auto_claim),
            (DISABLE_REOPEN_AUTO_ASSIGN, self.disable_reopen_auto_assign),
        ]
        .into_iter()
        .fold(
            current,
            |flags, (bit, on)| {
                if on { flags | bit } else { flags & !bit }
            },
        )
    }
}

/// Flags to change; `None` keeps one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FlagChanges {
    pub active: Option<bool>,
    pub archived: Option<bool>,
    pub assign_members_only: Option<bool>,
    pub assign_primary_only: Option<bool>,
    pub disable_auto_claim: Option<bool>,
    pub disable_reopen_auto_assign: Option<bool>,
}

impl FlagChanges {
    fn apply(self, flags: DepartmentFlags) -> DepartmentFlags {
        DepartmentFlags {
            active: self.active.unwrap_or(flags.active),
            archived: self.archived.unwrap_or(flags.archived),
            assign_members_only: self
                .assign_members_only
                .unwrap_or(flags.assign_members_only),
            assign_primary_only: self
                .assign_primary_only
                .unwrap_or(flags.assign_primary_only),
            disable_auto_claim: self.disable_auto_claim.unwrap_or(flags.disable_auto_claim),
            disable_reopen_auto_assign: self
                .disable_reopen_auto_assign
                .unwrap_or(flags.disable_reopen_auto_assign),
        }
    }
}

/// Who gets a department's alerts (`group_membership`, `Dept::ALERTS_*`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MemberAlerts {
    /// Its primary members only (`ALERTS_DEPT_ONLY`).
    DepartmentOnly,
    /// Its primary members and those with extended access.
    DepartmentAndExtended,
    /// Nobody.
    Disabled,
    /// Administrators only.
    AdminOnly,
}

impl MemberAlerts {
    /// `None` for a value osTicket never writes.
    pub fn from_column(raw: i16) -> Option<Self> {
        match raw {
            0 => Some(Self::DepartmentOnly),
            1 => Some(Self::DepartmentAndExtended),
            2 => Some(Self::Disabled),
            3 => Some(Self::AdminOnly),
            _ => None,
        }
    }

    fn to_column(self) -> i16 {
        match self {
            Self::DepartmentOnly => 0,
            Self::DepartmentAndExtended => 1,
            Self::Disabled => 2,
            Self::AdminOnly => 3,
        }
    }
}

/// The fields a create sets or an edit changes; `None` leaves a field as
/// it is (on create: osTicket's default). `Some(None)` clears a reference.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DepartmentChanges {
    pub name: Option<String>,
    pub parent: Option<Option<DeptId>>,
    pub manager: Option<Option<StaffId>>,
    pub sla: Option<Option<SlaId>>,
    pub schedule: Option<Option<ScheduleId>>,
    pub email: Option<Option<EmailId>>,
    pub autoresponse_email: Option<Option<EmailId>>,
    pub template_group: Option<Option<TemplateGroupId>>,
    pub flags: FlagChanges,
    pub signature: Option<String>,
    pub is_public: Option<bool>,
    pub member_alerts: Option<MemberAlerts>,
    pub ticket_auto_response: Option<bool>,
    pub message_auto_response: Option<bool>,
}

/// A new department before `changes`: active, public, alerting its primary
/// and extended members, auto-responding, as osTicket's form starts.
pub(super) fn new_department() -> DeptFields {
    DeptFields {
        name: String::new(),
        parent: None,
        template_group: None,
        sla: None,
        schedule: None,
        email: None,
        autoresponse_email: None,
        manager: None,
        flags: ACTIVE,
        signature: String::new(),
        is_public: true,
        group_membership: MemberAlerts::DepartmentAndExtended.to_column(),
        ticket_auto_response: true,
        message_auto_response: true,
    }
}

/// Where the department being written stands.
pub(super) struct Target<'a> {
    /// `None` for a department not created yet.
    pub id: Option<DeptId>,
    pub tree: &'a Tree<'a>,
    /// `core.default_dept_id`.
    pub default_dept: Option<DeptId>,
}

/// `base` with `changes` applied, or every field osTicket would refuse.
pub(super) async fn apply(
    db: &impl Conn,
    target: &Target<'_>,
    base: DeptFields,
    changes: DepartmentChanges,
) -> Result<Result<DeptFields, Invalid>, StoreError> {
    let mut checks = Checks::default();
    let name = checks.name(
        "name",
        changes.name.as_deref().unwrap_or(&base.name),
        NAME_MAX,
    );
    let parent = changes.parent.unwrap_or(base.parent);
    if let Some(Some(new_parent)) = changes.parent {
        check_parent(db, &mut checks, target, new_parent).await?;
    }
    if !name.is_empty()
        && let Some(other) = departments::find_id_by_name(db, &name, parent).await?
        && Some(other) != target.id
    {
        checks.push("name", Issue::Taken);
    }
    // Only a reference the request sets is checked: one already stored was
    // valid when written, and a row deleted since must not make the
    // department uneditable.
    let references = [
        (
            "manager_id",
            changes.manager.flatten().map(DeptReference::Staff),
        ),
        ("sla_id", changes.sla.flatten().map(DeptReference::Sla)),
        (
            "schedule_id",
            changes.schedule.flatten().map(DeptReference::Schedule),
        ),
        (
            "email_id",
            changes.email.flatten().map(DeptReference::Email),
        ),
        (
            "autoresp_email_id",
            changes
                .autoresponse_email
                .flatten()
                .map(DeptReference::Email),
        ),
        (
            "tpl_id",
            changes
                .template_group
                .flatten()
                .map(DeptReference::TemplateGroup),
        ),
    ];
    for (field, reference) in references {
        if let Some(reference) = reference
            && !departments::reference_exists(db, reference).await?
        {
            checks.push(field, Issue::Unknown);
        }
    }
    let flags = changes
        .flags
        .apply(DepartmentFlags::from_column(base.flags));
    if flags.active && flags.archived {
        checks.push(
            "flags.archived",
            Issue::NotAllowed("cannot be set on an active department"),
        );
    }
    if flags.assign_members_only && flags.assign_primary_only {
        checks.push(
            "flags.assign_primary_only",
            Issue::NotAllowed("cannot be set with assign_members_only"),
        );
    }
    let is_public = changes.is_public.unwrap_or(base.is_public);
    let is_default = target.id.is_some() && target.id == target.default_dept;
    if is_default && !is_public {
        checks.push(
            "ispublic",
            Issue::NotAllowed("the default department cannot be private"),
        );
    }
    if is_default && !flags.active {
        checks.push(
            "flags.active",
            Issue::NotAllowed("the default department stays active"),
        );
    }
    if let Err(invalid) = checks.finish() {
        return Ok(Err(invalid));
    }
    Ok(Ok(DeptFields {
        name,
        parent,
        template_group: changes.template_group.unwrap_or(base.template_group),
        sla: changes.sla.unwrap_or(base.sla),
        schedule: changes.schedule.unwrap_or(base.schedule),
        email: changes.email.unwrap_or(base.email),
        autoresponse_email: changes
            .autoresponse_email
            .unwrap_or(base.autoresponse_email),
        manager: changes.manager.unwrap_or(base.manager),
        flags: flags.to_column(base.flags),
        signature: changes.signature.unwrap_or(base.signature),
        is_public,
        group_membership: changes
            .member_alerts
            .map_or(base.group_membership, MemberAlerts::to_column),
        ticket_auto_response: changes
            .ticket_auto_response
            .unwrap_or(base.ticket_auto_response),
        message_auto_response: changes
            .message_auto_response
            .unwrap_or(base.message_auto_response),
    }))
}

/// osTicket's parent rules: it exists, is active, and is neither the
/// department itself nor one of its descendants (which would make a loop).
async fn check_parent(
    db: &impl Conn,
    checks: &mut Checks,
    target: &Target<'_>,
    parent: DeptId,
) -> Result<(), StoreError> {
    let Some(record) = departments::find(db, parent).await? else {
        checks.push("pid", Issue::Unknown);
        return Ok(());
    };
    if let Some(id) = target.id
        && target.tree.is_within(parent, id)
    {
        checks.push(
            "pid",
            Issue::NotAllowed("is the department itself or one of its subdepartments"),
        );
    } else if !DepartmentFlags::from_column(record.fields.flags).active {
        checks.push("pid", Issue::NotAllowed("is not an active department"));
    }
    Ok(())
}
