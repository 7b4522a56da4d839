//! What a create or an edit sets, and the checks osTicket's `Team::update`
//! makes.

use crate::validation::{Checks, Issue};
use oxt_store::teams::{self, NewMember, TeamFields};
use oxt_store::{Conn, StoreError, staff};
use oxt_ticket::ids::{StaffId, TeamId};

/// `ost_team.name` is a `varchar(125)`.
const NAME_MAX: usize = 125;

/// The fields a create sets or an edit changes; `None` keeps a field (on
/// create: osTicket's default, enabled with alerts).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TeamChanges {
    pub name: Option<String>,
    /// `Some(None)` clears the notes.
    pub notes: Option<Option<String>>,
    /// `Some(None)` leaves the team without a lead.
    pub lead: Option<Option<StaffId>>,
    pub enabled: Option<bool>,
    pub no_alerts: Option<bool>,
}

/// One member to set: the id as the client sent it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MemberChange {
    pub staff: Option<StaffId>,
    pub alerts: bool,
}

/// `current` with `changes` applied. The lead must be among `members`, as
/// osTicket's form only offers members as lead.
pub(super) async fn apply(
    db: &impl Conn,
    checks: &mut Checks,
    this: Option<TeamId>,
    current: Option<&TeamFields>,
    changes: TeamChanges,
    members: &[NewMember],
) -> Result<TeamFields, StoreError> {
    let name = checks.name(
        "name",
        changes
            .name
            .as_deref()
            .or(current.map(|fields| fields.name.as_str()))
            .unwrap_or_default(),
        NAME_MAX,
    );
    if !name.is_empty()
        && let Some(other) = teams::find_id_by_name(db, &name).await?
        && Some(other) != this
    {
        checks.push("name", Issue::Taken);
    }
    let lead = changes
        .lead
        .unwrap_or(current.and_then(|fields| fields.lead));
    if let Some(lead) = lead
        && changes.lead.is_some()
        && !members.iter().any(|member| member.staff == lead)
    {
        checks.push("lead_id", Issue::NotAllowed("is not a member of the team"));
    }
    Ok(TeamFields {
        name,
        notes: changes
            .notes
            .unwrap_or(current.and_then(|fields| fields.notes.clone())),
        lead,
        enabled: changes
            .enabled
            .or(current.map(|fields| fields.enabled))
            .unwrap_or(true),
        no_alerts: changes
            .no_alerts
            .or(current.map(|fields| fields.no_alerts))
            .unwrap_or(false),
        other_flags: current.map_or(0, |fields| fields.other_flags),
    })
}

/// The members to write, each an existing staff member listed once; invalid
/// ones are named by position (`members[2].staff_id`, under `prefix`).
pub(super) async fn check_members(
    db: &impl Conn,
    checks: &mut Checks,
    prefix: &str,
    changes: &[MemberChange],
) -> Result<Vec<NewMember>, StoreError> {
    let mut members: Vec<NewMember> = Vec::with_capacity(changes.len());
    for (index, change) in changes.iter().enumerate() {
        let field = format!("{prefix}[{index}].staff_id");
        match change.staff {
            None => checks.push(field, Issue::Required),
            Some(staff) if members.iter().any(|member| member.staff == staff) => {
                checks.push(field, Issue::NotAllowed("is listed twice"));
            }
            Some(staff) if !staff::exists(db, staff).await? => {
                checks.push(field, Issue::Unknown);
            }
            Some(staff) => members.push(NewMember {
                staff,
                alerts: change.alerts,
            }),
        }
    }
    Ok(members)
}
