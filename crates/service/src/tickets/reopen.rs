//! The status a closed ticket reopens into.

use oxt_store::tickets::find_status;
use oxt_store::{Conn, StoreError};
use oxt_ticket::ids::StatusId;
use oxt_ticket::status::OpenStatus;

/// `core.default_ticket_status_id`, else status 1, as long as it is an open
/// status; `None` when neither is (the ticket then stays closed).
pub(crate) async fn reopen_status(
    db: &impl Conn,
    default_status: Option<StatusId>,
) -> Result<Option<OpenStatus>, StoreError> {
    for id in [default_status, Some(StatusId::new(1))]
        .into_iter()
        .flatten()
    {
        if let Some(status) = find_status(db, id).await?
            && let Ok(status) = OpenStatus::parse(status)
        {
            return Ok(Some(status));
        }
    }
    Ok(None)
}
