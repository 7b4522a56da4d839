//! The bodies of a team create or edit and of its membership.

use crate::http::nullable::nullable;
use oxt_service::teams::{MemberChange, TeamChanges};
use oxt_ticket::ids::StaffId;
use serde::Deserialize;
use utoipa::ToSchema;

/// A new team; `name` is required.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateTeamRequest {
    /// At most 125 characters, unique (ignoring case).
    name: Option<String>,
    /// `null` clears the notes.
    #[serde(default, deserialize_with = "nullable")]
    #[schema(nullable)]
    notes: Option<Option<String>>,
    /// A member of the team; `null` or `0` for none.
    #[serde(default, deserialize_with = "nullable")]
    #[schema(nullable)]
    lead_id: Option<Option<u32>>,
    /// `Team::FLAG_ENABLED`. Default `true`.
    isenabled: Option<bool>,
    /// `Team::FLAG_NOALERTS`: no assignment alerts. Default `false`.
    noalerts: Option<bool>,
    /// The members; the lead must be one of them.
    members: Option<Vec<MemberItem>>,
}

/// The fields to change; an absent field keeps its value. Members are set
/// with `PUT /api/v2/teams/{id}/members`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateTeamRequest {
    /// At most 125 characters, unique (ignoring case).
    name: Option<String>,
    /// `null` clears the notes.
    #[serde(default, deserialize_with = "nullable")]
    #[schema(nullable)]
    notes: Option<Option<String>>,
    /// A member of the team; `null` or `0` for none.
    #[serde(default, deserialize_with = "nullable")]
    #[schema(nullable)]
    lead_id: Option<Option<u32>>,
    /// `Team::FLAG_ENABLED`. Default `true`.
    isenabled: Option<bool>,
    /// `Team::FLAG_NOALERTS`: no assignment alerts. Default `false`.
    noalerts: Option<bool>,
}

/// One member.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MemberItem {
    /// An existing staff member, listed once.
    staff_id: Option<u32>,
    /// `TeamMember::FLAG_ALERTS`: the member gets the team's alerts. Default `true`.
    alerts: Option<bool>,
}

/// The whole membership: staff members not listed leave the team.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MembersRequest {
    pub items: Vec<MemberItem>,
}

fn changes(
    name: Option<String>,
    notes: Option<Option<String>>,
    lead_id: Option<Option<u32>>,
    isenabled: Option<bool>,
    noalerts: Option<bool>,
) -> TeamChanges {
    TeamChanges {
        name,
        notes,
        lead: lead_id.map(|lead| lead.and_then(StaffId::from_column)),
        enabled: isenabled,
        no_alerts: noalerts,
    }
}

impl From<MemberItem> for MemberChange {
    fn from(item: MemberItem) -> Self {
        Self {
            staff: item.staff_id.map(StaffId::new),
            alerts: item.alerts.unwrap_or(true),
        }
    }
}

impl CreateTeamRequest {
    pub fn into_parts(self) -> (TeamChanges, Vec<MemberChange>) {
        (
            changes(
                self.name,
                self.notes,
                self.lead_id,
                self.isenabled,
                self.noalerts,
            ),
            self.members
                .unwrap_or_default()
                .into_iter()
                .map(Into::into)
                .collect(),
        )
    }
}

impl From<UpdateTeamRequest> for TeamChanges {
    fn from(body: UpdateTeamRequest) -> Self {
        changes(
            body.name,
            body.notes,
            body.lead_id,
            body.isenabled,
            body.noalerts,
        )
    }
}
