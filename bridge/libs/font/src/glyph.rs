//! One glyph rendered through FreeType's own API (`FT_Load_Glyph`, `FT_Render_Glyph`), driven
//! from Rust through generated bindings: the options, the image, and the checks of the glyph
//! slot FreeType filled, the same for both backends.

use cordon_kit::{Error, Limits};

use crate::bindings::{constants as c, FT_Pixel_Mode, FT_Render_Mode};
use crate::header::MAX_SIZE_PX;

/// How a glyph's coverage is rendered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum RenderMode {
    /// 8-bit coverage per pixel (antialiased grayscale).
    #[default]
    Gray,
    /// Subpixel coverage for a horizontal RGB LCD: three bytes per pixel (R, G, B), rendered
    /// by FreeType's LCD mode (its patent-free "Harmony" method, with its default filter).
    Lcd,
}

impl RenderMode {
    /// Bytes per pixel of the coverage.
    pub fn bytes_per_pixel(self) -> usize {
        match self {
            RenderMode::Gray => 1,
            RenderMode::Lcd => 3,
        }
    }

    pub(crate) fn freetype(self) -> FT_Render_Mode {
        match self {
            RenderMode::Gray => FT_Render_Mode::FT_RENDER_MODE_NORMAL,
            RenderMode::Lcd => FT_Render_Mode::FT_RENDER_MODE_LCD,
        }
    }

    fn pixel_mode(self) -> FT_Pixel_Mode {
        match self {
            RenderMode::Gray => FT_Pixel_Mode::FT_PIXEL_MODE_GRAY,
            RenderMode::Lcd => FT_Pixel_Mode::FT_PIXEL_MODE_LCD,
        }
    }
}

/// How to render one glyph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct GlyphOptions {
    /// The em size in pixels (1 to [`MAX_SIZE_PX`]).
    pub size_px: u32,
    /// Grid-fit the outline (the font's hints, or the auto-hinter).
    pub hinting: bool,
    /// Grayscale or LCD subpixel coverage.
    pub mode: RenderMode,
}

impl GlyphOptions {
    /// Hinted grayscale at `size_px`.
    pub fn px(size_px: u32) -> GlyphOptions {
        GlyphOptions {
            size_px,
            hinting: true,
            mode: RenderMode::Gray,
        }
    }
}

/// One rendered glyph and its metrics, verified by the host.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GlyphImage {
    /// The glyph's index in the face (0: the face has no glyph for the character, and this is
    /// its `.notdef` glyph).
    pub glyph_index: u32,
    /// Width of the bitmap in pixels.
    pub width: u32,
    /// Height of the bitmap in pixels.
    pub height: u32,
    /// Pixels from the pen position to the bitmap's left edge.
    pub left: i32,
    /// Pixels from the baseline up to the bitmap's top row.
    pub top: i32,
    /// Pen advance in 26.6 fixed point (x, y).
    pub advance: (i32, i32),
    /// The coverage mode.
    pub mode: RenderMode,
    /// `height` rows of `width * mode.bytes_per_pixel()` bytes, top row first.
    pub coverage: Vec<u8>,
}

/// The largest advance or bitmap offset accepted from FreeType, in pixels (a glyph at the
/// largest size is at most a few ems across).
const MAX_OFFSET_PX: i64 = 16 * MAX_SIZE_PX as i64;

/// `FT_Load_Glyph` flags for `options`: outlines only (no embedded bitmaps), hinted for the
/// target the mode renders to, or not hinted at all.
pub(crate) fn load_flags(options: &GlyphOptions) -> i32 {
    let target = match options.mode {
        RenderMode::Gray => c::FT_LOAD_TARGET_NORMAL,
        RenderMode::Lcd => c::FT_LOAD_TARGET_LCD,
    };
    let hinting = if options.hinting {
        0
    } else {
        c::FT_LOAD_NO_HINTING
    };
    c::FT_LOAD_NO_BITMAP | target | hinting
}

/// The glyph slot after `FT_Render_Glyph`, as either backend read it.
#[derive(Debug, Default)]
pub(crate) struct SlotFacts {
    pub(crate) pixel_mode: u8,
    pub(crate) rows: u32,
    pub(crate) width: u32,
    pub(crate) pitch: i32,
    pub(crate) has_buffer: bool,
    pub(crate) left: i32,
    pub(crate) top: i32,
    pub(crate) advance: (i64, i64),
}

/// [`SlotFacts`] from an `FT_GlyphSlotRec` of either backend (same field names, other integer
/// widths), given whether its bitmap has a buffer.
macro_rules! slot_facts {
    ($slot:expr, has_buffer: $has_buffer:expr) => {
        $crate::glyph::SlotFacts {
            pixel_mode: $slot.bitmap.pixel_mode,
            rows: $slot.bitmap.rows,
            width: $slot.bitmap.width,
            pitch: $slot.bitmap.pitch,
            has_buffer: $has_buffer,
            left: $slot.bitmap_left,
            top: $slot.bitmap_top,
            advance: (i64::from($slot.advance.x), i64::from($slot.advance.y)),
        }
    };
}
pub(crate) use slot_facts;

/// A verified bitmap: where its rows are in FreeType's buffer.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Bitmap {
    pub(crate) width: u32,
    pub(crate) height: u32,
    /// Bytes of one row of coverage.
    pub(crate) row_bytes: usize,
    /// Distance between rows in FreeType's buffer (at least `row_bytes`).
    pub(crate) pitch: usize,
}

impl Bitmap {
    /// Bytes to copy out of FreeType's buffer: every row, the last without its padding.
    pub(crate) fn span(&self) -> usize {
        match self.height {
            0 => 0,
            h => self.pitch * (h as usize - 1) + self.row_bytes,
        }
    }

    /// The rows of `buffer` (of [`Bitmap::span`] bytes) without their padding.
    pub(crate) fn pack(&self, buffer: &[u8]) -> Vec<u8> {
        if self.pitch == self.row_bytes {
            return buffer.to_vec();
        }
        let mut out = Vec::with_capacity(self.row_bytes * self.height as usize);
        for row in 0..self.height as usize {
            out.extend_from_slice(&buffer[row * self.pitch..][..self.row_bytes]);
        }
        out
    }
}

/// Check the slot FreeType rendered for `options` before any byte of its bitmap is copied.
pub(crate) fn check_slot(
    slot: &SlotFacts,
    options: &GlyphOptions,
    limits: &Limits,
) -> Result<Bitmap, Error> {
    let expected = options.mode.pixel_mode();
    if FT_Pixel_Mode::try_from(u32::from(slot.pixel_mode)) != Ok(expected) && slot.rows > 0 {
        return Err(Error::Verification(format!(
            "pixel mode {} where {expected:?} was asked for",
            slot.pixel_mode
        )));
    }
    let per_pixel = options.mode.bytes_per_pixel() as u32;
    if !slot.width.is_multiple_of(per_pixel) {
        return Err(Error::Verification(format!(
            "bitmap {} bytes wide in a mode of {per_pixel} bytes a pixel",
            slot.width
        )));
    }
    let (width, height) = (slot.width / per_pixel, slot.rows);
    let row_bytes = slot.width as usize;
    if width > 0 && height > 0 {
        limits.check_size(width, height)?;
        limits.check_memory(width, height, u64::from(slot.width) * u64::from(height))?;
        if !slot.has_buffer {
            return Err(Error::Verification(format!(
                "a {width}x{height} bitmap without a buffer"
            )));
        }
    }
    // FreeType's renderers write top-down rows (a positive pitch) at least a row wide.
    let pitch = usize::try_from(slot.pitch).unwrap_or(0);
    if height > 0 && (pitch < row_bytes || pitch > row_bytes + 64) {
        return Err(Error::Verification(format!(
            "pitch {} for rows of {row_bytes} bytes",
            slot.pitch
        )));
    }
    let offsets = [
        i64::from(slot.left),
        i64::from(slot.top),
        slot.advance.0 / 64,
        slot.advance.1 / 64,
    ];
    if offsets
        .iter()
        .any(|v| v.unsigned_abs() > MAX_OFFSET_PX as u64)
    {
        return Err(Error::Verification(format!(
            "glyph offsets {offsets:?} beyond {MAX_OFFSET_PX} pixels"
        )));
    }
    Ok(Bitmap {
        width: if height == 0 { 0 } else { width },
        height: if width == 0 { 0 } else { height },
        row_bytes: if height == 0 || width == 0 {
            0
        } else {
            row_bytes
        },
        pitch,
    })
}

/// The image of a verified slot.
pub(crate) fn image(
    glyph_index: u32,
    slot: &SlotFacts,
    bitmap: Bitmap,
    options: &GlyphOptions,
    coverage: Vec<u8>,
) -> GlyphImage {
    GlyphImage {
        glyph_index,
        width: bitmap.width,
        height: bitmap.height,
        left: slot.left,
        top: slot.top,
        advance: (slot.advance.0 as i32, slot.advance.1 as i32),
        mode: options.mode,
        coverage,
    }
}
