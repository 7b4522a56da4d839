//! `config`: the settings osTicket reads through `Config::get()`.
//!
//! osTicket's installer writes these rows in this order, so the ids (1..=98) follow
//! from the position in [`SETTINGS`]. A value of `''` is how osTicket stores a
//! setting that is off or zero; a key that is absent falls back to
//! `OsticketConfig::$defaults` at run time.
//!
//! Deliberate differences from a web install: `admin_email`, `helpdesk_url` and
//! `helpdesk_title` hold what the installer form asked for, so they stay empty here
//! until an administrator sets them. `verify_email_addrs` is absent, as in osTicket,
//! which means osTicket checks every e-mail domain over DNS (MX/A lookup); a host
//! without DNS should set it to `0`.

use chrono::NaiveDateTime;
use sea_orm::Value;

use super::SeedRow;

/// MD5 of osTicket 1.18.1's `install-mysql.sql` (`include/upgrader/streams/core.sig`).
/// osTicket compares it with its own signature to decide whether the schema needs an upgrade.
pub(super) const SCHEMA_SIGNATURE: &str = "5fb92bef17f3b603659e024c01cc7a59";

pub(super) struct Setting {
    namespace: &'static str,
    key: &'static str,
    value: &'static str,
}

const fn core(key: &'static str, value: &'static str) -> Setting {
    Setting {
        namespace: "core",
        key,
        value,
    }
}

pub(super) const SETTINGS: [Setting; 98] = [
    // Filled from the installer form in osTicket; `install-mysql.sql` itself inserts these four.
    core("admin_email", ""),
    core("helpdesk_url", ""),
    core("helpdesk_title", ""),
    core("schema_signature", SCHEMA_SIGNATURE),
    // Business hours of schedule 1 skip the holidays of schedule 4.
    Setting {
        namespace: "schedule.1",
        key: "configuration",
        value: r#"{"holidays":[4]}"#,
    },
    core("time_format", "hh:mm a"),
    core("date_format", "MM/dd/y"),
    core("datetime_format", "MM/dd/y h:mm a"),
    core("daydatetime_format", "EEE, MMM d y h:mm a"),
    core("default_priority_id", "2"),
    core("enable_daylight_saving", ""),
    core("reply_separator", "-- reply above this line --"),
    core("isonline", "1"),
    core("staff_ip_binding", ""),
    core("staff_max_logins", "4"),
    core("staff_login_timeout", "2"),
    core("staff_session_timeout", "30"),
    core("passwd_reset_period", ""),
    core("client_max_logins", "4"),
    core("client_login_timeout", "2"),
    core("client_session_timeout", "30"),
    core("max_page_size", "25"),
    core("max_open_tickets", ""),
    core("autolock_minutes", "3"),
    core("default_smtp_id", ""),
    core("use_email_priority", ""),
    core("enable_kb", ""),
    core("enable_premade", "1"),
    core("enable_captcha", ""),
    core("enable_auto_cron", ""),
    core("enable_mail_polling", ""),
    core("send_sys_errors", "1"),
    core("send_sql_errors", "1"),
    core("send_login_errors", "1"),
    core("save_email_headers", "1"),
    core("strip_quoted_reply", "1"),
    core("ticket_autoresponder", ""),
    core("message_autoresponder", ""),
    core("ticket_notice_active", "1"),
    core("ticket_alert_active", "1"),
    core("ticket_alert_admin", "1"),
    core("ticket_alert_dept_manager", "1"),
    core("ticket_alert_dept_members", ""),
    core("message_alert_active", "1"),
    core("message_alert_laststaff", "1"),
    core("message_alert_assigned", "1"),
    core("message_alert_dept_manager", ""),
    core("note_alert_active", ""),
    core("note_alert_laststaff", "1"),
    core("note_alert_assigned", "1"),
    core("note_alert_dept_manager", ""),
    core("transfer_alert_active", ""),
    core("transfer_alert_assigned", ""),
    core("transfer_alert_dept_manager", "1"),
    core("transfer_alert_dept_members", ""),
    core("overdue_alert_active", "1"),
    core("overdue_alert_assigned", "1"),
    core("overdue_alert_dept_manager", "1"),
    core("overdue_alert_dept_members", ""),
    core("assigned_alert_active", "1"),
    core("assigned_alert_staff", "1"),
    core("assigned_alert_team_lead", ""),
    core("assigned_alert_team_members", ""),
    core("auto_claim_tickets", "1"),
    core("auto_refer_closed", "1"),
    core("collaborator_ticket_visibility", "1"),
    core("require_topic_to_close", ""),
    core("show_related_tickets", "1"),
    core("show_assigned_tickets", "1"),
    core("show_answered_tickets", ""),
    core("hide_staff_name", ""),
    core("disable_agent_collabs", ""),
    core("overlimit_notice_active", ""),
    core("email_attachments", "1"),
    core("ticket_number_format", "######"),
    // Empty: ticket numbers are random, not drawn from sequence 1.
    core("ticket_sequence_id", ""),
    core("queue_bucket_counts", ""),
    core("allow_external_images", ""),
    core("task_number_format", "#"),
    core("task_sequence_id", "2"),
    core("log_level", "2"),
    core("log_graceperiod", "12"),
    core("client_registration", "public"),
    core("default_ticket_queue", "1"),
    core(
        "embedded_domain_whitelist",
        "youtube.com, dailymotion.com, vimeo.com, player.vimeo.com, web.microsoftstream.com",
    ),
    core("max_file_size", "1048576"),
    // Ids of the `content` pages.
    core("landing_page_id", "1"),
    core("thank-you_page_id", "2"),
    core("offline_page_id", "3"),
    core("system_language", "en_US"),
    // Asks osTicket's cron to build its search index (`_search`) from scratch.
    Setting {
        namespace: "mysqlsearch",
        key: "reindex",
        value: "1",
    },
    core("default_email_id", "1"),
    core("alert_email_id", "2"),
    core("default_dept_id", "1"),
    core("default_sla_id", "1"),
    core("schedule_id", "1"),
    core("default_template_id", "1"),
    core("default_timezone", "UTC"),
];

/// One `config` row with its id, which is the 1-based position in [`SETTINGS`].
pub(super) struct ConfigRow {
    id: u32,
    setting: &'static Setting,
}

pub(super) fn config_rows() -> Vec<ConfigRow> {
    (1..)
        .zip(SETTINGS.iter())
        .map(|(id, setting)| ConfigRow { id, setting })
        .collect()
}

impl SeedRow<5> for ConfigRow {
    const TABLE: &'static str = "config";
    const COLUMNS: [&'static str; 5] = ["id", "namespace", "key", "value", "updated"];
    const SERIAL: Option<&'static str> = Some("id");
    // The schema may already hold the four rows `install-mysql.sql` inserts.
    const UPSERT_ON: &'static [&'static str] = &["namespace", "key"];

    fn values(&self, now: NaiveDateTime) -> [Value; 5] {
        [
            self.id.into(),
            self.setting.namespace.into(),
            self.setting.key.into(),
            self.setting.value.into(),
            now.into(),
        ]
    }
}
