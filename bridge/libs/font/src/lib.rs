//! FreeType in a Cordon sandbox: open fonts from untrusted bytes and render lines of text.
//!
//! FreeType 2.14.3 (TrueType, OpenType/CFF, Type 1, CID, WOFF) runs in a WebAssembly
//! nanoprocess with no imports; the font file is copied in, and only verified numbers and
//! coverage bytes come out. A font whose hinting program loops forever hits the deadline, one
//! that exhausts memory hits the memory cap; both are errors, and the next call gets a fresh
//! sandbox.
//!
//! Text layout is deliberately simple, good for specimens and labels: UTF-8 decoded to code
//! points, one glyph per code point through the font's character map, kerning from the `kern`
//! table (`FT_Get_Kerning`), hinted or unhinted advances. There is **no shaping engine**: no
//! ligatures, no contextual forms, no right-to-left or complex scripts, no fallback fonts (a
//! missing character is drawn as the font's `.notdef` glyph and counted in
//! [`TextImage::missing`]).
//!
//! ```
//! # fn main() -> Result<(), cordon_font::Error> {
//! let font = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/testdata/DejaVuSans-subset.ttf")).unwrap();
//! let mut renderer = cordon_font::FontRenderer::new()?;
//! let info = renderer.info(&font, 0)?;
//! assert_eq!(info.family, "DejaVu Sans");
//! let line = renderer.render_line(&font, 0, "Hello", &cordon_font::TextOptions::px(32))?;
//! assert!(line.width > 50 && line.coverage.iter().any(|&c| c == 255));
//! # Ok(()) }
//! ```

mod glyph;
mod header;
#[cfg(feature = "native")]
pub mod native;
#[cfg(feature = "native")]
mod native32;
mod renderer;

pub use cordon_kit::{Error, Image, Limits};
pub use glyph::{GlyphImage, GlyphOptions, RenderMode};
pub use header::MAX_SIZE_PX;
pub use renderer::{library, Face, FontRenderer};

#[allow(missing_docs, dead_code, clippy::all)]
mod bindings {
    include!(concat!(env!("OUT_DIR"), "/font_bindings.rs"));
}

/// Whether `bytes` start like a font file this crate opens: TrueType/OpenType (`00 01 00 00`,
/// `true`, `OTTO`), a collection (`ttcf`), WOFF (`wOFF`), Type 1 (`%!PS-AdobeFont`,
/// `%!FontType1`, or the PFB segment marker `80 01`). A cheap test before handing a file to
/// FreeType, which makes the final decision.
///
/// ```
/// assert!(cordon_font::looks_like_font(b"OTTO\0\x0a"));
/// assert!(!cordon_font::looks_like_font(b"\x89PNG\r\n\x1a\n"));
/// ```
pub fn looks_like_font(bytes: &[u8]) -> bool {
    const SIGNATURES: [&[u8]; 9] = [
        b"\0\x01\0\0",
        b"true",
        b"typ1",
        b"OTTO",
        b"ttcf",
        b"wOFF",
        b"%!PS-AdobeFont",
        b"%!FontType1",
        b"\x80\x01",
    ];
    SIGNATURES.iter().any(|s| bytes.starts_with(s))
}

/// What FreeType reports about a face, verified by the host.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FontInfo {
    /// Faces in the file (a collection has several; pass the index to open another).
    pub faces: u32,
    /// This face's index in the file.
    pub face_index: u32,
    /// Glyphs in the face.
    pub glyphs: u32,
    /// Font units per em (0 for a bitmap-only face).
    pub units_per_em: u32,
    /// Ascender in font units.
    pub ascender: i32,
    /// Descender in font units (negative: below the baseline).
    pub descender: i32,
    /// Baseline-to-baseline distance in font units.
    pub line_height: i32,
    /// Family name (escaped to printable ASCII), e.g. "DejaVu Sans".
    pub family: String,
    /// Style name, e.g. "Bold Oblique".
    pub style: String,
    /// FreeType's name for the format: "TrueType", "CFF", "Type 1", "CID Type 1", ...
    pub format: String,
    /// Outlines that scale to any size.
    pub scalable: bool,
    /// A `kern` table FreeType can read.
    pub kerning: bool,
    /// Monospaced.
    pub fixed_width: bool,
    /// The font carries its own hinting (otherwise FreeType's auto-hinter is used).
    pub hinted: bool,
    /// Italic or oblique.
    pub italic: bool,
    /// Bold.
    pub bold: bool,
}

/// How to render a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextOptions {
    /// The em size in pixels (1 to [`MAX_SIZE_PX`]).
    pub size_px: u32,
    /// Grid-fit outlines (the font's hints, or the auto-hinter): crisper at small sizes. Off:
    /// outlines as designed, positioned at fractional pixels.
    pub hinting: bool,
    /// Grayscale coverage, or LCD subpixel coverage (three bytes a pixel).
    pub mode: RenderMode,
}

impl TextOptions {
    /// Hinted text at `size_px` pixels per em.
    pub fn px(size_px: u32) -> TextOptions {
        TextOptions {
            size_px,
            hinting: true,
            mode: RenderMode::Gray,
        }
    }
}

/// A rendered line: 8-bit coverage, one byte per pixel (three, R G B, in LCD mode), rows top to
/// bottom.
#[derive(Clone, PartialEq, Eq)]
pub struct TextImage {
    /// Width in pixels: the pen's advance, widened to every glyph's ink.
    pub width: u32,
    /// Height in pixels: the face's ascender to descender at this size, or the ink if taller.
    pub height: u32,
    /// The baseline's row, counted from the top.
    pub baseline: i32,
    /// The pen's advance over the whole line, in 1/64 pixel.
    pub advance: i32,
    /// Glyphs drawn (one per character).
    pub glyphs: u32,
    /// Characters the face has no glyph for (drawn as `.notdef`).
    pub missing: u32,
    /// Grayscale or LCD.
    pub mode: RenderMode,
    /// `width * height * mode.bytes_per_pixel()` coverage bytes: 0 none, 255 full.
    pub coverage: Vec<u8>,
}

impl TextImage {
    /// The line as an RGBA8 image: `color` text over `background`, or over transparency
    /// (coverage as alpha) when `background` is `None`. LCD coverage blends each channel with
    /// its own subpixel's coverage over a background; over transparency its alpha is the
    /// three subpixels' mean (subpixel detail needs a known background).
    ///
    /// ```
    /// let line = cordon_font::TextImage {
    ///     width: 2, height: 1, baseline: 1, advance: 128, glyphs: 1, missing: 0,
    ///     mode: cordon_font::RenderMode::Gray, coverage: vec![0, 255],
    /// };
    /// let image = line.to_rgba([0, 0, 0], Some([255, 255, 255]));
    /// assert_eq!(image.pixels, [255, 255, 255, 255, 0, 0, 0, 255]);
    /// ```
    pub fn to_rgba(&self, color: [u8; 3], background: Option<[u8; 3]>) -> Image {
        let per_pixel = self.mode.bytes_per_pixel();
        let mut pixels = Vec::with_capacity(self.coverage.len() / per_pixel * 4);
        let mix = |f: u8, b: u8, a: u8| {
            ((u32::from(f) * u32::from(a) + u32::from(b) * (255 - u32::from(a)) + 127) / 255) as u8
        };
        for pixel in self.coverage.chunks_exact(per_pixel) {
            // Gray: one coverage for the three channels; LCD: one for each.
            let cover = |k: usize| pixel[k.min(per_pixel - 1)];
            match background {
                None => {
                    let alpha = pixel.iter().map(|&c| u32::from(c)).sum::<u32>() / per_pixel as u32;
                    pixels.extend_from_slice(&[color[0], color[1], color[2], alpha as u8]);
                }
                Some(bg) => pixels.extend_from_slice(&[
                    mix(color[0], bg[0], cover(0)),
                    mix(color[1], bg[1], cover(1)),
                    mix(color[2], bg[2], cover(2)),
                    255,
                ]),
            }
        }
        Image::rgba8(self.width, self.height, pixels)
    }
}

impl std::fmt::Debug for TextImage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "TextImage({}x{}, baseline {}, {} glyphs, {} missing)",
            self.width, self.height, self.baseline, self.glyphs, self.missing
        )
    }
}

impl std::fmt::Display for FontInfo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} {} ({}, {} glyphs, {} units/em, face {} of {})",
            self.family,
            self.style,
            self.format,
            self.glyphs,
            self.units_per_em,
            self.face_index + 1,
            self.faces
        )
    }
}
