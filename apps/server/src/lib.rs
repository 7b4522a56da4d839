//! The Oxticket server: the actix-web HTTP shell over `oxt-service`, and the
//! start-up that wires settings, database and migrations together.

pub mod clock;
pub mod http;
pub mod settings;
pub mod startup;
pub mod telemetry;
