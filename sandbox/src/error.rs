//! Typed errors: what went wrong inside a sandbox, or at its boundary.

use std::fmt;

/// Everything that can go wrong when using a sandbox. Never a panic, never an abort.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// The library faulted (trap, deadline, memory cap, stack overflow). The sandbox has already
    /// discarded its instance; the next call runs in a fresh one.
    #[error(transparent)]
    Fault(#[from] Fault),
    /// A value that came out of the sandbox failed the caller's verification.
    #[error("verification failed: {0}")]
    Verification(String),
    /// A host copy into or out of the sandbox fell outside its linear memory.
    #[error(
        "out of bounds: {len} bytes at guest address {addr:#x} in a {memory_size}-byte memory"
    )]
    OutOfBounds {
        /// Guest address of the first byte.
        addr: u64,
        /// Number of bytes requested.
        len: u64,
        /// Current size of the sandbox's linear memory.
        memory_size: u64,
    },
    /// A tainted pointer was used with a sandbox (or an instance of it) that did not produce it.
    #[error("stale pointer: it belongs to another sandbox instance (the sandbox was reset or is a different one)")]
    StalePointer,
    /// The sandbox's allocator could not satisfy an allocation (or returned a bad pointer).
    #[error("allocation of {0} bytes inside the sandbox failed")]
    Allocation(u64),
    /// Loading a library or creating a sandbox failed: a bad artifact, a missing export, an
    /// export with the wrong signature, or an exhausted instance pool.
    #[error("sandbox setup: {0}")]
    Setup(String),
}

/// What kind of fault ended a call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FaultKind {
    /// The call ran past its wall-clock deadline ([`crate::Limits::deadline`]).
    Deadline,
    /// The library tried to grow its memory past [`crate::Limits::max_memory`] and then failed.
    MemoryLimit,
    /// The wasm call stack overflowed ([`crate::RuntimeConfig::max_wasm_stack`]).
    StackOverflow,
    /// The library aborted (`abort()`, a failed assertion, `__builtin_trap`, `unreachable`).
    Abort,
    /// An access outside the sandbox's own linear memory.
    MemoryOutOfBounds,
    /// A call through a bad function pointer (null, out of the table, wrong signature).
    BadIndirectCall,
    /// Integer division by zero, integer overflow or a bad float-to-int conversion.
    Arithmetic,
    /// A host callback returned an error or panicked while the library was calling it.
    Callback,
    /// Any other trap (for example an uncaught wasm exception such as a `longjmp` without a
    /// matching `setjmp`).
    Other,
}

impl fmt::Display for FaultKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            FaultKind::Deadline => "deadline exceeded",
            FaultKind::MemoryLimit => "memory limit reached",
            FaultKind::StackOverflow => "stack overflow",
            FaultKind::Abort => "library aborted",
            FaultKind::MemoryOutOfBounds => "out-of-bounds memory access",
            FaultKind::BadIndirectCall => "bad indirect call",
            FaultKind::Arithmetic => "arithmetic trap",
            FaultKind::Callback => "callback failed",
            FaultKind::Other => "trap",
        })
    }
}

/// A fault inside the sandbox: its kind, wasmtime's description, and the library's own last
/// message when it left one (see `cordon_message` in the guest support code).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fault {
    /// Which limit or trap ended the call.
    pub kind: FaultKind,
    /// The engine's description of the trap.
    pub detail: String,
    /// The library's last message before the fault, sanitised to printable text.
    pub message: Option<String>,
}

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "sandbox fault: {}", self.kind)?;
        if let Some(message) = &self.message {
            write!(f, ": {message}")?;
        }
        write!(f, " ({})", self.detail)
    }
}

impl std::error::Error for Fault {}

impl Fault {
    /// Classify an error returned by a wasm call. `memory_limit_hit` says whether the limiter
    /// refused a `memory.grow` during that call.
    pub(crate) fn classify(error: &wasmtime::Error, memory_limit_hit: bool) -> Fault {
        use wasmtime::Trap;
        if let Some(failure) = error.downcast_ref::<crate::callback::CallbackFailure>() {
            return Fault {
                kind: FaultKind::Callback,
                detail: failure.to_string(),
                message: None,
            };
        }
        let trap = error.downcast_ref::<Trap>().copied();
        let kind = match trap {
            Some(Trap::Interrupt) => FaultKind::Deadline,
            Some(Trap::StackOverflow) => FaultKind::StackOverflow,
            _ if memory_limit_hit => FaultKind::MemoryLimit,
            Some(Trap::UnreachableCodeReached) => FaultKind::Abort,
            Some(Trap::MemoryOutOfBounds) | Some(Trap::HeapMisaligned) => {
                FaultKind::MemoryOutOfBounds
            }
            Some(Trap::TableOutOfBounds)
            | Some(Trap::IndirectCallToNull)
            | Some(Trap::BadSignature) => FaultKind::BadIndirectCall,
            Some(Trap::IntegerOverflow)
            | Some(Trap::IntegerDivisionByZero)
            | Some(Trap::BadConversionToInteger) => FaultKind::Arithmetic,
            _ => FaultKind::Other,
        };
        let detail = match trap {
            Some(trap) => trap.to_string(),
            None => first_line(&format!("{error}")),
        };
        Fault {
            kind,
            detail,
            message: None,
        }
    }
}

fn first_line(text: &str) -> String {
    text.lines().next().unwrap_or("").to_string()
}

impl Error {
    /// The fault kind, when this error is a fault.
    pub fn fault_kind(&self) -> Option<FaultKind> {
        match self {
            Error::Fault(fault) => Some(fault.kind),
            _ => None,
        }
    }
}
