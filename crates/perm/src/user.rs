//! An end user's grants: who they are and what their organization shares.

use crate::decision::OrgSharing;
use oxt_ticket::ids::{OrgId, TicketId, UserId};

/// `ost_organization.status`: the organization's sharing flags.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OrgStatus(u32);

impl OrgStatus {
    const SHARE_PRIMARY_CONTACT: u32 = 0x0008;
    const SHARE_EVERYBODY: u32 = 0x0010;

    pub const fn from_column(raw: u32) -> Self {
        Self(raw)
    }

    pub const fn shares_with_everybody(self) -> bool {
        self.0 & Self::SHARE_EVERYBODY != 0
    }

    pub const fn shares_with_primary_contacts(self) -> bool {
        self.0 & Self::SHARE_PRIMARY_CONTACT != 0
    }
}

/// `ost_user.status`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct UserStatus(u32);

impl UserStatus {
    const PRIMARY_ORG_CONTACT: u32 = 0x0001;

    pub const fn from_column(raw: u32) -> Self {
        Self(raw)
    }

    pub const fn is_primary_contact(self) -> bool {
        self.0 & Self::PRIMARY_ORG_CONTACT != 0
    }
}

/// Everything the rules need about one end user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserGrants {
    id: UserId,
    shared_org: Option<(OrgId, OrgSharing)>,
    collaborator_link: Option<TicketId>,
}

impl UserGrants {
    /// An end user with no organization sharing and no ticket link.
    pub fn new(id: UserId) -> Self {
        Self {
            id,
            shared_org: None,
            collaborator_link: None,
        }
    }

    /// The user's organization (`ost_user.org_id`, which must name an existing
    /// `ost_organization` row), its `status` and the user's own `status`.
    /// Tickets of the organization's members become visible when
    /// `User::canSeeOrgTickets` holds: the organization shares with everybody,
    /// or with primary contacts and the user is one.
    pub fn in_organization(
        mut self,
        org: OrgId,
        org_status: OrgStatus,
        user_status: UserStatus,
    ) -> Self {
        self.shared_org = if org_status.shares_with_everybody() {
            Some((org, OrgSharing::Everybody))
        } else if org_status.shares_with_primary_contacts() && user_status.is_primary_contact() {
            Some((org, OrgSharing::PrimaryContacts))
        } else {
            None
        };
        self
    }

    /// The user signed in as a collaborator through a ticket's access link
    /// (osTicket's `ClientSession` of type `collaborator`); that ticket is
    /// readable even if the collaborator row has since been removed.
    pub fn via_collaborator_link(mut self, ticket: TicketId) -> Self {
        self.collaborator_link = Some(ticket);
        self
    }

    pub fn id(&self) -> UserId {
        self.id
    }

    /// The organization whose tickets this user sees, and why.
    pub fn shared_org(&self) -> Option<(OrgId, OrgSharing)> {
        self.shared_org
    }

    pub fn collaborator_link(&self) -> Option<TicketId> {
        self.collaborator_link
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user() -> UserGrants {
        UserGrants::new(UserId::new(5))
    }

    #[test]
    fn an_organization_sharing_with_everybody_shares_with_any_member() {
        let grants = user().in_organization(
            OrgId::new(2),
            OrgStatus::from_column(0x10),
            UserStatus::default(),
        );
        assert_eq!(
            grants.shared_org(),
            Some((OrgId::new(2), OrgSharing::Everybody))
        );
    }

    #[test]
    fn sharing_with_primary_contacts_needs_the_user_to_be_one() {
        let org = OrgStatus::from_column(0x08);
        let member = user().in_organization(OrgId::new(2), org, UserStatus::from_column(0));
        assert_eq!(member.shared_org(), None);
        let contact = user().in_organization(OrgId::new(2), org, UserStatus::from_column(1));
        assert_eq!(
            contact.shared_org(),
            Some((OrgId::new(2), OrgSharing::PrimaryContacts))
        );
    }

    #[test]
    fn an_organization_without_sharing_flags_shares_nothing() {
        let grants = user().in_organization(
            OrgId::new(2),
            OrgStatus::from_column(0x07),
            UserStatus::from_column(1),
        );
        assert_eq!(grants.shared_org(), None);
    }
}
