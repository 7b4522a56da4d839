//! `filter`, `filter_rule`, `filter_action`: the system ban list.
//!
//! osTicket finds the ban list by its name, `SYSTEM BAN LIST`; each banned address
//! is one `email`/`equal` rule, and the filter's one action rejects the ticket.
//! osTicket checks it for tickets from every source, whatever `target` says.

use chrono::NaiveDateTime;
use sea_orm::Value;

use super::SeedRow;

pub(super) struct Filter {
    id: u32,
    execorder: u32,
    /// `Any`, `Web`, `Email` or `API`.
    target: &'static str,
    name: &'static str,
    notes: &'static str,
}

pub(super) const FILTERS: [Filter; 1] = [Filter {
    id: 1,
    execorder: 99,
    target: "Email",
    name: "SYSTEM BAN LIST",
    notes: "Internal list for email banning. Do not remove",
}];

impl SeedRow<13> for Filter {
    const TABLE: &'static str = "filter";
    const COLUMNS: [&'static str; 13] = [
        "id",
        "execorder",
        "isactive",
        "flags",
        "status",
        "match_all_rules",
        "stop_onmatch",
        "target",
        "email_id",
        "name",
        "notes",
        "created",
        "updated",
    ];
    const SERIAL: Option<&'static str> = Some("id");

    fn values(&self, now: NaiveDateTime) -> [Value; 13] {
        [
            self.id.into(),
            self.execorder.into(),
            1_u32.into(),
            0_u32.into(),
            0_u32.into(),
            // Any one rule (banned address) is enough.
            0_u32.into(),
            0_u32.into(),
            self.target.into(),
            // Every receiving address.
            0_u32.into(),
            self.name.into(),
            self.notes.into(),
            now.into(),
            now.into(),
        ]
    }
}

pub(super) struct Rule {
    id: u32,
    filter_id: u32,
    /// The ticket field tested: `email`, `name`, `subject`, `body`, `field.<id>`, ...
    what: &'static str,
    /// The comparison: `equal`, `contains`, `match`, ...
    how: &'static str,
    value: &'static str,
}

pub(super) const RULES: [Rule; 1] = [Rule {
    id: 1,
    filter_id: 1,
    what: "email",
    how: "equal",
    value: "test@example.com",
}];

impl SeedRow<9> for Rule {
    const TABLE: &'static str = "filter_rule";
    const COLUMNS: [&'static str; 9] = [
        "id",
        "filter_id",
        "what",
        "how",
        "val",
        "isactive",
        "notes",
        "created",
        "updated",
    ];
    const SERIAL: Option<&'static str> = Some("id");

    fn values(&self, now: NaiveDateTime) -> [Value; 9] {
        [
            self.id.into(),
            self.filter_id.into(),
            self.what.into(),
            self.how.into(),
            self.value.into(),
            1_u32.into(),
            "".into(),
            now.into(),
            now.into(),
        ]
    }
}

pub(super) struct Action {
    id: u32,
    filter_id: u32,
    sort: u32,
    /// `reject`, `dept`, `pri`, `canned`, ... (`FilterAction` types).
    kind: &'static str,
    configuration: &'static str,
}

pub(super) const ACTIONS: [Action; 1] = [Action {
    id: 1,
    filter_id: 1,
    sort: 1,
    kind: "reject",
    configuration: "[]",
}];

impl SeedRow<6> for Action {
    const TABLE: &'static str = "filter_action";
    const COLUMNS: [&'static str; 6] = [
        "id",
        "filter_id",
        "sort",
        "type",
        "configuration",
        "updated",
    ];
    const SERIAL: Option<&'static str> = Some("id");

    fn values(&self, now: NaiveDateTime) -> [Value; 6] {
        [
            self.id.into(),
            self.filter_id.into(),
            self.sort.into(),
            self.kind.into(),
            self.configuration.into(),
            now.into(),
        ]
    }
}
