//! Schema creation and seed steps

pub mod seed;
