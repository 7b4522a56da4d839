//! `oxticket`: serve the help desk, migrate its database, or run its periodic jobs once.

use anyhow::Context;
use clap::{Parser, Subcommand};
use oxticket::settings::Settings;
use oxticket::{startup, telemetry};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(name = "oxticket", version, about = "An osTicket-compatible help desk")]
struct Cli {
    /// Settings file (default: ./oxticket.toml when present).
    #[arg(long, global = true)]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the HTTP server (the default): migrates and seeds an empty database first.
    Serve,
    /// Create or upgrade the schema; on an existing osTicket database only Oxticket's
    /// own tables are added.
    Migrate {
        /// Also add Oxticket's `oxt_` indexes to osTicket's tables (see
        /// docs/performance.md); osTicket ignores them. Never done without this flag.
        #[arg(long)]
        with_performance_indexes: bool,
    },
    /// Run every periodic job once (overdue monitor, lock clean-up) and exit; a job
    /// another instance is running is skipped. Exits non-zero if a job failed.
    Cron,
}

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let settings = Settings::load(cli.config.as_deref()).context("loading settings")?;
    telemetry::init(settings.log_format);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    runtime.block_on(async {
        match cli.command.unwrap_or(Command::Serve) {
            Command::Serve => {
                let app = startup::Application::build(settings).await?;
                tracing::info!(address = %app.address(), "oxticket is listening");
                app.run_until_stopped().await
            }
            Command::Migrate {
                with_performance_indexes,
            } => startup::migrate_only(&settings, with_performance_indexes).await,
            Command::Cron => startup::run_jobs_once(&settings).await,
        }
    })
}
