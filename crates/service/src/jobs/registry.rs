//! The jobs a scheduler runs, each under a name and with an interval, and the
//! settings that build the standard set.

use crate::jobs::scheduler::MAX_LEASE;
use crate::jobs::{Job, LockCleanupJob, OverdueMonitorJob};
use serde::Deserialize;
use std::fmt;
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;

/// A job's name: its key in `oxt_job_lease` and in the log. Lowercase ASCII
/// letters, digits, `_` and `-`, at most 64 (the lease column's width).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct JobName(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum JobNameError {
    #[error("a job name cannot be empty")]
    Empty,
    #[error("a job name has at most 64 characters")]
    TooLong,
    #[error("a job name has only lowercase letters, digits, '_' and '-'")]
    InvalidCharacter,
}

impl JobName {
    pub fn parse(raw: &str) -> Result<Self, JobNameError> {
        if raw.is_empty() {
            return Err(JobNameError::Empty);
        }
        if raw.len() > 64 {
            return Err(JobNameError::TooLong);
        }
        if !raw
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
        {
            return Err(JobNameError::InvalidCharacter);
        }
        Ok(Self(raw.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for JobName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A registered job.
#[derive(Debug, Clone)]
pub struct ScheduledJob {
    pub name: JobName,
    /// Time from the start of one run to the start of the next.
    pub every: Duration,
    pub job: Arc<dyn Job>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RegisterJobError {
    #[error("a job named {0} is already registered")]
    Duplicate(JobName),
    #[error("job {0}: the interval must be at least one second")]
    IntervalTooShort(JobName),
}

/// The jobs, in registration order (the order `oxticket cron` runs them in).
#[derive(Debug, Clone, Default)]
pub struct JobRegistry {
    jobs: Vec<ScheduledJob>,
}

impl JobRegistry {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds `job`, to run every `every` (at least a second: a lease is held in
    /// whole seconds of the database's clock).
    pub fn register(
        &mut self,
        name: JobName,
        every: Duration,
        job: Arc<dyn Job>,
    ) -> Result<&mut Self, RegisterJobError> {
        if self.jobs.iter().any(|known| known.name == name) {
            return Err(RegisterJobError::Duplicate(name));
        }
        if every < Duration::from_secs(1) {
            return Err(RegisterJobError::IntervalTooShort(name));
        }
        self.jobs.push(ScheduledJob { name, every, job });
        Ok(self)
    }

    pub fn jobs(&self) -> &[ScheduledJob] {
        &self.jobs
    }
}

/// The `[jobs]` settings of `oxticket.toml` (`OXT_JOBS__*`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct JobSettings {
    /// Whether `oxticket serve` runs the jobs; off leaves them to
    /// `oxticket cron` or to other instances.
    pub enabled: bool,
    /// How long a job's lease lasts without renewal: how soon another
    /// instance takes over the jobs of one that died. Renewed every third of it
    /// while a job runs.
    pub lease_seconds: u64,
    pub overdue_monitor_seconds: u64,
    /// Tickets marked per transaction.
    pub overdue_batch_size: u32,
    pub lock_cleanup_seconds: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum JobSettingsError {
    #[error("jobs.{0} must be positive")]
    NotPositive(&'static str),
    #[error("jobs.lease_seconds must be at most {}", MAX_LEASE.as_secs())]
    LeaseTooLong,
    #[error(transparent)]
    Register(#[from] RegisterJobError),
}

/// The name the overdue monitor is registered under.
pub const OVERDUE_MONITOR: &str = "overdue_monitor";
/// The name the lock clean-up is registered under.
pub const LOCK_CLEANUP: &str = "lock_cleanup";

impl JobSettings {
    /// The standard jobs: the overdue monitor and the lock clean-up.
    pub fn registry(&self) -> Result<JobRegistry, JobSettingsError> {
        let batch_size = NonZeroU32::new(self.overdue_batch_size)
            .ok_or(JobSettingsError::NotPositive("overdue_batch_size"))?;
        let mut registry = JobRegistry::new();
        registry
            .register(
                standard_name(OVERDUE_MONITOR),
                Duration::from_secs(self.overdue_monitor_seconds),
                Arc::new(OverdueMonitorJob { batch_size }),
            )?
            .register(
                standard_name(LOCK_CLEANUP),
                Duration::from_secs(self.lock_cleanup_seconds),
                Arc::new(LockCleanupJob),
            )?;
        Ok(registry)
    }

    pub fn lease_ttl(&self) -> Result<Duration, JobSettingsError> {
        if self.lease_seconds == 0 {
            return Err(JobSettingsError::NotPositive("lease_seconds"));
        }
        let ttl = Duration::from_secs(self.lease_seconds);
        if ttl > MAX_LEASE {
            return Err(JobSettingsError::LeaseTooLong);
        }
        Ok(ttl)
    }
}

fn standard_name(name: &str) -> JobName {
    JobName::parse(name).expect("the standard job names are valid")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> JobSettings {
        JobSettings {
            enabled: true,
            lease_seconds: 300,
            overdue_monitor_seconds: 300,
            overdue_batch_size: 500,
            lock_cleanup_seconds: 60,
        }
    }

    #[test]
    fn standard_jobs_are_registered_in_order_with_their_intervals() {
        let registry = settings().registry().unwrap();
        let jobs: Vec<(&str, u64)> = registry
            .jobs()
            .iter()
            .map(|job| (job.name.as_str(), job.every.as_secs()))
            .collect();
        assert_eq!(jobs, [(OVERDUE_MONITOR, 300), (LOCK_CLEANUP, 60)]);
    }

    #[test]
    fn a_zero_interval_names_the_job() {
        let zero = JobSettings {
            lock_cleanup_seconds: 0,
            ..settings()
        };
        assert_eq!(
            zero.registry().unwrap_err(),
            JobSettingsError::Register(RegisterJobError::IntervalTooShort(standard_name(
                LOCK_CLEANUP
            )))
        );
    }

    #[test]
    fn zero_batch_size_and_lease_are_refused() {
        let batch = JobSettings {
            overdue_batch_size: 0,
            ..settings()
        };
        assert_eq!(
            batch.registry().unwrap_err(),
            JobSettingsError::NotPositive("overdue_batch_size")
        );
        let lease = JobSettings {
            lease_seconds: 0,
            ..settings()
        };
        assert_eq!(
            lease.lease_ttl().unwrap_err(),
            JobSettingsError::NotPositive("lease_seconds")
        );
        let long = JobSettings {
            lease_seconds: 86_401,
            ..settings()
        };
        assert_eq!(
            long.lease_ttl().unwrap_err(),
            JobSettingsError::LeaseTooLong
        );
    }

    #[test]
    fn a_name_is_registered_once() {
        let mut registry = settings().registry().unwrap();
        let again = registry.register(
            standard_name(LOCK_CLEANUP),
            Duration::from_secs(5),
            Arc::new(LockCleanupJob),
        );
        assert!(matches!(again, Err(RegisterJobError::Duplicate(_))));
    }

    #[test]
    fn job_names_are_checked() {
        assert_eq!(JobName::parse(""), Err(JobNameError::Empty));
        assert_eq!(JobName::parse(&"a".repeat(65)), Err(JobNameError::TooLong));
        assert_eq!(
            JobName::parse("Overdue Monitor"),
            Err(JobNameError::InvalidCharacter)
        );
        assert_eq!(
            JobName::parse("mail-fetch_2").unwrap().as_str(),
            "mail-fetch_2"
        );
    }
}
