//! HTTP tests: the real server on a random port, driven by a real client.

mod helpers;
mod auth;
mod health;
mod tickets_read;
mod users;
