//! # cordon-jpeg
//!
//! Decode untrusted JPEGs with libjpeg-turbo 3.1 running in a Cordon sandbox (no host imports,
//! its own memory, a memory cap, a per-call deadline), to 8-bit RGBA, optionally scaled by
//! 1/2, 1/4 or 1/8 inside libjpeg (the fast path for thumbnails). Baseline, progressive,
//! arithmetic-coded, restart-marker, greyscale, CMYK and YCCK files decode; CMYK/YCCK are
//! converted to RGB (Adobe-inverted samples as Photoshop writes them). The EXIF orientation is
//! reported, never applied. Corrupt data libjpeg recovers from is reported as warnings.
//!
//! ```
//! # fn main() -> Result<(), cordon_jpeg::Error> {
//! let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/testdata/gen_exif_orient6.jpg")).unwrap();
//! let mut decoder = cordon_jpeg::JpegDecoder::new()?;
//! let decoded = decoder.decode_scaled(&bytes, cordon_jpeg::Scale::Half)?;
//! assert_eq!((decoded.image.width, decoded.image.height), (48, 32));
//! assert_eq!(decoded.info.orientation, Some(6));
//! # Ok(()) }
//! ```

mod decoder;
mod header;
#[cfg(feature = "native")]
pub mod native;

pub use cordon_kit::{Error, Image, Limits};
pub use decoder::{library, JpegDecoder};

#[allow(missing_docs, dead_code, clippy::all)]
mod bindings {
    include!(concat!(env!("OUT_DIR"), "/jpeg_bindings.rs"));
}

/// How much libjpeg scales the image down while decoding (its DCT scaling: much faster than
/// decoding at full size and resizing).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scale {
    /// Full size.
    #[default]
    Full,
    /// 1/2 in each direction (rounded up).
    Half,
    /// 1/4.
    Quarter,
    /// 1/8.
    Eighth,
}

impl Scale {
    /// The denominator: 1, 2, 4 or 8.
    pub fn denominator(self) -> u32 {
        match self {
            Scale::Full => 1,
            Scale::Half => 2,
            Scale::Quarter => 4,
            Scale::Eighth => 8,
        }
    }

    /// The strongest scale whose output still covers `width` x `height` pixels of a
    /// `full_width` x `full_height` image (for thumbnails).
    pub fn at_least(full_width: u32, full_height: u32, width: u32, height: u32) -> Scale {
        [Scale::Eighth, Scale::Quarter, Scale::Half]
            .into_iter()
            .find(|s| {
                let d = s.denominator();
                full_width.div_ceil(d) >= width && full_height.div_ceil(d) >= height
            })
            .unwrap_or(Scale::Full)
    }
}

/// The colour space of the file's samples.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorSpace {
    /// One grey component.
    Grayscale,
    /// RGB stored as is.
    Rgb,
    /// The usual YCbCr.
    YCbCr,
    /// Four-component CMYK.
    Cmyk,
    /// CMYK stored as YCbCr + K.
    Ycck,
}

/// Header information of a JPEG, read by libjpeg in the sandbox and verified by the host.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JpegInfo {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// Colour space of the samples.
    pub color_space: ColorSpace,
    /// Progressive (multi-scan) coding.
    pub progressive: bool,
    /// Arithmetic rather than Huffman coding.
    pub arithmetic: bool,
    /// A restart interval is set.
    pub restart_markers: bool,
    /// An Adobe APP14 marker is present.
    pub adobe: bool,
    /// A JFIF APP0 marker is present.
    pub jfif: bool,
    /// An EXIF APP1 block is present.
    pub exif: bool,
    /// The EXIF orientation (1 to 8), when present. Never applied to the pixels.
    pub orientation: Option<u8>,
}

impl From<JpegInfo> for cordon_kit::ImageInfo {
    fn from(info: JpegInfo) -> Self {
        cordon_kit::ImageInfo {
            format: cordon_kit::Format::Jpeg,
            width: info.width,
            height: info.height,
            bit_depth: 8,
            has_alpha: false,
            orientation: info.orientation,
            frames: None,
        }
    }
}

/// A decoded JPEG with what libjpeg said about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The pixels, RGBA8, at the requested scale.
    pub image: Image,
    /// The file's header.
    pub info: JpegInfo,
    /// How many times libjpeg recovered from corrupt data (0 for a clean file).
    pub warnings: u32,
    /// libjpeg's first warning (e.g. "Premature end of JPEG file"), escaped.
    pub first_warning: Option<String>,
}

impl std::fmt::Display for JpegInfo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}x{} {:?}", self.width, self.height, self.color_space)?;
        for (on, what) in [
            (self.progressive, "progressive"),
            (self.arithmetic, "arithmetic-coded"),
            (self.restart_markers, "restart markers"),
        ] {
            if on {
                write!(f, ", {what}")?;
            }
        }
        if let Some(orientation) = self.orientation {
            write!(f, ", EXIF orientation {orientation}")?;
        }
        Ok(())
    }
}
