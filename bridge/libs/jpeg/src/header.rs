//! `struct cordon_jpeg_header` (guest/jpeg_glue.h), copied out in one read and verified: the
//! same checks for the sandboxed and the native backend.

use cordon_kit::{Error, Format, Image, Limits};

use crate::bindings::{constants as c, cordon_jpeg_header};
use crate::{ColorSpace, Decoded, JpegInfo, Scale};

/// A header that passed verification, with the output buffer the host will allocate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Header {
    pub(crate) info: JpegInfo,
    pub(crate) out_width: u32,
    pub(crate) out_height: u32,
    pub(crate) stride: u32,
    pub(crate) output_len: usize,
    /// Rows per decode call when the output is taken out in bands: about [`BAND_BYTES`].
    pub(crate) band_rows: u32,
}

/// The size of the guest buffer the sandboxed decoder takes its output through, band by
/// band: small enough that each band is still in the cache when the host copies it out, so
/// the guest never holds the whole image.
pub(crate) const BAND_BYTES: u32 = 128 << 10;

/// The status a glue call returned (or the header holds), as an error unless it is OK.
pub(crate) fn check_status(status: u32, h: &cordon_jpeg_header) -> Result<(), Error> {
    let message = || cordon_kit::library_text(&h.message, "libjpeg gave no reason");
    match status as i32 {
        c::CORDON_JPEG_OK => Ok(()),
        c::CORDON_JPEG_E_LIBJPEG if h.precision != 8 && h.precision != 0 => {
            Err(Error::Unsupported {
                format: Format::Jpeg,
                feature: message(),
            })
        }
        c::CORDON_JPEG_E_LIBJPEG => Err(Error::Invalid {
            format: Format::Jpeg,
            message: message(),
        }),
        c::CORDON_JPEG_E_NOMEM => Err(Error::OutOfMemory {
            format: Format::Jpeg,
            message: message(),
        }),
        _ => Err(Error::Verification(format!(
            "JPEG decoder status {status}: {}",
            message()
        ))),
    }
}

/// Verify what the host acts on: the size against the limits and the memory the decode will
/// take (one output band, whole-image coefficients, input and row buffers) against the memory cap, the
/// scaled size against libjpeg's own rule, the colour space against the component count.
pub(crate) fn verify(
    h: &cordon_jpeg_header,
    limits: &Limits,
    scale: Scale,
    input: usize,
) -> Result<Header, Error> {
    check_status(h.status, h)?;
    let bad = |what: String| Err(Error::Verification(what));
    let (width, height) = (h.width, h.height);
    if !(1..=65_500).contains(&width) || !(1..=65_500).contains(&height) {
        return bad(format!("{width}x{height} is not a JPEG size"));
    }
    // The output leaves through a band buffer, so its size is not bounded by the memory cap.
    limits.check_dimensions(width, height)?;
    // libjpeg scales as asked, or (lossless files) not at all.
    let d = match h.scale_denom {
        1 => 1,
        _ => scale.denominator(),
    };
    if h.scale_denom != d || h.out_width != width.div_ceil(d) || h.out_height != height.div_ceil(d)
    {
        return bad(format!(
            "1/{d} of {width}x{height} reported as {}x{}",
            h.out_width, h.out_height
        ));
    }
    let color_space = match (h.color_space as i32, h.components) {
        (c::CORDON_JPEG_CS_GRAYSCALE, 1) => ColorSpace::Grayscale,
        (c::CORDON_JPEG_CS_RGB, 3) => ColorSpace::Rgb,
        (c::CORDON_JPEG_CS_YCBCR, 3) => ColorSpace::YCbCr,
        (c::CORDON_JPEG_CS_CMYK, 4) => ColorSpace::Cmyk,
        (c::CORDON_JPEG_CS_YCCK, 4) => ColorSpace::Ycck,
        (cs, n) => return bad(format!("colour space {cs} with {n} components")),
    };
    if h.orientation > 8 {
        return bad(format!("EXIF orientation {}", h.orientation));
    }
    let stride = h.out_width * 4; // at most 65500 * 4: no overflow
    let output_len = stride as usize * h.out_height as usize;
    let band_rows = (BAND_BYTES / stride).clamp(1, h.out_height);
    let need = u64::from(band_rows * stride) // at most max(128 KiB, one row)
        + u64::from(h.coef_bytes)
        + input as u64
        + 64 * u64::from(width)
        + (2 << 20);
    limits.check_memory(width, height, need)?;
    let flag = |f: u32| h.flags & f != 0;
    let info = JpegInfo {
        width,
        height,
        color_space,
        progressive: flag(c::CORDON_JPEG_PROGRESSIVE),
        arithmetic: flag(c::CORDON_JPEG_ARITHMETIC),
        restart_markers: flag(c::CORDON_JPEG_RESTART),
        adobe: flag(c::CORDON_JPEG_ADOBE),
        jfif: flag(c::CORDON_JPEG_JFIF),
        exif: flag(c::CORDON_JPEG_EXIF),
        orientation: (h.orientation != 0).then_some(h.orientation as u8),
    };
    Ok(Header {
        info,
        out_width: h.out_width,
        out_height: h.out_height,
        stride,
        output_len,
        band_rows,
    })
}

/// After decode: its status, the row size and count it produced, and the warnings it reported.
pub(crate) fn finish(
    status: u32,
    h: &cordon_jpeg_header,
    header: Header,
    pixels: Vec<u8>,
) -> Result<Decoded, Error> {
    check_status(status, h)?;
    check_status(h.status, h)?;
    if h.out_rowbytes != header.stride || h.out_rows != header.out_height {
        return Err(Error::Verification(format!(
            "{} rows of {} bytes, expected {} of {}",
            h.out_rows, h.out_rowbytes, header.out_height, header.stride
        )));
    }
    debug_assert_eq!(pixels.len(), header.output_len);
    Ok(Decoded {
        image: Image::rgba8(header.out_width, header.out_height, pixels),
        info: header.info,
        warnings: h.warnings,
        first_warning: (h.warnings > 0)
            .then(|| cordon_kit::library_text(&h.warning, "libjpeg warned")),
    })
}
