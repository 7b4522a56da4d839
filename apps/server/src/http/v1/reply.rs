//! osTicket's API answers: plain text with `Http::response`'s content type,
//! and every error also written to `ost_syslog` (`ApiController::onError`).

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse};
use oxt_service::Ctx;
use oxt_service::osticket_api::{
    ApiLogEntry, ApiPurpose, AuthorizeApiKeyError, AuthorizedApiKey, authorize, record,
};
use oxt_store::syslog::LogLevel;

/// `Http::response`'s content type, charset included.
pub const CONTENT_TYPE: &str = "text/html; charset=UTF-8";

/// The header an API key is sent in.
const API_KEY_HEADER: &str = "X-API-Key";

/// Who is calling: the key as sent and the client's address (`REMOTE_ADDR`).
#[derive(Debug, Clone)]
pub struct ApiCaller {
    pub sent_key: Option<String>,
    pub client_ip: String,
}

impl ApiCaller {
    pub fn of(req: &HttpRequest) -> Self {
        Self {
            sent_key: req
                .headers()
                .get(API_KEY_HEADER)
                .and_then(|value| value.to_str().ok())
                .map(str::to_owned),
            client_ip: req
                .peer_addr()
                .map(|address| address.ip().to_string())
                .unwrap_or_default(),
        }
    }

    pub fn sent_key(&self) -> Option<&str> {
        self.sent_key.as_deref()
    }
}

/// A plain-text answer.
pub fn text(status: StatusCode, body: impl Into<String>) -> HttpResponse {
    HttpResponse::build(status)
        .content_type(CONTENT_TYPE)
        .body(body.into())
}

/// The dispatcher's answer to a URL or method osTicket's API does not serve;
/// it is not logged.
pub async fn url_not_supported() -> HttpResponse {
    text(StatusCode::BAD_REQUEST, "URL not supported")
}

/// An error answer, logged first as osTicket logs it: a warning titled
/// `<title> (<status>)`, the key that was sent appended to the message.
pub async fn error(
    ctx: &Ctx,
    caller: &ApiCaller,
    status: StatusCode,
    title: &str,
    message: String,
) -> HttpResponse {
    let entry = ApiLogEntry {
        status: status.as_u16(),
        title,
        message: &message,
        level: LogLevel::Warning,
        sent_key: caller.sent_key(),
        client_ip: &caller.client_ip,
    };
    if let Err(failure) = record(ctx, &entry).await {
        tracing::error!(error = %failure, "could not write an API error to the system log");
    }
    text(status, message)
}

/// `requireApiKey` for `purpose`: the key, or the refusal already answered.
pub async fn authorized(
    ctx: &Ctx,
    caller: &ApiCaller,
    purpose: ApiPurpose,
) -> Result<AuthorizedApiKey, HttpResponse> {
    match authorize(ctx, caller.sent_key(), &caller.client_ip, purpose).await {
        Ok(key) => Ok(key),
        Err(refusal) => Err(refused(ctx, caller, refusal).await),
    }
}

/// `requireApiKey` and the purpose checks: always 401, with osTicket's words.
async fn refused(ctx: &Ctx, caller: &ApiCaller, refusal: AuthorizeApiKeyError) -> HttpResponse {
    let message = match &refusal {
        AuthorizeApiKeyError::NotRecognised => "Valid API key required",
        AuthorizeApiKeyError::Inactive(_) => "API key not found/active or source IP not authorized",
        AuthorizeApiKeyError::NotAllowed { .. } => "API key not authorized",
        AuthorizeApiKeyError::Store(failure) => {
            tracing::error!(error = %failure, "looking up an API key failed");
            return text(StatusCode::INTERNAL_SERVER_ERROR, "unknown error");
        }
    };
    error(
        ctx,
        caller,
        StatusCode::UNAUTHORIZED,
        "API Error",
        message.to_owned(),
    )
    .await
}

/// The body could not be read (too large, or the connection failed).
pub async fn unreadable_body(
    ctx: &Ctx,
    caller: &ApiCaller,
    failure: &actix_web::Error,
) -> HttpResponse {
    use actix_web::error::PayloadError;
    match failure.as_error::<PayloadError>() {
        Some(PayloadError::Overflow) => {
            text(StatusCode::PAYLOAD_TOO_LARGE, "Request Entity Too Large")
        }
        _ => {
            error(
                ctx,
                caller,
                StatusCode::BAD_REQUEST,
                "API Error",
                "Unable to read request body".to_owned(),
            )
            .await
        }
    }
}
