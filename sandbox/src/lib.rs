//! # cordon-sandbox
//!
//! Cordon's run-time crate: run a C library compiled to WebAssembly as an in-process
//! *nanoprocess*. A sandbox has its own linear memory and **no host imports** (no files, clock,
//! network or host memory); the host talks to it only by copying bytes in and out and calling
//! exports. Everything that comes back is [`Tainted`] until the host verifies it. Traps,
//! deadlines, memory-cap hits and stack overflows come back as [`Error::Fault`]; the faulted
//! instance is discarded and the next call gets a fresh one.
//!
//! This crate knows nothing about any particular library. Library bridges (such as
//! `cordon-png`) are built on it with artifacts precompiled by `cordon-build`.
//!
//! ```
//! use cordon_sandbox::{Library, Runtime, Sandbox};
//! // A toy "library": sums a byte buffer the host copies in.
//! let wat = r#"(module
//!   (memory (export "memory") 1)
//!   (global $next (mut i32) (i32.const 1024))
//!   (func (export "cordon_alloc") (param i32) (result i32)
//!     (local $p i32)
//!     global.get $next local.set $p
//!     global.get $next local.get 0 i32.add global.set $next
//!     local.get $p)
//!   (func (export "cordon_free") (param i32))
//!   (func (export "sum") (param $p i32) (param $n i32) (result i32)
//!     (local $s i32)
//!     block loop
//!       local.get $n i32.eqz br_if 1
//!       local.get $s local.get $p i32.load8_u i32.add local.set $s
//!       local.get $p i32.const 1 i32.add local.set $p
//!       local.get $n i32.const 1 i32.sub local.set $n
//!       br 0
//!     end end
//!     local.get $s))"#;
//! let library = Library::compile(Runtime::shared(), "summer", wat.as_bytes())?;
//! let sum = library.function::<(u32, u32), u32>("sum")?;
//!
//! let mut sandbox = Sandbox::new(&library)?;
//! let input = sandbox.copy_to_sandbox(&[1, 2, 3, 4])?;
//! let addr = sandbox.guest_addr(input)?;
//! let total = sandbox.call(&sum, (addr, 4))?.verify_range(0..=4 * 255, "sum")?;
//! assert_eq!(total, 10);
//! sandbox.free(input)?;
//! # Ok::<(), cordon_sandbox::Error>(())
//! ```

mod call;
pub mod callback;
mod dynamic;
mod error;
mod layout;
mod library;
mod limits;
mod memory;
mod probe;
mod runtime;
mod sandbox;
mod tainted;

pub use callback::{Callback, CallbackContext, Guest};
pub use dynamic::{DynamicFunction, Value, ValueType};
pub use error::{escape_guest_text, Error, Fault, FaultKind, MAX_GUEST_TEXT};
pub use layout::{scalar_as_struct, struct_as_scalar, Field, GuestPtr, GuestStruct};
pub use library::{Function, Library, LibraryFacts, Precompiled};
pub use limits::Limits;
pub use probe::PROBE_ADDRESS;
pub use runtime::{code_config, Runtime, RuntimeConfig, EPOCH_TICK};
#[cfg(feature = "compiler")]
pub use runtime::{precompile, X86_64_LEVEL};
pub use sandbox::Sandbox;
pub use tainted::{GuestValue, Tainted, TaintedPtr};
/// The wasm value traits that [`Library::function`]'s signature types implement (tuples of
/// `i32`/`u32`/`i64`/`u64`/`f32`/`f64`), re-exported so that generic code over Cordon
/// functions does not need its own pinned `wasmtime` dependency.
pub use wasmtime::{WasmParams, WasmResults, WasmTy};
