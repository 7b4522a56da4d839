//! `GET /api/v2/users`

use super::view::UserBody;
use crate::http::Authenticated;
use crate::http::problem::{FieldError, Problem};
use actix_web::{HttpResponse, get, web};
use oxt_service::Ctx;
use oxt_service::users::{UserList, UserPaging, UserPagingError, UserQuery};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// The query string, read as text so that every invalid value is named.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListUsersParams {
    /// Text the name or an e-mail address contains (ignoring case).
    q: Option<String>,
    /// From 1; default 1.
    page: Option<String>,
    /// 1 to 100; default 25.
    per_page: Option<String>,
}

/// A page of users, by name.
#[derive(Debug, Serialize, ToSchema)]
pub struct UserListBody {
    pub items: Vec<UserBody>,
    /// How many users match in all.
    pub total: u64,
    pub page: u32,
    pub per_page: u32,
}

/// Users whose name or address contains `q`, one page at a time.
#[utoipa::path(
    tag = "users",
    params(ListUsersParams),
    responses(
        (status = 200, body = UserListBody),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`forbidden`: not a staff member", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation`: `page` or `per_page` invalid", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/users")]
pub async fn list_users(
    ctx: web::Data<Ctx>,
    Authenticated(caller): Authenticated,
    params: web::Query<ListUsersParams>,
) -> Result<HttpResponse, Problem> {
    let query = params.into_inner().parse()?;
    let list = oxt_service::users::list(&ctx, &caller, query).await?;
    Ok(HttpResponse::Ok().json(UserListBody::from(list)))
}

impl ListUsersParams {
    fn parse(self) -> Result<UserQuery, Problem> {
        Ok(UserQuery {
            paging: paging(self.page.as_deref(), self.per_page.as_deref())?,
            text: self
                .q
                .map(|q| q.trim().to_owned())
                .filter(|q| !q.is_empty()),
        })
    }
}

/// `page` and `per_page` of a list's query string, each invalid one named.
pub(crate) fn paging(page: Option<&str>, per_page: Option<&str>) -> Result<UserPaging, Problem> {
    let mut errors = Vec::new();
    let page = count("page", page).map_err(|e| errors.push(e)).ok();
    let per_page = count("per_page", per_page).map_err(|e| errors.push(e)).ok();
    let (Some(page), Some(per_page)) = (page, per_page) else {
        return Err(Problem::invalid(errors));
    };
    UserPaging::parse(page, per_page).map_err(|error| {
        let field = match error {
            UserPagingError::PageZero => "page",
            UserPagingError::PerPageOutOfRange { .. } => "per_page",
        };
        Problem::invalid_field(field, "out-of-range", error.to_string())
    })
}

fn count(field: &'static str, raw: Option<&str>) -> Result<Option<u32>, FieldError> {
    raw.map(|raw| {
        raw.parse::<u32>()
            .map_err(|_| FieldError::new(field, "invalid", "expected a positive integer"))
    })
    .transpose()
}

impl From<UserList> for UserListBody {
    fn from(list: UserList) -> Self {
        Self {
            items: list.items.into_iter().map(UserBody::from).collect(),
            total: list.total,
            page: list.paging.page(),
            per_page: list.paging.per_page(),
        }
    }
}
