//! `GET /api/v2/staff`

use super::view::StaffListBody;
use crate::http::Authenticated;
use crate::http::problem::{FieldError, Problem};
use crate::http::users::list::paging;
use actix_web::{HttpResponse, get, web};
use oxt_service::Ctx;
use oxt_service::staff::StaffQuery;
use oxt_ticket::ids::DeptId;
use serde::Deserialize;
use utoipa::IntoParams;

/// The query string, read as text so that every invalid value is named.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListStaffParams {
    /// Primary department.
    dept_id: Option<String>,
    /// Text the username, a name or the e-mail address contains (ignoring case).
    q: Option<String>,
    /// `true` for active accounts, `false` for locked ones.
    isactive: Option<String>,
    /// From 1; default 1.
    page: Option<String>,
    /// 1 to 100; default 25.
    per_page: Option<String>,
}

/// The staff members the caller may see, by name, one page at a time: an
/// administrator or a holder of `visibility.agents` sees all, any other
/// agent those of the departments they reach (osTicket's directory).
#[utoipa::path(
    tag = "staff",
    params(ListStaffParams),
    responses(
        (status = 200, body = StaffListBody),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`forbidden`: not a staff member", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation`: a parameter is invalid, named", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/staff")]
pub async fn list_staff(
    ctx: web::Data<Ctx>,
    Authenticated(caller): Authenticated,
    params: web::Query<ListStaffParams>,
) -> Result<HttpResponse, Problem> {
    let query = params.into_inner().parse()?;
    let list = oxt_service::staff::list(&ctx, &caller, query).await?;
    Ok(HttpResponse::Ok().json(StaffListBody {
        items: list.items.into_iter().map(Into::into).collect(),
        total: list.total,
        page: list.paging.page(),
        per_page: list.paging.per_page(),
    }))
}

impl ListStaffParams {
    fn parse(self) -> Result<StaffQuery, Problem> {
        let mut errors = Vec::new();
        let dept = match self.dept_id.as_deref().map(str::parse::<u32>) {
            None => None,
            Some(Ok(id)) => Some(DeptId::new(id)),
            Some(Err(_)) => {
                errors.push(FieldError::new(
                    "dept_id",
                    "invalid",
                    "expected a department id",
                ));
                None
            }
        };
        let is_active = match self.isactive.as_deref() {
            None => None,
            Some("true" | "1") => Some(true),
            Some("false" | "0") => Some(false),
            Some(_) => {
                errors.push(FieldError::new(
                    "isactive",
                    "invalid",
                    "expected true or false",
                ));
                None
            }
        };
        let paging = paging(self.page.as_deref(), self.per_page.as_deref());
        if !errors.is_empty() {
            return Err(Problem::invalid(errors));
        }
        Ok(StaffQuery {
            dept,
            text: self
                .q
                .map(|q| q.trim().to_owned())
                .filter(|q| !q.is_empty()),
            is_active,
            paging: paging?,
        })
    }
}
