//! The agents' ticket queues: `queue`, the reusable `queue_column`s and
//! `queue_sort`s, and which columns (`queue_columns`) and sorts (`queue_sorts`) each
//! queue offers.
//!
//! Queue 1 (Open) is `core.default_ticket_queue`. `config` holds the queue's
//! criteria as osTicket's search JSON; sub-queues inherit their parent's criteria
//! and add their own.

use chrono::NaiveDateTime;
use sea_orm::Value;

use super::SeedRow;

pub(super) struct Sort {
    id: u32,
    name: &'static str,
    /// JSON list of fields; a leading `-` sorts descending.
    columns: &'static str,
}

pub(super) const SORTS: [Sort; 7] = [
    Sort {
        id: 1,
        name: "Priority + Most Recently Updated",
        columns: r#"["-cdata__priority","-lastupdate"]"#,
    },
    Sort {
        id: 2,
        name: "Priority + Most Recently Created",
        columns: r#"["-cdata__priority","-created"]"#,
    },
    Sort {
        id: 3,
        name: "Priority + Due Date",
        columns: r#"["-cdata__priority","-est_duedate"]"#,
    },
    Sort {
        id: 4,
        name: "Due Date",
        columns: r#"["-est_duedate"]"#,
    },
    Sort {
        id: 5,
        name: "Closed Date",
        columns: r#"["-closed"]"#,
    },
    Sort {
        id: 6,
        name: "Create Date",
        columns: r#"["-created"]"#,
    },
    Sort {
        id: 7,
        name: "Update Date",
        columns: r#"["-lastupdate"]"#,
    },
];

impl SeedRow<5> for Sort {
    const TABLE: &'static str = "queue_sort";
    const COLUMNS: [&'static str; 5] = ["id", "root", "name", "columns", "updated"];
    const SERIAL: Option<&'static str> = Some("id");

    fn values(&self, now: NaiveDateTime) -> [Value; 5] {
        [
            self.id.into(),
            Option::<&str>::None.into(),
            self.name.into(),
            self.columns.into(),
            now.into(),
        ]
    }
}

/// Bold subject and number while the ticket awaits an answer.
const BOLD_WHEN_UNANSWERED: &str =
    r#"[{"crit":["isanswered","nset",null],"prop":{"font-weight":"bold"}}]"#;

pub(super) struct Column {
    id: u32,
    name: &'static str,
    /// Field shown, as an ORM path (`cdata__subject` is the subject in `ticket__cdata`).
    primary: &'static str,
    /// Field shown when `primary` is empty.
    secondary: Option<&'static str>,
    /// Display filter: link to the ticket, date format, ...
    filter: Option<&'static str>,
    truncate: &'static str,
    /// JSON list of decorations (icons, counts) around the value.
    annotations: &'static str,
    /// JSON list of conditional styles.
    conditions: &'static str,
}

pub(super) const COLUMNS: [Column; 14] = [
    Column {
        id: 1,
        name: "Ticket #",
        primary: "number",
        secondary: None,
        filter: Some("link:ticketP"),
        truncate: "wrap",
        annotations: r#"[{"c":"TicketSourceDecoration","p":"b"}]"#,
        conditions: BOLD_WHEN_UNANSWERED,
    },
    Column {
        id: 2,
        name: "Date Created",
        primary: "created",
        secondary: None,
        filter: Some("date:full"),
        truncate: "wrap",
        annotations: "[]",
        conditions: "[]",
    },
    Column {
        id: 3,
        name: "Subject",
        primary: "cdata__subject",
        secondary: None,
        filter: Some("link:ticket"),
        truncate: "ellipsis",
        annotations: concat!(
            r#"[{"c":"TicketThreadCount","p":">"},{"c":"ThreadAttachmentCount","p":"a"},"#,
            r#"{"c":"OverdueFlagDecoration","p":"<"},{"c":"LockDecoration","p":"<"}]"#,
        ),
        conditions: BOLD_WHEN_UNANSWERED,
    },
    Column {
        id: 4,
        name: "User Name",
        primary: "user__name",
        secondary: None,
        filter: None,
        truncate: "wrap",
        annotations: r#"[{"c":"ThreadCollaboratorCount","p":">"}]"#,
        conditions: "[]",
    },
    Column {
        id: 5,
        name: "Priority",
        primary: "cdata__priority",
        secondary: None,
        filter: None,
        truncate: "wrap",
        annotations: "[]",
        conditions: "[]",
    },
    Column {
        id: 6,
        name: "Status",
        primary: "status__id",
        secondary: None,
        filter: None,
        truncate: "wrap",
        annotations: "[]",
        conditions: "[]",
    },
    Column {
        id: 7,
        name: "Close Date",
        primary: "closed",
        secondary: None,
        filter: Some("date:full"),
        truncate: "wrap",
        annotations: "[]",
        conditions: "[]",
    },
    Column {
        id: 8,
        name: "Assignee",
        primary: "assignee",
        secondary: None,
        filter: None,
        truncate: "wrap",
        annotations: "[]",
        conditions: "[]",
    },
    Column {
        id: 9,
        name: "Due Date",
        primary: "duedate",
        secondary: Some("est_duedate"),
        filter: Some("date:human"),
        truncate: "wrap",
        annotations: "[]",
        conditions: "[]",
    },
    Column {
        id: 10,
        name: "Last Updated",
        primary: "lastupdate",
        secondary: None,
        filter: Some("date:full"),
        truncate: "wrap",
        annotations: "[]",
        conditions: "[]",
    },
    Column {
        id: 11,
        name: "Department",
        primary: "dept_id",
        secondary: None,
        filter: None,
        truncate: "wrap",
        annotations: "[]",
        conditions: "[]",
    },
    Column {
        id: 12,
        name: "Last Message",
        primary: "thread__lastmessage",
        secondary: None,
        filter: Some("date:human"),
        truncate: "wrap",
        annotations: "[]",
        conditions: "[]",
    },
    Column {
        id: 13,
        name: "Last Response",
        primary: "thread__lastresponse",
        secondary: None,
        filter: Some("date:human"),
        truncate: "wrap",
        annotations: "[]",
        conditions: "[]",
    },
    Column {
        id: 14,
        name: "Team",
        primary: "team_id",
        secondary: None,
        filter: None,
        truncate: "wrap",
        annotations: "[]",
        conditions: "[]",
    },
];

impl SeedRow<10> for Column {
    const TABLE: &'static str = "queue_column";
    const COLUMNS: [&'static str; 10] = [
        "id",
        "flags",
        "name",
        "primary",
        "secondary",
        "filter",
        "truncate",
        "annotations",
        "conditions",
        "extra",
    ];
    const SERIAL: Option<&'static str> = Some("id");

    fn values(&self, _now: NaiveDateTime) -> [Value; 10] {
        [
            self.id.into(),
            0_u32.into(),
            self.name.into(),
            self.primary.into(),
            self.secondary.into(),
            self.filter.into(),
            self.truncate.into(),
            self.annotations.into(),
            self.conditions.into(),
            Option::<&str>::None.into(),
        ]
    }
}

/// `CustomQueue::FLAG_PUBLIC`: visible to every agent.
const PUBLIC: u32 = 0x01;
/// `CustomQueue::FLAG_QUEUE`: a queue, not a saved search.
const QUEUE: u32 = 0x02;
/// `CustomQueue::FLAG_INHERIT_CRITERIA`: adds its criteria to the parent's.
const INHERIT_CRITERIA: u32 = 0x08;
/// `CustomQueue::FLAG_INHERIT_SORTING`: offers the parent's sorts.
const INHERIT_SORTING: u32 = 0x20;

const TOP_LEVEL: u32 = PUBLIC | QUEUE;
const SUB_QUEUE: u32 = PUBLIC | QUEUE | INHERIT_CRITERIA | INHERIT_SORTING;

pub(super) struct Queue {
    id: u32,
    parent_id: u32,
    /// Default sort.
    sort_id: Option<u32>,
    flags: u32,
    /// Position among its siblings.
    sort: u32,
    title: &'static str,
    config: &'static str,
}

pub(super) const QUEUES: [Queue; 14] = [
    Queue {
        id: 1,
        parent_id: 0,
        sort_id: Some(1),
        flags: TOP_LEVEL,
        sort: 1,
        title: "Open",
        // The older, bare-list criteria format; osTicket still reads it.
        config: r#"[["status__state","includes",{"open":"Open"}]]"#,
    },
    Queue {
        id: 2,
        parent_id: 1,
        sort_id: Some(4),
        flags: SUB_QUEUE,
        sort: 1,
        title: "Open",
        config: r#"{"criteria":[["isanswered","nset",null]],"conditions":[]}"#,
    },
    Queue {
        id: 3,
        parent_id: 1,
        sort_id: Some(4),
        flags: SUB_QUEUE,
        sort: 2,
        title: "Answered",
        config: r#"{"criteria":[["isanswered","set",null]],"conditions":[]}"#,
    },
    Queue {
        id: 4,
        parent_id: 1,
        sort_id: Some(4),
        flags: SUB_QUEUE,
        sort: 3,
        title: "Overdue",
        config: r#"{"criteria":[["isoverdue","set",null]],"conditions":[]}"#,
    },
    Queue {
        id: 5,
        parent_id: 0,
        sort_id: Some(3),
        flags: TOP_LEVEL,
        sort: 3,
        title: "My Tickets",
        config: concat!(
            r#"{"criteria":[["assignee","includes",{"M":"Me","T":"One of my teams"}],"#,
            r#"["status__state","includes",{"open":"Open"}]],"conditions":[]}"#,
        ),
    },
    Queue {
        id: 6,
        parent_id: 5,
        sort_id: None,
        flags: SUB_QUEUE,
        sort: 1,
        title: "Assigned to Me",
        config: r#"{"criteria":[["assignee","includes",{"M":"Me"}]],"conditions":[]}"#,
    },
    Queue {
        id: 7,
        parent_id: 5,
        sort_id: None,
        flags: SUB_QUEUE,
        sort: 2,
        title: "Assigned to Teams",
        config: r#"{"criteria":[["assignee","!includes",{"M":"Me"}]],"conditions":[]}"#,
    },
    Queue {
        id: 8,
        parent_id: 0,
        sort_id: Some(5),
        flags: TOP_LEVEL,
        sort: 4,
        title: "Closed",
        config: r#"{"criteria":[["status__state","includes",{"closed":"Closed"}]],"conditions":[]}"#,
    },
    Queue {
        id: 9,
        parent_id: 8,
        sort_id: Some(5),
        flags: SUB_QUEUE,
        sort: 1,
        title: "Today",
        config: r#"{"criteria":[["closed","period","td"]],"conditions":[]}"#,
    },
    Queue {
        id: 10,
        parent_id: 8,
        sort_id: Some(5),
        flags: SUB_QUEUE,
        sort: 2,
        title: "Yesterday",
        config: r#"{"criteria":[["closed","period","yd"]],"conditions":[]}"#,
    },
    Queue {
        id: 11,
        parent_id: 8,
        sort_id: Some(5),
        flags: SUB_QUEUE,
        sort: 3,
        title: "This Week",
        config: r#"{"criteria":[["closed","period","tw"]],"conditions":[]}"#,
    },
    Queue {
        id: 12,
        parent_id: 8,
        sort_id: Some(5),
        flags: SUB_QUEUE,
        sort: 4,
        title: "This Month",
        config: r#"{"criteria":[["closed","period","tm"]],"conditions":[]}"#,
    },
    Queue {
        id: 13,
        parent_id: 8,
        sort_id: Some(6),
        flags: SUB_QUEUE,
        sort: 5,
        title: "This Quarter",
        config: r#"{"criteria":[["closed","period","tq"]],"conditions":[]}"#,
    },
    Queue {
        id: 14,
        parent_id: 8,
        sort_id: Some(7),
        flags: SUB_QUEUE,
        sort: 6,
        title: "This Year",
        config: r#"{"criteria":[["closed","period","ty"]],"conditions":[]}"#,
    },
];

impl SeedRow<14> for Queue {
    const TABLE: &'static str = "queue";
    const COLUMNS: [&'static str; 14] = [
        "id",
        "parent_id",
        "columns_id",
        "sort_id",
        "flags",
        "staff_id",
        "sort",
        "title",
        "config",
        "filter",
        "root",
        "path",
        "created",
        "updated",
    ];
    const SERIAL: Option<&'static str> = Some("id");

    fn values(&self, now: NaiveDateTime) -> [Value; 14] {
        [
            self.id.into(),
            self.parent_id.into(),
            Option::<u32>::None.into(),
            self.sort_id.into(),
            self.flags.into(),
            // Owned by no agent: a system queue.
            0_u32.into(),
            self.sort.into(),
            self.title.into(),
            self.config.into(),
            Option::<&str>::None.into(),
            // Lists tickets.
            "T".into(),
            "/".into(),
            now.into(),
            now.into(),
        ]
    }
}

/// A column as one queue shows it: position, heading and width in pixels.
#[derive(Clone, Copy)]
pub(super) struct ColumnUse {
    column_id: u32,
    sort: u32,
    heading: &'static str,
    width: u32,
}

const fn shown(column_id: u32, sort: u32, heading: &'static str, width: u32) -> ColumnUse {
    ColumnUse {
        column_id,
        sort,
        heading,
        width,
    }
}

const OPEN_COLUMNS: [ColumnUse; 6] = [
    shown(1, 1, "Ticket", 100),
    shown(3, 3, "Subject", 300),
    shown(4, 4, "From", 185),
    shown(5, 5, "Priority", 85),
    shown(8, 6, "Assigned To", 160),
    shown(10, 2, "Last Updated", 150),
];

const OVERDUE_COLUMNS: [ColumnUse; 6] = [
    shown(1, 1, "Ticket", 100),
    shown(3, 3, "Subject", 300),
    shown(4, 4, "From", 185),
    shown(5, 5, "Priority", 85),
    shown(8, 6, "Assigned To", 160),
    shown(9, 9, "Due Date", 150),
];

const MINE_COLUMNS: [ColumnUse; 6] = [
    shown(1, 1, "Ticket", 100),
    shown(3, 3, "Subject", 300),
    shown(4, 4, "From", 185),
    shown(5, 5, "Priority", 85),
    shown(10, 2, "Last Update", 150),
    shown(11, 6, "Department", 160),
];

const TEAMS_COLUMNS: [ColumnUse; 6] = [
    shown(1, 1, "Ticket", 100),
    shown(3, 3, "Subject", 300),
    shown(4, 4, "From", 185),
    shown(5, 5, "Priority", 85),
    shown(10, 2, "Last Update", 150),
    shown(14, 6, "Team", 160),
];

const CLOSED_COLUMNS: [ColumnUse; 5] = [
    shown(1, 1, "Ticket", 100),
    shown(3, 3, "Subject", 300),
    shown(4, 4, "From", 185),
    shown(7, 2, "Date Closed", 150),
    shown(8, 6, "Closed By", 160),
];

/// Columns of each queue, by queue id.
const QUEUE_COLUMNS: [(u32, &[ColumnUse]); 14] = [
    (1, &OPEN_COLUMNS),
    (2, &OPEN_COLUMNS),
    (3, &OPEN_COLUMNS),
    (4, &OVERDUE_COLUMNS),
    (5, &MINE_COLUMNS),
    (6, &MINE_COLUMNS),
    (7, &TEAMS_COLUMNS),
    (8, &CLOSED_COLUMNS),
    (9, &CLOSED_COLUMNS),
    (10, &CLOSED_COLUMNS),
    (11, &CLOSED_COLUMNS),
    (12, &CLOSED_COLUMNS),
    (13, &CLOSED_COLUMNS),
    (14, &CLOSED_COLUMNS),
];

/// `QueueColumn::FLAG_SORTABLE`: agents may sort the queue by this column.
const SORTABLE: u32 = 0x1;

pub(super) struct QueueColumn {
    queue_id: u32,
    column: ColumnUse,
}

pub(super) fn queue_columns() -> Vec<QueueColumn> {
    QUEUE_COLUMNS
        .iter()
        .flat_map(|&(queue_id, columns)| {
            columns
                .iter()
                .map(move |&column| QueueColumn { queue_id, column })
        })
        .collect()
}

impl SeedRow<7> for QueueColumn {
    const TABLE: &'static str = "queue_columns";
    const COLUMNS: [&'static str; 7] = [
        "queue_id",
        "column_id",
        "staff_id",
        "bits",
        "sort",
        "heading",
        "width",
    ];
    const SERIAL: Option<&'static str> = None;

    fn values(&self, _now: NaiveDateTime) -> [Value; 7] {
        [
            self.queue_id.into(),
            self.column.column_id.into(),
            // The system's choice, not one agent's.
            0_u32.into(),
            SORTABLE.into(),
            self.column.sort.into(),
            self.column.heading.into(),
            self.column.width.into(),
        ]
    }
}

const ALL_BUT_CLOSED_DATE: &[u32] = &[1, 2, 3, 4, 6, 7];
const ALL_SORTS: &[u32] = &[1, 2, 3, 4, 5, 6, 7];

/// Sorts each queue offers, by queue id. Queues 2 to 4 list none of their own
/// and inherit queue 1's.
const QUEUE_SORTS: [(u32, &[u32]); 11] = [
    (1, ALL_BUT_CLOSED_DATE),
    (5, ALL_BUT_CLOSED_DATE),
    (6, ALL_BUT_CLOSED_DATE),
    (7, ALL_BUT_CLOSED_DATE),
    (8, ALL_SORTS),
    (9, ALL_SORTS),
    (10, ALL_SORTS),
    (11, ALL_SORTS),
    (12, ALL_SORTS),
    (13, ALL_SORTS),
    (14, ALL_SORTS),
];

pub(super) struct QueueSort {
    queue_id: u32,
    sort_id: u32,
}

pub(super) fn queue_sorts() -> Vec<QueueSort> {
    QUEUE_SORTS
        .iter()
        .flat_map(|&(queue_id, sorts)| {
            sorts
                .iter()
                .map(move |&sort_id| QueueSort { queue_id, sort_id })
        })
        .collect()
}

impl SeedRow<4> for QueueSort {
    const TABLE: &'static str = "queue_sorts";
    const COLUMNS: [&'static str; 4] = ["queue_id", "sort_id", "bits", "sort"];
    const SERIAL: Option<&'static str> = None;

    fn values(&self, _now: NaiveDateTime) -> [Value; 4] {
        [
            self.queue_id.into(),
            self.sort_id.into(),
            0_u32.into(),
            0_u32.into(),
        ]
    }
}
