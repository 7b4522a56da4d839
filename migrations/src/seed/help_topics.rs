//! `help_topic` and `help_topic_form`: what a client picks when opening a ticket,
//! and the forms each topic shows (every topic shows the ticket form, form 2).
//!
//! Topic ids jump from 2 to 10 as in osTicket; topic 11 is a child of topic 10.

use chrono::NaiveDateTime;
use sea_orm::Value;

use super::SeedRow;

/// `Topic::FLAG_ACTIVE`.
const ACTIVE: u32 = 0x2;

pub(super) struct Topic {
    id: u32,
    parent_id: u32,
    /// 1 low, 2 normal, 3 high.
    priority_id: u32,
    /// 0 routes to the default department.
    dept_id: u32,
    /// 0 applies the department's or the system's SLA.
    sla_id: u32,
    sort: u32,
    name: &'static str,
    notes: &'static str,
}

pub(super) const TOPICS: [Topic; 4] = [
    Topic {
        id: 1,
        parent_id: 0,
        priority_id: 2,
        dept_id: 0,
        sla_id: 0,
        sort: 1,
        name: "General Inquiry",
        notes: "Questions about products or services",
    },
    Topic {
        id: 2,
        parent_id: 0,
        priority_id: 1,
        dept_id: 0,
        sla_id: 0,
        sort: 0,
        name: "Feedback",
        notes: "Tickets that primarily concern the sales and billing departments",
    },
    Topic {
        id: 10,
        parent_id: 0,
        priority_id: 2,
        dept_id: 3,
        sla_id: 0,
        sort: 0,
        name: "Report a Problem",
        notes: "Product, service, or equipment related issues",
    },
    Topic {
        id: 11,
        parent_id: 10,
        priority_id: 3,
        dept_id: 0,
        sla_id: 1,
        sort: 1,
        name: "Access Issue",
        notes: "Report an inability access a physical or virtual asset",
    },
];

impl SeedRow<19> for Topic {
    const TABLE: &'static str = "help_topic";
    const COLUMNS: [&'static str; 19] = [
        "topic_id",
        "topic_pid",
        "ispublic",
        "noautoresp",
        "flags",
        "status_id",
        "priority_id",
        "dept_id",
        "staff_id",
        "team_id",
        "sla_id",
        "page_id",
        "sequence_id",
        "sort",
        "topic",
        "number_format",
        "notes",
        "created",
        "updated",
    ];
    const SERIAL: Option<&'static str> = Some("topic_id");

    fn values(&self, now: NaiveDateTime) -> [Value; 19] {
        [
            self.id.into(),
            self.parent_id.into(),
            1_u32.into(),
            0_u32.into(),
            ACTIVE.into(),
            // 0 for status, agent, team, thank-you page and sequence: system defaults.
            0_u32.into(),
            self.priority_id.into(),
            self.dept_id.into(),
            0_u32.into(),
            0_u32.into(),
            self.sla_id.into(),
            0_u32.into(),
            0_u32.into(),
            self.sort.into(),
            self.name.into(),
            Option::<&str>::None.into(),
            self.notes.into(),
            now.into(),
            now.into(),
        ]
    }
}

pub(super) struct TopicForm {
    id: u32,
    topic_id: u32,
    form_id: u32,
}

pub(super) const TOPIC_FORMS: [TopicForm; 4] = [
    TopicForm {
        id: 1,
        topic_id: 1,
        form_id: 2,
    },
    TopicForm {
        id: 2,
        topic_id: 2,
        form_id: 2,
    },
    TopicForm {
        id: 3,
        topic_id: 10,
        form_id: 2,
    },
    TopicForm {
        id: 4,
        topic_id: 11,
        form_id: 2,
    },
];

impl SeedRow<5> for TopicForm {
    const TABLE: &'static str = "help_topic_form";
    const COLUMNS: [&'static str; 5] = ["id", "topic_id", "form_id", "sort", "extra"];
    const SERIAL: Option<&'static str> = Some("id");

    fn values(&self, _now: NaiveDateTime) -> [Value; 5] {
        [
            self.id.into(),
            self.topic_id.into(),
            self.form_id.into(),
            1_u32.into(),
            // No field of the form is hidden for this topic.
            r#"{"disable":[]}"#.into(),
        ]
    }
}
