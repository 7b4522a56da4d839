//! Typed identifiers for every osTicket row a domain rule talks about.
//!
//! osTicket keys are `int(11) unsigned`; `0` means "none" in many of its
//! columns (`staff_id`, `team_id`, `topic_id`), so an optional reference is an
//! `Option<Id>` here and becomes `0` only at the store's edge.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! typed_id {
    ($($(#[$meta:meta])* $name:ident;)+) => {$(
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(u32);

        impl $name {
            pub const fn new(raw: u32) -> Self {
                Self(raw)
            }

            pub const fn get(self) -> u32 {
                self.0
            }

            /// Reads an osTicket reference column, where `0` means "none".
            pub const fn from_column(raw: u32) -> Option<Self> {
                if raw == 0 { None } else { Some(Self(raw)) }
            }
        }

        impl From<$name> for u32 {
            fn from(id: $name) -> u32 {
                id.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    )+};
}

typed_id! {
    /// `ost_ticket.ticket_id`
    TicketId;
    /// `ost_user.id`
    UserId;
    /// `ost_user_email.id`
    UserEmailId;
    /// `ost_organization.id`
    OrgId;
    /// `ost_staff.staff_id`
    StaffId;
    /// `ost_team.team_id`
    TeamId;
    /// `ost_department.id`
    DeptId;
    /// `ost_help_topic.topic_id`
    TopicId;
    /// `ost_ticket_priority.priority_id`
    PriorityId;
    /// `ost_sla.id`
    SlaId;
    /// `ost_schedule.id`
    ScheduleId;
    /// `ost_ticket_status.id`
    StatusId;
    /// `ost_role.id`
    RoleId;
    /// `ost_thread.id`
    ThreadId;
    /// `ost_thread_entry.id`
    EntryId;
    /// `ost_email.email_id`
    EmailId;
    /// `ost_filter.id`
    FilterId;
    /// `ost_form.id`
    FormId;
    /// `ost_form_field.id`
    FormFieldId;
    /// `ost_sequence.id`
    SequenceId;
    /// `ost_canned_response.canned_id`
    CannedId;
    /// `ost_task.id`
    TaskId;
    /// `ost_api_key.id`
    ApiKeyId;
    /// `ost_email_template_group.tpl_id`
    TemplateGroupId;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_reference_columns_read_as_none() {
        assert_eq!(StaffId::from_column(0), None);
        assert_eq!(StaffId::from_column(7), Some(StaffId::new(7)));
    }

    #[test]
    fn ids_serialize_as_bare_numbers() {
        assert_eq!(serde_json::to_string(&TicketId::new(42)).unwrap(), "42");
    }
}
