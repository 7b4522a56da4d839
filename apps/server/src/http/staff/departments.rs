//! `GET` and `PUT /api/v2/staff/{id}/departments`: extended department access.

use super::view::DeptAccessListBody;
use crate::http::problem::Problem;
use crate::http::{Authenticated, JsonBody};
use actix_web::{HttpResponse, get, put, web};
use oxt_service::Ctx;
use oxt_service::staff::{DeptAccessChange, DeptAccessRow};
use oxt_ticket::ids::{DeptId, RoleId, StaffId};
use serde::Deserialize;
use utoipa::ToSchema;

/// The whole extended access: departments not listed lose it.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DeptAccessRequest {
    items: Vec<DeptAccessItem>,
}

/// One department beyond the primary one, with the role there.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DeptAccessItem {
    /// Not the primary department, and listed once.
    dept_id: Option<u32>,
    role_id: Option<u32>,
    /// Get the department's alerts. Default `false`.
    alerts: Option<bool>,
}

fn list_body(rows: Vec<DeptAccessRow>) -> DeptAccessListBody {
    DeptAccessListBody {
        items: rows.into_iter().map(Into::into).collect(),
    }
}

/// A staff member's extended department access.
#[utoipa::path(
    tag = "staff",
    params(("id" = u32, Path, description = "`ost_staff.staff_id`")),
    responses(
        (status = 200, body = DeptAccessListBody),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`forbidden`: not a staff member", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`staff-not-found`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/staff/{id}/departments")]
pub async fn get_staff_departments(
    ctx: web::Data<Ctx>,
    Authenticated(caller): Authenticated,
    id: web::Path<u32>,
) -> Result<HttpResponse, Problem> {
    let rows =
        oxt_service::staff::get_dept_access(&ctx, &caller, StaffId::new(id.into_inner())).await?;
    Ok(HttpResponse::Ok().json(list_body(rows)))
}

/// Replaces a staff member's extended department access (administrators
/// only); it holds from the staff member's next request.
#[utoipa::path(
    tag = "staff",
    params(("id" = u32, Path, description = "`ost_staff.staff_id`")),
    request_body = DeptAccessRequest,
    responses(
        (status = 200, body = DeptAccessListBody),
        (status = 400, description = "`malformed-json`", body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`forbidden`: not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`staff-not-found`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation`: `items[i].dept_id` or `items[i].role_id` invalid", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/staff/{id}/departments")]
pub async fn set_staff_departments(
    ctx: web::Data<Ctx>,
    Authenticated(caller): Authenticated,
    id: web::Path<u32>,
    JsonBody(body): JsonBody<DeptAccessRequest>,
) -> Result<HttpResponse, Problem> {
    let access = body
        .items
        .into_iter()
        .map(|item| DeptAccessChange {
            dept: item.dept_id.map(DeptId::new),
            role: item.role_id.map(RoleId::new),
            alerts: item.alerts.unwrap_or(false),
        })
        .collect();
    let rows =
        oxt_service::staff::set_dept_access(&ctx, &caller, StaffId::new(id.into_inner()), access)
            .await?;
    Ok(HttpResponse::Ok().json(list_body(rows)))
}
