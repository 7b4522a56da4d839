//! `role`: the permission sets an agent holds in a department.
//!
//! `permissions` is a JSON object whose keys are the granted permissions, in the
//! order osTicket registers them (`RolePermission::register`); NULL grants nothing.
//! Role 3 lacks `ticket.reply` and `task.create` because osTicket's own seed file
//! misses a comma between them; a fresh osTicket install has exactly this set.

use chrono::NaiveDateTime;
use sea_orm::Value;

use super::SeedRow;

/// `Role::FLAG_ENABLED`.
const ENABLED: u32 = 0x1;

pub(super) struct Role {
    id: u32,
    name: &'static str,
    permissions: Option<&'static str>,
    notes: &'static str,
}

pub(super) const ROLES: [Role; 4] = [
    Role {
        id: 1,
        name: "All Access",
        permissions: Some(concat!(
            r#"{"ticket.assign":1,"ticket.close":1,"ticket.create":1,"ticket.delete":1,"#,
            r#""ticket.edit":1,"thread.edit":1,"ticket.link":1,"ticket.markanswered":1,"#,
            r#""ticket.merge":1,"ticket.reply":1,"ticket.refer":1,"ticket.release":1,"#,
            r#""ticket.transfer":1,"task.assign":1,"task.close":1,"task.create":1,"#,
            r#""task.delete":1,"task.edit":1,"task.reply":1,"task.transfer":1,"#,
            r#""canned.manage":1}"#,
        )),
        notes: "Role with unlimited access",
    },
    Role {
        id: 2,
        name: "Expanded Access",
        permissions: Some(concat!(
            r#"{"ticket.assign":1,"ticket.close":1,"ticket.create":1,"ticket.edit":1,"#,
            r#""ticket.link":1,"ticket.merge":1,"ticket.reply":1,"ticket.refer":1,"#,
            r#""ticket.release":1,"ticket.transfer":1,"task.assign":1,"task.close":1,"#,
            r#""task.create":1,"task.edit":1,"task.reply":1,"task.transfer":1,"#,
            r#""canned.manage":1}"#,
        )),
        notes: "Role with expanded access",
    },
    Role {
        id: 3,
        name: "Limited Access",
        permissions: Some(concat!(
            r#"{"ticket.assign":1,"ticket.create":1,"ticket.link":1,"ticket.merge":1,"#,
            r#""ticket.refer":1,"ticket.release":1,"ticket.transfer":1,"task.assign":1,"#,
            r#""task.reply":1,"task.transfer":1}"#,
        )),
        notes: "Role with limited access",
    },
    Role {
        id: 4,
        name: "View only",
        permissions: None,
        notes: "Simple role with no permissions",
    },
];

impl SeedRow<7> for Role {
    const TABLE: &'static str = "role";
    const COLUMNS: [&'static str; 7] = [
        "id",
        "flags",
        "name",
        "permissions",
        "notes",
        "created",
        "updated",
    ];
    const SERIAL: Option<&'static str> = Some("id");

    fn values(&self, now: NaiveDateTime) -> [Value; 7] {
        [
            self.id.into(),
            ENABLED.into(),
            self.name.into(),
            self.permissions.into(),
            self.notes.into(),
            now.into(),
            now.into(),
        ]
    }
}
