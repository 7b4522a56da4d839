//! `GET /api/v2/tickets/{id}/permissions`

use super::list::parse_id;
use crate::http::Authenticated;
use crate::http::problem::Problem;
use actix_web::{HttpResponse, get, web};
use oxt_identity::Subject;
use oxt_perm::{Reason, Verdict};
use oxt_service::Ctx;
use oxt_service::tickets::TicketPermissions;
use oxt_ticket::ids::{StaffId, TicketId};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PermissionsParams {
    /// Explain for this staff member instead of the caller (administrators only).
    staff_id: Option<String>,
}

/// Every osTicket permission on one ticket, allowed or denied, and why.
#[derive(Debug, Serialize, ToSchema)]
pub struct TicketPermissionsBody {
    pub ticket_id: u32,
    /// The staff member the answer is for (absent for an end user).
    pub staff_id: Option<u32>,
    /// The end user the answer is for (absent for a staff member).
    pub user_id: Option<u32>,
    /// Why the ticket is visible: department access (and how), assignment,
    /// referral; ownership, organization sharing, collaboration, a merged
    /// child. Each reason is an object tagged by `kind`.
    #[schema(value_type = Vec<Object>)]
    pub access: Vec<Reason>,
    /// Every permission osTicket 1.18 registers, department-scoped first.
    pub permissions: Vec<PermissionVerdictBody>,
}

/// One permission on the ticket.
#[derive(Debug, Serialize, ToSchema)]
pub struct PermissionVerdictBody {
    /// osTicket's key, such as `ticket.reply`.
    pub permission: &'static str,
    pub allowed: bool,
    /// What decided, beyond the access reasons: the role (and where it comes
    /// from), the staff permissions, the department manager, or why an end
    /// user may not.
    #[schema(value_type = Vec<Object>)]
    pub reasons: Vec<Reason>,
}

/// The caller's permissions on a ticket, or (for an administrator) a staff
/// member's, with osTicket's reasons. 404 when that subject may not see the
/// ticket, exactly as for a ticket that does not exist.
#[utoipa::path(
    tag = "tickets",
    params(("id" = u32, Path, description = "`ticket_id`"), PermissionsParams),
    responses(
        (status = 200, body = TicketPermissionsBody),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`forbidden`: `staff_id` given by a caller who is not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`ticket-not-found`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation`: `staff_id` is not an id, or names no active staff member", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/tickets/{id}/permissions")]
pub async fn get_ticket_permissions(
    ctx: web::Data<Ctx>,
    Authenticated(caller): Authenticated,
    id: web::Path<u32>,
    params: web::Query<PermissionsParams>,
) -> Result<HttpResponse, Problem> {
    let staff = parse_id("staff_id", params.staff_id.as_deref())
        .map_err(|error| Problem::invalid(vec![error]))?
        .map(StaffId::new);
    let permissions = oxt_service::tickets::explain_permissions(
        &ctx,
        &caller,
        TicketId::new(id.into_inner()),
        staff,
    )
    .await?;
    Ok(HttpResponse::Ok().json(TicketPermissionsBody::from(permissions)))
}

impl From<TicketPermissions> for TicketPermissionsBody {
    fn from(answer: TicketPermissions) -> Self {
        let (staff_id, user_id) = match answer.subject {
            Subject::Staff(staff) => (Some(staff.get()), None),
            Subject::User(user) => (None, Some(user.get())),
        };
        Self {
            ticket_id: answer.ticket.get(),
            staff_id,
            user_id,
            access: answer.explanation.access,
            permissions: answer
                .explanation
                .permissions
                .into_iter()
                .map(PermissionVerdictBody::from)
                .collect(),
        }
    }
}

impl From<Verdict> for PermissionVerdictBody {
    fn from(verdict: Verdict) -> Self {
        Self {
            permission: verdict.permission.as_str(),
            allowed: verdict.allowed,
            reasons: verdict.reasons,
        }
    }
}
