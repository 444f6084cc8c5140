//! Frames decoded lazily, one sandbox call each.

use cordon_kit::{Error, Frame, Image, Limits};
use cordon_sandbox::TaintedPtr;

use crate::decoder::{copy, Begun};
use crate::header;
use crate::WebpInfo;

/// The frames of a WebP, decoded one per [`Iterator::next`] inside the sandbox: each is the
/// whole canvas after that frame (RGBA8) and how long it shows. A still is one frame shown
/// for 0 ms. Before each frame the limits are checked
/// ([`cordon_kit::Limits::check_animation`]); the first error is returned once and ends the
/// iteration. Borrows the [`crate::WebpDecoder`]; dropping it frees everything in the sandbox.
pub struct Frames<'d> {
    begun: Begun<'d>,
    limits: Limits,
    output: TaintedPtr<u8>,
    /// Frames decoded so far.
    decoded: u32,
    /// When the last decoded frame ends (ms, as libwebp sums durations: modulo 2^32).
    timestamp: u32,
    done: bool,
}

impl<'d> Frames<'d> {
    /// Allocate the output canvas in the sandbox for a verified header.
    pub(crate) fn new(mut begun: Begun<'d>, limits: Limits) -> Result<Frames<'d>, Error> {
        let output = begun
            .scope
            .alloc_output(begun.header.output_len, cordon_kit::Format::WebP)?;
        Ok(Frames {
            begun,
            limits,
            output,
            decoded: 0,
            timestamp: 0,
            done: false,
        })
    }

    /// Canvas width.
    pub fn width(&self) -> u32 {
        self.begun.header.info.width
    }

    /// Canvas height.
    pub fn height(&self) -> u32 {
        self.begun.header.info.height
    }

    /// How many times the animation plays in all; `None` forever (WebP loop count 0),
    /// `Some(n)` for loop count `n`, `Some(1)` for a still.
    pub fn loops(&self) -> Option<u32> {
        self.begun.header.info.loops
    }

    /// The verified header.
    pub fn info(&self) -> &WebpInfo {
        &self.begun.header.info
    }

    /// Decode the next frame; with `check_limits`, refuse it first if the animation limits
    /// do not allow it.
    pub(crate) fn decode_next(&mut self, check_limits: bool) -> Result<Frame, Error> {
        let (width, height) = (self.width(), self.height());
        if check_limits {
            self.limits.check_animation(self.decoded, width, height)?;
        }
        let Begun {
            scope,
            functions,
            at,
            header,
        } = &mut self.begun;
        let status = functions
            .cordon_webp_decode(&mut **scope, at.cast(), self.output, header.stride)?
            .unverified_because("only compared with the known status codes");
        let copy = copy(scope, *at)?;
        let number = self.decoded + 1;
        let delay = header::frame(status, &copy, header, number, self.timestamp)
            .map_err(|e| e.attribute_memory_cap(scope))?;
        let pixels = scope
            .read_bytes(self.output, header.output_len)?
            .unverified_because(
                "pixel bytes are data, never sizes or addresses; their count is the host's",
            );
        self.decoded = number;
        self.timestamp = copy.timestamp;
        Ok(Frame {
            image: Image::rgba8(width, height, pixels),
            delay,
        })
    }
}

impl Iterator for Frames<'_> {
    type Item = Result<Frame, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done || self.decoded >= self.begun.header.info.frames {
            return None;
        }
        let frame = self.decode_next(true);
        self.done = frame.is_err();
        Some(frame)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = match self.done {
            true => 0,
            false => (self.begun.header.info.frames - self.decoded) as usize,
        };
        (left.min(1), Some(left))
    }
}

impl std::iter::FusedIterator for Frames<'_> {}

impl std::fmt::Debug for Frames<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Frames")
            .field("info", self.info())
            .field("decoded", &self.decoded)
            .field("done", &self.done)
            .finish()
    }
}
