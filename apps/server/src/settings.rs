//! Process settings: built-in defaults < `oxticket.toml` (or `--config`) < `OXT_*`.
//!
//! Help-desk behaviour that osTicket keeps in `ost_config` is deliberately not
//! here: the database stays the one source of truth for it.

use oxt_service::jobs::JobSettings;
use secrecy::SecretString;
use serde::Deserialize;
use std::net::SocketAddr;
use std::path::Path;

const DEFAULTS_TOML: &str = include_str!("settings/defaults.toml");

#[derive(Debug, Clone, Deserialize)]
pub struct Settings {
    pub database_url: String,
    pub table_prefix: String,
    pub http_addr: SocketAddr,
    /// HS256 secret for access tokens. Unset: a random one per process, which
    /// invalidates tokens on restart and cannot be shared by several instances.
    pub jwt_secret: Option<SecretString>,
    pub jwt_issuer: String,
    pub access_token_minutes: u32,
    pub refresh_token_days: u32,
    /// Password for the `admin` staff account created on first start.
    /// Unset: one is generated and printed once.
    pub bootstrap_admin_password: Option<SecretString>,
    /// Largest request body accepted, in bytes.
    pub max_body_bytes: usize,
    pub log_format: LogFormat,
    pub workers: Option<usize>,
    /// The periodic jobs (`[jobs]`, `OXT_JOBS__*`).
    pub jobs: JobSettings,
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    Pretty,
    Json,
}

impl Settings {
    /// Loads the layered settings; `path` is `--config` when given.
    pub fn load(path: Option<&Path>) -> Result<Self, config::ConfigError> {
        let file = path.unwrap_or_else(|| Path::new("oxticket.toml"));
        config::Config::builder()
            .add_source(config::File::from_str(
                DEFAULTS_TOML,
                config::FileFormat::Toml,
            ))
            .add_source(config::File::from(file).required(path.is_some()))
            .add_source(
                config::Environment::with_prefix("OXT")
                    .prefix_separator("_")
                    .separator("__"),
            )
            .build()?
            .try_deserialize()
    }

    /// Settings built in code, from the defaults alone (for tests and tools).
    pub fn defaults() -> Self {
        config::Config::builder()
            .add_source(config::File::from_str(
                DEFAULTS_TOML,
                config::FileFormat::Toml,
            ))
            .build()
            .and_then(config::Config::try_deserialize)
            .expect("the built-in defaults deserialize")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_defaults_serve_sqlite_on_loopback() {
        let settings = Settings::defaults();
        assert!(settings.database_url.starts_with("sqlite://"));
        assert_eq!(settings.http_addr.to_string(), "127.0.0.1:8080");
        assert_eq!(settings.table_prefix, "ost_");
        assert_eq!(settings.access_token_minutes, 30);
        assert_eq!(settings.refresh_token_days, 7);
    }

    #[test]
    fn built_in_defaults_run_the_jobs_every_five_minutes() {
        let jobs = Settings::defaults().jobs;
        assert!(jobs.enabled);
        assert_eq!(jobs.overdue_monitor_seconds, 300);
        assert_eq!(jobs.lock_cleanup_seconds, 300);
        assert_eq!(jobs.overdue_batch_size, 500);
        assert_eq!(jobs.lease_seconds, 300);
        assert!(jobs.registry().is_ok());
    }
}
