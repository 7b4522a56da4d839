//! The service suite: every use case against real SQLite, MariaDB and
//! PostgreSQL databases (`db_test!` writes one test per backend).

mod access;
mod auth;
mod bootstrap;
mod departments;
mod desk;
mod filters;
mod helpers;
mod jobs;
mod mail;
mod osticket_api;
mod overdue;
mod roles;
mod schedules;
mod sla_desk;
mod slas;
mod staff;
mod teams;
mod tickets_read;
mod tickets_routing;
mod tickets_write;
mod user_login;
mod users;
