//! # cordon-png
//!
//! Decode untrusted PNG files with libpng and zlib running in a Cordon sandbox: a wasm
//! nanoprocess with no host imports, its own memory, a memory cap and a per-call deadline.
//! A corrupt file is a [`PngError`]; a crash, hang or memory bomb inside libpng is a
//! [`PngError::Fault`], and the decoder carries on with a fresh instance.
//!
//! ```
//! # fn main() -> Result<(), cordon_png::PngError> {
//! let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"),
//!     "/../../../third_party/libpng-testdata/pngsuite/basn2c08.png")).unwrap();
//! let image = cordon_png::PngDecoder::new()?.decode(&bytes)?;
//! assert_eq!((image.width, image.height), (32, 32));
//! # Ok(()) }
//! ```
//!
//! [`PngStream`] decodes the same way from a file pushed in chunks of any size (libpng's
//! progressive reader, called through bindings generated from its headers, with the host's
//! info/row/end callbacks), in a sandbox of its own or in a [`PngDecoder`]'s
//! ([`PngDecoder::stream`]), which serves one stream after another.
//!
//! Two modules are built: libpng on zlib-ng (the default, with Cordon's SIMD128 Adler-32, match
//! copies and `inflate_fast`) and libpng on stock zlib (the C the native backend runs). They
//! decode the same pixels; [`Inflate`] and [`PngLibrary::shared_on`] choose one.
//!
//! ## Conversion
//! Output is always 8-bit RGBA, not premultiplied. Palette and low-bit-depth grey are
//! expanded, tRNS becomes alpha, grey is replicated to RGB, 16-bit samples are scaled to 8 bits
//! with rounding (`(v * 255 + 32895) >> 16`, libpng's `png_set_scale_16`), and **no gamma or
//! colour-management transformation is applied**: samples are returned as stored, like most
//! viewers and the pure-Rust `png` crate. [`PngInfo`] reports gAMA, sRGB and iCCP so a
//! colour-managed application can act on them.

mod bindings;
mod decoder;
mod header;
mod image;
#[cfg(feature = "native")]
pub mod native;
mod stream;

pub use cordon_kit::Image;
pub use decoder::{Inflate, PngDecoder, PngLibrary};
pub use image::{ColorType, PngInfo};
pub use stream::PngStream;

/// Why a PNG could not be decoded: the kit's one error type, shared by every decoder.
pub type PngError = cordon_kit::Error;
/// What a PNG decoder accepts: the kit's limits, shared by every decoder.
pub type PngLimits = cordon_kit::Limits;
