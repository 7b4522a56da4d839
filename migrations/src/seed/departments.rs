//! `sla`, `department` and `team`: who handles tickets, and how fast.
//!
//! SLA 1 is `core.default_sla_id` and department 1 `core.default_dept_id`.

use chrono::NaiveDateTime;
use sea_orm::Value;

use super::SeedRow;

/// `SLA::FLAG_ACTIVE`.
const SLA_ACTIVE: u32 = 0x1;
/// `SLA::FLAG_ESCALATE`: an overdue ticket is marked and alerted on.
const SLA_ESCALATE: u32 = 0x2;

pub(super) struct Sla {
    id: u32,
    flags: u32,
    /// Hours of business time until a ticket is due.
    grace_period: u32,
    name: &'static str,
}

pub(super) const SLAS: [Sla; 1] = [Sla {
    id: 1,
    flags: SLA_ACTIVE | SLA_ESCALATE,
    grace_period: 18,
    name: "Default SLA",
}];

impl SeedRow<8> for Sla {
    const TABLE: &'static str = "sla";
    const COLUMNS: [&'static str; 8] = [
        "id",
        "schedule_id",
        "flags",
        "grace_period",
        "name",
        "notes",
        "created",
        "updated",
    ];
    const SERIAL: Option<&'static str> = Some("id");

    fn values(&self, now: NaiveDateTime) -> [Value; 8] {
        [
            self.id.into(),
            // No schedule of its own: the department's, else `core.schedule_id`.
            0_u32.into(),
            self.flags.into(),
            self.grace_period.into(),
            self.name.into(),
            Option::<&str>::None.into(),
            now.into(),
            now.into(),
        ]
    }
}

/// `Dept::FLAG_ACTIVE`.
const DEPT_ACTIVE: u32 = 0x4;

pub(super) struct Department {
    id: u32,
    /// 0 follows the system default SLA.
    sla_id: u32,
    name: &'static str,
    signature: &'static str,
    /// Agents of the department's groups get access (osTicket's "extended access").
    group_membership: u32,
}

pub(super) const DEPARTMENTS: [Department; 3] = [
    Department {
        id: 1,
        sla_id: 0,
        name: "Support",
        signature: "Support Department",
        group_membership: 1,
    },
    Department {
        id: 2,
        sla_id: 1,
        name: "Sales",
        signature: "Sales and Customer Retention",
        group_membership: 1,
    },
    Department {
        id: 3,
        sla_id: 0,
        name: "Maintenance",
        signature: "Maintenance Department",
        group_membership: 0,
    },
];

impl SeedRow<18> for Department {
    const TABLE: &'static str = "department";
    const COLUMNS: [&'static str; 18] = [
        "id",
        "pid",
        "tpl_id",
        "sla_id",
        "schedule_id",
        "email_id",
        "autoresp_email_id",
        "manager_id",
        "flags",
        "name",
        "signature",
        "ispublic",
        "group_membership",
        "ticket_auto_response",
        "message_auto_response",
        "path",
        "updated",
        "created",
    ];
    const SERIAL: Option<&'static str> = Some("id");

    fn values(&self, now: NaiveDateTime) -> [Value; 18] {
        [
            self.id.into(),
            // Top-level department.
            Option::<u32>::None.into(),
            // 0 for template, schedule, e-mails and manager: the system defaults, no manager.
            0_u32.into(),
            self.sla_id.into(),
            0_u32.into(),
            0_u32.into(),
            0_u32.into(),
            0_u32.into(),
            DEPT_ACTIVE.into(),
            self.name.into(),
            self.signature.into(),
            // Every department is public after osTicket's install, Maintenance
            // included, whatever its YAML says.
            1_u32.into(),
            self.group_membership.into(),
            1_u32.into(),
            1_u32.into(),
            format!("/{}/", self.id).into(),
            now.into(),
            now.into(),
        ]
    }
}

/// `Team::FLAG_ENABLED`.
const TEAM_ENABLED: u32 = 0x1;

pub(super) struct Team {
    id: u32,
    name: &'static str,
    notes: &'static str,
}

pub(super) const TEAMS: [Team; 1] = [Team {
    id: 1,
    name: "Level I Support",
    notes: "Tier 1 support, responsible for the initial iteraction with customers",
}];

impl SeedRow<7> for Team {
    const TABLE: &'static str = "team";
    const COLUMNS: [&'static str; 7] = [
        "team_id", "lead_id", "flags", "name", "notes", "created", "updated",
    ];
    const SERIAL: Option<&'static str> = Some("team_id");

    fn values(&self, now: NaiveDateTime) -> [Value; 7] {
        [
            self.id.into(),
            0_u32.into(),
            TEAM_ENABLED.into(),
            self.name.into(),
            self.notes.into(),
            now.into(),
            now.into(),
        ]
    }
}
