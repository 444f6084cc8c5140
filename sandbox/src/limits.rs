//! Per-sandbox resource limits and the limiter that enforces the memory cap.

use std::time::Duration;

/// Limits applied to one sandbox. The defaults are safe for decoding untrusted files.
///
/// ```
/// use std::time::Duration;
/// use cordon_sandbox::Limits;
/// let tight = Limits { max_memory: 64 << 20, deadline: Duration::from_millis(500) };
/// assert!(tight.max_memory < Limits::default().max_memory);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Maximum size of the sandbox's linear memory, in bytes. Growth beyond it fails inside
    /// the library (its `malloc` returns NULL); a call that then faults reports
    /// [`crate::FaultKind::MemoryLimit`]. Default: 512 MiB.
    pub max_memory: usize,
    /// Wall-clock time one call into the sandbox may take before it is interrupted with
    /// [`crate::FaultKind::Deadline`]. Default: 10 seconds.
    pub deadline: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_memory: 512 << 20,
            deadline: Duration::from_secs(10),
        }
    }
}

/// Maximum number of entries in a sandbox's function table.
const MAX_TABLE_ELEMENTS: usize = 1 << 16;

/// Enforces [`Limits::max_memory`] and records whether the cap was hit, so a fault that
/// follows can be attributed to it.
#[derive(Debug)]
pub(crate) struct MemoryLimiter {
    pub(crate) max_memory: usize,
    pub(crate) hit: bool,
}

impl wasmtime::ResourceLimiter for MemoryLimiter {
    fn memory_growing(
        &mut self,
        _current: usize,
        desired: usize,
        maximum: Option<usize>,
    ) -> wasmtime::Result<bool> {
        // Never up to the page that holds the deadline probe (`crate::probe`).
        let allowed = desired <= self.max_memory.min(crate::probe::MAX_MEMORY)
            && maximum.is_none_or(|max| desired <= max);
        if !allowed {
            self.hit = true;
        }
        Ok(allowed)
    }

    fn table_growing(
        &mut self,
        _current: usize,
        desired: usize,
        maximum: Option<usize>,
    ) -> wasmtime::Result<bool> {
        Ok(desired <= MAX_TABLE_ELEMENTS && maximum.is_none_or(|max| desired <= max))
    }
}
