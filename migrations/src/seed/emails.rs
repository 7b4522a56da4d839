//! `email` (the help desk's own addresses) and `email_template_group`.
//!
//! osTicket's installer derives the addresses from the one typed into its form;
//! these are the `example.com` ones an administrator replaces. E-mail 1 is
//! `core.default_email_id` (replies go out from it), e-mail 2 `core.alert_email_id`
//! (alerts to agents). No mailbox or SMTP account is configured (`email_account`
//! stays empty).

use chrono::NaiveDateTime;
use sea_orm::Value;

use super::SeedRow;

pub(super) struct Email {
    id: u32,
    address: &'static str,
    name: &'static str,
}

pub(super) const EMAILS: [Email; 3] = [
    Email {
        id: 1,
        address: "support@example.com",
        name: "Support",
    },
    Email {
        id: 2,
        address: "alerts@example.com",
        name: "osTicket Alerts",
    },
    Email {
        id: 3,
        address: "noreply@example.com",
        name: "",
    },
];

impl SeedRow<10> for Email {
    const TABLE: &'static str = "email";
    const COLUMNS: [&'static str; 10] = [
        "email_id",
        "noautoresp",
        "priority_id",
        "dept_id",
        "topic_id",
        "email",
        "name",
        "notes",
        "created",
        "updated",
    ];
    const SERIAL: Option<&'static str> = Some("email_id");

    fn values(&self, now: NaiveDateTime) -> [Value; 10] {
        [
            self.id.into(),
            0_u32.into(),
            // Tickets arriving at any of them: Normal priority, Support department, no topic.
            2_u32.into(),
            1_u32.into(),
            0_u32.into(),
            self.address.into(),
            self.name.into(),
            Option::<&str>::None.into(),
            now.into(),
            now.into(),
        ]
    }
}

pub(super) struct TemplateGroup {
    id: u32,
    name: &'static str,
    notes: &'static str,
}

/// Group 1 is `core.default_template_id`; its templates are in `email_templates`.
pub(super) const TEMPLATE_GROUPS: [TemplateGroup; 1] = [TemplateGroup {
    id: 1,
    name: "osTicket Default Template (HTML)",
    notes: "Default osTicket templates",
}];

impl SeedRow<7> for TemplateGroup {
    const TABLE: &'static str = "email_template_group";
    const COLUMNS: [&'static str; 7] = [
        "tpl_id", "isactive", "name", "lang", "notes", "created", "updated",
    ];
    const SERIAL: Option<&'static str> = Some("tpl_id");

    fn values(&self, now: NaiveDateTime) -> [Value; 7] {
        [
            self.id.into(),
            1_u32.into(),
            self.name.into(),
            "en_US".into(),
            self.notes.into(),
            now.into(),
            now.into(),
        ]
    }
}
