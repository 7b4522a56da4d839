//! `GET /api/v2/tickets`

use super::view::TicketSummaryBody;
use crate::http::Authenticated;
use crate::http::problem::{FieldError, Problem};
use actix_web::{HttpResponse, get, web};
use oxt_service::Ctx;
use oxt_service::tickets::{
    Paging, StatusFilter, TicketFilter, TicketList, TicketOrder, TicketQuery, TicketSortKey,
};
use oxt_ticket::ids::{DeptId, StaffId, StatusId, UserId};
use oxt_ticket::status::StatusState;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// The query string, read as text so that every invalid value is named.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListTicketsParams {
    /// A state (`open`, `closed`, `archived`, `deleted`) or a status id.
    status: Option<String>,
    dept_id: Option<String>,
    /// The assigned agent.
    staff_id: Option<String>,
    /// The ticket's owner.
    user_id: Option<String>,
    /// The exact ticket number, or text the subject contains (ignoring case).
    q: Option<String>,
    /// `created`, `updated`, `number` or `duedate`, `-` first for descending;
    /// default `-created`.
    sort: Option<String>,
    /// From 1; default 1.
    page: Option<String>,
    /// 1 to 100; default 25.
    per_page: Option<String>,
}

/// A page of tickets.
#[derive(Debug, Serialize, ToSchema)]
pub struct TicketListBody {
    pub items: Vec<TicketSummaryBody>,
    /// How many tickets the caller may see match the filter in all, counted
    /// up to 10,000: when more match, `total` is 10,000 and `total_exact` is
    /// `false`.
    pub total: u64,
    /// `false` when more than `total` tickets match.
    pub total_exact: bool,
    pub page: u32,
    pub per_page: u32,
}

/// Tickets matching the filters among those the caller may see, one page at
/// a time. Agents see the tickets of their departments, the open tickets
/// assigned to them or their teams, and those referred to them; end users see
/// their own, their organization's when it shares them, and those they
/// collaborate on. `q` searches the same tickets, or every ticket for staff
/// holding `search.all`. Hidden tickets count nowhere.
#[utoipa::path(
    tag = "tickets",
    params(ListTicketsParams),
    responses(
        (status = 200, body = TicketListBody),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation`: an invalid query parameter, named", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/tickets")]
pub async fn list_tickets(
    ctx: web::Data<Ctx>,
    Authenticated(caller): Authenticated,
    params: web::Query<ListTicketsParams>,
) -> Result<HttpResponse, Problem> {
    let query = params.into_inner().parse()?;
    let list = oxt_service::tickets::list(&ctx, &caller, query).await?;
    Ok(HttpResponse::Ok().json(TicketListBody::from(list)))
}

impl ListTicketsParams {
    fn parse(self) -> Result<TicketQuery, Problem> {
        let mut errors = Vec::new();
        let status = collect(&mut errors, parse_status(self.status.as_deref()));
        let dept_id = collect(&mut errors, parse_id("dept_id", self.dept_id.as_deref()));
        let staff_id = collect(&mut errors, parse_id("staff_id", self.staff_id.as_deref()));
        let user_id = collect(&mut errors, parse_id("user_id", self.user_id.as_deref()));
        let order = collect(&mut errors, parse_sort(self.sort.as_deref()));
        let paging = parse_paging(self.page.as_deref(), self.per_page.as_deref())
            .map_err(|paging_errors| errors.extend(paging_errors))
            .ok();
        let text = self
            .q
            .map(|q| q.trim().to_owned())
            .filter(|q| !q.is_empty());
        match (status, dept_id, staff_id, user_id, order, paging) {
            (
                Some(status),
                Some(dept_id),
                Some(staff_id),
                Some(user_id),
                Some(order),
                Some(paging),
            ) if errors.is_empty() => Ok(TicketQuery {
                filter: TicketFilter {
                    status,
                    dept_id: dept_id.map(DeptId::new),
                    staff_id: staff_id.map(StaffId::new),
                    user_id: user_id.map(UserId::new),
                    text,
                },
                order: order.unwrap_or(TicketQuery::DEFAULT_ORDER),
                paging,
            }),
            _ => Err(Problem::invalid(errors)),
        }
    }
}

/// Keeps a parsed value, or records why it failed.
fn collect<T>(errors: &mut Vec<FieldError>, parsed: Result<T, FieldError>) -> Option<T> {
    parsed.map_err(|error| errors.push(error)).ok()
}

fn parse_status(raw: Option<&str>) -> Result<Option<StatusFilter>, FieldError> {
    let Some(raw) = raw else { return Ok(None) };
    if let Ok(state) = StatusState::parse(raw) {
        return Ok(Some(StatusFilter::State(state)));
    }
    match raw.parse::<u32>() {
        Ok(id) if id > 0 => Ok(Some(StatusFilter::Id(StatusId::new(id)))),
        _ => Err(FieldError::new(
            "status",
            "invalid",
            "expected open, closed, archived, deleted or a status id",
        )),
    }
}

pub(super) fn parse_id(field: &'static str, raw: Option<&str>) -> Result<Option<u32>, FieldError> {
    let Some(raw) = raw else { return Ok(None) };
    match raw.parse::<u32>() {
        Ok(id) if id > 0 => Ok(Some(id)),
        _ => Err(FieldError::new(
            field,
            "invalid",
            "expected a positive integer id",
        )),
    }
}

fn parse_sort(raw: Option<&str>) -> Result<Option<TicketOrder>, FieldError> {
    let Some(raw) = raw else { return Ok(None) };
    let (descending, name) = match raw.strip_prefix('-') {
        Some(name) => (true, name),
        None => (false, raw),
    };
    let key = match name {
        "created" => TicketSortKey::Created,
        "updated" => TicketSortKey::Updated,
        "number" => TicketSortKey::Number,
        "duedate" => TicketSortKey::Duedate,
        _ => {
            return Err(FieldError::new(
                "sort",
                "invalid",
                "expected created, updated, number or duedate, optionally after `-`",
            ));
        }
    };
    Ok(Some(TicketOrder { key, descending }))
}

/// `page` and `per_page`, each checked on its own so that both are named when
/// both are wrong; both absent is the first page of the default size.
pub(super) fn parse_paging(
    page: Option<&str>,
    per_page: Option<&str>,
) -> Result<Paging, Vec<FieldError>> {
    let page = parse_count("page", page).and_then(|page| {
        Paging::parse(page, None)
            .map(|_| page)
            .map_err(|error| FieldError::new("page", "invalid", error.to_string()))
    });
    let per_page = parse_count("per_page", per_page).and_then(|per_page| {
        Paging::parse(None, per_page)
            .map(|_| per_page)
            .map_err(|error| FieldError::new("per_page", "invalid", error.to_string()))
    });
    match (page, per_page) {
        (Ok(page), Ok(per_page)) => Paging::parse(page, per_page)
            .map_err(|error| vec![FieldError::new("per_page", "invalid", error.to_string())]),
        (page, per_page) => Err([page.err(), per_page.err()].into_iter().flatten().collect()),
    }
}

fn parse_count(field: &'static str, raw: Option<&str>) -> Result<Option<u32>, FieldError> {
    raw.map(|raw| {
        raw.parse::<u32>()
            .map_err(|_| FieldError::new(field, "invalid", "expected a positive integer"))
    })
    .transpose()
}

impl From<TicketList> for TicketListBody {
    fn from(list: TicketList) -> Self {
        Self {
            items: list
                .items
                .into_iter()
                .map(TicketSummaryBody::from)
                .collect(),
            total: list.total,
            total_exact: list.total_exact,
            page: list.paging.page(),
            per_page: list.paging.per_page(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descending_sort_is_written_with_a_leading_dash() {
        assert_eq!(
            parse_sort(Some("-duedate")).unwrap(),
            Some(TicketOrder {
                key: TicketSortKey::Duedate,
                descending: true
            })
        );
    }

    #[test]
    fn status_is_a_state_or_a_status_id() {
        assert_eq!(
            parse_status(Some("Closed")).unwrap(),
            Some(StatusFilter::State(StatusState::Closed))
        );
        assert_eq!(
            parse_status(Some("3")).unwrap(),
            Some(StatusFilter::Id(StatusId::new(3)))
        );
        assert!(parse_status(Some("pending")).is_err());
    }
}
