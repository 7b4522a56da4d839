//! `POST /api/tickets.email`: `TicketApiController::create` for a piped
//! message (what osTicket's `api/pipe.php` and `automail` scripts post).

use super::reply::{self, ApiCaller};
use super::tickets::{
    INCOMPLETE_CLIENT, creation_refused, denied, unable_to_create, unknown_error,
};
use actix_web::http::StatusCode;
use actix_web::web::{self, Bytes};
use actix_web::{HttpRequest, HttpResponse};
use oxt_mail::ParseMessageError;
use oxt_service::Ctx;
use oxt_service::mail::ReceiveEmailError;
use oxt_service::osticket_api::{ApiPurpose, SubmitEmailError, submit_email};

/// Receives one raw RFC 822 message sent with an API key; answers 201 with
/// the number of the ticket it opened or went to (also for a message
/// received before), or osTicket's error text.
pub async fn receive_email(
    req: HttpRequest,
    ctx: web::Data<Ctx>,
    body: Result<Bytes, actix_web::Error>,
) -> HttpResponse {
    let caller = ApiCaller::of(&req);
    let key = match reply::authorized(&ctx, &caller, ApiPurpose::CreateTickets).await {
        Ok(key) => key,
        Err(refused) => return refused,
    };
    let body = match body {
        Ok(body) => body,
        Err(failure) => return reply::unreadable_body(&ctx, &caller, &failure).await,
    };
    match submit_email(&ctx, key.id, &caller.client_ip, &body).await {
        Ok(received) => reply::text(StatusCode::CREATED, received.number),
        Err(failure) => not_received(&ctx, &caller, failure).await,
    }
}

async fn not_received(ctx: &Ctx, caller: &ApiCaller, failure: SubmitEmailError) -> HttpResponse {
    match failure {
        // `EmailDataParser::onParseError`: osTicket's parser gives no detail
        // for a message without headers.
        SubmitEmailError::Parse(ParseMessageError::NoHeaders) => {
            parse_failed(ctx, caller, "").await
        }
        SubmitEmailError::Parse(ParseMessageError::Malformed(detail)) => {
            parse_failed(ctx, caller, &detail).await
        }
        // A message without a usable sender reaches `Ticket::create` without
        // an address, and the user form fails.
        SubmitEmailError::Parse(ParseMessageError::NoSender)
        | SubmitEmailError::Receive(ReceiveEmailError::InvalidSender(_)) => {
            unable_to_create(ctx, caller, INCOMPLETE_CLIENT.to_owned()).await
        }
        SubmitEmailError::Receive(ReceiveEmailError::Create(error)) => {
            creation_refused(ctx, caller, error).await
        }
        SubmitEmailError::Receive(ReceiveEmailError::Banned(rejection)) => {
            denied(ctx, caller, &rejection.email).await
        }
        SubmitEmailError::Receive(ReceiveEmailError::Post(error)) => {
            unable_to_create(ctx, caller, unknown_error(&error)).await
        }
        SubmitEmailError::Receive(ReceiveEmailError::Load(error)) => {
            unable_to_create(ctx, caller, unknown_error(&error)).await
        }
        SubmitEmailError::Receive(ReceiveEmailError::Store(error)) => {
            unable_to_create(ctx, caller, unknown_error(&error)).await
        }
    }
}

/// `getEmailRequest`'s answer to a body that is not a message.
async fn parse_failed(ctx: &Ctx, caller: &ApiCaller, detail: &str) -> HttpResponse {
    reply::error(
        ctx,
        caller,
        StatusCode::BAD_REQUEST,
        "API Error",
        format!("Email parse failed: [{detail}]"),
    )
    .await
}
