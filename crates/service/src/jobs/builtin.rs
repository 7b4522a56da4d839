//! The jobs osTicket's `Cron::TicketMonitor` runs: the overdue monitor and the
//! clean-up of expired ticket locks.

use crate::Ctx;
use crate::jobs::{Job, JobFuture};
use crate::tickets::mark_overdue_tickets;
use oxt_store::jobs::delete_expired_locks;
use std::num::NonZeroU32;

/// Flags open tickets past their due date ([`mark_overdue_tickets`]).
#[derive(Debug, Clone, Copy)]
pub struct OverdueMonitorJob {
    pub batch_size: NonZeroU32,
}

impl Job for OverdueMonitorJob {
    fn run<'a>(&'a self, ctx: &'a Ctx) -> JobFuture<'a> {
        Box::pin(async move {
            let report = mark_overdue_tickets(ctx, self.batch_size).await?;
            Ok(format!(
                "{} tickets marked overdue, {} alerts queued, {} escalated, {} batches, {} queries",
                report.marked,
                report.alerts_queued,
                report.escalated,
                report.batches,
                report.queries
            ))
        })
    }
}

/// Deletes expired `ost_lock` rows, as osTicket's `Lock::cleanup`.
#[derive(Debug, Clone, Copy, Default)]
pub struct LockCleanupJob;

impl Job for LockCleanupJob {
    fn run<'a>(&'a self, ctx: &'a Ctx) -> JobFuture<'a> {
        Box::pin(async move {
            let deleted = delete_expired_locks(&ctx.store, ctx.clock.now()).await?;
            Ok(format!("{deleted} expired locks deleted"))
        })
    }
}
