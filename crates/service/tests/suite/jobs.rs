//! Job leases and the scheduler: one holder at a time, take-over of an expired
//! lease, skipping a job held elsewhere, and failing jobs that stop nothing.

use crate::helpers::{ctx_at, ctx_with_agent as ctx, now};
use crate::overdue::{count, exec, open_ticket, set_due, table};
use chrono::{DateTime, Duration as Span, TimeDelta, Utc};
use oxt_service::Ctx;
use oxt_service::jobs::{
    Job, JobFuture, JobName, JobOutcome, JobRegistry, JobSettings, LOCK_CLEANUP, OVERDUE_MONITOR,
    Scheduler,
};
use oxt_store::jobs::{LeaseAttempt, acquire_lease, release_lease, renew_lease};
use oxt_testkit::{TestDb, db_test};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

const MINUTE: TimeDelta = TimeDelta::minutes(1);

fn acquired(attempt: &LeaseAttempt) -> bool {
    matches!(attempt, LeaseAttempt::Acquired { .. })
}

db_test!(a_lease_has_one_holder_at_a_time, |db| async move {
    let ctx = ctx(&db).await;
    let store = &ctx.store;
    let at = now();

    let first = acquire_lease(store, "report", "instance-a", at, MINUTE)
        .await
        .unwrap();
    assert_eq!(
        first,
        LeaseAttempt::Acquired {
            expires_at: at + MINUTE
        }
    );
    let second = acquire_lease(store, "report", "instance-b", at, MINUTE)
        .await
        .unwrap();
    assert_eq!(
        second,
        LeaseAttempt::HeldElsewhere {
            holder: "instance-a".to_owned(),
            expires_at: at + MINUTE
        }
    );
    // Another job's lease is independent.
    assert!(acquired(
        &acquire_lease(store, "other", "instance-b", at, MINUTE)
            .await
            .unwrap()
    ));

    assert!(
        renew_lease(store, "report", "instance-a", at, MINUTE)
            .await
            .unwrap()
    );
    assert!(
        !renew_lease(store, "report", "instance-b", at, MINUTE)
            .await
            .unwrap()
    );

    // Releasing someone else's lease does nothing; releasing one's own frees it.
    release_lease(store, "report", "instance-b").await.unwrap();
    assert!(!acquired(
        &acquire_lease(store, "report", "instance-b", at, MINUTE)
            .await
            .unwrap()
    ));
    release_lease(store, "report", "instance-a").await.unwrap();
    assert!(acquired(
        &acquire_lease(store, "report", "instance-b", at, MINUTE)
            .await
            .unwrap()
    ));
});

db_test!(an_expired_lease_is_taken_over, |db| async move {
    let ctx = ctx(&db).await;
    let store = &ctx.store;
    let at = now();
    assert!(acquired(
        &acquire_lease(store, "report", "instance-a", at, MINUTE)
            .await
            .unwrap()
    ));

    let during = acquire_lease(
        store,
        "report",
        "instance-b",
        at + Span::seconds(59),
        MINUTE,
    )
    .await
    .unwrap();
    assert!(!acquired(&during));
    let after = acquire_lease(store, "report", "instance-b", at + MINUTE, MINUTE)
        .await
        .unwrap();
    assert_eq!(
        after,
        LeaseAttempt::Acquired {
            expires_at: at + MINUTE + MINUTE
        }
    );
    // The first holder finds it gone.
    assert!(
        !renew_lease(store, "report", "instance-a", at + MINUTE, MINUTE)
            .await
            .unwrap()
    );
});

db_test!(racing_instances_get_one_lease, |db| async move {
    let ctx = ctx(&db).await;
    let attempts: Vec<_> = (0..8)
        .map(|n| {
            let store = ctx.store.clone();
            tokio::spawn(async move {
                acquire_lease(&store, "report", &format!("instance-{n}"), now(), MINUTE)
                    .await
                    .unwrap()
            })
        })
        .collect();
    let mut results = Vec::new();
    for attempt in attempts {
        results.push(attempt.await.unwrap());
    }
    assert_eq!(
        results.iter().filter(|attempt| acquired(attempt)).count(),
        1,
        "{results:?}"
    );
});

/// A job that always fails, counting its attempts.
#[derive(Debug, Default)]
struct FailingJob {
    attempts: AtomicUsize,
}

impl Job for FailingJob {
    fn run<'a>(&'a self, _ctx: &'a Ctx) -> JobFuture<'a> {
        Box::pin(async move {
            self.attempts.fetch_add(1, Ordering::SeqCst);
            Err("the mail server is down".into())
        })
    }
}

/// A job that panics.
#[derive(Debug)]
struct PanickingJob;

impl Job for PanickingJob {
    fn run<'a>(&'a self, _ctx: &'a Ctx) -> JobFuture<'a> {
        Box::pin(async move { panic!("a bug in a job") })
    }
}

/// A job that succeeds, counting its runs.
#[derive(Debug, Default)]
struct CountingJob {
    runs: AtomicUsize,
}

impl Job for CountingJob {
    fn run<'a>(&'a self, _ctx: &'a Ctx) -> JobFuture<'a> {
        Box::pin(async move {
            let runs = self.runs.fetch_add(1, Ordering::SeqCst) + 1;
            Ok(format!("run {runs}"))
        })
    }
}

fn name(name: &str) -> JobName {
    JobName::parse(name).unwrap()
}

fn registry(failing: &Arc<FailingJob>, counting: &Arc<CountingJob>) -> JobRegistry {
    let mut registry = JobRegistry::new();
    let second = Duration::from_secs(1);
    registry
        .register(name("failing"), second, failing.clone())
        .unwrap()
        .register(name("panicking"), second, Arc::new(PanickingJob))
        .unwrap()
        .register(name("counting"), second, counting.clone())
        .unwrap();
    registry
}

async fn lease_rows(db: &TestDb) -> usize {
    count(db, &table("oxt_job_lease")).await
}

db_test!(a_failing_job_does_not_stop_the_others, |db| async move {
    let ctx = ctx(&db).await;
    let failing = Arc::new(FailingJob::default());
    let counting = Arc::new(CountingJob::default());
    let scheduler = Scheduler::new(
        ctx,
        registry(&failing, &counting),
        "instance-a".to_owned(),
        Duration::from_secs(60),
    );

    let runs = scheduler.run_all_once().await;

    let outcomes: Vec<(&str, &JobOutcome)> = runs
        .iter()
        .map(|run| (run.job.as_str(), &run.outcome))
        .collect();
    assert_eq!(
        outcomes,
        [
            (
                "failing",
                &JobOutcome::Failed {
                    error: "the mail server is down".to_owned()
                }
            ),
            (
                "panicking",
                &JobOutcome::Failed {
                    error: "the job panicked".to_owned()
                }
            ),
            (
                "counting",
                &JobOutcome::Ran {
                    summary: "run 1".to_owned()
                }
            ),
        ]
    );
    // Every lease was given back, the failed ones included.
    assert_eq!(lease_rows(&db).await, 0);
});

db_test!(
    a_job_whose_lease_is_held_elsewhere_is_skipped,
    |db| async move {
        let ctx = ctx(&db).await;
        acquire_lease(&ctx.store, "counting", "instance-b", now(), MINUTE)
            .await
            .unwrap();
        let failing = Arc::new(FailingJob::default());
        let counting = Arc::new(CountingJob::default());
        let scheduler = Scheduler::new(
            ctx,
            registry(&failing, &counting),
            "instance-a".to_owned(),
            Duration::from_secs(60),
        );

        let runs = scheduler.run_all_once().await;

        assert_eq!(
            runs[2].outcome,
            JobOutcome::Skipped {
                holder: "instance-b".to_owned()
            }
        );
        assert_eq!(counting.runs.load(Ordering::SeqCst), 0);
        assert_eq!(failing.attempts.load(Ordering::SeqCst), 1);
        // The other instance's lease is left alone.
        assert_eq!(lease_rows(&db).await, 1);
    }
);

db_test!(
    serving_retries_failed_jobs_and_stops_on_shutdown,
    |db| async move {
        let ctx = ctx(&db).await;
        let failing = Arc::new(FailingJob::default());
        let counting = Arc::new(CountingJob::default());
        let scheduler = Scheduler::new(
            ctx,
            registry(&failing, &counting),
            "instance-a".to_owned(),
            Duration::from_secs(60),
        );
        let (stop, shutdown) = tokio::sync::watch::channel(false);

        let serving = tokio::spawn(scheduler.run_until_shutdown(shutdown));
        tokio::time::sleep(Duration::from_millis(2_500)).await;
        stop.send(true).unwrap();
        tokio::time::timeout(Duration::from_secs(10), serving)
            .await
            .expect("the scheduler stops on shutdown")
            .unwrap();

        // Runs at 0 s, 1 s and 2 s: the failures were retried, the panics
        // stopped nothing, and the healthy job kept its interval.
        assert!(failing.attempts.load(Ordering::SeqCst) >= 2);
        assert!(counting.runs.load(Ordering::SeqCst) >= 2);
        assert_eq!(lease_rows(&db).await, 0);
    }
);

fn standard_settings() -> JobSettings {
    JobSettings {
        enabled: true,
        lease_seconds: 300,
        overdue_monitor_seconds: 300,
        overdue_batch_size: 500,
        lock_cleanup_seconds: 300,
    }
}

async fn insert_lock(db: &TestDb, id: u32, expire: DateTime<Utc>) {
    exec(
        db,
        &format!(
            "INSERT INTO {} (\"lock_id\", \"staff_id\", \"expire\", \"code\", \"created\") \
             VALUES ({id}, 1, '{}', 'code', '{}')",
            table("lock"),
            expire.format("%Y-%m-%d %H:%M:%S"),
            now().format("%Y-%m-%d %H:%M:%S"),
        ),
    )
    .await;
}

db_test!(
    the_standard_jobs_mark_overdue_tickets_and_clean_locks,
    |db| async move {
        let setup = ctx(&db).await;
        let later = now() + Span::days(2);
        let ticket = open_ticket(&setup, 1).await;
        set_due(&db, ticket, None, Some(later - Span::hours(1))).await;
        insert_lock(&db, 1, later - Span::minutes(1)).await;
        insert_lock(&db, 2, later + Span::minutes(5)).await;
        let registry = standard_settings().registry().unwrap();
        let scheduler = Scheduler::new(
            ctx_at(&db, later),
            registry,
            "instance-a".to_owned(),
            Duration::from_secs(300),
        );

        let runs = scheduler.run_all_once().await;

        let names: Vec<&str> = runs.iter().map(|run| run.job.as_str()).collect();
        assert_eq!(names, [OVERDUE_MONITOR, LOCK_CLEANUP]);
        assert!(
            matches!(&runs[0].outcome, JobOutcome::Ran { summary } if summary.starts_with("1 tickets marked overdue")),
            "{runs:?}"
        );
        assert_eq!(
            runs[1].outcome,
            JobOutcome::Ran {
                summary: "1 expired locks deleted".to_owned()
            }
        );
        assert_eq!(
            count(&db, &format!("{} WHERE \"isoverdue\" = 1", table("ticket"))).await,
            1
        );
        assert_eq!(count(&db, &table("lock")).await, 1);
    }
);
