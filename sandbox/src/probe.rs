//! Deadlines by page protection: how a call that runs too long is stopped.
//!
//! Every function entry and loop header of a library's code reads one word from its *probe
//! page*: the last wasm page of the library's 4 GiB address space ([`PROBE_ADDRESS`]), far above
//! any memory it may have (memory growth stops short of it, see [`MAX_MEMORY`]). While the
//! sandbox runs, the page is mapped readable (it reads as zeros and cannot be written); when a
//! call's deadline passes, the runtime's clock thread makes it inaccessible, so the library's
//! next function call or loop iteration faults and the call returns
//! [`crate::FaultKind::Deadline`]. The host then makes the page readable again and, as after
//! every fault, gives the sandbox a fresh instance.
//!
//! This replaces wasmtime's epoch checks, which cost much more than a load: each one compares
//! the engine's epoch with a deadline kept in a register across the whole function, and its
//! slow path is a call that may clobber every caller-saved register, so values that live
//! across a loop (every vector constant among them) are spilled and reloaded on each
//! iteration. Measured side by side on 2026-12-05 (the same modules with probes / with epoch
//! checks): a 12 px text line 0.85x the time, 48 px 0.79x, a 16x16 PNG 0.83x, a 4 MP PNG
//! 0.91x, a 4 MP JPEG 0.94x, a 4 MP JPEG at 1/8 0.88x; with no check at all (not an option:
//! for comparison only) about 0.83x / - / 0.80x / 0.90x / 0.95x / -. The same idea inside the
//! engine is wasmtime's proposed MMU-based epoch interruption (wasmtime#1749, #12990).
//!
//! What it guarantees is what epochs guaranteed: code cannot run unboundedly without passing
//! a probe (every loop iteration and every call, tail calls included, does; straight-line code
//! is finite), and the probes are inserted into the module by the host when it compiles it
//! ([`insert`], used by [`crate::precompile`] and [`crate::Library::compile`]), after the
//! library was built, so no library source can leave them out, and a runtime with probes
//! refuses a module without their mark (say an artifact made by wasmtime's own
//! `precompile_module` with [`crate::code_config`]). Modules with a start function are refused
//! (it would run during instantiation, outside any call). The one difference a library can see: a
//! wasm load from the probe page, which would otherwise trap as out of bounds, reads zeros
//! (stores still trap).
//!
//! Only for native code on Unix: wasmtime's Pulley interpreter checks every access against the
//! memory's size instead of relying on protected pages, so it keeps epoch checks.

use std::sync::atomic::{AtomicU64, AtomicU8, Ordering};
use std::sync::{Arc, Mutex};

/// Guest address of the probe page: the start of the last 64 KiB wasm page of the 32-bit
/// address space (aligned for any host page size up to 64 KiB). Library code reads it (an
/// atomic 32-bit load) at every function entry and loop header.
///
/// ```
/// assert_eq!(cordon_sandbox::PROBE_ADDRESS as u64 + 65536, 1 << 32);
/// ```
pub const PROBE_ADDRESS: u32 = 0xFFFF_0000;

/// The most linear memory a library may grow to: every wasm page below the probe page, so
/// the probe page never becomes part of the library's memory.
pub(crate) const MAX_MEMORY: usize = PROBE_ADDRESS as usize;

// A cell's states. Only the clock thread moves ARMED -> FIRING -> FIRED; only the owning
// sandbox moves IDLE -> ARMED, ARMED or FIRED -> IDLE, and IDLE -> GONE when its instance goes.
const IDLE: u8 = 0;
const ARMED: u8 = 1;
const FIRING: u8 = 2;
const FIRED: u8 = 3;
const GONE: u8 = 4;

/// One sandbox instance's probe page and the deadline of the call it is running.
#[derive(Debug)]
pub(crate) struct ProbeCell {
    /// Host address of the probe page inside the instance's linear-memory reservation.
    page: usize,
    state: AtomicU8,
    /// Clock tick at which the running call's deadline passes.
    deadline: AtomicU64,
    /// The clock's tick count (not the clock itself, which holds this cell).
    ticks: Arc<AtomicU64>,
}

impl ProbeCell {
    /// Make the probe page of the linear memory at `base` readable and register it with
    /// `clock`. `base` must be the base of a linear memory in a slot of the runtime's instance
    /// pool (a 4 GiB reservation that never moves).
    pub(crate) fn new(clock: &Arc<Clock>, base: *mut u8) -> Result<Arc<ProbeCell>, String> {
        let page = base as usize + PROBE_ADDRESS as usize;
        protect(page, true).map_err(|e| format!("cannot map the deadline probe page: {e}"))?;
        let cell = Arc::new(ProbeCell {
            page,
            state: AtomicU8::new(IDLE),
            deadline: AtomicU64::new(u64::MAX),
            ticks: clock.ticks.clone(),
        });
        let mut cells = clock.cells.lock().unwrap_or_else(|e| e.into_inner());
        cells.push(cell.clone());
        Ok(cell)
    }

    /// The instance is gone: the clock forgets the cell at its next tick.
    pub(crate) fn retire(&self) {
        loop {
            let state = self.state.load(Ordering::Acquire);
            if state == FIRING {
                std::thread::yield_now(); // a firing in progress stores FIRED: outlast it
            } else if self
                .state
                .compare_exchange(state, GONE, Ordering::AcqRel, Ordering::Acquire)
                .is_ok()
            {
                return;
            }
        }
    }

    /// Before a call: its deadline passes `ticks` clock ticks from now.
    #[inline]
    pub(crate) fn arm(&self, ticks: u64) {
        let now = self.ticks.load(Ordering::Relaxed);
        self.deadline
            .store(now.saturating_add(ticks), Ordering::Relaxed);
        // Release: the clock thread that sees ARMED sees this call's deadline.
        self.state.store(ARMED, Ordering::Release);
    }

    /// After a call: whether its deadline fired (the probe page is readable again either way).
    #[inline]
    pub(crate) fn disarm(&self) -> bool {
        match self
            .state
            .compare_exchange(ARMED, IDLE, Ordering::AcqRel, Ordering::Acquire)
        {
            Ok(_) => false,
            Err(_) => self.disarm_slow(),
        }
    }

    #[cold]
    #[inline(never)]
    fn disarm_slow(&self) -> bool {
        let mut spins = 0u32;
        loop {
            match self.state.load(Ordering::Acquire) {
                // The clock thread is deciding or protecting: wait for it.
                FIRING => {
                    spins += 1;
                    if spins < 64 {
                        std::hint::spin_loop();
                    } else {
                        std::thread::yield_now();
                    }
                }
                // It found the deadline not due after all and gave the call back.
                ARMED => {
                    if self
                        .state
                        .compare_exchange(ARMED, IDLE, Ordering::AcqRel, Ordering::Acquire)
                        .is_ok()
                    {
                        return false;
                    }
                }
                FIRED => {
                    if let Err(e) = protect(self.page, true) {
                        // Unreachable in practice (the page is inside the pool's
                        // reservation); without it every later call would fault, so do not
                        // go on silently.
                        panic!("cordon: cannot restore a deadline probe page: {e}");
                    }
                    self.state.store(IDLE, Ordering::Release);
                    return true;
                }
                _ => return false, // not armed
            }
        }
    }

    /// On the clock thread: fire this cell if its call's deadline has passed.
    fn fire_if_due(&self, now: u64) {
        if self.begin_firing(now) {
            self.finish_firing(now);
        }
    }

    /// Take a call that looks due (ARMED -> FIRING); `false` if there is none. Its thread, if
    /// the call ends now, waits in [`ProbeCell::disarm`] for the decision.
    fn begin_firing(&self, now: u64) -> bool {
        self.state.load(Ordering::Acquire) == ARMED
            && self.deadline.load(Ordering::Relaxed) <= now
            && self
                .state
                .compare_exchange(ARMED, FIRING, Ordering::AcqRel, Ordering::Acquire)
                .is_ok()
    }

    /// After [`ProbeCell::begin_firing`]: protect the page (FIRED), or give the call back
    /// (ARMED) if it is not due after all. The call seen by `begin_firing`'s first look may
    /// have ended and a new one been armed before its exchange: the deadline is read again
    /// (the new call's, as the exchange saw its ARMED).
    fn finish_firing(&self, now: u64) {
        let due = self.deadline.load(Ordering::Relaxed) <= now;
        // If protecting fails the call runs on; the deadline is retried at the next tick.
        let fired = due && protect(self.page, false).is_ok();
        self.state
            .store(if fired { FIRED } else { ARMED }, Ordering::Release);
    }
}

/// A runtime's clock: ticks since it started and the probe cells to watch.
#[derive(Debug, Default)]
pub(crate) struct Clock {
    ticks: Arc<AtomicU64>,
    /// Every live instance's cell (a tick reads one byte of each: 10,000 idle sandboxes cost
    /// it microseconds).
    cells: Mutex<Vec<Arc<ProbeCell>>>,
}

impl Clock {
    /// One tick: fire every cell whose deadline has passed; forget retired cells.
    pub(crate) fn tick(&self) {
        let now = self.ticks.fetch_add(1, Ordering::Relaxed) + 1;
        let mut cells = self.cells.lock().unwrap_or_else(|e| e.into_inner());
        cells.retain(|cell| {
            cell.fire_if_due(now);
            cell.state.load(Ordering::Acquire) != GONE
        });
    }
}

/// Export name under which [`insert`] exports the library's memory a second time: the mark
/// of a module with probes. A runtime with probe deadlines refuses modules without it
/// (`Library::from_module`): code without probes could never be stopped.
pub(crate) const MARK: &str = "cordon:deadline-probes";

/// Make the probe page at host address `page` readable, or inaccessible.
#[cfg(unix)]
fn protect(page: usize, readable: bool) -> std::io::Result<()> {
    let flags = if readable {
        rustix::mm::MprotectFlags::READ
    } else {
        rustix::mm::MprotectFlags::empty()
    };
    // SAFETY: `page` is one host page at `PROBE_ADDRESS` inside a linear-memory reservation of
    // the runtime's instance pool (`ProbeCell::new`), which wasmtime reserved with mmap and
    // keeps for the engine's lifetime; no Rust object lives there and neither the host nor
    // wasmtime reads or writes it (every host access to guest memory is checked against the
    // memory's size, which stays below `MAX_MEMORY`; wasmtime only remaps the whole slot
    // between instances, and every instance protects the page again). Changing its
    // protection only changes whether the library's probe loads fault, which wasmtime handles
    // as a trap of that call.
    unsafe {
        rustix::mm::mprotect(
            page as *mut std::ffi::c_void,
            rustix::param::page_size(),
            flags,
        )
    }
    .map_err(std::io::Error::from)
}

/// Probes are used on Unix only (`crate::runtime::deadline_settings`).
#[cfg(not(unix))]
fn protect(_page: usize, _readable: bool) -> std::io::Result<()> {
    Err(std::io::ErrorKind::Unsupported.into())
}

/// `wasm` (binary or WAT text) as the engine should compile it: with probes inserted where
/// its deadlines are probes (`probes`), else unchanged.
#[cfg(feature = "compiler")]
pub(crate) fn prepare(wasm: &[u8], probes: bool) -> wasmtime::Result<std::borrow::Cow<'_, [u8]>> {
    Ok(if probes {
        insert(wasm)?.into()
    } else {
        wasm.into()
    })
}

/// Insert a probe at the start of every function body and of every loop of `wasm` (binary or
/// WAT text); the result is binary.
#[cfg(feature = "compiler")]
fn insert(wasm: &[u8]) -> wasmtime::Result<Vec<u8>> {
    let wasm = &wat::parse_bytes(wasm)?[..];
    use wasm_encoder::reencode::{Error, Reencode};
    use wasm_encoder::{Function, Instruction, MemArg};

    struct Probes;

    fn probe(f: &mut Function) {
        f.instruction(&Instruction::I32Const(PROBE_ADDRESS as i32));
        // Atomic: Cranelift's alias analysis would treat a plain load of the same address as
        // redundant with the one at function entry in every loop without a store, and drop it.
        f.instruction(&Instruction::I32AtomicLoad(MemArg {
            offset: 0,
            align: 2,
            memory_index: 0,
        }));
        f.instruction(&Instruction::Drop);
    }

    impl Reencode for Probes {
        type Error = std::convert::Infallible;

        fn parse_export_section(
            &mut self,
            exports: &mut wasm_encoder::ExportSection,
            section: wasmparser::ExportSectionReader<'_>,
        ) -> Result<(), Error<Self::Error>> {
            wasm_encoder::reencode::utils::parse_export_section(self, exports, section)?;
            // The mark `Library` looks for before it loads a module into a runtime with probes.
            exports.export(MARK, wasm_encoder::ExportKind::Memory, 0);
            Ok(())
        }

        fn parse_function_body(
            &mut self,
            code: &mut wasm_encoder::CodeSection,
            body: wasmparser::FunctionBody<'_>,
        ) -> Result<(), Error<Self::Error>> {
            let mut f = self.new_function_with_parsed_locals(&body)?;
            probe(&mut f);
            let mut reader = body.get_operators_reader()?;
            while !reader.eof() {
                let op = reader.read()?;
                let is_loop = matches!(op, wasmparser::Operator::Loop { .. });
                f.instruction(&self.instruction(op)?);
                if is_loop {
                    probe(&mut f);
                }
            }
            code.function(&f);
            Ok(())
        }
    }

    // The probes read memory 0, which must be the module's one 32-bit memory.
    let mut memories = Vec::new();
    for payload in wasmparser::Parser::new(0).parse_all(wasm) {
        match payload? {
            wasmparser::Payload::MemorySection(section) => {
                for memory in section {
                    memories.push(memory?);
                }
            }
            // A start function would run inside instantiation, before the instance has its
            // probe page and outside any call's deadline: libraries are reactors.
            wasmparser::Payload::StartSection { .. } => wasmtime::bail!(
                "a library may not have a start function (export `_initialize` instead)"
            ),
            wasmparser::Payload::ImportSection(section) => {
                for import in section.into_imports() {
                    if let wasmparser::TypeRef::Memory(memory) = import?.ty {
                        memories.push(memory);
                    }
                }
            }
            _ => {}
        }
    }
    match memories.as_slice() {
        [memory] if !memory.memory64 && !memory.shared => {}
        _ => wasmtime::bail!(
            "a library needs exactly one linear memory, 32-bit and not shared (it has {})",
            memories.len()
        ),
    }
    let mut module = wasm_encoder::Module::new();
    Probes
        .parse_core_module(&mut module, wasmparser::Parser::new(0), wasm)
        .map_err(|e| wasmtime::format_err!("cannot insert deadline probes: {e}"))?;
    Ok(module.finish())
}

#[cfg(all(test, unix, feature = "compiler"))]
mod tests {
    use crate::{precompile, Error, Library, Precompiled, Runtime};

    const SPIN: &str =
        r#"(module (memory (export "memory") 1) (func (export "spin") (loop br 0)))"#;

    fn artifact(bytes: Vec<u8>) -> Precompiled {
        // SAFETY: every artifact here is made by wasmtime in this process with Cordon's own
        // code configuration, which is what `Precompiled::new` asks for (one of them lacks the
        // probes, which is what is tested).
        unsafe { Precompiled::new("spin", Box::leak(bytes.into_boxed_slice())) }
    }

    #[test]
    fn a_module_without_probes_is_refused() {
        let wasm = wat::parse_str(SPIN).unwrap();
        let engine = wasmtime::Engine::new(&crate::code_config()).unwrap();
        let bare = artifact(engine.precompile_module(&wasm).unwrap());
        match Library::load(Runtime::shared(), &bare) {
            Err(Error::Setup(message)) => assert!(message.contains("no deadline probes")),
            other => panic!("a module without probes loaded: {other:?}"),
        }
        let probed = artifact(precompile(&wasm, None).unwrap());
        Library::load(Runtime::shared(), &probed).expect("the same module with probes loads");
    }
}

/// The protocol between a call's thread and the clock, step by step in the orders a race can
/// take, on a page of its own (no runtime, no clock thread).
#[cfg(all(test, unix))]
mod protocol {
    use super::*;
    use std::time::Duration;

    /// A cell on a fresh readable page (leaked: the tests are short).
    fn cell() -> Arc<ProbeCell> {
        let size = rustix::param::page_size();
        // SAFETY: a new anonymous private mapping at an address the kernel picks; nothing else
        // refers to it.
        let page = unsafe {
            rustix::mm::mmap_anonymous(
                std::ptr::null_mut(),
                size,
                rustix::mm::ProtFlags::READ,
                rustix::mm::MapFlags::PRIVATE,
            )
        }
        .expect("mmap");
        let base = (page as usize).wrapping_sub(PROBE_ADDRESS as usize) as *mut u8;
        ProbeCell::new(&Arc::new(Clock::default()), base).unwrap()
    }

    /// Reads the probe page from the host: crashes the test if it is still protected.
    fn readable(cell: &ProbeCell) -> bool {
        // SAFETY: `cell.page` is the page mapped in `cell()`; a volatile read of its first
        // byte (zero) is valid unless the page is protected, which is what is tested.
        unsafe { std::ptr::read_volatile(cell.page as *const u8) == 0 }
    }

    fn state(cell: &ProbeCell) -> u8 {
        cell.state.load(Ordering::Acquire)
    }

    #[test]
    fn a_due_call_is_fired_and_its_page_restored() {
        let cell = cell();
        cell.arm(0);
        cell.fire_if_due(0);
        assert_eq!(state(&cell), FIRED);
        assert!(cell.disarm(), "the call was fired");
        assert!(readable(&cell));
        assert!(!cell.disarm(), "nothing more to report");
    }

    #[test]
    fn a_call_not_due_or_ended_is_left_alone() {
        let cell = cell();
        cell.arm(5);
        cell.fire_if_due(4);
        assert!(!cell.disarm());
        cell.arm(0);
        assert!(!cell.disarm());
        cell.fire_if_due(10); // it ended before the clock looked
        assert_eq!(state(&cell), IDLE);
        assert!(readable(&cell));
    }

    /// Arm a due call, let the clock begin firing it, run `during` on another thread (the
    /// call's, ending or retiring), check it waits for the clock, finish firing, and return
    /// what `during` returned.
    fn while_firing<T: Send + 'static>(
        cell: &Arc<ProbeCell>,
        during: impl FnOnce(&ProbeCell) -> T + Send + 'static,
    ) -> T {
        cell.arm(0);
        assert!(cell.begin_firing(0), "due");
        let other = std::thread::spawn({
            let cell = cell.clone();
            move || during(&cell)
        });
        std::thread::sleep(Duration::from_millis(50));
        assert!(!other.is_finished(), "returned while the clock was firing");
        cell.finish_firing(0);
        other.join().unwrap()
    }

    #[test]
    fn a_call_that_ends_while_the_clock_fires_waits_and_is_reported_fired() {
        let cell = cell();
        assert!(
            while_firing(&cell, ProbeCell::disarm),
            "the page was protected: reported"
        );
        assert_eq!(state(&cell), IDLE);
        assert!(readable(&cell));
    }

    #[test]
    fn a_later_call_taken_by_a_late_exchange_is_given_back() {
        let cell = cell();
        cell.arm(0);
        assert!(cell.begin_firing(0));
        // As if the due call had ended and a new one (due at tick 3) been armed between the
        // clock's first look and its exchange.
        cell.deadline.store(3, Ordering::Relaxed);
        cell.finish_firing(0);
        assert_eq!(state(&cell), ARMED, "given back");
        assert!(!cell.disarm());
        assert!(readable(&cell));
    }

    #[test]
    fn retiring_waits_out_a_firing() {
        let cell = cell();
        while_firing(&cell, ProbeCell::retire);
        assert_eq!(state(&cell), GONE);
    }
}
