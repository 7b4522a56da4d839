//! The HTTP shell: routes, extractors and the problem mapper. Handlers turn a
//! request into a use-case call and its result into JSON; no business
//! decisions are made here.

mod api_keys;
mod auth;
mod banlist;
mod body;
mod caller;
mod departments;
mod filters;
mod health;
mod nullable;
mod openapi;
pub mod problem;
mod roles;
mod schedules;
mod slas;
mod staff;
mod teams;
pub mod tickets;
mod users;
mod v1;

pub use body::JsonBody;
pub use caller::Authenticated;

use crate::settings::Settings;
use actix_web::body::MessageBody;
use actix_web::dev::{Server, ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::middleware::{Next, from_fn};
use actix_web::{App, Error, HttpMessage, HttpServer, ResponseError, web};
use oxt_service::Ctx;
use oxt_service::jobs::Scheduler;
use problem::Problem;
use std::net::TcpListener;
use tracing_actix_web::{RequestId, TracingLogger};
use utoipa_actix_web::{AppExt, scope};

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// Builds the server on an already bound listener.
/// `jobs` serves osTicket's `POST /api/tasks/cron`, whether or not the
/// server also runs them on their intervals.
pub fn server(
    listener: TcpListener,
    ctx: Ctx,
    jobs: Scheduler,
    settings: &Settings,
) -> std::io::Result<Server> {
    let ctx = web::Data::new(ctx);
    let jobs = web::Data::new(jobs);
    let max_body = settings.max_body_bytes;
    let mut server = HttpServer::new(move || {
        let (app, api) =
            App::new()
                .into_utoipa_app()
                .openapi(openapi::document())
                .app_data(ctx.clone())
                .app_data(web::PayloadConfig::new(max_body))
                .app_data(web::PathConfig::default().error_handler(|_, _| {
                    Problem::not_found("not-found", "No such resource").into()
                }))
                .app_data(web::QueryConfig::default().error_handler(|error, _| {
                    Problem::new(
                        actix_web::http::StatusCode::BAD_REQUEST,
                        "invalid-query",
                        "The query string is invalid",
                    )
                    .with_detail(error.to_string())
                    .into()
                }))
                .service(health::health)
                .service(health::ready)
                .service(openapi::serve)
                .service(scope("/api/v2").configure(api_v2))
                .split_for_parts();
        app.app_data(web::Data::new(api))
            .app_data(jobs.clone())
            .service(v1::scope())
            .default_service(web::to(|| async {
                Problem::not_found("not-found", "No such resource").error_response()
            }))
            .wrap(from_fn(request_id_header))
            .wrap(TracingLogger::default())
    })
    .listen(listener)?;
    if let Some(workers) = settings.workers {
        server = server.workers(workers);
    }
    Ok(server.run())
}

/// Every `/api/v2` resource; each feature module registers its own handlers.
fn api_v2(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.configure(auth::configure);
    cfg.configure(users::configure);
    cfg.configure(tickets::configure);
    cfg.configure(api_keys::configure);
    cfg.configure(slas::configure);
    cfg.configure(schedules::configure);
    cfg.configure(roles::configure);
    cfg.configure(departments::configure);
    cfg.configure(staff::configure);
    cfg.configure(teams::configure);
    cfg.configure(filters::configure);
    cfg.configure(banlist::configure);
}

/// Puts the request id tracing-actix-web gave the request on its response.
async fn request_id_header(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let request_id = req.extensions().get::<RequestId>().copied();
    let mut response = next.call(req).await?;
    if let Some(id) = request_id
        && let Ok(value) = HeaderValue::from_str(&id.to_string())
    {
        response.headers_mut().insert(REQUEST_ID, value);
    }
    Ok(response)
}
