//! The parts of `ost_department` that decide who sees and who may be assigned.

use oxt_ticket::ids::{DeptId, StaffId};
use thiserror::Error;

/// One `ost_department` row, as far as permissions go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Department {
    pub id: DeptId,
    /// `ost_department.path`: the department's ancestors and itself.
    pub path: DeptPath,
    /// `ost_department.manager_id` (`0` is none).
    pub manager: Option<StaffId>,
    /// `ost_department.flags`.
    pub flags: DeptFlags,
}

/// `ost_department.path`, such as `/1/4/9/`: the root first, the department
/// itself last.
///
/// osTicket finds the departments "under" a department `d` with
/// `LOCATE('/d/', path)`; with well-formed paths that is exactly "`d` is one of
/// the path's segments", which is what [`DeptPath::passes_through`] answers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeptPath(Vec<DeptId>);

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DeptPathError {
    #[error("department path `{0}` must start and end with `/`")]
    Unframed(String),
    #[error("department path `{path}` has a segment `{segment}` that is not a department id")]
    BadSegment { path: String, segment: String },
}

impl DeptPath {
    /// Reads the column. `/` (the column default, left on departments created
    /// before paths existed) is an empty path.
    pub fn parse(raw: &str) -> Result<Self, DeptPathError> {
        if raw == "/" {
            return Ok(Self::default());
        }
        let inner = raw
            .strip_prefix('/')
            .and_then(|rest| rest.strip_suffix('/'))
            .ok_or_else(|| DeptPathError::Unframed(raw.to_owned()))?;
        inner
            .split('/')
            .map(|segment| {
                segment
                    .parse::<u32>()
                    .ok()
                    .and_then(DeptId::from_column)
                    .ok_or_else(|| DeptPathError::BadSegment {
                        path: raw.to_owned(),
                        segment: segment.to_owned(),
                    })
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Self)
    }

    /// Builds a path from the root down to the department itself.
    pub fn from_ancestry(ancestry: Vec<DeptId>) -> Self {
        Self(ancestry)
    }

    /// True when `dept` is this department or one of its ancestors.
    pub fn passes_through(&self, dept: DeptId) -> bool {
        self.0.contains(&dept)
    }
}

/// `ost_department.flags`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DeptFlags(u32);

impl DeptFlags {
    const ASSIGN_MEMBERS_ONLY: u32 = 0x0001;
    const ASSIGN_PRIMARY_ONLY: u32 = 0x0010;

    pub const fn from_column(raw: u32) -> Self {
        Self(raw)
    }

    /// Only members (primary, extended access or the manager) may be assigned.
    pub const fn assigns_members_only(self) -> bool {
        self.0 & Self::ASSIGN_MEMBERS_ONLY != 0
    }

    /// Only agents whose primary department this is may be assigned.
    pub const fn assigns_primary_members_only(self) -> bool {
        self.0 & Self::ASSIGN_PRIMARY_ONLY != 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(raw: u32) -> DeptId {
        DeptId::new(raw)
    }

    #[test]
    fn a_nested_path_lists_its_ancestors() {
        let path = DeptPath::parse("/1/4/9/").unwrap();
        assert!(path.passes_through(d(1)));
        assert!(path.passes_through(d(4)));
        assert!(path.passes_through(d(9)));
        assert!(!path.passes_through(d(14)));
    }

    #[test]
    fn the_default_slash_path_is_empty() {
        assert_eq!(DeptPath::parse("/").unwrap(), DeptPath::default());
    }

    #[test]
    fn a_path_without_slashes_is_rejected() {
        assert_eq!(
            DeptPath::parse("1/4"),
            Err(DeptPathError::Unframed("1/4".to_owned()))
        );
    }

    #[test]
    fn a_path_with_a_non_numeric_segment_is_rejected() {
        assert!(matches!(
            DeptPath::parse("/1/x/"),
            Err(DeptPathError::BadSegment { segment, .. }) if segment == "x"
        ));
        assert!(matches!(
            DeptPath::parse("/1//"),
            Err(DeptPathError::BadSegment { .. })
        ));
    }

    #[test]
    fn assignment_flags_read_their_bits() {
        let flags = DeptFlags::from_column(0x0001 | 0x0004);
        assert!(flags.assigns_members_only());
        assert!(!flags.assigns_primary_members_only());
        assert!(DeptFlags::from_column(0x0010).assigns_primary_members_only());
    }
}
