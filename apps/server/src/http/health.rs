//! Liveness and readiness probes.

use crate::http::problem::Problem;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, web};
use oxt_service::Ctx;
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Debug, Serialize, ToSchema)]
pub struct Health {
    status: &'static str,
}

/// Liveness: the process answers.
#[utoipa::path(tag = "health", security(()), responses((status = 200, body = Health)))]
#[get("/health")]
pub async fn health() -> HttpResponse {
    HttpResponse::Ok().json(Health { status: "ok" })
}

/// Readiness: the database answers.
#[utoipa::path(
    tag = "health",
    security(()),
    responses(
        (status = 200, body = Health),
        (status = 503, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/ready")]
pub async fn ready(ctx: web::Data<Ctx>) -> Result<HttpResponse, Problem> {
    match ctx.store.ping().await {
        Ok(()) => Ok(HttpResponse::Ok().json(Health { status: "ready" })),
        Err(error) => {
            tracing::warn!(error = %error, "database not reachable");
            Err(Problem::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "not-ready",
                "The database does not answer",
            ))
        }
    }
}
