//! Errors of the PNG bridge.

/// Why a PNG could not be decoded. Every failure mode is one of these; none panics.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PngError {
    /// libpng rejected the file (bad signature, corrupt data, truncated, bad CRC in a
    /// critical chunk...). Carries libpng's own message.
    #[error("invalid PNG: {0}")]
    Invalid(String),
    /// The header declares an image larger than the configured [`crate::PngLimits`]; nothing
    /// was allocated for it.
    #[error("image too large: {width}x{height}: {reason}")]
    TooLarge {
        /// Declared width.
        width: u32,
        /// Declared height.
        height: u32,
        /// Which limit refused it.
        reason: String,
    },
    /// The input file itself is larger than a sandbox can hold (4 GiB address space, or the
    /// sandbox memory cap).
    #[error("input of {0} bytes does not fit in the sandbox")]
    InputTooLarge(usize),
    /// The decoder ran out of memory inside the sandbox (its memory cap was reached).
    #[error("out of memory inside the sandbox: {0}")]
    OutOfMemory(String),
    /// The sandbox faulted (trap, deadline, stack overflow) or a value from it failed
    /// verification. The sandbox has recovered; the next call runs in a fresh instance.
    #[error(transparent)]
    Sandbox(#[from] cordon_sandbox::Error),
}
