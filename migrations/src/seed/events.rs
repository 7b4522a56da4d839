//! `event`: the kinds of thread event; `thread_event.event_id` refers to these ids.

use chrono::NaiveDateTime;
use sea_orm::Value;

use super::SeedRow;

pub(super) struct Event {
    id: u32,
    name: &'static str,
}

const fn event(id: u32, name: &'static str) -> Event {
    Event { id, name }
}

pub(super) const EVENTS: [Event; 21] = [
    event(1, "created"),
    event(2, "closed"),
    event(3, "reopened"),
    event(4, "assigned"),
    event(5, "released"),
    event(6, "transferred"),
    event(7, "referred"),
    event(8, "overdue"),
    event(9, "edited"),
    event(10, "viewed"),
    event(11, "error"),
    event(12, "collab"),
    event(13, "resent"),
    event(14, "deleted"),
    event(15, "merged"),
    event(16, "unlinked"),
    event(17, "linked"),
    event(18, "login"),
    event(19, "logout"),
    event(20, "message"),
    event(21, "note"),
];

impl SeedRow<3> for Event {
    const TABLE: &'static str = "event";
    const COLUMNS: [&'static str; 3] = ["id", "name", "description"];
    const SERIAL: Option<&'static str> = Some("id");

    fn values(&self, _now: NaiveDateTime) -> [Value; 3] {
        [
            self.id.into(),
            self.name.into(),
            Option::<&str>::None.into(),
        ]
    }
}
