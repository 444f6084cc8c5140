//! The decoder header the guest glue fills in (`struct cordon_png_header` in
//! `guest/png_glue.h`), parsed from one host-side copy and verified field by field.

use crate::error::PngError;
use crate::image::{ColorType, PngInfo};
use crate::limits::PngLimits;

/// Size of `struct cordon_png_header` in guest memory.
pub(crate) const HEADER_SIZE: usize = 36 + MESSAGE_SIZE;
const MESSAGE_SIZE: usize = 128;

const STATUS_OK: u32 = 0;
const STATUS_LIBPNG: u32 = 1;
const STATUS_NOMEM: u32 = 2;

const HAS_GAMA: u32 = 1;
const HAS_SRGB: u32 = 2;
const HAS_ICCP: u32 = 4;
const HAS_TRNS: u32 = 8;

/// A header that passed verification: the image fits the limits and the output row size is
/// exactly what the host will allocate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Header {
    pub(crate) info: PngInfo,
    /// Bytes of the RGBA8 output buffer (`width * height * 4`), computed by the host.
    pub(crate) output_len: usize,
    /// Bytes per output row (`width * 4`).
    pub(crate) stride: u32,
}

/// The `index`th 32-bit field of a header copy.
pub(crate) fn field(bytes: &[u8; HEADER_SIZE], index: usize) -> u32 {
    let at = index * 4;
    u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]])
}

/// The library's message: bounded, NUL-terminated, printable text only.
pub(crate) fn message(bytes: &[u8; HEADER_SIZE]) -> String {
    let raw = &bytes[36..];
    let text = raw.split(|&b| b == 0).next().unwrap_or(&[]);
    let text: String = String::from_utf8_lossy(text)
        .chars()
        .map(|c| if c.is_control() { '?' } else { c })
        .collect();
    if text.trim().is_empty() {
        "libpng gave no reason".to_string()
    } else {
        text.trim().to_string()
    }
}

/// The status the glue returned, as an error unless it is OK.
pub(crate) fn check_status(status: u32, bytes: &[u8; HEADER_SIZE]) -> Result<(), PngError> {
    match status {
        STATUS_OK => Ok(()),
        STATUS_LIBPNG => Err(PngError::Invalid(message(bytes))),
        STATUS_NOMEM => Err(PngError::OutOfMemory(message(bytes))),
        other => Err(PngError::Sandbox(cordon_sandbox::Error::Verification(
            format!("decoder status {other} is not a known status"),
        ))),
    }
}

fn bad(what: String) -> PngError {
    PngError::Sandbox(cordon_sandbox::Error::Verification(what))
}

/// The dimensions the file's IHDR declares, read from the host's own input buffer (fixed
/// offsets, no decoding), so an oversized image is refused before it reaches the sandbox. This
/// also keeps sandboxed and native results identical: on wasm32 libpng itself rejects widths
/// whose rows would overflow a 32-bit `size_t`, which a 64-bit native build accepts.
pub(crate) fn check_declared_size(png: &[u8], limits: &PngLimits) -> Result<(), PngError> {
    const SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
    let be = |at: usize| u32::from_be_bytes([png[at], png[at + 1], png[at + 2], png[at + 3]]);
    if png.len() < 24 || &png[..8] != SIGNATURE || be(8) != 13 || &png[12..16] != b"IHDR" {
        return Ok(()); // not a well-formed start: libpng will say what is wrong
    }
    let (width, height) = (be(16), be(20));
    if width == 0 || height == 0 || width > i32::MAX as u32 || height > i32::MAX as u32 {
        return Ok(()); // invalid for PNG itself: libpng reports it
    }
    limits.check(width, height)
}

/// After decoding: the row size libpng actually produced must be the host's stride, or the
/// rows would have landed in the wrong places.
pub(crate) fn verify_rowbytes(bytes: &[u8; HEADER_SIZE], stride: u32) -> Result<(), PngError> {
    let out_rowbytes = field(bytes, 6);
    if out_rowbytes == stride {
        Ok(())
    } else {
        Err(bad(format!(
            "decoder produced {out_rowbytes}-byte rows, expected {stride} for RGBA8"
        )))
    }
}

/// Verify every field the host will act on. `bytes` is the host's own copy of the header, so
/// the library cannot change it between these checks and the use of the result.
pub(crate) fn verify(bytes: &[u8; HEADER_SIZE], limits: &PngLimits) -> Result<Header, PngError> {
    check_status(field(bytes, 0), bytes)?;
    let (width, height) = (field(bytes, 1), field(bytes, 2));
    let (bit_depth, color_type, interlace) = (field(bytes, 3), field(bytes, 4), field(bytes, 5));
    let (flags, gamma) = (field(bytes, 7), field(bytes, 8));

    // PNG itself forbids zero and anything above 2^31 - 1.
    if width == 0 || height == 0 || width > i32::MAX as u32 || height > i32::MAX as u32 {
        return Err(bad(format!(
            "image size {width}x{height} is not a valid PNG size"
        )));
    }
    limits.check(width, height)?;

    let color_type = match (color_type, bit_depth) {
        (0, 1 | 2 | 4 | 8 | 16) => ColorType::Grayscale,
        (2, 8 | 16) => ColorType::Rgb,
        (3, 1 | 2 | 4 | 8) => ColorType::Palette,
        (4, 8 | 16) => ColorType::GrayscaleAlpha,
        (6, 8 | 16) => ColorType::Rgba,
        _ => {
            return Err(bad(format!(
                "colour type {color_type} with bit depth {bit_depth} is not a PNG format"
            )))
        }
    };
    let interlaced = match interlace {
        0 => false,
        1 => true,
        other => return Err(bad(format!("interlace method {other} is not a PNG method"))),
    };
    // The output is RGBA8 by construction of the transforms; the host sizes the buffer.
    let stride = width
        .checked_mul(4)
        .ok_or_else(|| bad(format!("row of {width} pixels overflows")))?;
    let output_len = (stride as usize)
        .checked_mul(height as usize)
        .ok_or_else(|| bad(format!("{width}x{height} RGBA8 overflows")))?;

    Ok(Header {
        info: PngInfo {
            width,
            height,
            bit_depth: bit_depth as u8,
            color_type,
            interlaced,
            gamma: (flags & HAS_GAMA != 0).then_some(gamma),
            srgb: flags & HAS_SRGB != 0,
            icc_profile: flags & HAS_ICCP != 0,
            transparency_chunk: flags & HAS_TRNS != 0,
        },
        output_len,
        stride,
    })
}

/// One host copy of the guest header at `header`; every check runs on this copy.
pub(crate) fn copy(
    sandbox: &mut cordon_sandbox::Sandbox,
    header: cordon_sandbox::TaintedPtr<u8>,
) -> Result<[u8; HEADER_SIZE], PngError> {
    let copy = sandbox.read::<[u8; HEADER_SIZE]>(header.cast())?;
    Ok(copy.unverified_because("raw header bytes; verify() checks every field"))
}

/// Copy the decoded RGBA8 pixels of a verified header out of the sandbox.
pub(crate) fn copy_pixels(
    sandbox: &mut cordon_sandbox::Sandbox,
    output: cordon_sandbox::TaintedPtr<u8>,
    header: &Header,
) -> Result<crate::image::Image, PngError> {
    let pixels = sandbox.read_bytes(output, header.output_len)?;
    Ok(crate::image::Image {
        width: header.info.width,
        height: header.info.height,
        pixels: pixels.unverified_because(
            "pixel bytes are data, never sizes or addresses; their count is the host's",
        ),
    })
}
