//! The shared engine: one definition of every setting that shapes compiled code, used both by
//! the build pipeline (to precompile library modules) and at run time (to load them).

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, OnceLock};
use std::thread;
use std::time::Duration;

use wasmtime::{Config, Enabled, Engine, InstanceAllocationStrategy, PoolingAllocationConfig};

use crate::error::Error;
use crate::probe::Clock;

/// How often the runtime's deadline clock ticks. Per-call deadlines are rounded up to whole
/// ticks.
///
/// The clock thread advances by one tick per wake-up, and wakes up at least
/// `EPOCH_TICK` apart, so a deadline **never fires early**: it fires at least `deadline` after
/// the call starts. It can fire late by up to one tick plus however long the operating system
/// keeps the clock thread from running (every delay of a wake-up postpones the remaining
/// ticks). On an idle machine that is a fraction of a millisecond; measured on a 2-core VM
/// with four busy threads, a 50 ms deadline fired after up to 92 ms. (Catching up missed ticks
/// in bursts would bound lateness but fire early for calls that start while the clock lags:
/// a deadline shorter than asked is the worse failure.)
pub const EPOCH_TICK: Duration = Duration::from_millis(2);

/// Deadlines of this many ticks or more mean "no deadline" (about 290 million years at
/// [`EPOCH_TICK`]); the cap keeps wasmtime's `current epoch + ticks` far from overflowing.
const NO_DEADLINE_TICKS: u64 = 1 << 62;

/// The engine configuration every Cordon artifact is compiled with and loaded into.
///
/// Everything here is part of a precompiled module's compatibility key (wasmtime checks it when
/// an artifact is loaded), so the build pipeline and the run-time [`Runtime`] both start from
/// this one function. Run-time-only settings (the instance pool, the wasm stack size) are added
/// by [`Runtime::new`] and do not affect compiled code; the deadline mechanism is chosen per
/// target by both ([`precompile`] and the runtime: probes for native code, epoch checks on
/// Pulley). Artifacts must come from [`precompile`], which also inserts the deadline probes.
pub fn code_config() -> Config {
    let mut config = Config::new();
    // Deadlines: probe pages for native code, epoch checks elsewhere (`deadline_settings`).
    deadline_settings(&mut config, None);
    // Real setjmp/longjmp in C libraries is lowered to wasm exceptions (exnref encoding).
    config.wasm_exceptions(true);
    // Exceptions keep their objects in a GC heap, but nothing else may: with the GC proposal
    // on (wasmtime's default), a module could allocate structs and arrays there, outside the
    // linear memory that `Limits::max_memory` caps, and fill or copy arrays of any length in
    // one instruction, past any deadline probe. C compiled to wasm never uses it.
    config.wasm_gc(false);
    // Relaxed SIMD (wasmtime's defaults, stated because guest code relies on them): its lane
    // select compiles to one `pblendvb` on x86-64. The relaxed instructions may differ between
    // hosts only on inputs the guest code avoids (e.g. lane-select masks that are not whole
    // lanes of ones or zeros); containment does not depend on them either way.
    config.wasm_relaxed_simd(true);
    config.relaxed_simd_deterministic(false);
    // Linear memories: 4 GiB reservations plus guard pages, so bounds checks are elided.
    config.memory_reservation(1 << 32);
    config.memory_guard_size(32 << 20);
    config.memory_init_cow(true);
    // Pool slots never move; saying so lets wasmtime refuse any configuration that would, and
    // the host keeps a pointer to the library's message buffer across calls.
    config.memory_may_move(false);
    config
}

/// Precompile a wasm module (binary or, with the `compiler` feature, WAT text) for the current
/// host into a wasmtime artifact loadable by [`crate::Library::load`] (as a
/// [`crate::Precompiled`]).
///
/// `target` selects another target triple (for cross builds); `None` means this host.
#[cfg(feature = "compiler")]
pub fn precompile(wasm: &[u8], target: Option<&str>) -> wasmtime::Result<Vec<u8>> {
    let mut config = code_config();
    if let Some(target) = target {
        config.target(target)?;
    }
    let wasm = crate::probe::prepare(wasm, deadline_settings(&mut config, target))?;
    if target.map_or(cfg!(target_arch = "x86_64"), |t| t.starts_with("x86_64")) {
        for flag in X86_64_V2 {
            // SAFETY: these flags only let Cranelift use the x86-64-v2 instructions (SSSE3's
            // byte shuffles, SSE4.1's 32-bit lane multiply, rounding, POPCNT...). wasmtime
            // records them in the artifact and refuses to load it on a CPU that lacks any of
            // them (`Engine::check_compatible_with_isa_flag`: a typed load error, never an
            // illegal instruction); they change no semantics and no containment setting.
            unsafe {
                config.cranelift_flag_enable(flag);
            }
        }
    }
    let engine = Engine::new(&config)?;
    engine.precompile_module(&wasm)
}

/// Set how code compiled for `target` (`None`: this host) stops at deadlines, and say whether
/// that is through probe pages (`crate::probe`): native code on Unix reads a probe page at
/// loop headers and function entries, which the runtime protects when a call's deadline
/// passes. The probes are atomic loads (Cranelift never merges or drops those; two plain
/// loads of one address with no store between are one load), which need the threads
/// proposal's instructions; shared memories stay refused. Pulley checks every memory access
/// against the memory's size, so a probe past it would always trap: it (and any non-Unix
/// host) checks the engine's epoch there instead, without the threads proposal.
pub(crate) fn deadline_settings(config: &mut Config, target: Option<&str>) -> bool {
    let probes = cfg!(unix) && !target.is_some_and(|t| t.starts_with("pulley"));
    config.epoch_interruption(!probes);
    config.wasm_threads(probes);
    probes
}

/// The x86-64 CPU level artifacts are compiled for, as clang's `-march` names it: every x86-64
/// CPU since about 2009, the baseline of current Linux distributions. A target triple alone
/// means the original x86-64 (SSE2), where Cranelift turns wasm SIMD byte shuffles into calls
/// into the run time and 32-bit lane multiplies into six-instruction sequences. Native
/// baselines of the same C are built for it too (`cordon-build`), so ratios compare like code.
#[cfg(feature = "compiler")]
pub const X86_64_LEVEL: &str = "x86-64-v2";

/// Cranelift's flags for [`X86_64_LEVEL`].
#[cfg(feature = "compiler")]
const X86_64_V2: [&str; 6] = [
    "has_sse3",
    "has_ssse3",
    "has_sse41",
    "has_sse42",
    "has_popcnt",
    "has_cmpxchg16b",
];

/// Engine-wide settings of a [`Runtime`]. Per-sandbox limits live in [`crate::Limits`].
#[derive(Debug, Clone)]
pub struct RuntimeConfig {
    /// How many sandboxes (of any library) may have a live instance at once. Creating one
    /// more fails with [`Error::PoolExhausted`]. Each sandbox holds up to two pool slots (its
    /// linear memory, and the GC heap that libraries using setjmp/longjmp need for wasm
    /// exceptions), and every slot reserves about 4 GiB of virtual address space (not memory):
    /// the default of 10,000 reserves about 80 TiB of the 128 TiB an x86-64 process has.
    pub max_live_sandboxes: u32,
    /// Maximum size of the wasm call stack, in bytes, for every sandbox of this runtime. Deep
    /// recursion beyond it traps as [`crate::FaultKind::StackOverflow`]. (C code also keeps a
    /// shadow stack inside linear memory, sized when the library is linked.)
    pub max_wasm_stack: usize,
    /// Linear-memory bytes a pool slot keeps resident (reset in place instead of returned to
    /// the kernel) when its sandbox is dropped, so the next sandbox in that slot does not
    /// page-fault them in again. Default: 1 MiB where the kernel has `PAGEMAP_SCAN` (Linux
    /// 6.7+; only dirtied pages are reset), else 0 (resetting would memset the whole amount,
    /// about 14 us per MiB, more than the faults it saves).
    pub keep_resident: usize,
    /// Compile for another target than this host: `Some("pulley64")` runs every library on
    /// wasmtime's Pulley interpreter (needs the `pulley` feature; libraries must then be
    /// compiled at run time, since precompiled artifacts are for the host). For measuring and
    /// for hosts Cranelift does not support; `None` (the default) is native code.
    pub target: Option<String>,
    /// Capture a wasm backtrace on every trap (for debugging a library's crashes). Costs
    /// microseconds per fault, so off by default.
    pub backtraces: bool,
}

impl Default for RuntimeConfig {
    fn default() -> Self {
        RuntimeConfig {
            max_live_sandboxes: 10_000,
            max_wasm_stack: 1 << 20,
            // With PAGEMAP_SCAN (Linux 6.7+) only the pages a sandbox dirtied are reset, so
            // keeping the first MiB resident is cheap and saves the page faults a fresh sandbox
            // would take (libpng create + first call + destroy: 8.3 -> 4.8 us). Without it the
            // whole MiB would be memset on every reuse (~14 us), so nothing is kept.
            keep_resident: if PoolingAllocationConfig::is_pagemap_scan_available() {
                1 << 20
            } else {
                0
            },
            backtraces: false,
            target: None,
        }
    }
}

/// A wasmtime engine set up for sandboxing: pooled instances with copy-on-write memory images,
/// deadlines driven by a background clock (probe pages, see [`crate::PROBE_ADDRESS`]; epoch
/// checks on Pulley), and no compiler needed at run time.
///
/// Cheap to clone (it is a handle). Most programs use [`Runtime::shared`].
///
/// ```
/// let runtime = cordon_sandbox::Runtime::shared();
/// assert!(runtime.config().max_live_sandboxes >= 1_000);
/// ```
#[derive(Clone)]
pub struct Runtime {
    engine: Engine,
    config: RuntimeConfig,
    live: Arc<AtomicU32>,
    /// The deadline clock's probe cells (`None` where deadlines are epoch checks).
    clock: Option<Arc<Clock>>,
}

impl std::fmt::Debug for Runtime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Runtime")
            .field("config", &self.config)
            .finish()
    }
}

impl Runtime {
    /// Create a runtime with its own engine, instance pool and deadline clock.
    ///
    /// The pool reserves address space for [`RuntimeConfig::max_live_sandboxes`] (about 8 GiB
    /// per place). Where the process cannot reserve that much (a second default runtime beside
    /// the shared one, AddressSanitizer's shadow memory, `ulimit -v`) the pool is made a quarter
    /// the size, and so on down to 100 places, rather than failing; [`Runtime::config`] reports
    /// the size obtained.
    ///
    /// ```
    /// use cordon_sandbox::{Runtime, RuntimeConfig};
    /// let shared = Runtime::shared();                       // 10,000 places where they fit
    /// let second = Runtime::new(RuntimeConfig::default())?; // fits beside it, smaller
    /// assert!(second.config().max_live_sandboxes >= 100);
    /// # Ok::<(), cordon_sandbox::Error>(())
    /// ```
    pub fn new(config: RuntimeConfig) -> Result<Self, Error> {
        Runtime::fitting(config, 100)
    }

    /// A runtime with exactly `config`, or why not.
    fn exactly(config: RuntimeConfig) -> Result<Self, Error> {
        let mut wasm_config = code_config();
        wasm_config.max_wasm_stack(config.max_wasm_stack);
        wasm_config.wasm_backtrace_max_frames(if config.backtraces {
            std::num::NonZeroUsize::new(20)
        } else {
            None
        });
        #[cfg(feature = "profiling")]
        match std::env::var("CORDON_PROFILE").as_deref() {
            Ok("perfmap") => drop(wasm_config.profiler(wasmtime::ProfilingStrategy::PerfMap)),
            Ok("jitdump") => drop(wasm_config.profiler(wasmtime::ProfilingStrategy::JitDump)),
            _ => {}
        }
        if let Some(target) = &config.target {
            wasm_config
                .target(target)
                .map_err(|e| Error::Setup(format!("target `{target}`: {e:#}")))?;
        }
        let probes = deadline_settings(&mut wasm_config, config.target.as_deref());
        let live = config.max_live_sandboxes.max(1);
        // A library that uses wasm exceptions gets a GC heap, which the pooling allocator
        // carves from the same memory pool as linear memories: two memory slots per sandbox.
        let memories = live.checked_mul(2).ok_or_else(|| {
            Error::Setup(format!(
                "max_live_sandboxes {live} is too large for one instance pool"
            ))
        })?;
        let mut pool = PoolingAllocationConfig::new();
        pool.total_core_instances(live)
            .total_memories(memories)
            .total_tables(live)
            .total_gc_heaps(live)
            .max_memory_size(1 << 32)
            .linear_memory_keep_resident(config.keep_resident)
            .table_keep_resident(64 << 10)
            .pagemap_scan(Enabled::Auto);
        wasm_config.allocation_strategy(InstanceAllocationStrategy::Pooling(pool));
        let engine = Engine::new(&wasm_config)
            .map_err(|e| Error::Setup(format!("cannot create the sandbox engine: {e:#}")))?;
        let clock = Arc::new(Clock::default());
        start_clock(&engine, &clock)
            .map_err(|e| Error::Setup(format!("cannot start the deadline clock thread: {e}")))?;
        Ok(Runtime {
            engine,
            config,
            live: Arc::new(AtomicU32::new(0)),
            clock: probes.then_some(clock),
        })
    }

    /// The process-wide runtime with default settings, created on first use.
    ///
    /// # Panics
    /// Panics if the default engine cannot be created at all (for example when the process
    /// may not reserve the virtual address space of the instance pool). Use
    /// [`Runtime::try_shared`] to handle that as an error.
    pub fn shared() -> &'static Runtime {
        Runtime::try_shared().unwrap_or_else(|e| panic!("cordon: {e}"))
    }

    /// The process-wide runtime, or why it could not be created.
    ///
    /// It has the default [`RuntimeConfig`] (10,000 live sandboxes) when the process can
    /// reserve that pool's address space, and fewer where it cannot (see [`Runtime::new`]).
    pub fn try_shared() -> Result<&'static Runtime, Error> {
        static SHARED: OnceLock<Result<Runtime, Error>> = OnceLock::new();
        SHARED
            .get_or_init(|| Runtime::new(RuntimeConfig::default()))
            .as_ref()
            .map_err(Clone::clone)
    }

    /// [`Runtime::exactly`], retried with a quarter of the live sandboxes while the pool's
    /// reservation fails, down to `min_live`. The first error is reported if none fits.
    fn fitting(config: RuntimeConfig, min_live: u32) -> Result<Runtime, Error> {
        let first = match Runtime::exactly(config.clone()) {
            Ok(runtime) => return Ok(runtime),
            Err(e) => e,
        };
        let mut live = config.max_live_sandboxes;
        while live > min_live {
            live = (live / 4).max(min_live);
            let smaller = RuntimeConfig {
                max_live_sandboxes: live,
                ..config.clone()
            };
            if let Ok(runtime) = Runtime::exactly(smaller) {
                return Ok(runtime);
            }
        }
        Err(first)
    }

    /// The settings this runtime was created with.
    pub fn config(&self) -> &RuntimeConfig {
        &self.config
    }

    /// How many sandboxes of this runtime have a live instance right now.
    pub fn live_sandboxes(&self) -> u32 {
        self.live.load(Ordering::Relaxed)
    }

    pub(crate) fn engine(&self) -> &Engine {
        &self.engine
    }

    /// The clock that fires deadline probes, if this runtime's code has probes.
    pub(crate) fn clock(&self) -> Option<&Arc<Clock>> {
        self.clock.as_ref()
    }

    /// Take one of the runtime's [`RuntimeConfig::max_live_sandboxes`] places, or say that
    /// the pool is full. The place is given back when the returned guard drops.
    pub(crate) fn claim_slot(&self) -> Result<SlotClaim, Error> {
        let max = self.config.max_live_sandboxes.max(1);
        self.live
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |live| {
                (live < max).then_some(live + 1)
            })
            .map_err(|live| Error::PoolExhausted { live, max })?;
        Ok(SlotClaim {
            live: self.live.clone(),
        })
    }
}

/// One live sandbox's place in its runtime's count; released on drop.
#[derive(Debug)]
pub(crate) struct SlotClaim {
    live: Arc<AtomicU32>,
}

impl Drop for SlotClaim {
    fn drop(&mut self) {
        self.live.fetch_sub(1, Ordering::AcqRel);
    }
}

/// Advance the deadline clock (the probe cells' ticks and the engine's epoch) by one tick per
/// [`EPOCH_TICK`] of sleep, for as long as the engine lives (see [`EPOCH_TICK`] for why it
/// never catches up in bursts).
fn start_clock(engine: &Engine, clock: &Arc<Clock>) -> std::io::Result<()> {
    let weak = engine.weak();
    let clock = clock.clone();
    thread::Builder::new()
        .name("cordon-deadline".into())
        .spawn(move || loop {
            thread::sleep(EPOCH_TICK);
            match weak.upgrade() {
                Some(engine) => {
                    engine.increment_epoch();
                    clock.tick();
                }
                None => return,
            }
        })
        .map(drop)
}

/// Number of epoch ticks that covers `deadline`, plus one for the partial tick in progress.
/// Very long deadlines (up to [`Duration::MAX`]) are capped at a count that means "never"
/// and still cannot overflow when wasmtime adds it to the current epoch.
pub(crate) fn ticks_for(deadline: Duration) -> u64 {
    let ticks = deadline.as_nanos().div_ceil(EPOCH_TICK.as_nanos());
    u64::try_from(ticks)
        .unwrap_or(NO_DEADLINE_TICKS)
        .saturating_add(1)
        .min(NO_DEADLINE_TICKS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_runtime_too_large_for_the_address_space_is_made_smaller() {
        // 2^32 sandboxes cannot be reserved (or even counted); the fallback finds a size that
        // fits in this process, beside whatever other tests reserved.
        let asked = RuntimeConfig {
            max_live_sandboxes: u32::MAX,
            ..RuntimeConfig::default()
        };
        assert!(Runtime::exactly(asked.clone()).is_err());
        let runtime = Runtime::fitting(asked, 100).expect("some pool fits");
        let got = runtime.config().max_live_sandboxes;
        assert!((100..u32::MAX / 4).contains(&got), "{got}");
    }

    #[test]
    fn deadline_ticks_never_overflow_the_epoch() {
        assert_eq!(ticks_for(Duration::ZERO), 1);
        assert_eq!(ticks_for(EPOCH_TICK), 2);
        assert_eq!(ticks_for(EPOCH_TICK + Duration::from_nanos(1)), 3);
        for deadline in [Duration::from_secs(u64::MAX / 4), Duration::MAX] {
            let ticks = ticks_for(deadline);
            assert_eq!(ticks, NO_DEADLINE_TICKS);
            // A process would need 2^61 ticks (over 10^8 years) of uptime to get close.
            assert!((u64::MAX - ticks) > 1 << 61);
        }
    }
}
