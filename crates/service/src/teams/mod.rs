//! Teams: any active agent reads them (osTicket offers them for assignment);
//! only an administrator writes them.

mod changes;
mod create;
mod delete;
mod members;
mod read;
mod update;

pub use changes::{MemberChange, TeamChanges};
pub use create::{CreateTeamError, create};
pub use delete::{DeleteTeamError, delete};
pub use members::{SetMembersError, set_members};
pub use oxt_store::teams::{MemberRecord, TeamRecord};
pub use read::{GetTeamError, ListTeamsError, get, list};
pub use update::{UpdateTeamError, update};

use oxt_store::{Conn, StoreError, teams};
use oxt_ticket::ids::TeamId;

/// A team with its members.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Team {
    pub record: TeamRecord,
    pub members: Vec<MemberRecord>,
}

async fn load(db: &impl Conn, id: TeamId) -> Result<Option<Team>, StoreError> {
    let Some(record) = teams::find(db, id).await? else {
        return Ok(None);
    };
    Ok(Some(Team {
        members: teams::members(db, Some(&[id])).await?,
        record,
    }))
}
