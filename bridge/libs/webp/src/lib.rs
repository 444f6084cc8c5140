//! # cordon-webp
//!
//! Decode untrusted WebP files with libwebp 1.6 running in a Cordon sandbox (no host imports,
//! its own memory, a memory cap, a per-call deadline), to 8-bit RGBA, not premultiplied.
//! Lossy (VP8, with or without an alpha channel), lossless (VP8L) and extended (VP8X) stills
//! decode with libwebp's own decoder; animations are composited by libwebp's animation decoder
//! (blending and disposal as the file says), one frame per call, so an iterator of frames
//! holds only the canvas. A still is a one-frame animation. Every size, status, frame number
//! and duration that comes back is verified before it is used, and limits
//! ([`Limits::max_frames`], [`Limits::max_animation_pixels`], the sandbox's memory cap) stop
//! bombs before their memory is spent.
//!
//! ```
//! # fn main() -> Result<(), cordon_webp::Error> {
//! let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/testdata/");
//! let mut decoder = cordon_webp::WebpDecoder::new()?;
//!
//! let still = std::fs::read(format!("{dir}lossless_alpha.webp")).unwrap();
//! let image = decoder.decode(&still)?;
//! assert_eq!(image.pixels.len(), (image.width * image.height * 4) as usize);
//!
//! let animated = std::fs::read(format!("{dir}anim_pillow.webp")).unwrap();
//! let frames = decoder.frames(&animated)?;
//! assert_eq!((frames.width(), frames.height(), frames.loops()), (48, 40, None)); // forever
//! let mut shown = std::time::Duration::ZERO;
//! for frame in frames {
//!     let frame = frame?; // the whole canvas after this frame, and how long it shows
//!     assert_eq!((frame.image.width, frame.image.height), (48, 40));
//!     shown += frame.delay;
//! }
//! assert_eq!(shown.as_millis(), 600);
//! # Ok(()) }
//! ```

mod decoder;
mod frames;
mod header;
#[cfg(feature = "native")]
pub mod native;

pub use cordon_kit::{Animation, Error, Frame, Image, Limits};
pub use decoder::{library, WebpDecoder};
pub use frames::Frames;

#[allow(missing_docs, dead_code, clippy::all)]
mod bindings {
    include!(concat!(env!("OUT_DIR"), "/webp_bindings.rs"));
}

/// How a WebP's image data is compressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WebpFormat {
    /// VP8 (lossy), possibly with a separately compressed alpha channel.
    Lossy,
    /// VP8L (lossless).
    Lossless,
    /// An animation with both lossy and lossless frames.
    Mixed,
}

/// Header information of a WebP, read by libwebp in the sandbox and verified by the host.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WebpInfo {
    /// Width in pixels (of the canvas, for an animation).
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// The file declares transparency (an alpha channel, or the VP8X alpha flag).
    pub has_alpha: bool,
    /// An animation (VP8X animation flag), even one with a single frame.
    pub animated: bool,
    /// How the frames are compressed.
    pub format: WebpFormat,
    /// Frames in the file (1 for a still).
    pub frames: u32,
    /// How many times the animation plays in all: `None` forever (loop count 0), `Some(n)`
    /// for loop count `n`; `Some(1)` for a still.
    pub loops: Option<u32>,
    /// The animation's background colour as RGBA (`None` for a still). Reported only: frames
    /// are composited on a transparent canvas, as libwebp's animation decoder does.
    pub background: Option<[u8; 4]>,
}

impl From<WebpInfo> for cordon_kit::ImageInfo {
    fn from(info: WebpInfo) -> Self {
        cordon_kit::ImageInfo {
            format: cordon_kit::Format::WebP,
            width: info.width,
            height: info.height,
            bit_depth: 8,
            has_alpha: info.has_alpha,
            orientation: None,
            frames: Some(info.frames),
        }
    }
}

impl std::fmt::Display for WebpInfo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let format = match self.format {
            WebpFormat::Lossy => "lossy",
            WebpFormat::Lossless => "lossless",
            WebpFormat::Mixed => "lossy and lossless",
        };
        write!(f, "{}x{} {format}", self.width, self.height)?;
        if self.has_alpha {
            write!(f, ", alpha")?;
        }
        if self.animated {
            write!(f, ", animation of {} frames", self.frames)?;
            match self.loops {
                None => write!(f, ", looping forever")?,
                Some(n) => write!(f, ", playing {n} times")?,
            }
        }
        Ok(())
    }
}
