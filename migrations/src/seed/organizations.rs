//! `organization` and its (empty) answers to the organization form.
//!
//! The sample organization's YAML lists an address, phone and website, but
//! osTicket's installer saves none of them: the organization's `form_entry` exists
//! with no `form_entry_values`, and so it is here.

use chrono::NaiveDateTime;
use sea_orm::Value;

use super::SeedRow;

/// `Organization::SHARE_PRIMARY_CONTACT`: the primary contacts see all the
/// organization's tickets.
const SHARE_PRIMARY_CONTACT: u32 = 0x8;

pub(super) struct Organization {
    id: u32,
    name: &'static str,
    status: u32,
}

pub(super) const ORGANIZATIONS: [Organization; 1] = [Organization {
    id: 1,
    name: "osTicket",
    status: SHARE_PRIMARY_CONTACT,
}];

impl SeedRow<8> for Organization {
    const TABLE: &'static str = "organization";
    const COLUMNS: [&'static str; 8] = [
        "id", "name", "manager", "status", "domain", "extra", "created", "updated",
    ];
    const SERIAL: Option<&'static str> = Some("id");

    fn values(&self, now: NaiveDateTime) -> [Value; 8] {
        [
            self.id.into(),
            self.name.into(),
            "".into(),
            self.status.into(),
            "".into(),
            Option::<&str>::None.into(),
            now.into(),
            // Never updated since creation.
            Option::<NaiveDateTime>::None.into(),
        ]
    }
}

/// One filled-in form (`form_entry`) attached to an object.
pub(super) struct FormEntry {
    id: u32,
    form_id: u32,
    object_id: u32,
    /// `O` organization (`U` user, `T` ticket, `C` company, `A` task).
    object_type: &'static str,
}

pub(super) const ENTRIES: [FormEntry; 1] = [FormEntry {
    id: 1,
    form_id: 4,
    object_id: 1,
    object_type: "O",
}];

impl SeedRow<8> for FormEntry {
    const TABLE: &'static str = "form_entry";
    const COLUMNS: [&'static str; 8] = [
        "id",
        "form_id",
        "object_id",
        "object_type",
        "sort",
        "extra",
        "created",
        "updated",
    ];
    const SERIAL: Option<&'static str> = Some("id");

    fn values(&self, now: NaiveDateTime) -> [Value; 8] {
        [
            self.id.into(),
            self.form_id.into(),
            self.object_id.into(),
            self.object_type.into(),
            1_u32.into(),
            Option::<&str>::None.into(),
            now.into(),
            now.into(),
        ]
    }
}
