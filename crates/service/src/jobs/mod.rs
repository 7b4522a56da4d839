//! Periodic jobs: what osTicket's cron (`Cron::run`) does on a timer, run by
//! `oxticket serve` on each job's interval and by `oxticket cron` once.
//!
//! A job is anything implementing [`Job`], registered under a name with an
//! interval in a [`JobRegistry`]; the [`Scheduler`] runs them. Before each run
//! the scheduler takes the job's lease in `{prefix}oxt_job_lease`, so that with
//! several instances on one database each job runs on one of them at a time.

mod builtin;
mod registry;
mod scheduler;

pub use builtin::{LockCleanupJob, OverdueMonitorJob};
pub use registry::{
    JobName, JobNameError, JobRegistry, JobSettings, JobSettingsError, LOCK_CLEANUP,
    OVERDUE_MONITOR, RegisterJobError, ScheduledJob,
};
pub use scheduler::{JobOutcome, JobRun, MAX_LEASE, Scheduler};

use crate::Ctx;
use std::fmt::Debug;
use std::future::Future;
use std::pin::Pin;

/// Why a run failed; logged, and the job runs again at its next tick.
pub type JobError = Box<dyn std::error::Error + Send + Sync>;

/// A run of a job: a one-line summary of what it did, for the log.
pub type JobFuture<'a> = Pin<Box<dyn Future<Output = Result<String, JobError>> + Send + 'a>>;

/// A periodic job. Each run does its own transactions; a run cancelled part way
/// (lease lost, shutdown) must leave nothing half written, which holds when
/// each unit of work is one transaction.
pub trait Job: Debug + Send + Sync {
    fn run<'a>(&'a self, ctx: &'a Ctx) -> JobFuture<'a>;
}
