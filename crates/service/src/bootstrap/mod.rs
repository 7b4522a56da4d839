//! First start: a small demo desk on top of a fresh install's rows, so a new
//! server can be signed in to and tried at once.
//!
//! The fresh install already has three departments (Support, Sales,
//! Maintenance), four help topics and the "Level I Support" team; the demo adds
//! the people: an administrator, two agents and a second-tier team. osTicket's
//! installer creates only the administrator, from its install form.

mod demo_desk;

pub use demo_desk::{BootstrapError, DemoDesk, seed_demo_desk};
