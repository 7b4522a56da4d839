//! The JSON shape of a team.

use chrono::{DateTime, Utc};
use oxt_service::teams::Team;
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Debug, Serialize, ToSchema)]
pub struct TeamBody {
    /// `ost_team.team_id`
    pub id: u32,
    pub name: String,
    pub notes: Option<String>,
    /// A member of the team, or `null`.
    pub lead_id: Option<u32>,
    /// `Team::FLAG_ENABLED`: tickets may be assigned to the team.
    pub isenabled: bool,
    /// `Team::FLAG_NOALERTS`: no assignment alerts go to the members.
    pub noalerts: bool,
    pub members: Vec<TeamMemberBody>,
    pub created: Option<DateTime<Utc>>,
    pub updated: Option<DateTime<Utc>>,
}

/// One member, by name.
#[derive(Debug, Serialize, ToSchema)]
pub struct TeamMemberBody {
    pub staff_id: u32,
    pub username: String,
    pub firstname: String,
    pub lastname: String,
    /// `TeamMember::FLAG_ALERTS`: the member gets the team's alerts.
    pub alerts: bool,
}

/// Every team, by name.
#[derive(Debug, Serialize, ToSchema)]
pub struct TeamListBody {
    pub items: Vec<TeamBody>,
}

impl From<Team> for TeamBody {
    fn from(team: Team) -> Self {
        let fields = team.record.fields;
        Self {
            id: team.record.id.get(),
            name: fields.name,
            notes: fields.notes,
            lead_id: fields.lead.map(|id| id.get()),
            isenabled: fields.enabled,
            noalerts: fields.no_alerts,
            members: team
                .members
                .into_iter()
                .map(|member| TeamMemberBody {
                    staff_id: member.staff.get(),
                    username: member.username,
                    firstname: member.firstname,
                    lastname: member.lastname,
                    alerts: member.alerts,
                })
                .collect(),
            created: team.record.created.map(|at| at.and_utc()),
            updated: team.record.updated.map(|at| at.and_utc()),
        }
    }
}
