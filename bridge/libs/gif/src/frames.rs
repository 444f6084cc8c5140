//! Frame after frame, with the limits applied before each: shared by the sandboxed decoder
//! and the native backend, which differ only in how they call the glue.

use cordon_kit::{Error, Format, Frame, Image, Limits};

use crate::bindings::cordon_gif_header;
use crate::header::{self, Header};

/// One call of `cordon_gif_next` and the canvas read-back, sandboxed or native.
pub(crate) trait Glue {
    /// Decode the next frame onto the canvas (`canvas_len` bytes, allocated by the first call
    /// and kept: it is the animation's state): the status and the header after the call.
    fn next(&mut self, stride: u32, canvas_len: usize) -> Result<(u32, cordon_gif_header), Error>;
    /// A copy of the canvas (`len` bytes).
    fn canvas(&mut self, len: usize) -> Result<Vec<u8>, Error>;
}

/// The frames still to come from one decoder.
pub(crate) struct Sequence<G> {
    pub(crate) glue: G,
    pub(crate) header: Header,
    pub(crate) limits: Limits,
    index: u32,
    done: bool,
}

impl<G: Glue> Sequence<G> {
    pub(crate) fn new(glue: G, header: Header, limits: Limits) -> Self {
        Sequence {
            glue,
            header,
            limits,
            index: 0,
            done: false,
        }
    }

    /// The next composited frame; `None` after the last one or after an error.
    pub(crate) fn next_frame(&mut self) -> Option<Result<Frame, Error>> {
        if self.done {
            return None;
        }
        match self.step() {
            Ok(Some(frame)) => Some(Ok(frame)),
            Ok(None) => {
                self.done = true;
                None
            }
            Err(e) => {
                self.done = true;
                Some(Err(e))
            }
        }
    }

    /// The first frame's image (a still GIF's picture).
    pub(crate) fn first_image(&mut self) -> Result<Image, Error> {
        self.next_frame()
            .unwrap_or_else(|| Err(no_image()))
            .map(|frame| frame.image)
    }

    fn step(&mut self) -> Result<Option<Frame>, Error> {
        let info = &self.header.info;
        // The scan counted the frames: stop at the last without asking for one more (so a
        // file of exactly `max_frames` frames is within the limit).
        if self.header.scanned && !info.damaged && self.index >= info.frames {
            return if self.index == 0 {
                Err(no_image())
            } else {
                Ok(None)
            };
        }
        self.limits
            .check_animation(self.index, info.width, info.height)?;
        let (status, h) = self.glue.next(self.header.stride, self.header.canvas_len)?;
        let Some(record) = header::frame(status, &h, self.index)? else {
            return if self.index == 0 {
                Err(no_image())
            } else {
                Ok(None)
            };
        };
        let pixels = self.glue.canvas(self.header.canvas_len)?;
        self.index += 1;
        Ok(Some(Frame {
            image: Image::rgba8(info.width, info.height, pixels),
            delay: record.delay,
        }))
    }
}

fn no_image() -> Error {
    Error::Invalid {
        format: Format::Gif,
        message: "no image in the file".into(),
    }
}
