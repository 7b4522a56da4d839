//! `TicketApiController::create` for the `email` format: the body is one
//! raw message, read as `ApiEmailDataParser` reads it and received as the
//! mail channel receives every message.

use crate::Ctx;
use crate::mail::{ReceiveEmailError, ReceivedEmail, receive_email};
use crate::tickets::Requester;
use oxt_mail::{InboundMessage, ParseMessageError};
use oxt_ticket::ids::ApiKeyId;

#[derive(Debug, thiserror::Error)]
pub enum SubmitEmailError {
    /// The body is not a message osTicket could read.
    #[error(transparent)]
    Parse(#[from] ParseMessageError),
    #[error(transparent)]
    Receive(#[from] ReceiveEmailError),
}

/// Reads `raw` and receives it with the key as requester, from `client_ip`.
#[tracing::instrument(skip_all, fields(api_key = %key))]
pub async fn submit_email(
    ctx: &Ctx,
    key: ApiKeyId,
    client_ip: &str,
    raw: &[u8],
) -> Result<ReceivedEmail, SubmitEmailError> {
    let message = InboundMessage::parse(raw)?;
    Ok(receive_email(ctx, Requester::ApiKey(key), &message, client_ip).await?)
}
