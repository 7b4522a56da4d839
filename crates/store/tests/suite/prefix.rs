//! The process-wide table prefix; this binary runs with osTicket's default `ost_`
//! (tests/custom_prefix runs another).

use oxt_store::entity::thread_entry;
use oxt_store::{PrefixError, TablePrefix, install_table_prefix, table_prefix};
use sea_orm::EntityName;

#[test]
fn entities_name_their_table_with_the_default_prefix() {
    assert_eq!(table_prefix().as_str(), "ost_");
    assert_eq!(thread_entry::Entity.table_name(), "ost_thread_entry");
}

#[test]
fn installing_the_prefix_in_force_again_is_accepted() {
    assert_eq!(install_table_prefix(table_prefix().clone()), Ok(()));
}

#[test]
fn installing_another_prefix_once_one_is_in_use_is_refused() {
    let in_use = table_prefix().clone();
    let other = TablePrefix::parse("acme_").expect("a valid prefix");

    assert_eq!(
        install_table_prefix(other.clone()),
        Err(PrefixError::AlreadyInstalled {
            installed: in_use,
            requested: other,
        })
    );
}
