//! What FreeType and the glue report, verified: a face (`FT_FaceRec`, as either backend read
//! it), FreeType errors, and `struct cordon_font_header` (guest/font_glue.h) for a line. The
//! same checks for the sandboxed and the native backend.

use cordon_kit::{Error, Format, Limits};

use crate::bindings::{constants as c, cordon_font_header};
use crate::{FontInfo, RenderMode, TextOptions};

/// The largest pixel size a line may be rendered at (an em of 16,384 pixels).
pub const MAX_SIZE_PX: u32 = 16_384;

/// The status a glue call returned, as an error unless it is OK.
pub(crate) fn check_status(status: u32, h: &cordon_font_header) -> Result<(), Error> {
    match status as i32 {
        c::CORDON_FONT_OK => Ok(()),
        c::CORDON_FONT_E_FREETYPE | c::CORDON_FONT_E_NOMEM => Err(freetype_error(
            h.error,
            cordon_kit::library_text(&h.message, ""),
        )),
        c::CORDON_FONT_E_TOO_LARGE => Err(Error::TooLarge {
            width: 1 << 28,
            height: 1 << 28,
            limit: cordon_kit::Limit::Width(1 << 28),
        }),
        _ => Err(Error::Verification(format!(
            "font glue status {status} where OK was expected"
        ))),
    }
}

/// A FreeType error code and its text (`FT_Error_String`, already escaped) as an error.
pub(crate) fn freetype_error(code: i32, message: String) -> Error {
    let message = if message.is_empty() {
        "FreeType gave no reason".to_string()
    } else {
        message
    };
    if code == c::FT_Err_Out_Of_Memory {
        Error::OutOfMemory {
            format: Format::Font,
            message,
        }
    } else {
        Error::Invalid {
            format: Format::Font,
            message: format!("{message} (FreeType error {code:#04x})"),
        }
    }
}

/// The largest face index FreeType reads as a face (above it, the bits select a named
/// instance of a variable font, which this crate does not expose).
pub(crate) const MAX_FACE_INDEX: u32 = 0xffff;

/// An `FT_FaceRec` as either backend read it (FT_Long is 32-bit in the sandbox, 64-bit
/// natively), names already copied out: verified in one place.
#[derive(Debug, Default)]
pub(crate) struct FaceFacts {
    pub(crate) num_faces: i64,
    pub(crate) face_index: i64,
    pub(crate) num_glyphs: i64,
    pub(crate) face_flags: i64,
    pub(crate) style_flags: i64,
    pub(crate) units_per_em: u16,
    pub(crate) ascender: i16,
    pub(crate) descender: i16,
    pub(crate) height: i16,
    pub(crate) family: Vec<u8>,
    pub(crate) style: Vec<u8>,
    pub(crate) format: Vec<u8>,
}

/// [`FaceFacts`] from an `FT_FaceRec` of either backend (the generated wasm32 copy, or
/// bindgen's native struct: the same field names, other integer widths) and the three strings
/// each backend reads its own way: one mapping, so the backends cannot drift apart.
macro_rules! face_facts {
    ($rec:expr, family: $family:expr, style: $style:expr, format: $format:expr) => {
        $crate::header::FaceFacts {
            num_faces: i64::from($rec.num_faces),
            face_index: i64::from($rec.face_index),
            num_glyphs: i64::from($rec.num_glyphs),
            face_flags: i64::from($rec.face_flags),
            style_flags: i64::from($rec.style_flags),
            units_per_em: $rec.units_per_EM,
            ascender: $rec.ascender,
            descender: $rec.descender,
            height: $rec.height,
            family: $family,
            style: $style,
            format: $format,
        }
    };
}
pub(crate) use face_facts;

/// The face FreeType opened as face `face_index`, verified.
pub(crate) fn face(f: &FaceFacts, face_index: u32) -> Result<FontInfo, Error> {
    let faces = u32::try_from(f.num_faces)
        .ok()
        .filter(|&n| n > 0 && n <= MAX_FACE_INDEX + 1 && face_index < n);
    let Some(faces) = faces else {
        return Err(Error::Verification(format!(
            "face {face_index} of {} faces",
            f.num_faces
        )));
    };
    if f.face_index & 0xffff != i64::from(face_index) {
        return Err(Error::Verification(format!(
            "face {} opened for face {face_index}",
            f.face_index
        )));
    }
    let glyphs = u32::try_from(f.num_glyphs)
        .ok()
        .filter(|&n| n <= 1 << 24)
        .ok_or_else(|| Error::Verification(format!("{} glyphs", f.num_glyphs)))?;
    let face_flag = |flag: i32| f.face_flags & i64::from(flag) != 0;
    let style_flag = |flag: i32| f.style_flags & i64::from(flag) != 0;
    let scalable = face_flag(c::FT_FACE_FLAG_SCALABLE);
    let metric = |v: i16| if scalable { i32::from(v) } else { 0 };
    Ok(FontInfo {
        faces,
        face_index,
        glyphs,
        units_per_em: if scalable {
            u32::from(f.units_per_em)
        } else {
            0
        },
        ascender: metric(f.ascender),
        descender: metric(f.descender),
        line_height: metric(f.height),
        family: cordon_kit::library_text(&f.family, ""),
        style: cordon_kit::library_text(&f.style, ""),
        format: cordon_kit::library_text(&f.format, "unknown"),
        scalable,
        kerning: face_flag(c::FT_FACE_FLAG_KERNING),
        fixed_width: face_flag(c::FT_FACE_FLAG_FIXED_WIDTH),
        hinted: face_flag(c::FT_FACE_FLAG_HINTER),
        italic: style_flag(c::FT_STYLE_FLAG_ITALIC),
        bold: style_flag(c::FT_STYLE_FLAG_BOLD),
    })
}

/// The face index, checked before FreeType sees it.
pub(crate) fn check_face_index(face_index: u32) -> Result<(), Error> {
    if face_index > MAX_FACE_INDEX {
        return Err(Error::Invalid {
            format: Format::Font,
            message: format!("face index {face_index} (at most {MAX_FACE_INDEX})"),
        });
    }
    Ok(())
}

/// A pixel size, checked before FreeType sees it.
pub(crate) fn check_size(size_px: u32) -> Result<(), Error> {
    if size_px == 0 || size_px > MAX_SIZE_PX {
        return Err(Error::TooLarge {
            width: size_px,
            height: size_px,
            limit: cordon_kit::Limit::Height(MAX_SIZE_PX),
        });
    }
    Ok(())
}

/// The render options, checked before anything reaches FreeType.
pub(crate) fn check_options(
    options: &TextOptions,
    text: &str,
    limits: &Limits,
) -> Result<(), Error> {
    check_size(options.size_px)?;
    limits.check_input(text.len())
}

/// A kerning vector (26.6) FreeType returned, range-checked (at most 16 ems of the largest size).
pub(crate) fn check_kerning(x: i64, y: i64) -> Result<(i32, i32), Error> {
    const MAX: i64 = 64 * 16 * MAX_SIZE_PX as i64;
    if x.unsigned_abs() > MAX as u64 || y.unsigned_abs() > MAX as u64 {
        return Err(Error::Verification(format!(
            "kerning ({x}, {y}) beyond {MAX} (26.6)"
        )));
    }
    Ok((x as i32, y as i32))
}

/// The glue's render flags for `options`.
pub(crate) fn render_flags(options: &TextOptions) -> u32 {
    let hinting = if options.hinting {
        0
    } else {
        c::CORDON_FONT_NO_HINTING
    };
    let lcd = match options.mode {
        RenderMode::Gray => 0,
        RenderMode::Lcd => c::CORDON_FONT_LCD,
    };
    hinting | lcd
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
    pub(crate) mode: RenderMode,
}

impl Line {
    /// Bytes of one row of coverage (the stride the glue renders with).
    pub(crate) fn stride(&self) -> u32 {
        self.width * self.mode.bytes_per_pixel() as u32
    }

    pub(crate) fn len(&self) -> usize {
        self.stride() as usize * self.height as usize
    }
}

/// The measured line's size, checked against the limits before the host allocates the line's
/// bitmap. (The glyphs' own coverage is allocated by measure inside the sandbox, within the
/// glue's budget and the sandbox's memory cap.)
pub(crate) fn line(
    h: &cordon_font_header,
    text: &str,
    options: &TextOptions,
    limits: &Limits,
) -> Result<Line, Error> {
    check_status(h.status, h)?;
    let (width, height) = (h.width, h.height);
    if width == 0 || height == 0 {
        return Err(Error::Verification(format!(
            "line bitmap of {width}x{height} pixels"
        )));
    }
    limits.check_size(width, height)?;
    let per_pixel = options.mode.bytes_per_pixel() as u64;
    // A row's bytes are a u32 (`Line::stride`): refused here rather than wrapped, should the
    // limits allow a width that large.
    if u64::from(width) * per_pixel > u64::from(u32::MAX) {
        return Err(Error::TooLarge {
            width,
            height,
            limit: cordon_kit::Limit::Width(limits.max_width),
        });
    }
    limits.check_memory(
        width,
        height,
        (u64::from(width) * u64::from(height)).saturating_mul(per_pixel),
    )?;
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
        mode: options.mode,
    })
}
