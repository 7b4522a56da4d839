//! `sequence`: counters for sequential numbering. A fresh install numbers tickets
//! at random (`core.ticket_sequence_id` is empty) and tasks from sequence 2
//! (`core.task_sequence_id`).

use chrono::NaiveDateTime;
use sea_orm::Value;

use super::SeedRow;

/// `Sequence::FLAG_INTERNAL`: the sequence is part of the system, not user-defined.
const FLAG_INTERNAL: u32 = 0x1;

pub(super) struct Sequence {
    id: u32,
    name: &'static str,
}

pub(super) const SEQUENCES: [Sequence; 2] = [
    Sequence {
        id: 1,
        name: "General Tickets",
    },
    Sequence {
        id: 2,
        name: "Tasks Sequence",
    },
];

impl SeedRow<7> for Sequence {
    const TABLE: &'static str = "sequence";
    const COLUMNS: [&'static str; 7] = [
        "id",
        "name",
        "flags",
        "next",
        "increment",
        "padding",
        "updated",
    ];
    const SERIAL: Option<&'static str> = Some("id");

    fn values(&self, now: NaiveDateTime) -> [Value; 7] {
        [
            self.id.into(),
            self.name.into(),
            FLAG_INTERNAL.into(),
            1_u64.into(),
            1_i32.into(),
            "0".into(),
            now.into(),
        ]
    }
}
