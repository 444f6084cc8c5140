//! `struct cordon_font_header` (guest/font_glue.h), copied out in one read and verified: the
//! same checks for the sandboxed and the native backend.

use cordon_kit::{Error, Format, Limits};

use crate::bindings::{constants as c, cordon_font_header};
use crate::{FontInfo, TextOptions};

/// The largest pixel size a line may be rendered at (an em of 16,384 pixels).
pub const MAX_SIZE_PX: u32 = 16_384;

/// The status a glue call returned, as an error unless it is OK.
pub(crate) fn check_status(status: u32, h: &cordon_font_header) -> Result<(), Error> {
    let message = || cordon_kit::library_text(&h.message, "FreeType gave no reason");
    match status as i32 {
        c::CORDON_FONT_OK => Ok(()),
        c::CORDON_FONT_E_FREETYPE => Err(Error::Invalid {
            format: Format::Font,
            message: format!("{} (FreeType error {:#04x})", message(), h.error),
        }),
        c::CORDON_FONT_E_NOMEM => Err(Error::OutOfMemory {
            format: Format::Font,
            message: message(),
        }),
        c::CORDON_FONT_E_TOO_LARGE => Err(Error::TooLarge {
            width: 1 << 28,
            height: h.size_px,
            limit: cordon_kit::Limit::Width(1 << 28),
        }),
        _ => Err(Error::Verification(format!(
            "font glue status {status} where OK was expected"
        ))),
    }
}

/// The face the header describes, after its status.
pub(crate) fn face(h: &cordon_font_header) -> Result<FontInfo, Error> {
    check_status(h.status, h)?;
    if h.num_faces == 0 || h.face_index >= h.num_faces {
        return Err(Error::Verification(format!(
            "face {} of {} faces",
            h.face_index, h.num_faces
        )));
    }
    let flag = |f: u32| h.flags & f != 0;
    Ok(FontInfo {
        faces: h.num_faces,
        face_index: h.face_index,
        glyphs: h.num_glyphs,
        units_per_em: h.units_per_em,
        ascender: h.ascender,
        descender: h.descender,
        line_height: h.line_height,
        family: cordon_kit::library_text(&h.family, ""),
        style: cordon_kit::library_text(&h.style, ""),
        format: cordon_kit::library_text(&h.format, "unknown"),
        scalable: flag(c::CORDON_FONT_SCALABLE),
        kerning: flag(c::CORDON_FONT_KERNING),
        fixed_width: flag(c::CORDON_FONT_FIXED_WIDTH),
        hinted: flag(c::CORDON_FONT_HINTER),
        italic: flag(c::CORDON_FONT_ITALIC),
        bold: flag(c::CORDON_FONT_BOLD),
    })
}

/// The render options, checked before anything reaches FreeType.
pub(crate) fn check_options(
    options: &TextOptions,
    text: &str,
    limits: &Limits,
) -> Result<(), Error> {
    if options.size_px == 0 || options.size_px > MAX_SIZE_PX {
        return Err(Error::TooLarge {
            width: options.size_px,
            height: options.size_px,
            limit: cordon_kit::Limit::Height(MAX_SIZE_PX),
        });
    }
    limits.check_input(text.len())
}

/// The glue's render flags for `options`.
pub(crate) fn render_flags(options: &TextOptions) -> u32 {
    if options.hinting {
        0
    } else {
        c::CORDON_FONT_NO_HINTING
    }
}

/// A measured line that passed verification: the bitmap the host will allocate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Line {
    pub(crate) width: u32,
    pub(crate) height: u32,
    pub(crate) baseline: i32,
    pub(crate) advance: i32,
    pub(crate) glyphs: u32,
    pub(crate) missing: u32,
}

impl Line {
    pub(crate) fn len(&self) -> usize {
        self.width as usize * self.height as usize
    }
}

/// The measured line's size, checked against the limits before any pixel is allocated.
pub(crate) fn line(h: &cordon_font_header, text: &str, limits: &Limits) -> Result<Line, Error> {
    check_status(h.status, h)?;
    let (width, height) = (h.width, h.height);
    if width == 0 || height == 0 {
        return Err(Error::Verification(format!(
            "line bitmap of {width}x{height} pixels"
        )));
    }
    limits.check_size(width, height)?;
    limits.check_memory(width, height, u64::from(width) * u64::from(height))?;
    let chars = text.chars().count() as u64;
    if u64::from(h.glyphs) != chars || h.missing > h.glyphs {
        return Err(Error::Verification(format!(
            "{} glyphs ({} missing) for {chars} characters",
            h.glyphs, h.missing
        )));
    }
    if h.baseline.unsigned_abs() > 1 << 28 {
        return Err(Error::Verification(format!(
            "baseline at row {}",
            h.baseline
        )));
    }
    Ok(Line {
        width,
        height,
        baseline: h.baseline,
        advance: h.advance,
        glyphs: h.glyphs,
        missing: h.missing,
    })
}
