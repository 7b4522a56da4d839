//! Runs registered jobs under their leases: once each (`oxticket cron`), or each
//! on its own interval until shutdown (`oxticket serve`).
//!
//! A job's run is a task of its own, so a job that fails or panics is logged and
//! runs again at its next tick, and never stops the other jobs. While a job
//! runs its lease is renewed every third of the lease time; if another instance
//! took the lease over meanwhile (this one stalled past the lease), the run is
//! stopped, so the job never runs on two instances at once for long.

use crate::Ctx;
use crate::jobs::{JobName, JobRegistry, ScheduledJob};
use chrono::TimeDelta;
use oxt_store::jobs::{LeaseAttempt, acquire_lease, release_lease, renew_lease};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::watch;
use tokio::task::JoinHandle;
use tokio::time::{Instant, MissedTickBehavior};

/// The longest lease: an instance that dies holding one blocks its job no longer.
pub const MAX_LEASE: Duration = Duration::from_secs(86_400);

/// Runs the jobs of a registry for one instance (`holder`).
#[derive(Debug, Clone)]
pub struct Scheduler {
    ctx: Ctx,
    registry: Arc<JobRegistry>,
    holder: String,
    lease_ttl: TimeDelta,
    renew_every: Duration,
}

/// How one attempt to run a job ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JobOutcome {
    /// The job ran; its summary of what it did.
    Ran { summary: String },
    /// Another instance holds the job's lease.
    Skipped { holder: String },
    /// The job (or taking its lease) failed; the error with its causes.
    Failed { error: String },
    /// Another instance took the lease over while the job ran; the run was stopped.
    LeaseLost,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobRun {
    pub job: JobName,
    pub outcome: JobOutcome,
}

impl Scheduler {
    /// `holder` names this instance in the leases and must differ between
    /// instances; `lease_ttl` is how long a lease lasts unrenewed (kept
    /// between a second and [`MAX_LEASE`]).
    pub fn new(ctx: Ctx, registry: JobRegistry, holder: String, lease_ttl: Duration) -> Self {
        let lease_ttl = lease_ttl.clamp(Duration::from_secs(1), MAX_LEASE);
        Self {
            ctx,
            registry: Arc::new(registry),
            holder,
            lease_ttl: TimeDelta::from_std(lease_ttl).expect("a lease of at most a day fits"),
            renew_every: lease_ttl / 3,
        }
    }

    pub fn holder(&self) -> &str {
        &self.holder
    }

    /// Runs every job once, in registration order; a failure does not stop the rest.
    pub async fn run_all_once(&self) -> Vec<JobRun> {
        let mut runs = Vec::with_capacity(self.registry.jobs().len());
        for job in self.registry.jobs() {
            let run = self.run_once(job).await;
            log_run(&run);
            runs.push(run);
        }
        runs
    }

    /// Runs `job` once if its lease is free (or already this instance's).
    pub async fn run_once(&self, job: &ScheduledJob) -> JobRun {
        JobRun {
            job: job.name.clone(),
            outcome: self.run_leased(job).await,
        }
    }

    /// Runs each job every its interval (the first run at once) until
    /// `shutdown` turns `true` or its sender is dropped; a run in progress
    /// then is cancelled and the leases this instance holds are released.
    pub async fn run_until_shutdown(self, shutdown: watch::Receiver<bool>) {
        let tasks: Vec<JoinHandle<()>> = self
            .registry
            .jobs()
            .iter()
            .cloned()
            .map(|job| tokio::spawn(self.clone().keep_running(job, shutdown.clone())))
            .collect();
        for task in tasks {
            if let Err(error) = task.await {
                tracing::error!(%error, "a job loop ended abnormally");
            }
        }
    }

    async fn keep_running(self, job: ScheduledJob, mut shutdown: watch::Receiver<bool>) {
        let mut ticker = tokio::time::interval(job.every);
        ticker.set_missed_tick_behavior(MissedTickBehavior::Delay);
        loop {
            tokio::select! {
                _ = ticker.tick() => {}
                _ = shutdown.wait_for(|stop| *stop) => break,
            }
            tokio::select! {
                run = self.run_once(&job) => log_run(&run),
                _ = shutdown.wait_for(|stop| *stop) => break,
            }
        }
        if let Err(error) = release_lease(&self.ctx.store, job.name.as_str(), &self.holder).await {
            tracing::warn!(job = %job.name, error = %chain(&error), "releasing a job lease at shutdown failed");
        }
    }

    async fn run_leased(&self, job: &ScheduledJob) -> JobOutcome {
        let name = job.name.as_str();
        let attempt = acquire_lease(
            &self.ctx.store,
            name,
            &self.holder,
            self.ctx.clock.now(),
            self.lease_ttl,
        )
        .await;
        match attempt {
            Ok(LeaseAttempt::Acquired { .. }) => {}
            Ok(LeaseAttempt::HeldElsewhere { holder, .. }) => {
                return JobOutcome::Skipped { holder };
            }
            Err(error) => {
                return JobOutcome::Failed {
                    error: chain(&error),
                };
            }
        }
        let outcome = self.run_holding_lease(job).await;
        if let Err(error) = release_lease(&self.ctx.store, name, &self.holder).await {
            // It lapses by itself at its expiry.
            tracing::warn!(job = name, error = %chain(&error), "releasing a job lease failed");
        }
        outcome
    }

    async fn run_holding_lease(&self, job: &ScheduledJob) -> JobOutcome {
        let ctx = self.ctx.clone();
        let task = Arc::clone(&job.job);
        let mut running = AbortOnDrop(tokio::spawn(async move { task.run(&ctx).await }));
        let mut renewal =
            tokio::time::interval_at(Instant::now() + self.renew_every, self.renew_every);
        loop {
            tokio::select! {
                finished = &mut running.0 => {
                    return match finished {
                        Ok(Ok(summary)) => JobOutcome::Ran { summary },
                        Ok(Err(error)) => JobOutcome::Failed { error: chain(error.as_ref()) },
                        Err(join) if join.is_panic() => JobOutcome::Failed { error: "the job panicked".to_owned() },
                        Err(_) => JobOutcome::Failed { error: "the job was cancelled".to_owned() },
                    };
                }
                _ = renewal.tick() => {
                    let renewed = renew_lease(
                        &self.ctx.store,
                        job.name.as_str(),
                        &self.holder,
                        self.ctx.clock.now(),
                        self.lease_ttl,
                    )
                    .await;
                    match renewed {
                        Ok(true) => {}
                        // Dropping `running` stops the job.
                        Ok(false) => return JobOutcome::LeaseLost,
                        // The lease still runs until its expiry; the next renewal may succeed.
                        Err(error) => tracing::warn!(job = %job.name, error = %chain(&error), "renewing a job lease failed"),
                    }
                }
            }
        }
    }
}

/// Aborts the job's task when the run is dropped (lease lost, shutdown).
struct AbortOnDrop<T>(JoinHandle<T>);

impl<T> Drop for AbortOnDrop<T> {
    fn drop(&mut self) {
        self.0.abort();
    }
}

fn log_run(run: &JobRun) {
    match &run.outcome {
        JobOutcome::Ran { summary } => tracing::info!(job = %run.job, summary, "job ran"),
        JobOutcome::Skipped { holder } => {
            tracing::debug!(job = %run.job, holder, "job skipped: another instance holds its lease");
        }
        JobOutcome::Failed { error } => {
            tracing::error!(job = %run.job, error, "job failed; it runs again at its next tick");
        }
        JobOutcome::LeaseLost => {
            tracing::warn!(job = %run.job, "job stopped: another instance took its lease over");
        }
    }
}

/// The error and its causes, outermost first.
fn chain(error: &(dyn std::error::Error + 'static)) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}
