//! The decoder header the guest glue fills in (`struct cordon_png_header` in
//! `guest/png_glue.h`), copied out in one read as the generated struct and verified field by
//! field. Status codes and flags are the header's own constants, generated from it.

use cordon_kit::{Error, Format, Image, Limits};
use cordon_sandbox::{Sandbox, TaintedPtr};

use crate::bindings::generated::{constants as c, cordon_png_header};
use crate::image::{ColorType, PngInfo};

/// A header that passed verification: the image fits the limits and the output row size is
/// exactly what the host will allocate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Header {
    pub(crate) info: PngInfo,
    /// Bytes per output pixel: 4 (RGBA8), or 3 (RGB8) for an opaque image (neither alpha nor
    /// tRNS; glue and host decide alike); the host adds the alpha byte while copying out.
    pub(crate) channels: u32,
    /// Bytes of the output buffer (`width * height * channels`), computed by the host.
    pub(crate) output_len: usize,
    /// Bytes per output row (`width * channels`).
    pub(crate) stride: u32,
}

fn invalid(copy: &cordon_png_header) -> Error {
    Error::Invalid {
        format: Format::Png,
        message: cordon_kit::library_text(&copy.message, "libpng gave no reason"),
    }
}

/// The status the glue returned, as an error unless it is OK.
pub(crate) fn check_status(status: u32, copy: &cordon_png_header) -> Result<(), Error> {
    match status as i32 {
        c::CORDON_PNG_OK => Ok(()),
        c::CORDON_PNG_E_LIBPNG => Err(invalid(copy)),
        c::CORDON_PNG_E_NOMEM => Err(Error::OutOfMemory {
            format: Format::Png,
            message: cordon_kit::library_text(&copy.message, "libpng is out of memory"),
        }),
        _ => Err(Error::Verification(format!(
            "decoder status {status} is not a known status"
        ))),
    }
}

/// Whether the decoder saw damaged image data after the last row (libpng only warns about a
/// bad Adler-32 found then); as an error.
pub(crate) fn check_damage(copy: &cordon_png_header) -> Result<(), Error> {
    if copy.flags & c::CORDON_PNG_DAMAGED_DATA != 0 {
        Err(invalid(copy))
    } else {
        Ok(())
    }
}

fn bad(what: String) -> Error {
    Error::Verification(what)
}

/// The dimensions the file's IHDR declares, read from the host's own input buffer (fixed
/// offsets, no decoding), so an oversized image is refused before it reaches the sandbox. This
/// also keeps sandboxed and native results identical: on wasm32 libpng itself rejects widths
/// whose rows would overflow a 32-bit `size_t`, which a 64-bit native build accepts.
pub(crate) fn check_declared_size(png: &[u8], limits: &Limits) -> Result<(), Error> {
    const SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
    let be = |at: usize| u32::from_be_bytes([png[at], png[at + 1], png[at + 2], png[at + 3]]);
    if png.len() < 24 || &png[..8] != SIGNATURE || be(8) != 13 || &png[12..16] != b"IHDR" {
        return Ok(()); // not a well-formed start: libpng will say what is wrong
    }
    let (width, height) = (be(16), be(20));
    if width == 0 || height == 0 || width > i32::MAX as u32 || height > i32::MAX as u32 {
        return Ok(()); // invalid for PNG itself: libpng reports it
    }
    limits.check_size(width, height)
}

/// After decoding: the row size libpng actually produced must be the host's stride, or the
/// rows would have landed in the wrong places.
pub(crate) fn verify_rowbytes(copy: &cordon_png_header, stride: u32) -> Result<(), Error> {
    if copy.out_rowbytes == stride {
        Ok(())
    } else {
        Err(bad(format!(
            "decoder produced {}-byte rows, expected {stride}",
            copy.out_rowbytes
        )))
    }
}

/// Verify every field the host will act on. `copy` is the host's own copy of the header, so
/// the library cannot change it between these checks and the use of the result.
pub(crate) fn verify(copy: &cordon_png_header, limits: &Limits) -> Result<Header, Error> {
    check_status(copy.status, copy)?;
    let (width, height) = (copy.width, copy.height);
    let (bit_depth, color_type) = (copy.bit_depth, copy.color_type);

    // PNG itself forbids zero and anything above 2^31 - 1.
    if width == 0 || height == 0 || width > i32::MAX as u32 || height > i32::MAX as u32 {
        return Err(bad(format!(
            "image size {width}x{height} is not a valid PNG size"
        )));
    }
    limits.check_size(width, height)?;

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
    let interlaced = match copy.interlace {
        0 => false,
        1 => true,
        other => return Err(bad(format!("interlace method {other} is not a PNG method"))),
    };
    let flag = |f: u32| copy.flags & f != 0;
    // The output is RGBA8 (or RGB8) by construction of the transforms; the host sizes the
    // buffer, and verify_rowbytes checks libpng wrote rows of exactly this size.
    let opaque = matches!(
        color_type,
        ColorType::Grayscale | ColorType::Rgb | ColorType::Palette
    ) && !flag(c::CORDON_PNG_HAS_TRNS);
    let channels = if opaque { 3 } else { 4 };
    let stride = width
        .checked_mul(channels)
        .ok_or_else(|| bad(format!("row of {width} pixels overflows")))?;
    let output_len = (stride as usize)
        .checked_mul(height as usize)
        .ok_or_else(|| bad(format!("{width}x{height} pixels overflow")))?;
    Ok(Header {
        info: PngInfo {
            width,
            height,
            bit_depth: bit_depth as u8,
            color_type,
            interlaced,
            gamma: flag(c::CORDON_PNG_HAS_GAMA).then_some(copy.gamma),
            srgb: flag(c::CORDON_PNG_HAS_SRGB),
            icc_profile: flag(c::CORDON_PNG_HAS_ICCP),
            transparency_chunk: flag(c::CORDON_PNG_HAS_TRNS),
        },
        channels,
        output_len,
        stride,
    })
}

/// One host copy of the guest header at `header`; every check runs on this copy.
pub(crate) fn copy(
    sandbox: &mut Sandbox,
    header: TaintedPtr<cordon_png_header>,
) -> Result<cordon_png_header, Error> {
    Ok(sandbox
        .read(header)?
        .unverified_because("the host's own copy; verify() checks every field it uses"))
}

/// Copy the decoded pixels of a verified header out of the sandbox as RGBA8 (adding the
/// alpha channel to RGB8 output in the same pass).
pub(crate) fn copy_pixels(
    sandbox: &mut Sandbox,
    output: TaintedPtr<u8>,
    header: &Header,
) -> Result<Image, Error> {
    const WHY: &str = "pixel bytes are data, never sizes or addresses; their count is the host's";
    if header.channels == 4 {
        let pixels = sandbox.read_bytes(output, header.output_len)?;
        return Ok(Image::rgba8(
            header.info.width,
            header.info.height,
            pixels.unverified_because(WHY),
        ));
    }
    let (width, height) = (header.info.width, header.info.height);
    Ok(sandbox.with_bytes(output, header.output_len, |rgb| {
        Image::rgba8_from_rgb8(width, height, rgb.unverified_because(WHY))
    })?)
}
