//! HTTP tests: the real server on a random port, driven by a real client.

mod api_keys;
mod auth;
mod authz;
mod banlist;
mod cron;
mod departments;
mod filters;
mod health;
mod helpers;
mod roles;
mod schedules;
mod slas;
mod staff;
mod teams;
mod tickets_read;
mod tickets_write;
mod user_login;
mod users;
mod v1_tickets;
