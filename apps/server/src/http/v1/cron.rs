//! `POST /api/tasks/cron`: `CronApiController::execute`, how osTicket's
//! installs without a system cron run their periodic work.

use super::reply::{self, ApiCaller};
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use oxt_service::Ctx;
use oxt_service::jobs::Scheduler;
use oxt_service::osticket_api::ApiPurpose;

/// Runs every periodic job once with a key that may run cron, as
/// `oxticket cron` does (a job another instance holds is skipped), and
/// answers `200 Completed` as osTicket does whatever the jobs did: their
/// failures are in the server's log.
pub async fn run_cron(
    req: HttpRequest,
    ctx: web::Data<Ctx>,
    scheduler: web::Data<Scheduler>,
) -> HttpResponse {
    let caller = ApiCaller::of(&req);
    if let Err(refused) = reply::authorized(&ctx, &caller, ApiPurpose::ExecCron).await {
        return refused;
    }
    scheduler.run_all_once().await;
    reply::text(StatusCode::OK, "Completed")
}
