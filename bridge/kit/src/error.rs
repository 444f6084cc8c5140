//! One error type for every decoder bridge, with variants a caller can match on.

use std::fmt;

use cordon_sandbox::Fault;

/// An image (or font) format Cordon decodes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Format {
    /// PNG (libpng + zlib).
    Png,
    /// JPEG (libjpeg-turbo).
    Jpeg,
    /// GIF (giflib).
    Gif,
    /// WebP (libwebp).
    WebP,
    /// A font file (FreeType: TrueType, OpenType/CFF, Type 1, CID, WOFF).
    Font,
}

impl Format {
    /// The format's usual name.
    pub fn name(self) -> &'static str {
        match self {
            Format::Png => "PNG",
            Format::Jpeg => "JPEG",
            Format::Gif => "GIF",
            Format::WebP => "WebP",
            Format::Font => "font",
        }
    }

    /// The format's MIME type.
    pub fn mime_type(self) -> &'static str {
        match self {
            Format::Png => "image/png",
            Format::Jpeg => "image/jpeg",
            Format::Gif => "image/gif",
            Format::WebP => "image/webp",
            Format::Font => "font/sfnt",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Which limit refused an input (see [`crate::Limits`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    /// [`crate::Limits::max_width`].
    Width(u32),
    /// [`crate::Limits::max_height`].
    Height(u32),
    /// [`crate::Limits::max_pixels`].
    Pixels(u64),
    /// The decoded buffer would not fit the sandbox's memory cap (bytes).
    Memory(usize),
    /// [`crate::Limits::max_frames`].
    Frames(u32),
    /// [`crate::Limits::max_animation_pixels`].
    AnimationPixels(u64),
    /// [`crate::Limits::max_input_bytes`], or what a 32-bit sandbox can hold.
    InputBytes(usize),
}

impl fmt::Display for Limit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Limit::Width(max) => write!(f, "width exceeds {max}"),
            Limit::Height(max) => write!(f, "height exceeds {max}"),
            Limit::Pixels(max) => write!(f, "more than {max} pixels"),
            Limit::Memory(max) => write!(f, "its pixels would not fit the {max}-byte memory cap"),
            Limit::Frames(max) => write!(f, "more than {max} frames"),
            Limit::AnimationPixels(max) => {
                write!(
                    f,
                    "an animation of more than {max} pixels in all its frames"
                )
            }
            Limit::InputBytes(max) => write!(f, "input larger than {max} bytes"),
        }
    }
}

/// Why an input could not be decoded. Never a panic; every variant says what happened.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The library rejected the input as corrupt, truncated or not of its format. `message`
    /// is the library's own, escaped to printable ASCII.
    #[error("invalid {format}: {message}")]
    Invalid {
        /// The format being decoded.
        format: Format,
        /// The library's message.
        message: String,
    },
    /// The declared dimensions exceed a limit; nothing was allocated for the pixels.
    #[error("image too large: {width}x{height}: {limit}")]
    TooLarge {
        /// Declared width.
        width: u32,
        /// Declared height.
        height: u32,
        /// The limit that refused it.
        limit: Limit,
    },
    /// A limit other than the image size refused the input (input size, frame count).
    #[error("limit reached: {0}")]
    LimitExceeded(Limit),
    /// The library ran out of memory under the sandbox's memory cap and said so (as opposed
    /// to faulting, which is [`Error::Fault`] with [`cordon_sandbox::FaultKind::MemoryLimit`]).
    #[error("out of memory inside the sandbox decoding {format}: {message}")]
    OutOfMemory {
        /// The format being decoded.
        format: Format,
        /// What could not be allocated (the library's message, or the host's).
        message: String,
    },
    /// The bytes are of no format Cordon decodes.
    #[error("unsupported format (the data starts with {})", hex(signature))]
    UnknownFormat {
        /// The first bytes of the input (at most 8).
        signature: Vec<u8>,
    },
    /// The format is known but this variant of it is not supported (e.g. 12-bit JPEG).
    #[error("unsupported {format}: {feature}")]
    Unsupported {
        /// The format.
        format: Format,
        /// What is not supported.
        feature: String,
    },
    /// The library faulted: a trap, the deadline, the memory cap, a stack overflow. The sandbox
    /// has recovered; the next call runs in a fresh instance.
    #[error(transparent)]
    Fault(Fault),
    /// A value the library returned failed the host's verification (a misbehaving library
    /// that did not fault). Nothing from it was used.
    #[error("the library returned something impossible: {0}")]
    Verification(String),
    /// The sandbox could not be created or used (pool exhausted, artifact mismatch,
    /// allocation failure at the boundary).
    #[error(transparent)]
    Sandbox(cordon_sandbox::Error),
}

fn hex(bytes: &[u8]) -> String {
    if bytes.is_empty() {
        return "nothing: it is empty".into();
    }
    bytes
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect::<Vec<_>>()
        .join(" ")
}

impl From<cordon_sandbox::Error> for Error {
    fn from(e: cordon_sandbox::Error) -> Self {
        match e {
            cordon_sandbox::Error::Fault(fault) => Error::Fault(fault),
            cordon_sandbox::Error::Verification(what) => Error::Verification(what),
            other => Error::Sandbox(other),
        }
    }
}

impl Error {
    /// Libraries report a failed allocation as an ordinary error; when the sandbox's memory cap
    /// refused memory during the call that failed, this turns `Invalid` into `OutOfMemory`
    /// (keeping the library's message), so the caller sees which limit it hit.
    pub fn attribute_memory_cap(self, sandbox: &cordon_sandbox::Sandbox) -> Error {
        match self {
            Error::Invalid { format, message } if sandbox.memory_limit_reached() => {
                Error::OutOfMemory {
                    format,
                    message: format!("memory cap reached ({message})"),
                }
            }
            other => other,
        }
    }

    /// The fault, when the sandbox faulted.
    pub fn fault(&self) -> Option<&Fault> {
        match self {
            Error::Fault(fault) => Some(fault),
            _ => None,
        }
    }
}
