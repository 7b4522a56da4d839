//! Administering osTicket's API keys (`ost_api_key`), so an operator can
//! issue keys for the v1 API without osTicket's admin panel. Every use case
//! is for active administrators only.

mod create;
mod delete;
mod get;
mod list;
mod update;

pub use create::{CreateApiKeyError, NewApiKey, create};
pub use delete::{DeleteApiKeyError, delete};
pub use get::{GetApiKeyError, get};
pub use list::{ListApiKeysError, list};
pub use oxt_store::api_keys::{ApiKeyRecord, ApiKeySettings};
pub use update::{ApiKeyChanges, UpdateApiKeyError, update};
