//! osTicket's system ban list: the `email equal` rules of the filter named
//! `SYSTEM BAN LIST`. Like osTicket's ban-list page, it takes whole e-mail
//! addresses only (`Validator::is_email`), creates the filter when the help
//! desk has none (`Banlist::ensureSystemBanList`), and is for administrators
//! only (`scp/banlist.php` requires `admin.inc.php`).

use crate::access::{AdminAccessError, require_admin};
use crate::{Caller, Ctx};
use oxt_filter::{BanList, BanListError};
use oxt_perm::AccessError;
use oxt_store::StoreError;
use oxt_store::filters::{
    BanRule, delete_filter_rules, insert_ban_rule, insert_filter, list_ban_rules,
    load_filter_definitions,
};
use oxt_ticket::contact::EmailAddress;

#[derive(Debug, thiserror::Error)]
pub enum BanListAccessError {
    #[error(transparent)]
    Refused(#[from] AccessError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

#[derive(Debug, thiserror::Error)]
pub enum BanError {
    #[error(transparent)]
    Refused(#[from] AccessError),
    #[error("{0} is already on the ban list")]
    AlreadyBanned(EmailAddress),
    #[error(transparent)]
    Store(#[from] StoreError),
}

#[derive(Debug, thiserror::Error)]
pub enum UnbanError {
    #[error(transparent)]
    Refused(#[from] AccessError),
    #[error("{0} is not on the ban list")]
    NotBanned(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

macro_rules! admin_refusal {
    ($error:ident) => {
        impl From<AdminAccessError> for $error {
            fn from(error: AdminAccessError) -> Self {
                match error {
                    AdminAccessError::Refused(refused) => Self::Refused(refused),
                    AdminAccessError::Store(store) => Self::Store(store),
                }
            }
        }
    };
}
admin_refusal!(BanListAccessError);
admin_refusal!(BanError);
admin_refusal!(UnbanError);

/// An address to ban.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewBan {
    pub email: EmailAddress,
    /// A paused ban is kept but bans nobody.
    pub active: bool,
    pub notes: String,
}

/// The banned addresses, alphabetically.
#[tracing::instrument(skip_all)]
pub async fn list_banned(ctx: &Ctx, caller: &Caller) -> Result<Vec<BanRule>, BanListAccessError> {
    require_admin(&ctx.store, caller).await?;
    let ban_list = BanList::from_definitions(&load_filter_definitions(&ctx.store).await?);
    Ok(match ban_list.filter() {
        Some(filter) => list_ban_rules(&ctx.store, filter).await?,
        None => Vec::new(),
    })
}

#[tracing::instrument(skip_all)]
pub async fn ban(ctx: &Ctx, caller: &Caller, new: NewBan) -> Result<BanRule, BanError> {
    let now = ctx.clock.now();
    let tx = ctx.store.begin().await?;
    require_admin(&tx, caller).await?;
    let mut ban_list = BanList::from_definitions(&load_filter_definitions(&tx).await?);
    if ban_list.filter().is_none() {
        insert_filter(
            &tx,
            &BanList::system_filter(),
            Some(BanList::FILTER_NOTES),
            now,
        )
        .await?;
        ban_list = BanList::from_definitions(&load_filter_definitions(&tx).await?);
    }
    let rule = match ban_list.rule_to_add(&new.email) {
        Ok(rule) => rule,
        Err(BanListError::AlreadyListed(email)) => return Err(BanError::AlreadyBanned(email)),
        Err(BanListError::MissingFilter) => return Err(StoreError::NotFound.into()),
    };
    let id = insert_ban_rule(&tx, &rule, new.active, &new.notes, now).await?;
    let banned = list_ban_rules(&tx, rule.filter)
        .await?
        .into_iter()
        .find(|ban| ban.id == id)
        .ok_or(StoreError::NotFound)?;
    tx.commit().await?;
    ctx.filters.invalidate();
    tracing::info!("address banned");
    Ok(banned)
}

/// `Banlist::remove`: deletes every `email equal` rule for the address.
/// The address is taken as stored, not parsed: a row osTicket or an import
/// wrote with an odd value can be removed too, and anything else is simply
/// not on the list.
#[tracing::instrument(skip_all)]
pub async fn unban(ctx: &Ctx, caller: &Caller, email: &str) -> Result<(), UnbanError> {
    let tx = ctx.store.begin().await?;
    require_admin(&tx, caller).await?;
    let ban_list = BanList::from_definitions(&load_filter_definitions(&tx).await?);
    let rules = ban_list.rules_to_remove(email);
    if rules.is_empty() {
        return Err(UnbanError::NotBanned(email.to_owned()));
    }
    delete_filter_rules(&tx, &rules).await?;
    tx.commit().await?;
    ctx.filters.invalidate();
    tracing::info!("address unbanned");
    Ok(())
}
