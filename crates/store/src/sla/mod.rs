//! Service-level agreements (`ost_sla`) and their schedules (`ost_schedule`,
//! `ost_schedule_entry`, and the holiday lists osTicket keeps in `ost_config`
//! namespace `schedule.<id>`), as the admin panel reads and writes them.

mod schedules;
mod slas;

pub use schedules::{
    ScheduleEntryRecord, ScheduleEntryValues, ScheduleKind, ScheduleRecord, ScheduleUse,
    ScheduleValues, delete_schedule, find_schedule_kind, get_schedule, insert_schedule,
    list_schedules, replace_schedule_entries, schedule_configurations, schedule_uses,
    set_holiday_schedules, update_schedule,
};
pub use slas::{
    SlaDeletion, SlaFlags, SlaRecord, SlaValues, delete_sla, find_sla_id_by_name, get_sla,
    insert_sla, list_slas, update_sla,
};
