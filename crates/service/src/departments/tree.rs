//! The department tree as osTicket walks it: by `pid`, never trusting
//! `path`, which `path` is then rebuilt from.

use super::Department;
use oxt_store::departments::DeptRecord;
use oxt_ticket::ids::DeptId;
use std::collections::{HashMap, HashSet};

pub(super) struct Tree<'a> {
    by_id: HashMap<DeptId, &'a DeptRecord>,
}

impl<'a> Tree<'a> {
    pub(super) fn new(departments: &'a [DeptRecord]) -> Self {
        Self {
            by_id: departments.iter().map(|dept| (dept.id, dept)).collect(),
        }
    }

    /// `id`'s ancestors from the root down, then `id`. A `pid` loop (which
    /// only a foreign write can make) ends the walk, as in `Dept::getDepartments`.
    pub(super) fn ancestry(&self, id: DeptId) -> Vec<DeptId> {
        let mut chain = vec![id];
        let mut seen = HashSet::from([id]);
        let mut current = id;
        while let Some(parent) = self.by_id.get(&current).and_then(|dept| dept.fields.parent) {
            if !self.by_id.contains_key(&parent) || !seen.insert(parent) {
                break;
            }
            chain.push(parent);
            current = parent;
        }
        chain.reverse();
        chain
    }

    /// The `path` osTicket's `Dept::getFullPath` computes: `/1/4/9/`.
    pub(super) fn path(&self, id: DeptId) -> String {
        let mut path = String::from("/");
        for dept in self.ancestry(id) {
            path.push_str(&format!("{dept}/"));
        }
        path
    }

    /// `Parent / Child`, as osTicket names a nested department.
    pub(super) fn full_name(&self, id: DeptId) -> String {
        self.ancestry(id)
            .iter()
            .filter_map(|dept| self.by_id.get(dept))
            .map(|dept| dept.fields.name.as_str())
            .collect::<Vec<_>>()
            .join(" / ")
    }

    /// Whether `candidate` is `id` or lies under it.
    pub(super) fn is_within(&self, candidate: DeptId, id: DeptId) -> bool {
        self.ancestry(candidate).contains(&id)
    }

    /// Every department under `id` (not `id` itself), parents before children.
    pub(super) fn descendants(&self, id: DeptId) -> Vec<DeptId> {
        let mut below: Vec<DeptId> = self
            .by_id
            .keys()
            .copied()
            .filter(|dept| *dept != id && self.is_within(*dept, id))
            .collect();
        below.sort_by_key(|dept| (self.ancestry(*dept).len(), *dept));
        below
    }

    pub(super) fn department(&self, record: &DeptRecord) -> Department {
        Department {
            record: record.clone(),
            full_name: self.full_name(record.id),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxt_store::departments::DeptFields;

    fn dept(id: u32, parent: Option<u32>, name: &str) -> DeptRecord {
        DeptRecord {
            id: DeptId::new(id),
            fields: DeptFields {
                name: name.to_owned(),
                parent: parent.map(DeptId::new),
                template_group: None,
                sla: None,
                schedule: None,
                email: None,
                autoresponse_email: None,
                manager: None,
                flags: 0,
                signature: String::new(),
                is_public: true,
                group_membership: 0,
                ticket_auto_response: true,
                message_auto_response: true,
            },
            path: "/".to_owned(),
            created: None,
            updated: None,
        }
    }

    #[test]
    fn a_nested_department_is_named_and_pathed_from_its_root() {
        let rows = [
            dept(1, None, "Support"),
            dept(4, Some(1), "Tier 2"),
            dept(9, Some(4), "Hardware"),
        ];
        let tree = Tree::new(&rows);
        assert_eq!(tree.path(DeptId::new(9)), "/1/4/9/");
        assert_eq!(
            tree.full_name(DeptId::new(9)),
            "Support / Tier 2 / Hardware"
        );
        assert_eq!(
            tree.descendants(DeptId::new(1)),
            [DeptId::new(4), DeptId::new(9)]
        );
        assert!(tree.is_within(DeptId::new(9), DeptId::new(4)));
        assert!(!tree.is_within(DeptId::new(1), DeptId::new(4)));
    }

    #[test]
    fn a_pid_loop_ends_the_walk() {
        let rows = [dept(1, Some(2), "A"), dept(2, Some(1), "B")];
        let tree = Tree::new(&rows);
        assert_eq!(tree.path(DeptId::new(1)), "/2/1/");
    }
}
