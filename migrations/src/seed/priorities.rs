//! `ticket_priority`: priority 2 (Normal) is `core.default_priority_id`; a lower
//! urgency number is more urgent.

use chrono::NaiveDateTime;
use sea_orm::Value;

use super::SeedRow;

pub(super) struct Priority {
    id: u32,
    /// Code name, unique.
    code: &'static str,
    description: &'static str,
    /// Background colour of the priority in ticket lists.
    color: &'static str,
    urgency: u32,
}

pub(super) const PRIORITIES: [Priority; 4] = [
    Priority {
        id: 1,
        code: "low",
        description: "Low",
        color: "#DDFFDD",
        urgency: 4,
    },
    Priority {
        id: 2,
        code: "normal",
        description: "Normal",
        color: "#FFFFF0",
        urgency: 3,
    },
    Priority {
        id: 3,
        code: "high",
        description: "High",
        color: "#FEE7E7",
        urgency: 2,
    },
    Priority {
        id: 4,
        code: "emergency",
        description: "Emergency",
        color: "#FEE7E7",
        urgency: 1,
    },
];

impl SeedRow<6> for Priority {
    const TABLE: &'static str = "ticket_priority";
    const COLUMNS: [&'static str; 6] = [
        "priority_id",
        "priority",
        "priority_desc",
        "priority_color",
        "priority_urgency",
        "ispublic",
    ];
    const SERIAL: Option<&'static str> = Some("priority_id");

    fn values(&self, _now: NaiveDateTime) -> [Value; 6] {
        [
            self.id.into(),
            self.code.into(),
            self.description.into(),
            self.color.into(),
            self.urgency.into(),
            1_u32.into(),
        ]
    }
}
