//! Who is calling: the bearer access token, verified.

use crate::http::problem::Problem;
use actix_web::http::header::AUTHORIZATION;
use actix_web::{FromRequest, HttpRequest, dev::Payload, web};
use oxt_service::{Caller, Ctx};
use std::future::{Ready, ready};

/// The authenticated caller of an `/api/v2` endpoint. A handler that takes it
/// answers 401 to a request without a valid, unexpired access token.
#[derive(Debug, Clone, Copy)]
pub struct Authenticated(pub Caller);

impl FromRequest for Authenticated {
    type Error = Problem;
    type Future = Ready<Result<Self, Problem>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(authenticate(req))
    }
}

fn authenticate(req: &HttpRequest) -> Result<Authenticated, Problem> {
    let ctx = req
        .app_data::<web::Data<Ctx>>()
        .expect("the server registers the use-case context");
    let header = req.headers().get(AUTHORIZATION).ok_or_else(|| {
        Problem::unauthorized("send an access token as `Authorization: Bearer <token>`")
    })?;
    let token = header
        .to_str()
        .ok()
        .and_then(|value| {
            value
                .strip_prefix("Bearer ")
                .or_else(|| value.strip_prefix("bearer "))
        })
        .ok_or_else(|| Problem::unauthorized("the Authorization header is not a bearer token"))?;
    let claims = ctx
        .access_tokens
        .verify_access_token(token.trim(), ctx.clock.now())
        .map_err(|error| Problem::unauthorized(error.to_string()))?;
    Ok(Authenticated(Caller {
        subject: claims.sub,
    }))
}
