//! What the periodic jobs keep in the database: the lease that keeps each job to
//! one instance at a time (`{prefix}oxt_job_lease`), and osTicket's own clean-ups.

mod lease;
mod locks;

pub use lease::{LeaseAttempt, acquire_lease, release_lease, renew_lease};
pub use locks::delete_expired_locks;
