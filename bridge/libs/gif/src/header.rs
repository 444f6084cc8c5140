//! `struct cordon_gif_header` (guest/gif_glue.h), copied out in one read and verified: the
//! same checks for the sandboxed and the native backend.

use std::time::Duration;

use cordon_kit::{Error, Format, Limits};

use crate::bindings::{constants as c, cordon_gif_header};
use crate::GifInfo;

/// A screen that passed verification, with the canvas the host will allocate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Header {
    pub(crate) info: GifInfo,
    pub(crate) stride: u32,
    pub(crate) canvas_len: usize,
    /// Whether begin counted the frames (so `info.frames` is known).
    pub(crate) scanned: bool,
}

/// What the host keeps of a decoded frame (the pixels are read separately).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct FrameRecord {
    pub(crate) delay: Duration,
}

/// The status a glue call returned (or the header holds), as an error unless it is OK or END.
fn check_status(status: u32, h: &cordon_gif_header) -> Result<(), Error> {
    let message = || cordon_kit::library_text(&h.message, "giflib gave no reason");
    match status as i32 {
        c::CORDON_GIF_OK | c::CORDON_GIF_END => Ok(()),
        c::CORDON_GIF_E_GIFLIB => Err(Error::Invalid {
            format: Format::Gif,
            message: message(),
        }),
        c::CORDON_GIF_E_NOMEM => Err(Error::OutOfMemory {
            format: Format::Gif,
            message: message(),
        }),
        _ => Err(Error::Verification(format!(
            "GIF decoder status {status}: {}",
            message()
        ))),
    }
}

/// Verify what the host acts on after begin: the status, the screen against the limits and
/// the memory cap, and the scan's counts against what the input can hold.
pub(crate) fn verify(
    h: &cordon_gif_header,
    limits: &Limits,
    input: usize,
    scan: bool,
) -> Result<Header, Error> {
    if h.status != c::CORDON_GIF_OK as u32 {
        check_status(h.status, h)?;
        return Err(Error::Verification(format!("begin status {}", h.status)));
    }
    let bad = |what: String| Err(Error::Verification(what));
    let (width, height) = (h.width, h.height);
    if !(1..=65_535).contains(&width) || !(1..=65_535).contains(&height) {
        return bad(format!("{width}x{height} is not a GIF screen size"));
    }
    limits.check_size(width, height)?;
    let flag = |f: u32| h.flags & f != 0;
    if flag(c::CORDON_GIF_SCANNED) != scan || h.frame_index != 0 {
        return bad("scan state or frame index not as asked".into());
    }
    // Each image record takes at least 12 bytes (descriptor, code size, terminator).
    if u64::from(h.frames) * 12 > input as u64 || (!scan && h.frames != 0) {
        return bad(format!("{} frames in {input} bytes", h.frames));
    }
    if h.loop_count > 65_535 || (!flag(c::CORDON_GIF_HAS_LOOP) && h.loop_count != 0) {
        return bad(format!("loop count {}", h.loop_count));
    }
    let stride = width * 4; // at most 65535 * 4: no overflow
    let canvas_len = stride as usize * height as usize;
    // The canvas, the input and giflib's few fixed buffers (a row, its LZW tables).
    limits.check_memory(width, height, canvas_len as u64 + input as u64 + (1 << 20))?;
    let loops = match (flag(c::CORDON_GIF_HAS_LOOP), h.loop_count) {
        (false, _) => Some(1),
        (true, 0) => None,
        (true, n) => Some(n + 1),
    };
    let info = GifInfo {
        width,
        height,
        frames: h.frames,
        loops,
        transparency: flag(c::CORDON_GIF_TRANSPARENCY),
        global_palette: flag(c::CORDON_GIF_GLOBAL_MAP),
        gif89: flag(c::CORDON_GIF_GIF89),
        damaged: flag(c::CORDON_GIF_SCAN_ERROR),
    };
    Ok(Header {
        info,
        stride,
        canvas_len,
        scanned: scan,
    })
}

/// After `cordon_gif_next` for frame `index`: the frame's record, or `None` at the end.
pub(crate) fn frame(
    status: u32,
    h: &cordon_gif_header,
    index: u32,
) -> Result<Option<FrameRecord>, Error> {
    check_status(status, h)?;
    let bad = |what: String| Err(Error::Verification(what));
    if status == c::CORDON_GIF_END as u32 {
        return if h.frame_index == index {
            Ok(None)
        } else {
            bad(format!("ended at frame {} of {index}", h.frame_index))
        };
    }
    if h.frame_index != index + 1 {
        return bad(format!("frame {} decoded, {index} expected", h.frame_index));
    }
    let fields = [
        h.frame_left,
        h.frame_top,
        h.frame_width,
        h.frame_height,
        h.frame_delay,
    ];
    if fields.iter().any(|&v| v > 65_535) || h.frame_disposal > 7 || h.frame_transparent > 255 {
        return bad(format!("frame {index} descriptor out of range"));
    }
    Ok(Some(FrameRecord {
        delay: Duration::from_millis(u64::from(h.frame_delay) * 10),
    }))
}
