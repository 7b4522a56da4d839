//! Who an e-mail was addressed to, as osTicket keeps it with the thread
//! entry it became (`ost_thread_entry.recipients` and the reply flags).

use oxt_ticket::thread::EntryFlags;
use serde_json::json;

/// `thread_entry_recipients`: the help desk's own addresses and the other
/// To recipients under `to`, the Cc recipients under `cc`, each as
/// `Name <address>`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EntryRecipients {
    pub to: Vec<String>,
    pub cc: Vec<String>,
}

impl EntryRecipients {
    /// The JSON osTicket stores; `cc` only when there is one.
    pub fn json(&self) -> String {
        let mut value = json!({ "to": self.to });
        if !self.cc.is_empty() {
            value["cc"] = json!(self.cc);
        }
        value.to_string()
    }

    /// `ThreadEntry::create`: more than one recipient makes the entry a
    /// reply-all, otherwise a reply to the user.
    pub fn flags(&self) -> EntryFlags {
        if self.to.len() + self.cc.len() > 1 {
            EntryFlags::REPLY_ALL
        } else {
            EntryFlags::REPLY_USER
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_recipient_is_a_reply_to_the_user() {
        let recipients = EntryRecipients {
            to: vec!["Support <support@example.com>".to_owned()],
            cc: Vec::new(),
        };
        assert_eq!(recipients.flags(), EntryFlags::REPLY_USER);
        assert_eq!(
            recipients.json(),
            r#"{"to":["Support <support@example.com>"]}"#
        );
    }

    #[test]
    fn several_recipients_are_a_reply_to_all() {
        let recipients = EntryRecipients {
            to: vec!["support@example.com".to_owned()],
            cc: vec!["Carol <carol@example.com>".to_owned()],
        };
        assert_eq!(recipients.flags(), EntryFlags::REPLY_ALL);
        assert_eq!(
            recipients.json(),
            r#"{"cc":["Carol <carol@example.com>"],"to":["support@example.com"]}"#
        );
    }
}
