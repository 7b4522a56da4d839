//! What `oxt_perm::UserGrants` needs about one end user.

use crate::entity::{organization, user};
use crate::{Conn, StoreError};
use oxt_perm::{OrgStatus, UserGrants, UserStatus};
use oxt_ticket::ids::{OrgId, UserId};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, JoinType, Query};
use sea_orm::{ConnectionTrait, FromQueryResult};

#[derive(Debug, FromQueryResult)]
struct UserRow {
    status: u32,
    found_org_id: Option<u32>,
    org_status: Option<u32>,
}

/// The end user's grants in one query: their `status` (primary contact) and
/// their organization's sharing flags. An `org_id` naming no organization
/// shares nothing. `None` when there is no such user.
pub async fn load_user_grants(
    db: &impl Conn,
    id: UserId,
) -> Result<Option<UserGrants>, StoreError> {
    let select = Query::select()
        .column((user::Entity, user::Column::Status))
        .expr_as(
            Expr::col((organization::Entity, organization::Column::Id)),
            Alias::new("found_org_id"),
        )
        .expr_as(
            Expr::col((organization::Entity, organization::Column::Status)),
            Alias::new("org_status"),
        )
        .from(user::Entity)
        .join(
            JoinType::LeftJoin,
            organization::Entity,
            Expr::col((organization::Entity, organization::Column::Id))
                .equals((user::Entity, user::Column::OrgId)),
        )
        .and_where(Expr::col((user::Entity, user::Column::Id)).eq(id.get()))
        .to_owned();
    let Some(row) = db.db().query_one(&select).await? else {
        return Ok(None);
    };
    let row = UserRow::from_query_result(&row, "")?;
    let grants = UserGrants::new(id);
    Ok(Some(match row.found_org_id.and_then(OrgId::from_column) {
        Some(org) => grants.in_organization(
            org,
            OrgStatus::from_column(row.org_status.unwrap_or_default()),
            UserStatus::from_column(row.status),
        ),
        None => grants,
    }))
}
