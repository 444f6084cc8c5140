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
    /// A null guest pointer was read, written or verified. Null is only accepted where the
    /// caller asks for it explicitly ([`crate::Sandbox::nullable_pointer`]).
    #[error("null guest pointer")]
    NullPointer,
    /// `count` values of `size` bytes each do not fit in an address space: the request was
    /// refused before any copy or allocation.
    #[error("{count} values of {size} bytes overflow the address space")]
    SizeOverflow {
        /// Number of values requested.
        count: u64,
        /// Size of one value in bytes.
        size: u64,
    },
    /// The sandbox's allocator could not satisfy an allocation (or returned a bad pointer).
    #[error("allocation of {0} bytes inside the sandbox failed")]
    Allocation(u64),
    /// The runtime already has [`crate::RuntimeConfig::max_live_sandboxes`] live sandboxes;
    /// drop one (or [`crate::Sandbox::reset`] it) and try again.
    #[error("the sandbox pool is full: {live} of at most {max} sandboxes are live")]
    PoolExhausted {
        /// Sandboxes live when the request was refused.
        live: u32,
        /// The runtime's limit.
        max: u32,
    },
    /// Loading a library or creating a sandbox failed: a bad artifact, a missing export, an
    /// export with the wrong signature.
    #[error("sandbox setup: {0}")]
    Setup(String),
}

/// What kind of fault ended a call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FaultKind {
    /// The call ran past its wall-clock deadline ([`crate::Limits::deadline`]).
    Deadline,
    /// The library tried to grow its memory past [`crate::Limits::max_memory`] and then
    /// aborted or made a bad memory access (what a failed allocation leads to). Other traps
    /// keep their own kind and report the refused growth in [`Fault::memory_limit_hit`].
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

/// A fault inside the sandbox: its kind, wasmtime's description, and the library's own
/// message when it left one on its way to this trap (see `cordon_message` in the guest
/// support code).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fault {
    /// Which limit or trap ended the call.
    pub kind: FaultKind,
    /// The engine's description of the trap (host text).
    pub detail: String,
    /// The message the library wrote during the call that trapped, in the library's words:
    /// escaped to printable ASCII by [`escape_guest_text`] and capped in length, so it can
    /// neither hide nor fake characters. [`Fault`]'s `Display` shows it in quotes as the
    /// library's. `None` when the library left no message during that call.
    pub message: Option<String>,
    /// Whether the memory cap refused a `memory.grow` during the call that faulted (even if
    /// the library coped with it and the fault was something else).
    pub memory_limit_hit: bool,
}

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "sandbox fault: {} ({})", self.kind, self.detail)?;
        if let Some(message) = &self.message {
            write!(f, "; the library said \"{message}\"")?;
        }
        Ok(())
    }
}

/// Longest text [`escape_guest_text`] returns, in bytes, before its `...` marker.
pub const MAX_GUEST_TEXT: usize = 200;

/// Make text that came out of a sandbox safe to show: bytes up to the first NUL, decoded as
/// UTF-8 (invalid sequences become U+FFFD), every character outside printable ASCII escaped
/// (`\u{202e}`, `\n`, and `\"` and `\\` so the text cannot close its quotes), surrounding
/// spaces trimmed, and the result capped at [`MAX_GUEST_TEXT`] bytes with a trailing `...`
/// when cut. A right-to-left override or a zero-width character shows up as its escape.
///
/// ```
/// use cordon_sandbox::escape_guest_text;
/// assert_eq!(escape_guest_text(b"bad \xe2\x80\xae gnp.exe\0junk"), r"bad \u{202e} gnp.exe");
/// assert_eq!(escape_guest_text("say \"hi\"\nnow".as_bytes()), r#"say \"hi\"\nnow"#);
/// ```
pub fn escape_guest_text(bytes: &[u8]) -> String {
    let text = bytes.split(|&b| b == 0).next().unwrap_or(&[]);
    let text = String::from_utf8_lossy(text);
    let mut out = String::new();
    for c in text.trim().chars() {
        let escaped: String = match c {
            ' '..='~' if c != '"' && c != '\\' => c.to_string(),
            _ => c.escape_default().to_string(),
        };
        if out.len() + escaped.len() > MAX_GUEST_TEXT {
            out.push_str("...");
            break;
        }
        out.push_str(&escaped);
    }
    out
}

impl std::error::Error for Fault {}

impl Fault {
    /// Classify an error returned by a wasm call. `memory_limit_hit` says whether the limiter
    /// refused a `memory.grow` during that call, `deadline_fired` whether its deadline
    /// protected the probe page (`crate::probe`), whose next read then faults.
    pub(crate) fn classify(
        error: &wasmtime::Error,
        memory_limit_hit: bool,
        deadline_fired: bool,
    ) -> Fault {
        use wasmtime::Trap;
        // A callback's failure, or a call that returned from an unsound instance, is the
        // deadline's doing when the deadline fired during the call (a re-entrant call the
        // callback made ran into it).
        let failure = match error.downcast_ref::<crate::callback::CallbackFailure>() {
            Some(failure) => Some(failure.to_string()),
            None => error
                .downcast_ref::<crate::call::InstanceUnsound>()
                .map(ToString::to_string),
        };
        if let Some(detail) = failure {
            return Fault {
                kind: if deadline_fired {
                    FaultKind::Deadline
                } else {
                    FaultKind::Callback
                },
                detail,
                message: None,
                memory_limit_hit,
            };
        }
        let trap = error.downcast_ref::<Trap>().copied();
        let kind = match trap {
            Some(Trap::Interrupt) => FaultKind::Deadline,
            Some(Trap::MemoryOutOfBounds) if deadline_fired => FaultKind::Deadline,
            Some(Trap::StackOverflow) => FaultKind::StackOverflow,
            // What a library does after its allocation failed: abort, or use the pointer it
            // did not get (a bad access), or fail in some other way we cannot name.
            Some(Trap::UnreachableCodeReached)
            | Some(Trap::MemoryOutOfBounds)
            | Some(Trap::HeapMisaligned)
            | None
                if memory_limit_hit =>
            {
                FaultKind::MemoryLimit
            }
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
            memory_limit_hit,
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
