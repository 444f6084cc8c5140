//! The shared engine: one definition of every setting that shapes compiled code, used both by
//! the build pipeline (to precompile library modules) and at run time (to load them).

use std::sync::OnceLock;
use std::thread;
use std::time::Duration;

use wasmtime::{Config, Engine, InstanceAllocationStrategy, PoolingAllocationConfig};

use crate::error::Error;

/// How often the runtime's epoch clock ticks. Per-call deadlines are rounded up to whole ticks,
/// so a deadline fires between `deadline` and `deadline + EPOCH_TICK` after the call starts.
pub const EPOCH_TICK: Duration = Duration::from_millis(2);

/// The engine configuration every Cordon artifact is compiled with and loaded into.
///
/// Everything here is part of a precompiled module's compatibility key (wasmtime checks it when
/// an artifact is loaded), so the build pipeline and the run-time [`Runtime`] both start from
/// this one function. Run-time-only settings (the instance pool, the wasm stack size) are added
/// by [`Runtime::new`] and do not affect compiled code.
pub fn code_config() -> Config {
    let mut config = Config::new();
    // Deadlines: compiled code checks the engine's epoch at loop headers and function entries.
    config.epoch_interruption(true);
    // Real setjmp/longjmp in C libraries is lowered to wasm exceptions (exnref encoding).
    config.wasm_exceptions(true);
    // Linear memories: 4 GiB reservations plus guard pages, so bounds checks are elided.
    config.memory_reservation(1 << 32);
    config.memory_guard_size(32 << 20);
    config.memory_init_cow(true);
    config
}

/// Precompile a wasm module (binary or, with the `compiler` feature, WAT text) for the current
/// host into a wasmtime artifact loadable by [`crate::Library::from_precompiled`].
///
/// `target` selects another target triple (for cross builds); `None` means this host.
#[cfg(feature = "compiler")]
pub fn precompile(wasm: &[u8], target: Option<&str>) -> wasmtime::Result<Vec<u8>> {
    let mut config = code_config();
    if let Some(target) = target {
        config.target(target)?;
    }
    let engine = Engine::new(&config)?;
    engine.precompile_module(wasm)
}

/// Engine-wide settings of a [`Runtime`]. Per-sandbox limits live in [`crate::Limits`].
#[derive(Debug, Clone)]
pub struct RuntimeConfig {
    /// How many sandboxes may be live at once (the size of the instance pool). Each slot
    /// reserves address space, not memory: about 4 GiB of virtual space per slot.
    pub max_live_sandboxes: u32,
    /// Maximum size of the wasm call stack, in bytes, for every sandbox of this runtime. Deep
    /// recursion beyond it traps as [`crate::FaultKind::StackOverflow`]. (C code also keeps a
    /// shadow stack inside linear memory, sized when the library is linked.)
    pub max_wasm_stack: usize,
    /// Linear-memory bytes a pool slot keeps resident (zeroed with memset instead of returned
    /// to the kernel) when its sandbox is dropped, so the next sandbox in that slot does not
    /// page-fault them in again. Zeroing costs about 14 us per MiB at every creation, more than
    /// the faults it saves for decoders, so the default is 0.
    pub keep_resident: usize,
    /// Capture a wasm backtrace on every trap (for debugging a library's crashes). Costs
    /// microseconds per fault, so off by default.
    pub backtraces: bool,
}

impl Default for RuntimeConfig {
    fn default() -> Self {
        RuntimeConfig {
            max_live_sandboxes: 10_000,
            max_wasm_stack: 1 << 20,
            keep_resident: 0,
            backtraces: false,
        }
    }
}

/// A wasmtime engine set up for sandboxing: pooled instances with copy-on-write memory images,
/// epoch-based deadlines driven by a background clock, and no compiler needed at run time.
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
}

impl std::fmt::Debug for Runtime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Runtime")
            .field("config", &self.config)
            .finish()
    }
}

impl Runtime {
    /// Create a runtime with its own engine, instance pool and epoch clock.
    pub fn new(config: RuntimeConfig) -> Result<Self, Error> {
        let mut wasm_config = code_config();
        wasm_config.max_wasm_stack(config.max_wasm_stack);
        wasm_config.wasm_backtrace_max_frames(if config.backtraces {
            std::num::NonZeroUsize::new(20)
        } else {
            None
        });
        let live = config.max_live_sandboxes.max(1);
        let mut pool = PoolingAllocationConfig::new();
        pool.total_core_instances(live)
            .total_memories(live)
            .total_tables(live)
            .total_gc_heaps(live)
            .max_memory_size(1 << 32)
            .linear_memory_keep_resident(config.keep_resident)
            .table_keep_resident(64 << 10);
        wasm_config.allocation_strategy(InstanceAllocationStrategy::Pooling(pool));
        let engine = Engine::new(&wasm_config)
            .map_err(|e| Error::Setup(format!("cannot create the sandbox engine: {e:#}")))?;
        start_epoch_clock(&engine)
            .map_err(|e| Error::Setup(format!("cannot start the epoch clock thread: {e}")))?;
        Ok(Runtime { engine, config })
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
    pub fn try_shared() -> Result<&'static Runtime, Error> {
        static SHARED: OnceLock<Result<Runtime, Error>> = OnceLock::new();
        SHARED
            .get_or_init(|| Runtime::new(RuntimeConfig::default()))
            .as_ref()
            .map_err(Clone::clone)
    }

    /// The settings this runtime was created with.
    pub fn config(&self) -> &RuntimeConfig {
        &self.config
    }

    pub(crate) fn engine(&self) -> &Engine {
        &self.engine
    }
}

/// Tick the engine's epoch every [`EPOCH_TICK`] for as long as the engine lives.
fn start_epoch_clock(engine: &Engine) -> std::io::Result<()> {
    let weak = engine.weak();
    thread::Builder::new()
        .name("cordon-epoch".into())
        .spawn(move || loop {
            thread::sleep(EPOCH_TICK);
            match weak.upgrade() {
                Some(engine) => engine.increment_epoch(),
                None => return,
            }
        })
        .map(drop)
}

/// Number of epoch ticks that covers `deadline`, plus one for the partial tick in progress.
pub(crate) fn ticks_for(deadline: Duration) -> u64 {
    let tick = EPOCH_TICK.as_nanos();
    let ticks = deadline.as_nanos().div_ceil(tick);
    u64::try_from(ticks).unwrap_or(u64::MAX).saturating_add(1)
}
