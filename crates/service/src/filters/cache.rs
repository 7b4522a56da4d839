//! The compiled filter set, shared by every request and rebuilt when the
//! filters change.
//!
//! Compiling 500 filters takes milliseconds (`docs/performance.md`), far too
//! long to repeat for each ticket, so the set is compiled once and shared
//! behind an `Arc`. Two things make it stale:
//! - a change made through Oxticket: every filter and ban-list write calls
//!   [`FilterCache::invalidate`] after its commit, which bumps a generation
//!   counter; the next reader rebuilds at once;
//! - a change made beside us (osTicket's admin panel, another Oxticket
//!   process on the same database): at most every `recheck_after` a reader
//!   runs [`filters_marker`] — a count, highest id and latest `updated` per
//!   filter table, three aggregate queries that read no rows — and rebuilds
//!   when it moved. Such a change is seen within `recheck_after` (2 s by
//!   default) plus the second it takes osTicket's whole-second timestamps to
//!   tell two saves apart.
//!
//! A filter osTicket stored that this crate cannot compile (a regex it cannot
//! translate, say) is left out with a warning instead of stopping every
//! ticket from being opened.

use oxt_filter::FilterSet;
use oxt_store::filters::{FiltersMarker, filters_marker, load_filter_definitions};
use oxt_store::{Conn, StoreError};
use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

/// The shared, lazily compiled [`FilterSet`]. Cloning shares the cache.
#[derive(Clone)]
pub struct FilterCache {
    inner: Arc<Inner>,
}

struct Inner {
    recheck_after: Duration,
    generation: AtomicU64,
    current: RwLock<Option<Compiled>>,
}

#[derive(Clone)]
struct Compiled {
    set: Arc<FilterSet>,
    marker: FiltersMarker,
    generation: u64,
    checked_at: Instant,
}

impl fmt::Debug for FilterCache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FilterCache")
            .field("recheck_after", &self.inner.recheck_after)
            .field("generation", &self.inner.generation.load(Ordering::Relaxed))
            .finish_non_exhaustive()
    }
}

impl Default for FilterCache {
    fn default() -> Self {
        Self::new(Self::DEFAULT_RECHECK)
    }
}

impl FilterCache {
    /// How long a compiled set is trusted before the database is asked
    /// whether the filters changed beside us.
    pub const DEFAULT_RECHECK: Duration = Duration::from_secs(2);

    pub fn new(recheck_after: Duration) -> Self {
        Self {
            inner: Arc::new(Inner {
                recheck_after,
                generation: AtomicU64::new(0),
                current: RwLock::new(None),
            }),
        }
    }

    /// Marks the compiled set stale; call after committing a filter change.
    pub fn invalidate(&self) {
        self.inner.generation.fetch_add(1, Ordering::AcqRel);
    }

    /// The filter set as the database holds it now (within `recheck_after`
    /// for changes made outside this process).
    pub async fn current(&self, db: &impl Conn) -> Result<Arc<FilterSet>, StoreError> {
        let generation = self.inner.generation.load(Ordering::Acquire);
        let cached = self.read();
        if let Some(cached) = &cached
            && cached.generation == generation
        {
            if cached.checked_at.elapsed() < self.inner.recheck_after {
                return Ok(cached.set.clone());
            }
            let marker = filters_marker(db).await?;
            if marker == cached.marker {
                self.store(Compiled {
                    checked_at: Instant::now(),
                    ..cached.clone()
                });
                return Ok(cached.set.clone());
            }
        }
        // Read the marker first: a change landing while the rows load moves
        // it again, and the next reader rebuilds.
        let marker = filters_marker(db).await?;
        let definitions = load_filter_definitions(db).await?;
        let (set, skipped) = FilterSet::compile_skipping_invalid(&definitions);
        for error in &skipped {
            tracing::warn!(filter = %error.filter(), %error, "filter left out: it cannot be compiled");
        }
        let set = Arc::new(set);
        self.store(Compiled {
            set: set.clone(),
            marker,
            generation,
            checked_at: Instant::now(),
        });
        Ok(set)
    }

    fn read(&self) -> Option<Compiled> {
        self.inner
            .current
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    fn store(&self, compiled: Compiled) {
        let mut current = self
            .inner
            .current
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        // Never replace a set built for a newer generation with an older one.
        if current
            .as_ref()
            .is_none_or(|existing| existing.generation <= compiled.generation)
        {
            *current = Some(compiled);
        }
    }
}
