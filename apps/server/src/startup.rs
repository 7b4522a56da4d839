//! Start-up: settings → database (migrated) → use-case context → HTTP server
//! and the periodic jobs; or the jobs once (`oxticket cron`).

use crate::clock::SystemClock;
use crate::http;
use crate::settings::Settings;
use anyhow::Context;
use oxt_identity::{AccessTokens, BcryptCost, JwtConfig, RefreshTokenConfig, TokenTtl};
use oxt_migrations::{MigrationReport, Step};
use oxt_service::filters::FilterCache;
use oxt_service::jobs::{JobOutcome, Scheduler};
use oxt_service::{Clock, Ctx};
use oxt_store::{Store, TablePrefix};
use rand::Rng;
use rand::distr::Alphanumeric;
use secrecy::{ExposeSecret, SecretString};
use std::net::{SocketAddr, TcpListener};
use std::sync::Arc;

/// A built server, bound to its address and ready to run.
pub struct Application {
    address: SocketAddr,
    ctx: Ctx,
    server: actix_web::dev::Server,
    /// `None` when `jobs.enabled` is off.
    jobs: Option<Scheduler>,
}

impl std::fmt::Debug for Application {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Application")
            .field("address", &self.address)
            .finish_non_exhaustive()
    }
}

impl Application {
    /// Connects to the database, brings its schema up to date (creating and seeding
    /// an empty one), and binds the HTTP listener (`127.0.0.1:0` picks a free port).
    pub async fn build(settings: Settings) -> anyhow::Result<Self> {
        let clock: Arc<dyn Clock> = Arc::new(SystemClock);
        let store = open_store(&settings).await?;
        let report = migrate(&store, clock.now()).await?;
        let ctx = build_ctx(&settings, store, clock)?;
        tracing::debug!(?report, "database ready");
        if report.ran.contains(&Step::OsticketSchema) {
            seed_demo_desk(&ctx, &settings).await?;
        }
        let listener = TcpListener::bind(settings.http_addr)
            .with_context(|| format!("binding {}", settings.http_addr))?;
        let address = listener.local_addr()?;
        let scheduler = scheduler(&settings, ctx.clone())?;
        let server = http::server(listener, ctx.clone(), scheduler.clone(), &settings)?;
        let jobs = settings.jobs.enabled.then_some(scheduler);
        Ok(Self {
            address,
            ctx,
            server,
            jobs,
        })
    }

    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// The use-case context the server runs with (tests mint tokens from it).
    pub fn ctx(&self) -> &Ctx {
        &self.ctx
    }

    /// Serves until the server stops (on SIGINT/SIGTERM), running the periodic
    /// jobs meanwhile; they stop with it.
    pub async fn run_until_stopped(self) -> anyhow::Result<()> {
        let (stop_jobs, shutdown) = tokio::sync::watch::channel(false);
        let jobs = self
            .jobs
            .map(|scheduler| tokio::spawn(scheduler.run_until_shutdown(shutdown)));
        let served = self.server.await;
        // Nobody listens once the jobs have ended on their own.
        let _ = stop_jobs.send(true);
        if let Some(jobs) = jobs {
            jobs.await.context("the job scheduler ended abnormally")?;
        }
        Ok(served?)
    }
}

/// `oxticket cron`: brings the schema up to date, runs every periodic job once
/// (skipping those another instance is running) and fails if any job failed.
pub async fn run_jobs_once(settings: &Settings) -> anyhow::Result<()> {
    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    let store = open_store(settings).await?;
    migrate(&store, clock.now()).await?;
    let scheduler = scheduler(settings, build_ctx(settings, store, clock)?)?;
    let failed: Vec<String> = scheduler
        .run_all_once()
        .await
        .into_iter()
        .filter(|run| {
            matches!(
                run.outcome,
                JobOutcome::Failed { .. } | JobOutcome::LeaseLost
            )
        })
        .map(|run| run.job.to_string())
        .collect();
    if failed.is_empty() {
        Ok(())
    } else {
        anyhow::bail!("jobs failed: {}", failed.join(", "))
    }
}

fn build_ctx(settings: &Settings, store: Store, clock: Arc<dyn Clock>) -> anyhow::Result<Ctx> {
    Ok(Ctx {
        store,
        clock,
        access_tokens: Arc::new(access_tokens(settings)?),
        refresh_tokens: RefreshTokenConfig {
            ttl_secs: ttl(settings.refresh_token_days, 86_400, "refresh_token_days")?,
        },
        password_cost: BcryptCost::DEFAULT,
        filters: FilterCache::default(),
    })
}

fn scheduler(settings: &Settings, ctx: Ctx) -> anyhow::Result<Scheduler> {
    let registry = settings.jobs.registry().context("job settings")?;
    let lease = settings.jobs.lease_ttl().context("job settings")?;
    Ok(Scheduler::new(ctx, registry, instance_name(), lease))
}

/// This process in the job leases: host, process id and a random part (a
/// restarted process with a reused pid is another holder).
fn instance_name() -> String {
    let host = std::env::var("HOSTNAME")
        .ok()
        .filter(|host| !host.is_empty())
        .unwrap_or_else(|| "oxticket".to_owned());
    let random: String = rand::rng()
        .sample_iter(Alphanumeric)
        .take(8)
        .map(char::from)
        .collect();
    format!("{host}:{}:{random}", std::process::id())
}

/// `oxticket migrate`: brings the schema up to date and reports what it found; with
/// `with_performance_indexes`, also adds the opt-in indexes to osTicket's tables.
pub async fn migrate_only(
    settings: &Settings,
    with_performance_indexes: bool,
) -> anyhow::Result<()> {
    let store = open_store(settings).await?;
    let report = migrate(&store, SystemClock.now()).await?;
    match &report.existing_osticket {
        Some(existing) => tracing::info!(
            schema_signature = %existing.schema_signature,
            "found an existing osTicket install; no osTicket table was changed"
        ),
        None => tracing::info!("created the osTicket schema and a fresh install's rows"),
    }
    let ran: Vec<&str> = report.ran.iter().map(|step| step.name()).collect();
    tracing::info!(ran = ?ran, "migration finished");
    if with_performance_indexes {
        let created = oxt_migrations::create_performance_indexes(store.connection())
            .await
            .context("creating the performance indexes")?;
        for index in oxt_migrations::PERFORMANCE_INDEXES {
            let state = if created.contains(&index) {
                "created"
            } else {
                "already present"
            };
            tracing::info!(
                index = index.full_name(),
                purpose = index.purpose,
                "{state}"
            );
        }
    }
    Ok(())
}

async fn open_store(settings: &Settings) -> anyhow::Result<Store> {
    let prefix = TablePrefix::parse(&settings.table_prefix).context("table_prefix")?;
    Store::open(&settings.database_url, prefix)
        .await
        .context("opening the database")
}

async fn migrate(
    store: &Store,
    now: chrono::DateTime<chrono::Utc>,
) -> anyhow::Result<MigrationReport> {
    oxt_migrations::migrate(store.connection(), now)
        .await
        .context("migrating the database")
}

/// First start on an empty database: the demo desk. A generated administrator
/// password goes to stdout once and never to the log.
async fn seed_demo_desk(ctx: &Ctx, settings: &Settings) -> anyhow::Result<()> {
    let configured = settings
        .bootstrap_admin_password
        .as_ref()
        .map(|password| password.expose_secret());
    let desk = oxt_service::bootstrap::seed_demo_desk(ctx, configured)
        .await
        .context("seeding the demo desk")?;
    if let Some(password) = &desk.generated_admin_password {
        show_generated_password(password);
    }
    Ok(())
}

#[expect(
    clippy::print_stdout,
    reason = "the operator sees the generated password once; the log must never hold it"
)]
fn show_generated_password(password: &str) {
    println!(
        "First start: sign in as `admin` with the password {password} \
         (shown only this once; set OXT_BOOTSTRAP_ADMIN_PASSWORD to choose it)"
    );
}

fn access_tokens(settings: &Settings) -> anyhow::Result<AccessTokens> {
    let secret = match &settings.jwt_secret {
        Some(secret) => secret.clone(),
        None => {
            tracing::warn!(
                "OXT_JWT_SECRET is not set: using a random secret, so tokens end with this process \
                 and are not accepted by other instances"
            );
            let random: String = rand::rng()
                .sample_iter(Alphanumeric)
                .take(48)
                .map(char::from)
                .collect();
            SecretString::from(random)
        }
    };
    let config = JwtConfig {
        secret,
        issuer: settings.jwt_issuer.clone(),
        access_ttl_secs: ttl(settings.access_token_minutes, 60, "access_token_minutes")?,
    };
    AccessTokens::try_from(&config).context("jwt settings")
}

/// A token lifetime of `count` units of `unit_secs` seconds, checked.
fn ttl(count: u32, unit_secs: u32, setting: &str) -> anyhow::Result<TokenTtl> {
    let secs = count
        .checked_mul(unit_secs)
        .with_context(|| format!("{setting} is too large"))?;
    TokenTtl::parse_secs(secs).with_context(|| format!("{setting} must be positive"))
}
