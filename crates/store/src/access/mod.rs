//! What the permission rules of `oxt_perm` read: a staff member's grants, an
//! end user's grants, one ticket's facts; and the SQL form of the predicate
//! that lists the tickets an actor may see.

mod predicate;
mod staff;
mod ticket;
mod user;

pub use predicate::visible_condition;
pub use staff::load_staff_grants;
pub use ticket::load_ticket_facts;
pub use user::load_user_grants;
