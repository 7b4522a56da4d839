//! The rows of a fresh osTicket install, as `oxt_migrations::seed::fresh_install`
//! writes them: compared with osTicket's own install on the genuine schema
//! (MariaDB), and written through Oxticket's schema on every backend.

mod genuine;
mod support;
