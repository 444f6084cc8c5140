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

mod cell;
#[cfg(feature = "compiler")]
mod insert;

pub(crate) use cell::{Clock, Disarmed, ProbeCell};
#[cfg(feature = "compiler")]
pub(crate) use insert::prepare;

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

/// Export name under which [`insert`] exports the library's memory a second time: the mark
/// of a module with probes. A runtime with probe deadlines refuses modules without it
/// (`Library::from_module`): code without probes could never be stopped.
pub(crate) const MARK: &str = "cordon:deadline-probes";
