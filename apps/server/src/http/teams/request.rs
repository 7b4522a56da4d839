//! The body of a team create or edit.

use super::view::TeamMemberBody;
use crate::http::nullable::nullable;
use oxt_service::teams::{TeamChanges, TeamMember};
use oxt_ticket::ids::StaffId;
use serde::Deserialize;
use utoipa::ToSchema;

/// Team fields. On create `name` is required and absent fields take
/// osTicket's defaults (enabled, alerting); on edit they keep their value.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TeamRequest {
    /// At most 125 characters, unique (ignoring case).
    name: Option<String>,
    /// `null` clears the notes.
    #[serde(default, deserialize_with = "nullable")]
    #[schema(nullable)]
    notes: Option<Option<String>>,
    /// One of the members; `null` or `0` for none.
    #[serde(default, deserialize_with = "nullable")]
    #[schema(nullable)]
    lead_id: Option<Option<u32>>,
    enabled: Option<bool>,
    alerts: Option<bool>,
    /// Replaces the members; each staff member at most once.
    members: Option<Vec<TeamMemberBody>>,
}

impl From<TeamRequest> for TeamChanges {
    fn from(body: TeamRequest) -> Self {
        Self {
            name: body.name,
            notes: body.notes,
            lead: body.lead_id.map(|lead| lead.and_then(StaffId::from_column)),
            enabled: body.enabled,
            alerts: body.alerts,
            members: body.members.map(|members| {
                members
                    .into_iter()
                    .map(|member| TeamMember {
                        staff: StaffId::new(member.staff_id),
                        alerts: member.alerts,
                    })
                    .collect()
            }),
        }
    }
}
