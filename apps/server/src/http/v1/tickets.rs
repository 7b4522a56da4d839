//! `POST /api/tickets.json` and `POST /api/tickets.xml`:
//! `TicketApiController::create`.

use super::reply::{self, ApiCaller};
use super::{json, xml};
use actix_web::http::StatusCode;
use actix_web::web::{self, Bytes};
use actix_web::{HttpRequest, HttpResponse};
use oxt_service::Ctx;
use oxt_service::osticket_api::{ApiPurpose, SubmitTicketError, submit_ticket};
use oxt_service::tickets::CreateTicketError;

/// Opens a ticket from a JSON or XML body sent with an API key; answers
/// 201 with the ticket's number, or osTicket's error text.
pub async fn create_ticket(
    req: HttpRequest,
    ctx: web::Data<Ctx>,
    format: web::Path<String>,
    body: Result<Bytes, actix_web::Error>,
) -> HttpResponse {
    let parse: fn(&[u8]) -> Result<_, String> = match format.as_str() {
        "json" => |body| json::parse(body).map_err(str::to_owned),
        "xml" => xml::parse,
        _ => return reply::url_not_supported().await,
    };
    let caller = ApiCaller::of(&req);
    let key = match reply::authorized(&ctx, &caller, ApiPurpose::CreateTickets).await {
        Ok(key) => key,
        Err(refused) => return refused,
    };
    let body = match body {
        Ok(body) => body,
        Err(failure) => return reply::unreadable_body(&ctx, &caller, &failure).await,
    };
    let submission = match parse(&body) {
        Ok(submission) => submission,
        Err(message) => {
            return reply::error(&ctx, &caller, StatusCode::BAD_REQUEST, "API Error", message)
                .await;
        }
    };
    let sent_key = caller.sent_key().unwrap_or_default();
    match submit_ticket(&ctx, key.id, sent_key, &caller.client_ip, submission).await {
        Ok(ticket) => reply::text(StatusCode::CREATED, ticket.number),
        Err(failure) => not_created(&ctx, &caller, failure).await,
    }
}

/// `createTicket`'s failure: `Unable to create new ticket :` and the
/// problems as `key\nmessage` pairs, with `Ticket::create`'s status (500
/// for invalid input, as osTicket answers).
async fn not_created(ctx: &Ctx, caller: &ApiCaller, failure: SubmitTicketError) -> HttpResponse {
    let detail = match failure {
        SubmitTicketError::Create(error) => return creation_refused(ctx, caller, error).await,
        SubmitTicketError::Invalid(problems) => problems
            .iter()
            .map(|problem| format!("{}\n{}", problem.key, problem.message))
            .collect::<Vec<_>>()
            .join("\n"),
        SubmitTicketError::Store(error) => unknown_error(&error),
    };
    unable_to_create(ctx, caller, detail).await
}

/// The answer when opening the ticket itself failed, whatever the channel.
pub(super) async fn creation_refused(
    ctx: &Ctx,
    caller: &ApiCaller,
    error: CreateTicketError,
) -> HttpResponse {
    let detail = match error {
        CreateTicketError::Rejected(rejection) => {
            return denied(ctx, caller, &rejection.email).await;
        }
        // The Reply-To a filter made the sender is not an address: the user
        // form fails, as in osTicket.
        CreateTicketError::InvalidReplyTo(_) => INCOMPLETE_CLIENT.to_owned(),
        // Every refusal the checks before creation cannot foresee is listed,
        // so a new one must be given its answer here.
        error @ (CreateTicketError::UnknownTopic(_)
        | CreateTicketError::UnknownDepartment(_)
        | CreateTicketError::UnknownPriority(_)
        | CreateTicketError::UnknownField(_)
        | CreateTicketError::SourceNotAllowed(_)
        | CreateTicketError::NotOwnAddress
        | CreateTicketError::Forbidden(_)
        | CreateTicketError::Caller(_)
        | CreateTicketError::NoDepartment
        | CreateTicketError::NoPriority
        | CreateTicketError::NoOpenStatus
        | CreateTicketError::NoTicketForm
        | CreateTicketError::NumberFormat(_)
        | CreateTicketError::Numbering(_)
        | CreateTicketError::DueDate(_)
        | CreateTicketError::Store(_)) => unknown_error(&error),
    };
    unable_to_create(ctx, caller, detail).await
}

/// The user form's complaint about a requester without a usable address.
pub(super) const INCOMPLETE_CLIENT: &str = "user\nIncomplete client information";

/// osTicket's `$reject_ticket` (the ban list or a filter): errno 403, the
/// observed body (FACTS.md).
pub(super) async fn denied(ctx: &Ctx, caller: &ApiCaller, email: &str) -> HttpResponse {
    reply::error(
        ctx,
        caller,
        StatusCode::FORBIDDEN,
        "API Error",
        format!(
            "Unable to create new ticket :Ticket denied: {email}\n\nThis help desk is for use by authorized users only"
        ),
    )
    .await
}

/// `Unable to create new ticket :<detail>`, answered 500.
pub(super) async fn unable_to_create(
    ctx: &Ctx,
    caller: &ApiCaller,
    detail: String,
) -> HttpResponse {
    reply::error(
        ctx,
        caller,
        StatusCode::INTERNAL_SERVER_ERROR,
        "API Error",
        format!("Unable to create new ticket :{detail}"),
    )
    .await
}

/// osTicket's words when creation failed for a reason it cannot name; the
/// cause goes to the log.
pub(super) fn unknown_error(error: &(dyn std::error::Error + 'static)) -> String {
    tracing::error!(error = %error, "opening an API ticket failed");
    "unknown error".to_owned()
}
