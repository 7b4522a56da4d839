//! The JSON shape of a team.

use chrono::{DateTime, Utc};
use oxt_service::teams::{TeamMember, TeamRecord};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Serialize, ToSchema)]
pub struct TeamBody {
    /// `ost_team.team_id`
    pub id: u32,
    pub name: String,
    pub notes: Option<String>,
    /// The lead, one of the members; `null` for none.
    pub lead_id: Option<u32>,
    /// `Team::FLAG_ENABLED`: a disabled team takes no new assignments.
    pub enabled: bool,
    /// `false` when `Team::FLAG_NOALERTS` is set: nobody gets the team's alerts.
    pub alerts: bool,
    pub members: Vec<TeamMemberBody>,
    pub created: Option<DateTime<Utc>>,
    pub updated: Option<DateTime<Utc>>,
}

/// One member of a team.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TeamMemberBody {
    pub staff_id: u32,
    /// The member gets the team's alerts (`TeamMember::FLAG_ALERTS`); default `true`.
    #[serde(default = "alerts_by_default")]
    pub alerts: bool,
}

fn alerts_by_default() -> bool {
    true
}

impl From<TeamMember> for TeamMemberBody {
    fn from(member: TeamMember) -> Self {
        Self {
            staff_id: member.staff.get(),
            alerts: member.alerts,
        }
    }
}

impl From<TeamRecord> for TeamBody {
    fn from(record: TeamRecord) -> Self {
        Self {
            id: record.id.get(),
            name: record.fields.name,
            notes: record.fields.notes,
            lead_id: record.fields.lead.map(|id| id.get()),
            enabled: record.fields.enabled,
            alerts: record.fields.alerts,
            members: record
                .fields
                .members
                .into_iter()
                .map(TeamMemberBody::from)
                .collect(),
            created: record.created.map(|at| at.and_utc()),
            updated: record.updated.map(|at| at.and_utc()),
        }
    }
}

/// Every team.
#[derive(Debug, Serialize, ToSchema)]
pub struct TeamListBody {
    pub items: Vec<TeamBody>,
}
