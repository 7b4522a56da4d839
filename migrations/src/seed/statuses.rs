//! `ticket_status` and the `list` that presents them as a custom list.
//!
//! Status 1 (Open) is the status of a new ticket when `core.default_ticket_status_id`
//! is absent. `properties` is the JSON of the list item's property form (form 6).

use chrono::NaiveDateTime;
use sea_orm::Value;

use super::SeedRow;

/// `TicketStatus::ENABLED`: offered in the status menus.
const ENABLED: u32 = 0x1;
/// `TicketStatus::INTERNAL`: a system status that cannot be deleted, renamed or
/// moved to another state.
const INTERNAL: u32 = 0x2;

pub(super) struct Status {
    id: u32,
    name: &'static str,
    /// One of `open`, `closed`, `archived`, `deleted`.
    state: &'static str,
    mode: u32,
    sort: u32,
    properties: &'static str,
}

pub(super) const STATUSES: [Status; 5] = [
    Status {
        id: 1,
        name: "Open",
        state: "open",
        mode: ENABLED | INTERNAL,
        sort: 1,
        properties: r#"{"description":"Open tickets."}"#,
    },
    Status {
        id: 2,
        name: "Resolved",
        state: "closed",
        mode: ENABLED,
        sort: 2,
        properties: r#"{"allowreopen":true,"reopenstatus":0,"description":"Resolved tickets"}"#,
    },
    Status {
        id: 3,
        name: "Closed",
        state: "closed",
        mode: ENABLED | INTERNAL,
        sort: 3,
        properties: r#"{"allowreopen":true,"reopenstatus":0,"description":"Closed tickets. Tickets will still be accessible on client and staff panels."}"#,
    },
    Status {
        id: 4,
        name: "Archived",
        state: "archived",
        mode: ENABLED | INTERNAL,
        sort: 4,
        properties: r#"{"description":"Tickets only adminstratively available but no longer accessible on ticket queues and client panel."}"#,
    },
    Status {
        id: 5,
        name: "Deleted",
        state: "deleted",
        mode: ENABLED | INTERNAL,
        sort: 5,
        properties: r#"{"description":"Tickets queued for deletion. Not accessible on ticket queues."}"#,
    },
];

impl SeedRow<9> for Status {
    const TABLE: &'static str = "ticket_status";
    const COLUMNS: [&'static str; 9] = [
        "id",
        "name",
        "state",
        "mode",
        "flags",
        "sort",
        "properties",
        "created",
        "updated",
    ];
    const SERIAL: Option<&'static str> = Some("id");

    fn values(&self, now: NaiveDateTime) -> [Value; 9] {
        [
            self.id.into(),
            self.name.into(),
            self.state.into(),
            self.mode.into(),
            0_u32.into(),
            self.sort.into(),
            self.properties.into(),
            now.into(),
            now.into(),
        ]
    }
}

/// `DynamicList::MASK_*`: what an administrator may do with the list's items.
const MASK_EDIT: u32 = 0x1;
const MASK_DELETE: u32 = 0x4;
const MASK_ABBREV: u32 = 0x8;

pub(super) struct List {
    id: u32,
    name: &'static str,
    name_plural: &'static str,
    /// `Alpha`, `-Alpha` or `SortCol` (the items' own `sort`).
    sort_mode: &'static str,
    masks: u32,
    /// Built-in list type; its items live in their own table (here `ticket_status`).
    kind: &'static str,
    configuration: &'static str,
    notes: &'static str,
}

pub(super) const LISTS: [List; 1] = [List {
    id: 1,
    name: "Ticket Status",
    name_plural: "Ticket Statuses",
    sort_mode: "SortCol",
    masks: MASK_EDIT | MASK_DELETE | MASK_ABBREV,
    kind: "ticket-status",
    configuration: r#"{"handler":"TicketStatusList"}"#,
    notes: "Ticket statuses",
}];

impl SeedRow<10> for List {
    const TABLE: &'static str = "list";
    const COLUMNS: [&'static str; 10] = [
        "id",
        "name",
        "name_plural",
        "sort_mode",
        "masks",
        "type",
        "configuration",
        "notes",
        "created",
        "updated",
    ];
    const SERIAL: Option<&'static str> = Some("id");

    fn values(&self, now: NaiveDateTime) -> [Value; 10] {
        [
            self.id.into(),
            self.name.into(),
            self.name_plural.into(),
            self.sort_mode.into(),
            self.masks.into(),
            self.kind.into(),
            self.configuration.into(),
            self.notes.into(),
            now.into(),
            now.into(),
        ]
    }
}
