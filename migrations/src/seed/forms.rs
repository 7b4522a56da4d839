//! `form` and `form_field`: the dynamic forms osTicket builds its user, ticket,
//! company, organization and task records from.
//!
//! The ids are fixed points of osTicket: form 1 is the user form, form 2 the ticket
//! form (attached to every help topic), field 20 the ticket subject, 21 the message,
//! 22 the priority (API errors name these ids, as in `20\nIssue Summary is a
//! required field`). The `*__cdata` tables flatten the answers to these forms into
//! one column per field `name`.
//!
//! Field flags are `DynamicFormField::FLAG_*`: 0x1 enabled, 0x2 stored outside the
//! form entry, 0x4 required to close; 0x10/0x20/0x40/0x80 forbid changing the type,
//! deleting, editing, disabling; 0x100/0x200/0x400 the client may view, edit, must
//! fill; 0x1000/0x2000/0x4000 the same for agents; 0x10000/0x20000/0x40000 forbid
//! changing the requirement, visibility and name.

use chrono::NaiveDateTime;
use sea_orm::Value;

use super::SeedRow;

pub(super) struct Form {
    id: u32,
    /// `U` user, `T` ticket, `C` company, `O` organization, `A` task, `L<id>` the
    /// item properties of custom list `<id>`.
    kind: &'static str,
    /// `DynamicForm::FLAG_DELETABLE` for the built-in forms.
    flags: u32,
    title: &'static str,
    instructions: Option<&'static str>,
    notes: Option<&'static str>,
}

pub(super) const FORMS: [Form; 6] = [
    Form {
        id: 1,
        kind: "U",
        flags: 1,
        title: "Contact Information",
        instructions: None,
        notes: None,
    },
    Form {
        id: 2,
        kind: "T",
        flags: 1,
        title: "Ticket Details",
        instructions: Some("Please Describe Your Issue"),
        notes: Some(
            "This form will be attached to every ticket, regardless of its source.\n\
             You can add any fields to this form and they will be available to all\n\
             tickets, and will be searchable with advanced search and filterable.",
        ),
    },
    Form {
        id: 3,
        kind: "C",
        flags: 1,
        title: "Company Information",
        instructions: Some("Details available in email templates"),
        notes: None,
    },
    Form {
        id: 4,
        kind: "O",
        flags: 1,
        title: "Organization Information",
        instructions: Some("Details on user organization"),
        notes: None,
    },
    Form {
        id: 5,
        kind: "A",
        flags: 1,
        title: "Task Details",
        instructions: Some("Please Describe The Issue"),
        notes: Some("This form is used to create a task."),
    },
    // Properties of a ticket status, the items of list 1.
    Form {
        id: 6,
        kind: "L1",
        flags: 0,
        title: "Ticket Status Properties",
        instructions: Some("Properties that can be set on a ticket status."),
        notes: None,
    },
];

impl SeedRow<10> for Form {
    const TABLE: &'static str = "form";
    const COLUMNS: [&'static str; 10] = [
        "id",
        "pid",
        "type",
        "flags",
        "title",
        "instructions",
        "name",
        "notes",
        "created",
        "updated",
    ];
    const SERIAL: Option<&'static str> = Some("id");

    fn values(&self, now: NaiveDateTime) -> [Value; 10] {
        [
            self.id.into(),
            Option::<u32>::None.into(),
            self.kind.into(),
            self.flags.into(),
            self.title.into(),
            self.instructions.into(),
            "".into(),
            self.notes.into(),
            now.into(),
            now.into(),
        ]
    }
}

pub(super) struct Field {
    id: u32,
    form_id: u32,
    flags: u32,
    /// Field class: `text`, `memo`, `phone`, `thread`, `priority`, `state`, ...
    kind: &'static str,
    label: &'static str,
    name: &'static str,
    /// JSON options of the field class.
    configuration: Option<&'static str>,
    sort: u32,
    hint: Option<&'static str>,
}

pub(super) const FIELDS: [Field; 20] = [
    // Form 1, user.
    Field {
        id: 1,
        form_id: 1,
        flags: 0x777B3,
        kind: "text",
        label: "Email Address",
        name: "email",
        configuration: Some(r#"{"size":40,"length":64,"validator":"email"}"#),
        sort: 1,
        hint: None,
    },
    Field {
        id: 2,
        form_id: 1,
        flags: 0x777B3,
        kind: "text",
        label: "Full Name",
        name: "name",
        configuration: Some(r#"{"size":40,"length":64}"#),
        sort: 2,
        hint: None,
    },
    Field {
        id: 3,
        form_id: 1,
        flags: 0x3301,
        kind: "phone",
        label: "Phone Number",
        name: "phone",
        configuration: None,
        sort: 3,
        hint: None,
    },
    Field {
        id: 4,
        form_id: 1,
        flags: 0x3001,
        kind: "memo",
        label: "Internal Notes",
        name: "notes",
        configuration: Some(r#"{"rows":4,"cols":40}"#),
        sort: 4,
        hint: None,
    },
    // Form 2, ticket.
    Field {
        id: 20,
        form_id: 2,
        flags: 0x77731,
        kind: "text",
        label: "Issue Summary",
        name: "subject",
        configuration: Some(r#"{"size":40,"length":50}"#),
        sort: 1,
        hint: None,
    },
    Field {
        id: 21,
        form_id: 2,
        flags: 0x75523,
        kind: "thread",
        label: "Issue Details",
        name: "message",
        configuration: None,
        sort: 2,
        hint: Some("Details on the reason(s) for opening the ticket."),
    },
    Field {
        id: 22,
        form_id: 2,
        flags: 0x430B1,
        kind: "priority",
        label: "Priority Level",
        name: "priority",
        configuration: None,
        sort: 3,
        hint: None,
    },
    // Form 3, company.
    Field {
        id: 23,
        form_id: 3,
        flags: 0x471B1,
        kind: "text",
        label: "Company Name",
        name: "name",
        configuration: Some(r#"{"size":40,"length":64}"#),
        sort: 1,
        hint: None,
    },
    Field {
        id: 24,
        form_id: 3,
        flags: 0x43111,
        kind: "text",
        label: "Website",
        name: "website",
        configuration: Some(r#"{"size":40,"length":64}"#),
        sort: 2,
        hint: None,
    },
    Field {
        id: 25,
        form_id: 3,
        flags: 0x43111,
        kind: "phone",
        label: "Phone Number",
        name: "phone",
        configuration: Some(r#"{"ext":false}"#),
        sort: 3,
        hint: None,
    },
    Field {
        id: 26,
        form_id: 3,
        flags: 0x3101,
        kind: "memo",
        label: "Address",
        name: "address",
        configuration: Some(r#"{"rows":2,"cols":40,"html":false,"length":100}"#),
        sort: 4,
        hint: None,
    },
    // Form 4, organization.
    Field {
        id: 27,
        form_id: 4,
        flags: 0x777B3,
        kind: "text",
        label: "Name",
        name: "name",
        configuration: Some(r#"{"size":40,"length":64}"#),
        sort: 1,
        hint: None,
    },
    Field {
        id: 28,
        form_id: 4,
        flags: 0x3301,
        kind: "memo",
        label: "Address",
        name: "address",
        configuration: Some(r#"{"rows":2,"cols":40,"length":100,"html":false}"#),
        sort: 2,
        hint: None,
    },
    Field {
        id: 29,
        form_id: 4,
        flags: 0x3301,
        kind: "phone",
        label: "Phone",
        name: "phone",
        configuration: None,
        sort: 3,
        hint: None,
    },
    Field {
        id: 30,
        form_id: 4,
        flags: 0x3301,
        kind: "text",
        label: "Website",
        name: "website",
        configuration: Some(r#"{"size":40,"length":0}"#),
        sort: 4,
        hint: None,
    },
    Field {
        id: 31,
        form_id: 4,
        flags: 0x3001,
        kind: "memo",
        label: "Internal Notes",
        name: "notes",
        configuration: Some(r#"{"rows":4,"cols":40}"#),
        sort: 5,
        hint: None,
    },
    // Form 5, task.
    Field {
        id: 32,
        form_id: 5,
        flags: 0x770B1,
        kind: "text",
        label: "Title",
        name: "title",
        configuration: Some(r#"{"size":40,"length":50}"#),
        sort: 1,
        hint: None,
    },
    Field {
        id: 33,
        form_id: 5,
        flags: 0x650F3,
        kind: "thread",
        label: "Description",
        name: "description",
        configuration: None,
        sort: 2,
        hint: Some("Details on the reason(s) for creating the task."),
    },
    // Form 6, ticket status properties.
    Field {
        id: 34,
        form_id: 6,
        flags: 0x770F1,
        kind: "state",
        label: "State",
        name: "state",
        configuration: Some(r#"{"prompt":"State of a ticket"}"#),
        sort: 1,
        hint: None,
    },
    Field {
        id: 35,
        form_id: 6,
        flags: 0x73021,
        kind: "memo",
        label: "Description",
        name: "description",
        configuration: Some(r#"{"rows":"2","cols":"40","html":"","length":"100"}"#),
        sort: 3,
        hint: None,
    },
];

impl SeedRow<11> for Field {
    const TABLE: &'static str = "form_field";
    const COLUMNS: [&'static str; 11] = [
        "id",
        "form_id",
        "flags",
        "type",
        "label",
        "name",
        "configuration",
        "sort",
        "hint",
        "created",
        "updated",
    ];
    const SERIAL: Option<&'static str> = Some("id");

    fn values(&self, now: NaiveDateTime) -> [Value; 11] {
        [
            self.id.into(),
            self.form_id.into(),
            self.flags.into(),
            self.kind.into(),
            self.label.into(),
            self.name.into(),
            self.configuration.into(),
            self.sort.into(),
            self.hint.into(),
            now.into(),
            now.into(),
        ]
    }
}
