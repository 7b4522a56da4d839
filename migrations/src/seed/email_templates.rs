//! `email_template`: the messages of template group 1, by osTicket code name.
//!
//! osTicket picks a template by `code_name` and fills its `%{...}` variables from
//! the ticket or task, the recipient and the event. The subjects are osTicket's,
//! because mail clients and osTicket's mail fetcher thread replies by the
//! `[#number]` tag in them; the bodies are Oxticket's own wording and use the same
//! variables for the same purpose.

use chrono::NaiveDateTime;
use sea_orm::Value;

use super::SeedRow;

pub(super) struct Template {
    id: u32,
    code_name: &'static str,
    subject: &'static str,
    /// HTML.
    body: &'static str,
}

pub(super) const TEMPLATES: [Template; 19] = [
    // To the user: a new ticket was opened from their request.
    Template {
        id: 1,
        code_name: "ticket.autoresp",
        subject: "Support Ticket Opened [#%{ticket.number}]",
        body: "<p>Hello %{recipient.name.first},</p>\n\
               <p>Thank you for getting in touch. We have opened ticket\n\
               <strong>#%{ticket.number}</strong> for your request, and a member of our team\n\
               will reply as soon as they can.</p>\n\
               <p>You can <a href=\"%{recipient.ticket_link}\">follow the ticket online</a>\n\
               at any time.</p>\n\
               <p>Kind regards,<br>\n\
               The %{company.name} team<br>\n\
               %{signature}</p>\n\
               <hr>\n\
               <p><small>Anything to add? Reply to this message, or\n\
               <a href=\"%{recipient.ticket_link}\">open your ticket</a> to see every\n\
               message exchanged so far.</small></p>",
    },
    // To the user: a new ticket was opened and answered automatically (e.g. a filter's canned reply).
    Template {
        id: 2,
        code_name: "ticket.autoreply",
        subject: "Re: %{ticket.subject} [#%{ticket.number}]",
        body: "<p>Hello %{recipient.name.first},</p>\n\
               <p>We have opened ticket\n\
               <a href=\"%{recipient.ticket_link}\">#%{ticket.number}</a> for your request\n\
               and are sending you this first answer straight away.</p>\n\
               <p>Topic: <strong>%{ticket.topic.name}</strong><br>\n\
               Subject: <strong>%{ticket.subject}</strong></p>\n\
               <div>%{response}</div>\n\
               <p>Kind regards,<br>\n\
               The %{company.name} team<br>\n\
               %{signature}</p>\n\
               <hr>\n\
               <p><small>If this does not settle the matter, reply to this message or\n\
               <a href=\"%{recipient.ticket_link}\">open your ticket</a> online.</small></p>",
    },
    // To the user: their follow-up message was added to an open ticket.
    Template {
        id: 3,
        code_name: "message.autoresp",
        subject: "Message Confirmation",
        body: "<p>Hello %{recipient.name.first},</p>\n\
               <p>Your message has been added to ticket\n\
               <a href=\"%{recipient.ticket_link}\">#%{ticket.number}</a>. There is nothing\n\
               more you need to do; we will be back to you shortly.</p>\n\
               <p>Kind regards,<br>\n\
               The %{company.name} team<br>\n\
               %{signature}</p>\n\
               <hr>\n\
               <p><small><a href=\"%{recipient.ticket_link}\">See the ticket online</a>.</small></p>",
    },
    // To the user: an agent opened a ticket on their behalf.
    Template {
        id: 4,
        code_name: "ticket.notice",
        subject: "%{ticket.subject} [#%{ticket.number}]",
        body: "<p>Hello %{recipient.name.first},</p>\n\
               <p>A member of our team has opened ticket\n\
               <a href=\"%{recipient.ticket_link}\">#%{ticket.number}</a> for you.</p>\n\
               <p>Topic: <strong>%{ticket.topic.name}</strong><br>\n\
               Subject: <strong>%{ticket.subject}</strong></p>\n\
               <div>%{message}</div>\n\
               <div>%{response}</div>\n\
               <p>We will be in touch if anything else is needed. You can also\n\
               <a href=\"%{recipient.ticket_link}\">follow the ticket online</a>.</p>\n\
               <p>Kind regards,<br>\n\
               The %{company.name} team<br>\n\
               %{signature}</p>\n\
               <hr>\n\
               <p><small>To add details, reply to this message or\n\
               <a href=\"%{recipient.ticket_link}\">open your ticket</a>.</small></p>",
    },
    // To the user: no new ticket, they already have the most open tickets allowed.
    Template {
        id: 5,
        code_name: "ticket.overlimit",
        subject: "Open Tickets Limit Reached",
        body: "<p>Hello %{ticket.name.first},</p>\n\
               <p>We could not open a new ticket for you: you already have as many open\n\
               tickets as our help desk allows. Once one of them is closed you can open\n\
               another.</p>\n\
               <p>Meanwhile you can add to your open tickets by\n\
               <a href=\"%{url}/tickets.php?e=%{ticket.email}\">signing in to the help desk</a>.</p>\n\
               <p>Kind regards,<br>\n\
               The help desk</p>",
    },
    // To the user: an agent's reply.
    Template {
        id: 6,
        code_name: "ticket.reply",
        subject: "Re: %{ticket.subject} [#%{ticket.number}]",
        body: "<p>Hello %{recipient.name.first},</p>\n\
               <div>%{response}</div>\n\
               <p>Kind regards,<br>\n\
               The %{company.name} team<br>\n\
               %{signature}</p>\n\
               <hr>\n\
               <p><small>Please answer by replying to this message rather than writing a\n\
               new one, or <a href=\"%{recipient.ticket_link}\">open your ticket</a> to read\n\
               the whole conversation.</small></p>",
    },
    // To collaborators: someone else wrote in a ticket they take part in.
    Template {
        id: 7,
        code_name: "ticket.activity.notice",
        subject: "Re: %{ticket.subject} [#%{ticket.number}]",
        body: "<p>Hello %{recipient.name.first},</p>\n\
               <p><em>%{poster.name}</em> has written in a ticket you are following:</p>\n\
               <div>%{message}</div>\n\
               <hr>\n\
               <p><small>You receive this because you take part in ticket\n\
               <a href=\"%{recipient.ticket_link}\">#%{ticket.number}</a>. Reply to this\n\
               message to join in, or <a href=\"%{recipient.ticket_link}\">open the\n\
               ticket</a> to read it all.</small></p>",
    },
    // To agents: a new ticket.
    Template {
        id: 8,
        code_name: "ticket.alert",
        subject: "New Ticket Alert",
        body: "<p>Hello %{recipient.name},</p>\n\
               <p>Ticket #%{ticket.number} has just been opened.</p>\n\
               <table>\n\
               <tr><td><strong>From:</strong></td><td>%{ticket.name} &lt;%{ticket.email}&gt;</td></tr>\n\
               <tr><td><strong>Department:</strong></td><td>%{ticket.dept.name}</td></tr>\n\
               </table>\n\
               <div>%{message}</div>\n\
               <hr>\n\
               <p><a href=\"%{ticket.staff_link}\">Open the ticket</a> in the agent panel to\n\
               answer it.</p>",
    },
    // To agents: the user added a message to a ticket.
    Template {
        id: 9,
        code_name: "message.alert",
        subject: "New Message Alert",
        body: "<p>Hello %{recipient.name},</p>\n\
               <p>A new message arrived in ticket\n\
               <a href=\"%{ticket.staff_link}\">#%{ticket.number}</a>.</p>\n\
               <table>\n\
               <tr><td><strong>From:</strong></td><td>%{poster.name} &lt;%{ticket.email}&gt;</td></tr>\n\
               <tr><td><strong>Department:</strong></td><td>%{ticket.dept.name}</td></tr>\n\
               </table>\n\
               <div>%{message}</div>\n\
               <hr>\n\
               <p><a href=\"%{ticket.staff_link}\">Open the ticket</a> in the agent panel to\n\
               answer it.</p>",
    },
    // To agents: an internal note was posted.
    Template {
        id: 10,
        code_name: "note.alert",
        subject: "New Internal Activity Alert",
        body: "<p>Hello %{recipient.name},</p>\n\
               <p>An internal note was added to ticket\n\
               <a href=\"%{ticket.staff_link}\">#%{ticket.number}</a>.</p>\n\
               <table>\n\
               <tr><td><strong>By:</strong></td><td>%{note.poster}</td></tr>\n\
               <tr><td><strong>Title:</strong></td><td>%{note.title}</td></tr>\n\
               </table>\n\
               <div>%{note.message}</div>\n\
               <hr>\n\
               <p><a href=\"%{ticket.staff_link}\">Open the ticket</a> in the agent panel.</p>",
    },
    // To the agent a ticket was assigned to.
    Template {
        id: 11,
        code_name: "assigned.alert",
        subject: "Ticket Assigned to you",
        body: "<p>Hello %{assignee.name.first},</p>\n\
               <p>%{assigner.name.short} has assigned ticket\n\
               <a href=\"%{ticket.staff_link}\">#%{ticket.number}</a> to you.</p>\n\
               <table>\n\
               <tr><td><strong>From:</strong></td><td>%{ticket.name} &lt;%{ticket.email}&gt;</td></tr>\n\
               <tr><td><strong>Subject:</strong></td><td>%{ticket.subject}</td></tr>\n\
               </table>\n\
               <div>%{comments}</div>\n\
               <hr>\n\
               <p><a href=\"%{ticket.staff_link}\">Open the ticket</a> in the agent panel to\n\
               work on it.</p>",
    },
    // To agents of the receiving department: a ticket was transferred.
    Template {
        id: 12,
        code_name: "transfer.alert",
        subject: "Ticket #%{ticket.number} transfer - %{ticket.dept.name}",
        body: "<p>Hello %{recipient.name},</p>\n\
               <p><strong>%{staff.name.short}</strong> has moved ticket\n\
               <a href=\"%{ticket.staff_link}\">#%{ticket.number}</a> to the\n\
               %{ticket.dept.name} department.</p>\n\
               <blockquote>%{comments}</blockquote>\n\
               <hr>\n\
               <p><a href=\"%{ticket.staff_link}\">Open the ticket</a> in the agent panel.</p>",
    },
    // To agents: a ticket passed its due date.
    Template {
        id: 13,
        code_name: "ticket.overdue",
        subject: "Stale Ticket Alert",
        body: "<p>Hello %{recipient.name},</p>\n\
               <p>Ticket <a href=\"%{ticket.staff_link}\">#%{ticket.number}</a> is past its\n\
               due date and still waiting for us. Please give it priority so that every\n\
               request gets a timely answer.</p>\n\
               <p>Thank you,<br>\n\
               %{ticket.dept.manager.name}</p>\n\
               <hr>\n\
               <p><small>You receive this because the ticket is assigned to you, to one of\n\
               your teams or to your department.\n\
               <a href=\"%{ticket.staff_link}\">Open the ticket</a>.</small></p>",
    },
    // To agents: a new task.
    Template {
        id: 14,
        code_name: "task.alert",
        subject: "New Task Alert",
        body: "<p>Hello %{recipient.name},</p>\n\
               <p>Task <a href=\"%{task.staff_link}\">#%{task.number}</a> has just been\n\
               created.</p>\n\
               <table>\n\
               <tr><td><strong>Department:</strong></td><td>%{task.dept.name}</td></tr>\n\
               </table>\n\
               <div>%{task.description}</div>\n\
               <hr>\n\
               <p><a href=\"%{task.staff_link}\">Open the task</a> in the agent panel.</p>",
    },
    // To collaborators: someone else wrote in a task they take part in.
    Template {
        id: 15,
        code_name: "task.activity.notice",
        subject: "Re: %{task.title} [#%{task.number}]",
        body: "<p>Hello %{recipient.name.first},</p>\n\
               <p><em>%{poster.name}</em> has written in a task you are following:</p>\n\
               <div>%{message}</div>\n\
               <hr>\n\
               <p><small>You receive this because you take part in task #%{task.number}.\n\
               Reply to this message to join in.</small></p>",
    },
    // To agents: activity on a task.
    Template {
        id: 16,
        code_name: "task.activity.alert",
        subject: "Task Activity [#%{task.number}] - %{activity.title}",
        body: "<p>Hello %{recipient.name},</p>\n\
               <p>Task <a href=\"%{task.staff_link}\">#%{task.number}</a> has changed:\n\
               %{activity.description}</p>\n\
               <div>%{message}</div>\n\
               <hr>\n\
               <p><a href=\"%{task.staff_link}\">Open the task</a> in the agent panel.</p>",
    },
    // To the agent a task was assigned to.
    Template {
        id: 17,
        code_name: "task.assignment.alert",
        subject: "Task Assigned to you",
        body: "<p>Hello %{assignee.name.first},</p>\n\
               <p>%{assigner.name.short} has assigned task\n\
               <a href=\"%{task.staff_link}\">#%{task.number}</a> to you.</p>\n\
               <div>%{comments}</div>\n\
               <hr>\n\
               <p><a href=\"%{task.staff_link}\">Open the task</a> in the agent panel to work\n\
               on it.</p>",
    },
    // To agents of the receiving department: a task was transferred.
    Template {
        id: 18,
        code_name: "task.transfer.alert",
        subject: "Task #%{task.number} transfer - %{task.dept.name}",
        body: "<p>Hello %{recipient.name},</p>\n\
               <p><strong>%{staff.name.short}</strong> has moved task\n\
               <a href=\"%{task.staff_link}\">#%{task.number}</a> to the %{task.dept.name}\n\
               department.</p>\n\
               <blockquote>%{comments}</blockquote>\n\
               <hr>\n\
               <p><a href=\"%{task.staff_link}\">Open the task</a> in the agent panel.</p>",
    },
    // To agents: a task passed its due date.
    Template {
        id: 19,
        code_name: "task.overdue.alert",
        subject: "Stale Task Alert",
        body: "<p>Hello %{recipient.name},</p>\n\
               <p>Task <a href=\"%{task.staff_link}\">#%{task.number}</a> is past its due\n\
               date and still open. Please give it priority so that work does not stall.</p>\n\
               <p>Thank you,<br>\n\
               %{task.dept.manager.name}</p>\n\
               <hr>\n\
               <p><small>You receive this because the task is assigned to you, to one of\n\
               your teams or to your department.\n\
               <a href=\"%{task.staff_link}\">Open the task</a>.</small></p>",
    },
];

impl SeedRow<8> for Template {
    const TABLE: &'static str = "email_template";
    const COLUMNS: [&'static str; 8] = [
        "id",
        "tpl_id",
        "code_name",
        "subject",
        "body",
        "notes",
        "created",
        "updated",
    ];
    const SERIAL: Option<&'static str> = Some("id");

    fn values(&self, now: NaiveDateTime) -> [Value; 8] {
        [
            self.id.into(),
            // All in template group 1.
            1_u32.into(),
            self.code_name.into(),
            self.subject.into(),
            self.body.into(),
            Option::<&str>::None.into(),
            now.into(),
            now.into(),
        ]
    }
}
