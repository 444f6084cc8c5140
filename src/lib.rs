//! # cordon
//!
//! Decode untrusted images with battle-tested C libraries (libpng + zlib, libjpeg-turbo, giflib,
//! libwebp)
//! running in Cordon sandboxes: WebAssembly nanoprocesses inside your process, with no host
//! imports, their own memory, a memory cap and a deadline. A crash, hang or memory bomb in a
//! library is an [`Error`]; the sandbox is rebuilt in microseconds.
//!
//! ```
//! let png = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/images/plasma-512.png")).unwrap();
//! let info = cordon::info(&png)?;
//! assert_eq!((info.format, info.width), (cordon::Format::Png, 512));
//! let image = cordon::decode(&png)?;
//! assert_eq!(image.pixels.len(), 512 * 512 * 4);
//! # Ok::<(), cordon::Error>(())
//! ```
//!
//! [`decode`] and [`info`] keep one [`Decoder`] per thread (so one sandbox per format per
//! thread, reused). Use a [`Decoder`] directly to set [`Limits`] or pick a [`Backend`]. With
//! the `image` feature, [`image_hooks::register`] makes `image::open` and
//! `image::load_from_memory` decode PNG, JPEG, GIF and WebP in these sandboxes. Animations (GIF, WebP)
//! come frame by frame from [`Decoder::frames`] or all at once from [`animation`].

mod decoder;
mod frames;
#[cfg(feature = "image")]
pub mod image_hooks;
mod sniff;
pub mod thumbnail;

use std::cell::RefCell;

pub use cordon_kit::{
    Animation, Error, Format, Frame, Image, ImageInfo, Limit, Limits, PixelFormat,
};
pub use decoder::{Backend, Decoder, Details};
pub use frames::Frames;
pub use sniff::{sniff, Signature, SIGNATURES};

/// The libraries' own crates, for format-specific features (progressive PNG, JPEG scaling).
pub use {
    cordon_font as font, cordon_gif as gif, cordon_jpeg as jpeg, cordon_png as png,
    cordon_sandbox as sandbox, cordon_webp as webp,
};

thread_local! {
    static DECODER: RefCell<Decoder> = RefCell::new(Decoder::new());
}

/// Decode any supported format to 8-bit RGBA with default [`Limits`], in this thread's
/// sandboxes. The format is sniffed from the bytes; anything else is
/// [`Error::UnknownFormat`].
pub fn decode(bytes: &[u8]) -> Result<Image, Error> {
    DECODER.with(|d| d.borrow_mut().decode(bytes))
}

/// Read the header of any supported format, in this thread's sandboxes.
pub fn info(bytes: &[u8]) -> Result<ImageInfo, Error> {
    DECODER.with(|d| d.borrow_mut().info(bytes))
}

/// Decode every frame of an animation (a still image is one frame), with default [`Limits`],
/// in this thread's sandboxes.
pub fn animation(bytes: &[u8]) -> Result<Animation, Error> {
    DECODER.with(|d| d.borrow_mut().animation(bytes))
}

/// Read a file for decoding, refusing one larger than `limits` accept before reading it
/// (a multi-gigabyte file is not read into memory to be refused afterwards) and reading no
/// more than that even if it grows meanwhile.
///
/// ```
/// let limits = cordon::Limits { max_input_bytes: 4, ..Default::default() };
/// let path = std::env::temp_dir().join("cordon-read-file-doctest");
/// std::fs::write(&path, b"12345").unwrap();
/// let error = cordon::read_file(&path, &limits).unwrap_err();
/// assert_eq!(error.kind(), std::io::ErrorKind::InvalidData);
/// std::fs::write(&path, b"1234").unwrap();
/// assert_eq!(cordon::read_file(&path, &limits).unwrap(), b"1234");
/// ```
pub fn read_file(path: &std::path::Path, limits: &Limits) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let max = limits.input_limit();
    let too_large = || {
        std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("larger than the input limit of {max} bytes"),
        )
    };
    let file = std::fs::File::open(path)?;
    let len = file.metadata()?.len();
    if len > max as u64 {
        return Err(too_large());
    }
    let mut bytes = Vec::with_capacity(len as usize);
    file.take(max as u64 + 1).read_to_end(&mut bytes)?;
    if bytes.len() > max {
        return Err(too_large());
    }
    Ok(bytes)
}
