//! `struct cordon_webp_header` (guest/webp_glue.h), copied out in one read and verified: the
//! same checks for the sandboxed and the native backend.

use std::time::Duration;

use cordon_kit::{Error, Format, Limits};

use crate::bindings::{constants as c, cordon_webp_header};
use crate::{WebpFormat, WebpInfo};

/// The largest canvas side a VP8X chunk can declare (24 bits, stored minus one).
const MAX_CANVAS: u32 = 1 << 24;
/// The largest side of a VP8 or VP8L bitstream (14 bits), so of a still.
const MAX_STILL: u32 = 1 << 14;
/// Bytes of the smallest ANMF chunk: chunk header, 16 bytes of frame header, a chunk header.
const MIN_FRAME_BYTES: u64 = 8 + 16 + 8;

/// A header that passed verification, with the output buffer the host will allocate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Header {
    pub(crate) info: WebpInfo,
    pub(crate) stride: u32,
    pub(crate) output_len: usize,
    /// Sandbox memory a full decode takes (output, libwebp's canvases and scratch, input).
    pub(crate) memory: u64,
}

/// The status a glue call returned (or the header holds), as an error unless it is OK.
/// libwebp's VP8StatusCode decides the kind.
pub(crate) fn check_status(status: u32, h: &cordon_webp_header) -> Result<(), Error> {
    let message = || cordon_kit::library_text(&h.message, "libwebp gave no reason");
    match (status as i32, h.vp8_status as i32) {
        (c::CORDON_WEBP_OK, _) => Ok(()),
        (c::CORDON_WEBP_E_WEBP, c::CORDON_WEBP_VP8_BITSTREAM_ERROR)
        | (c::CORDON_WEBP_E_WEBP, c::CORDON_WEBP_VP8_NOT_ENOUGH_DATA) => Err(Error::Invalid {
            format: Format::WebP,
            message: message(),
        }),
        (c::CORDON_WEBP_E_WEBP, c::CORDON_WEBP_VP8_UNSUPPORTED_FEATURE) => {
            Err(Error::Unsupported {
                format: Format::WebP,
                feature: message(),
            })
        }
        (c::CORDON_WEBP_E_WEBP, c::CORDON_WEBP_VP8_OUT_OF_MEMORY) => Err(Error::OutOfMemory {
            format: Format::WebP,
            message: message(),
        }),
        (_, vp8) => Err(Error::Verification(format!(
            "WebP decoder status {status} (libwebp {vp8}): {}",
            message()
        ))),
    }
}

/// Verify what `cordon_webp_begin` reported: the size against the format's bounds and the
/// limits, the flags and format against the known values, the frame and loop counts against
/// the container's rules and the input's length.
pub(crate) fn verify(
    h: &cordon_webp_header,
    limits: &Limits,
    input: usize,
) -> Result<Header, Error> {
    check_status(h.status, h)?;
    let bad = |what: String| Err(Error::Verification(what));
    let (width, height) = (h.width, h.height);
    if h.animated > 1 || h.has_alpha > 1 {
        return bad(format!(
            "flags animated={} alpha={}",
            h.animated, h.has_alpha
        ));
    }
    let animated = h.animated == 1;
    let max = if animated { MAX_CANVAS } else { MAX_STILL };
    if !(1..=max).contains(&width) || !(1..=max).contains(&height) {
        return bad(format!("{width}x{height} is not a WebP size"));
    }
    limits.check_size(width, height)?;
    let format = match h.format as i32 {
        c::CORDON_WEBP_FORMAT_LOSSY => WebpFormat::Lossy,
        c::CORDON_WEBP_FORMAT_LOSSLESS => WebpFormat::Lossless,
        c::CORDON_WEBP_FORMAT_MIXED if animated => WebpFormat::Mixed,
        other => return bad(format!("format {other}")),
    };
    let most_frames = if animated {
        input as u64 / MIN_FRAME_BYTES
    } else {
        1
    };
    if !(1..=most_frames).contains(&u64::from(h.frame_count)) {
        return bad(format!("{} frames in {input} bytes", h.frame_count));
    }
    if !animated && (h.frame_count, h.loop_count, h.background) != (1, 1, 0) {
        return bad(format!(
            "a still with {} frames, loop count {}, background {:#x}",
            h.frame_count, h.loop_count, h.background
        ));
    }
    if h.loop_count > 0xffff || h.frame_index != 0 {
        return bad(format!(
            "loop count {}, frame {} before decoding",
            h.loop_count, h.frame_index
        ));
    }
    let [b, g, r, a] = h.background.to_le_bytes();
    let info = WebpInfo {
        width,
        height,
        has_alpha: h.has_alpha == 1,
        animated,
        format,
        frames: h.frame_count,
        loops: (h.loop_count != 0).then_some(h.loop_count),
        background: animated.then_some([r, g, b, a]),
    };
    let stride = width * 4; // width <= 2^24: no overflow
    let output_len = stride as usize * height as usize; // within max_memory (check_size)
    let (pixels, canvas) = (u64::from(width) * u64::from(height), output_len as u64);
    // The host's output buffer, libwebp's two canvases for an animation, and the decoder's
    // scratch: a full ARGB image for lossless data (its transforms), an alpha plane (and its
    // lossless decoder's buffer) for lossy data with alpha; then input, rows and tables.
    let scratch = match format {
        WebpFormat::Lossless | WebpFormat::Mixed => canvas,
        WebpFormat::Lossy if info.has_alpha => 2 * pixels,
        WebpFormat::Lossy => 0,
    };
    let canvases = if animated { 3 } else { 1 };
    let memory = canvases * canvas + scratch + input as u64 + 64 * u64::from(width) + (2 << 20);
    Ok(Header {
        info,
        stride,
        output_len,
        memory,
    })
}

/// Refuse a decode whose memory would not fit the sandbox's cap, before libwebp starts it.
pub(crate) fn check_memory(header: &Header, limits: &Limits) -> Result<(), Error> {
    limits.check_memory(header.info.width, header.info.height, header.memory)
}

/// Refuse an animation whose frames together exceed the limits, before any is decoded.
pub(crate) fn check_whole_animation(info: &WebpInfo, limits: &Limits) -> Result<(), Error> {
    limits.check_animation(info.frames - 1, info.width, info.height)
}

/// After a decode call: its status, then that it produced frame `number` (from 1) of the
/// canvas announced, with a sane duration ending at `previous` plus that duration.
pub(crate) fn frame(
    status: u32,
    h: &cordon_webp_header,
    header: &Header,
    number: u32,
    previous: u32,
) -> Result<Duration, Error> {
    check_status(status, h)?;
    check_status(h.status, h)?;
    let info = &header.info;
    let bad = |what: String| Err(Error::Verification(what));
    if (h.width, h.height, h.frame_count) != (info.width, info.height, info.frames) {
        return bad(format!(
            "{}x{} with {} frames after decoding, {}x{} with {} before",
            h.width, h.height, h.frame_count, info.width, info.height, info.frames
        ));
    }
    if h.out_rowbytes != header.stride || h.frame_index != number {
        return bad(format!(
            "frame {} of {}-byte rows, expected frame {number} of {}",
            h.frame_index, h.out_rowbytes, header.stride
        ));
    }
    let sane = if info.animated {
        h.duration <= c::CORDON_WEBP_MAX_DURATION as u32
            && h.timestamp == previous.wrapping_add(h.duration)
    } else {
        h.duration == 0 && h.timestamp == 0
    };
    if !sane {
        return bad(format!(
            "frame {number} lasting {} ms, ending at {} ms after {previous} ms",
            h.duration, h.timestamp
        ));
    }
    Ok(Duration::from_millis(u64::from(h.duration)))
}
