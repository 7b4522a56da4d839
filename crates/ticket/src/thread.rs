//! The vocabulary of osTicket threads: entry types, body formats, entry
//! flags, the `ost_event` rows thread events point at, and thread owners.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::ops::BitOr;

/// `ost_thread_entry.type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EntryType {
    /// `M`: from the user (the ticket owner or a collaborator).
    Message,
    /// `R`: an agent's reply, sent to the user.
    Response,
    /// `N`: an internal note, never sent to the user.
    Note,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a thread entry type (M, R, N)")]
pub struct UnknownEntryType(pub char);

impl EntryType {
    pub fn as_char(self) -> char {
        match self {
            Self::Message => 'M',
            Self::Response => 'R',
            Self::Note => 'N',
        }
    }

    pub fn parse(raw: char) -> Result<Self, UnknownEntryType> {
        match raw {
            'M' => Ok(Self::Message),
            'R' => Ok(Self::Response),
            'N' => Ok(Self::Note),
            other => Err(UnknownEntryType(other)),
        }
    }
}

impl fmt::Display for EntryType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.as_char())
    }
}

/// `ost_thread_entry.format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BodyFormat {
    Text,
    Html,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a body format (text, html)")]
pub struct UnknownBodyFormat(pub String);

impl BodyFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Text => "text",
            Self::Html => "html",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, UnknownBodyFormat> {
        [Self::Text, Self::Html]
            .into_iter()
            .find(|format| format.as_str().eq_ignore_ascii_case(raw))
            .ok_or_else(|| UnknownBodyFormat(raw.to_owned()))
    }
}

/// `ost_thread_entry.flags`. Bits osTicket does not define are kept, so a
/// row read and written back is unchanged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct EntryFlags(u32);

impl EntryFlags {
    /// The message that opened the ticket.
    pub const ORIGINAL_MESSAGE: Self = Self(0x1);
    pub const EDITED: Self = Self(0x2);
    pub const HIDDEN: Self = Self(0x4);
    /// Not replaced when edited.
    pub const GUARDED: Self = Self(0x8);
    pub const RESENT: Self = Self(0x10);
    /// Posted by a collaborator rather than the ticket owner.
    pub const COLLABORATOR: Self = Self(0x20);
    /// HTML body already balanced, so display needs no repair.
    pub const BALANCED: Self = Self(0x40);
    /// A note written by the system.
    pub const SYSTEM: Self = Self(0x80);
    /// An agent response sent to all recipients.
    pub const REPLY_ALL: Self = Self(0x100);
    /// An agent response sent to the user only.
    pub const REPLY_USER: Self = Self(0x200);
    /// Copied from a child ticket when tickets were merged.
    pub const CHILD: Self = Self(0x400);

    pub const fn empty() -> Self {
        Self(0)
    }

    pub const fn from_bits(bits: u32) -> Self {
        Self(bits)
    }

    pub const fn bits(self) -> u32 {
        self.0
    }

    pub const fn contains(self, other: Self) -> bool {
        self.0 & other.0 == other.0
    }
}

impl BitOr for EntryFlags {
    type Output = Self;

    fn bitor(self, other: Self) -> Self {
        Self(self.0 | other.0)
    }
}

/// A row of `ost_event`; `id()` is what `ost_thread_event.event_id` stores.
/// The ids are those a fresh osTicket 1.18 install seeds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[repr(u32)]
pub enum ThreadEventKind {
    Created = 1,
    Closed = 2,
    Reopened = 3,
    Assigned = 4,
    Released = 5,
    Transferred = 6,
    Referred = 7,
    Overdue = 8,
    Edited = 9,
    Viewed = 10,
    Error = 11,
    Collab = 12,
    Resent = 13,
    Deleted = 14,
    Merged = 15,
    Unlinked = 16,
    Linked = 17,
    Login = 18,
    Logout = 19,
    Message = 20,
    Note = 21,
}

impl ThreadEventKind {
    /// In `ost_event.id` order.
    const ALL: [Self; 21] = [
        Self::Created,
        Self::Closed,
        Self::Reopened,
        Self::Assigned,
        Self::Released,
        Self::Transferred,
        Self::Referred,
        Self::Overdue,
        Self::Edited,
        Self::Viewed,
        Self::Error,
        Self::Collab,
        Self::Resent,
        Self::Deleted,
        Self::Merged,
        Self::Unlinked,
        Self::Linked,
        Self::Login,
        Self::Logout,
        Self::Message,
        Self::Note,
    ];

    /// `ost_event.id`.
    pub fn id(self) -> u32 {
        self as u32
    }

    /// `ost_event.name`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Created => "created",
            Self::Closed => "closed",
            Self::Reopened => "reopened",
            Self::Assigned => "assigned",
            Self::Released => "released",
            Self::Transferred => "transferred",
            Self::Referred => "referred",
            Self::Overdue => "overdue",
            Self::Edited => "edited",
            Self::Viewed => "viewed",
            Self::Error => "error",
            Self::Collab => "collab",
            Self::Resent => "resent",
            Self::Deleted => "deleted",
            Self::Merged => "merged",
            Self::Unlinked => "unlinked",
            Self::Linked => "linked",
            Self::Login => "login",
            Self::Logout => "logout",
            Self::Message => "message",
            Self::Note => "note",
        }
    }

    /// Reads `ost_thread_event.event_id`.
    pub fn from_id(id: u32) -> Option<Self> {
        let index = usize::try_from(id.checked_sub(1)?).ok()?;
        Self::ALL.get(index).copied()
    }
}

/// `ost_thread.object_type` and `ost_thread_event.thread_type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ThreadObjectType {
    /// `T`
    Ticket,
    /// `A`
    Task,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a thread object type (T, A)")]
pub struct UnknownThreadObjectType(pub char);

impl ThreadObjectType {
    pub fn as_char(self) -> char {
        match self {
            Self::Ticket => 'T',
            Self::Task => 'A',
        }
    }

    pub fn parse(raw: char) -> Result<Self, UnknownThreadObjectType> {
        match raw {
            'T' => Ok(Self::Ticket),
            'A' => Ok(Self::Task),
            other => Err(UnknownThreadObjectType(other)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entry_types_round_trip_through_their_column_letters() {
        for kind in [EntryType::Message, EntryType::Response, EntryType::Note] {
            assert_eq!(EntryType::parse(kind.as_char()), Ok(kind));
        }
        assert_eq!(EntryType::Response.as_char(), 'R');
    }

    #[test]
    fn an_unknown_entry_type_is_rejected() {
        assert_eq!(EntryType::parse('m'), Err(UnknownEntryType('m')));
    }

    #[test]
    fn body_formats_use_the_column_strings() {
        assert_eq!(BodyFormat::Html.as_str(), "html");
        assert_eq!(BodyFormat::parse("text"), Ok(BodyFormat::Text));
        assert_eq!(BodyFormat::parse("HTML"), Ok(BodyFormat::Html));
        assert_eq!(
            BodyFormat::parse("markdown"),
            Err(UnknownBodyFormat("markdown".to_owned()))
        );
    }

    #[test]
    fn entry_flags_combine_to_the_values_osticket_writes() {
        let web_html_message = EntryFlags::ORIGINAL_MESSAGE | EntryFlags::BALANCED;
        assert_eq!(web_html_message.bits(), 0x41);
        assert_eq!(
            (EntryFlags::ORIGINAL_MESSAGE | EntryFlags::REPLY_USER).bits(),
            0x201
        );
        assert_eq!(EntryFlags::CHILD.bits(), 0x400);
        assert!(web_html_message.contains(EntryFlags::BALANCED));
        assert!(!web_html_message.contains(EntryFlags::SYSTEM));
        assert!(EntryFlags::empty().contains(EntryFlags::empty()));
    }

    #[test]
    fn entry_flags_keep_bits_osticket_does_not_define() {
        assert_eq!(EntryFlags::from_bits(0x8001).bits(), 0x8001);
    }

    #[test]
    fn event_kinds_carry_the_seeded_ost_event_ids() {
        assert_eq!(ThreadEventKind::Created.id(), 1);
        assert_eq!(ThreadEventKind::Reopened.id(), 3);
        assert_eq!(ThreadEventKind::Overdue.id(), 8);
        assert_eq!(ThreadEventKind::Edited.id(), 9);
        assert_eq!(ThreadEventKind::Deleted.id(), 14);
        assert_eq!(ThreadEventKind::Note.id(), 21);
        assert_eq!(ThreadEventKind::Collab.name(), "collab");
    }

    #[test]
    fn event_ids_read_back_to_their_kinds() {
        for id in 1..=21 {
            assert_eq!(
                ThreadEventKind::from_id(id).map(ThreadEventKind::id),
                Some(id)
            );
        }
        assert_eq!(ThreadEventKind::from_id(0), None);
        assert_eq!(ThreadEventKind::from_id(22), None);
    }

    #[test]
    fn thread_object_types_use_t_and_a() {
        assert_eq!(ThreadObjectType::Task.as_char(), 'A');
        assert_eq!(ThreadObjectType::parse('T'), Ok(ThreadObjectType::Ticket));
        assert_eq!(
            ThreadObjectType::parse('X'),
            Err(UnknownThreadObjectType('X'))
        );
    }
}
