//! osTicket's v1 API, outside `/api/v2`: `POST /api/tickets.json`,
//! `POST /api/tickets.xml`, `POST /api/tickets.email` and
//! `POST /api/tasks/cron`, authenticated by an `X-API-Key` bound to the
//! client's address, answering osTicket's status codes and plain-text bodies. Anything else under `/api` is osTicket's
//! dispatcher's `400 URL not supported`.

mod charset;
mod cron;
mod email;
mod json;
mod reply;
mod rfc2397;
mod tickets;
mod xml;

use actix_web::{Scope, web};

/// The `/api` scope; register it after `/api/v2`, which takes precedence.
pub fn scope() -> Scope {
    web::scope("/api")
        .service(
            web::resource("/tickets.email")
                .route(web::post().to(email::receive_email))
                .default_service(web::to(reply::url_not_supported)),
        )
        .service(
            web::resource("/tickets.{format}")
                .route(web::post().to(tickets::create_ticket))
                .default_service(web::to(reply::url_not_supported)),
        )
        .service(
            web::resource("/tasks/cron")
                .route(web::post().to(cron::run_cron))
                .default_service(web::to(reply::url_not_supported)),
        )
        .default_service(web::to(reply::url_not_supported))
}
