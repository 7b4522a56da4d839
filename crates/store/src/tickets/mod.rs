//! Tickets: reading a ticket with the names it refers to, its thread, and pages
//! of tickets; writing them (in the modules that do).

mod create;
mod forms;
mod list;
mod load;
mod numbering;
mod overdue;
mod references;
mod schedule;
mod search;
mod settings;
mod thread;
mod update;
mod view;

pub use list::{
    StatusFilter, TicketFilter, TicketOrder, TicketPage, TicketPageRequest, TicketSortKey,
    list_tickets,
};
pub use load::{EntryWindow, find_ticket, get_thread, list_ticket_fields};
pub use view::{
    NamedRef, PriorityRef, StatusRef, ThreadEntryRecord, ThreadEventRecord, TicketFieldValue,
    TicketSummary, TicketThread, UserRef,
};

pub use create::{CreatedTicket, NewTicketRecord, insert_ticket};
pub use forms::{
    FieldValue, TicketForm, TicketFormField, find_form_value, find_ticket_form, set_form_value,
};
pub use numbering::{MAX_NUMBER_ATTEMPTS, NumberingError, allocate_ticket_number, is_number_taken};
pub use overdue::{
    OverdueCandidate, PriorityLevel, find_ticket_priorities, find_ticket_threads,
    insert_thread_events, list_open_status_ids, list_overdue_candidates, list_priority_levels,
    list_sla_flags, lock_overdue_candidates, mark_tickets_overdue, set_ticket_priorities,
};
pub use references::{
    DepartmentRouting, PriorityRow, SlaRow, StaffName, TopicNumbering, TopicRouting,
    find_department, find_priority, find_sla, find_staff_name, find_status, find_topic,
};
pub use schedule::find_schedule;
pub use search::{SearchObject, SearchRow, index_all_for_search, index_for_search};
pub use settings::{TicketSettings, find_config_value, load_ticket_settings};
pub use thread::{
    EventAuthor, NewThreadEntry, NewThreadEvent, annul_thread_events, insert_thread_entry,
    insert_thread_event, update_thread_times,
};
pub use update::{LockTicketError, TicketForUpdate, lock_ticket, save_ticket};
