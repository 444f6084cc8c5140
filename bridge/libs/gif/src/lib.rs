//! # cordon-gif
//!
//! Decode untrusted GIFs with giflib 5.2 running in a Cordon sandbox (no host imports, its own
//! memory, a memory cap, a per-call deadline): still images and animations, every frame
//! composited onto the logical screen as RGBA8 the way browsers do (disposal methods,
//! transparency, local and global palettes, interlacing), with frame delays and the loop
//! count. Frames are decoded one sandbox call each, so [`Limits::max_frames`] and
//! [`Limits::max_animation_pixels`] stop an endless or enormous animation before its memory
//! is spent.
//!
//! ```
//! # fn main() -> Result<(), cordon_gif::Error> {
//! let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/testdata/gen_dispose_previous.gif")).unwrap();
//! let mut decoder = cordon_gif::GifDecoder::new()?;
//! let info = decoder.info(&bytes)?;
//! assert!(info.frames > 1);
//! let animation = decoder.animation(&bytes)?;
//! assert_eq!(animation.frames.len() as u32, info.frames);
//! let first = decoder.decode(&bytes)?;
//! assert_eq!(first, animation.frames[0].image);
//! # Ok(()) }
//! ```

mod decoder;
mod frames;
mod header;
#[cfg(feature = "native")]
pub mod native;

pub use cordon_kit::{Animation, Error, Frame, Image, Limits};
pub use decoder::{library, Frames, GifDecoder};

#[allow(missing_docs, dead_code, clippy::all)]
mod bindings {
    include!(concat!(env!("OUT_DIR"), "/gif_bindings.rs"));
}

/// Header information of a GIF, read by giflib in the sandbox and verified by the host.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GifInfo {
    /// Logical screen width (the canvas every frame is composited onto).
    pub width: u32,
    /// Logical screen height.
    pub height: u32,
    /// Image records in the file (for a damaged file, those before the damage).
    pub frames: u32,
    /// How many times the animation plays in all; `None` forever (see
    /// [`cordon_kit::Animation::loops`]).
    pub loops: Option<u32>,
    /// Some frame has a transparent colour index.
    pub transparency: bool,
    /// The screen has a global colour map.
    pub global_palette: bool,
    /// Version 89a (else 87a).
    pub gif89: bool,
    /// The frame count stopped at damaged data (the frames before it still decode).
    pub damaged: bool,
}

impl From<GifInfo> for cordon_kit::ImageInfo {
    fn from(info: GifInfo) -> Self {
        cordon_kit::ImageInfo {
            format: cordon_kit::Format::Gif,
            width: info.width,
            height: info.height,
            bit_depth: 8,
            // A frame smaller than the screen leaves the canvas transparent around it.
            has_alpha: true,
            orientation: None,
            frames: Some(info.frames),
        }
    }
}

impl std::fmt::Display for GifInfo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}x{}, {} frame", self.width, self.height, self.frames)?;
        if self.frames != 1 {
            f.write_str("s")?;
        }
        match self.loops {
            None => f.write_str(", loops forever")?,
            Some(1) => {}
            Some(n) => write!(f, ", plays {n} times")?,
        }
        if self.transparency {
            f.write_str(", transparency")?;
        }
        if self.damaged {
            f.write_str(", damaged")?;
        }
        Ok(())
    }
}
