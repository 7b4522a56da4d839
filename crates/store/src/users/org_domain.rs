//! Which organization a new user joins by the domain of their address, as
//! osTicket's `Organization::forDomain` decides it.

use crate::entity::organization;
use crate::{Conn, StoreError};
use oxt_ticket::ids::OrgId;
use sea_orm::sea_query::{Expr, ExprTrait, Func, LikeExpr};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

/// The first organization (by id) whose `domain` list maps `domain`.
///
/// osTicket first narrows the candidates to organizations whose `domain` column
/// contains the address's domain, then checks each entry of the comma-separated
/// list; both steps are kept, so the same organization is chosen.
pub(super) async fn organization_for_domain(
    db: &impl Conn,
    domain: &str,
) -> Result<Option<OrgId>, StoreError> {
    if domain.is_empty() {
        return Ok(None);
    }
    let pattern = format!("%{}%", escape_like(&domain.to_lowercase()));
    let candidates: Vec<(u32, String)> = organization::Entity::find()
        .select_only()
        .column(organization::Column::Id)
        .column(organization::Column::Domain)
        .filter(organization::Column::Domain.ne(""))
        .filter(
            Expr::expr(Func::lower(Expr::col(organization::Column::Domain)))
                .like(LikeExpr::new(pattern).escape('\\')),
        )
        .order_by_asc(organization::Column::Id)
        .into_tuple()
        .all(db.db())
        .await?;
    Ok(candidates
        .into_iter()
        .find(|(_, domains)| is_mapped_to_domain(domains, domain))
        .map(|(id, _)| OrgId::new(id)))
}

/// Whether an organization's comma-separated `domain` list maps `domain`: an
/// entry equal to it (ignoring ASCII case), or an entry starting with a dot that
/// it ends with (`.example.com` maps `help.example.com`).
pub(super) fn is_mapped_to_domain(domains: &str, domain: &str) -> bool {
    if domain.is_empty() {
        return false;
    }
    domains.split(',').map(str::trim).any(|entry| {
        if entry.is_empty() {
            false
        } else if entry.starts_with('.') {
            let entry_chars = entry.chars().count();
            let domain_chars = domain.chars().count();
            let tail: String = domain
                .chars()
                .skip(domain_chars.saturating_sub(entry_chars))
                .collect();
            tail.eq_ignore_ascii_case(entry)
        } else {
            entry.eq_ignore_ascii_case(domain)
        }
    })
}

/// Escapes LIKE's wildcards (and the escape character) in a literal.
pub(crate) fn escape_like(literal: &str) -> String {
    let mut escaped = String::with_capacity(literal.len());
    for c in literal.chars() {
        if matches!(c, '%' | '_' | '\\') {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_of_the_list_maps_its_domain_ignoring_case() {
        assert!(is_mapped_to_domain("example.org, ACME.com", "acme.COM"));
        assert!(!is_mapped_to_domain("example.org, acme.com", "acme.co"));
    }

    #[test]
    fn a_leading_dot_maps_every_subdomain_but_not_the_domain_itself() {
        assert!(is_mapped_to_domain(".acme.com", "help.acme.com"));
        assert!(!is_mapped_to_domain(".acme.com", "acme.com"));
    }

    #[test]
    fn empty_entries_and_empty_domains_map_nothing() {
        assert!(!is_mapped_to_domain("acme.com,,", ""));
        assert!(!is_mapped_to_domain(" , ", "acme.com"));
    }

    #[test]
    fn like_wildcards_are_escaped() {
        assert_eq!(escape_like(r"a%b_c\d"), r"a\%b\_c\\d");
    }
}
