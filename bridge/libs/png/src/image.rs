//! What the PNG bridge reports about a file: its header information.

use std::fmt;

/// The colour type stored in the file's IHDR chunk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorType {
    /// Grey samples (1, 2, 4, 8 or 16 bits).
    Grayscale,
    /// Red, green, blue (8 or 16 bits).
    Rgb,
    /// Palette indices (1, 2, 4 or 8 bits).
    Palette,
    /// Grey and alpha (8 or 16 bits).
    GrayscaleAlpha,
    /// Red, green, blue and alpha (8 or 16 bits).
    Rgba,
}

impl fmt::Display for ColorType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ColorType::Grayscale => "greyscale",
            ColorType::Rgb => "RGB",
            ColorType::Palette => "palette",
            ColorType::GrayscaleAlpha => "greyscale+alpha",
            ColorType::Rgba => "RGBA",
        })
    }
}

/// Header information of a PNG, read by libpng inside the sandbox and verified by the host.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PngInfo {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// Bits per sample as stored.
    pub bit_depth: u8,
    /// Colour type as stored.
    pub color_type: ColorType,
    /// Whether the file is Adam7-interlaced.
    pub interlaced: bool,
    /// File gamma times 100000, when the file has a gAMA chunk. Decoding does not apply it.
    pub gamma: Option<u32>,
    /// Whether the file has an sRGB chunk.
    pub srgb: bool,
    /// Whether the file has an embedded ICC profile (iCCP).
    pub icc_profile: bool,
    /// Whether the file has a tRNS (simple transparency) chunk.
    pub transparency_chunk: bool,
}

impl fmt::Display for PngInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}x{} {}-bit {}{}",
            self.width,
            self.height,
            self.bit_depth,
            self.color_type,
            if self.interlaced { ", interlaced" } else { "" }
        )?;
        if let Some(gamma) = self.gamma {
            write!(f, ", gamma {:.5}", gamma as f64 / 100_000.0)?;
        }
        if self.srgb {
            write!(f, ", sRGB")?;
        }
        if self.icc_profile {
            write!(f, ", ICC profile")?;
        }
        if self.transparency_chunk {
            write!(f, ", tRNS")?;
        }
        Ok(())
    }
}

impl From<PngInfo> for cordon_kit::ImageInfo {
    fn from(info: PngInfo) -> Self {
        cordon_kit::ImageInfo {
            format: cordon_kit::Format::Png,
            width: info.width,
            height: info.height,
            bit_depth: info.bit_depth,
            has_alpha: matches!(info.color_type, ColorType::GrayscaleAlpha | ColorType::Rgba)
                || info.transparency_chunk,
            orientation: None,
            frames: None,
        }
    }
}
