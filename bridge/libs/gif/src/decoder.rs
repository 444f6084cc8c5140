//! The sandboxed decoder.

use cordon_kit::{Animation, Error, Format, Frame, GuestScope, Image, Limits, SharedLibrary};
use cordon_sandbox::{Library, Sandbox, TaintedPtr};

use crate::bindings::{cordon_gif_header, Functions};
use crate::frames::{Glue, Sequence};
use crate::header;
use crate::GifInfo;

mod artifact {
    include!(concat!(env!("OUT_DIR"), "/gif_artifact.rs"));
}

static SHARED: SharedLibrary<Functions> = SharedLibrary::new(&artifact::ARTIFACT, Functions::load);

/// The giflib module in the shared runtime (for raw sandboxes, e.g. in benchmarks).
pub fn library() -> Result<&'static Library, Error> {
    Ok(SHARED.get()?.library())
}

/// Decodes untrusted GIFs with giflib inside a sandbox it reuses across files; a fault is an
/// [`Error::Fault`] and the next file gets a fresh instance.
#[derive(Debug)]
pub struct GifDecoder {
    sandbox: Sandbox,
    limits: Limits,
}

impl GifDecoder {
    /// A decoder with default limits in the shared runtime.
    pub fn new() -> Result<GifDecoder, Error> {
        GifDecoder::with_limits(Limits::default())
    }

    /// A decoder with the given limits in the shared runtime.
    pub fn with_limits(limits: Limits) -> Result<GifDecoder, Error> {
        let sandbox = Sandbox::with_limits(SHARED.get()?.library(), limits.sandbox)?;
        Ok(GifDecoder { sandbox, limits })
    }

    /// The limits in force.
    pub fn limits(&self) -> Limits {
        self.limits
    }

    /// The decoder's sandbox (fault counts, reset).
    pub fn sandbox(&mut self) -> &mut Sandbox {
        &mut self.sandbox
    }

    /// Read the screen descriptor and count the frames (no pixel is decoded).
    pub fn info(&mut self, gif: &[u8]) -> Result<GifInfo, Error> {
        Ok(self.begin(gif, true)?.header.info)
    }

    /// Decode the first frame to RGBA8 (a still GIF's image; an animation's first frame).
    pub fn decode(&mut self, gif: &[u8]) -> Result<Image, Error> {
        self.begin(gif, false)?.first_image()
    }

    /// The frames, decoded one per call of `next`, each composited onto the full canvas.
    /// [`Limits::max_frames`] and [`Limits::max_animation_pixels`] are checked before each.
    pub fn frames(&mut self, gif: &[u8]) -> Result<Frames<'_>, Error> {
        Ok(Frames(self.begin(gif, true)?))
    }

    /// Every frame at once, with the loop count.
    pub fn animation(&mut self, gif: &[u8]) -> Result<Animation, Error> {
        let frames = self.frames(gif)?;
        let (width, height, loops) = (frames.width(), frames.height(), frames.loops());
        Ok(Animation {
            width,
            height,
            frames: frames.collect::<Result<_, _>>()?,
            loops,
        })
    }

    /// Copy the file in, start giflib and verify the screen; the scope frees guest memory and
    /// ends the decoder on every path, including when the frames are dropped half-way.
    fn begin(&mut self, gif: &[u8], scan: bool) -> Result<Sequence<InSandbox<'_>>, Error> {
        self.limits.check_input(gif.len())?;
        let functions = SHARED.get()?.bindings();
        let mut scope = GuestScope::new(&mut self.sandbox);
        let input = scope.copy_in(gif)?;
        let decoder =
            functions.cordon_gif_begin(&mut *scope, input, gif.len() as u32, u32::from(scan))?;
        if decoder.is_null() {
            return Err(Error::OutOfMemory {
                format: Format::Gif,
                message: "no memory for the decoder".into(),
            });
        }
        scope.on_exit(move |sandbox| {
            let _ = functions.cordon_gif_end(sandbox, decoder);
        });
        let at = decoder.cast::<cordon_gif_header>(); // the decoder starts with its header
        let copy = read_header(&mut scope, at)?;
        let header = header::verify(&copy, &self.limits, gif.len(), scan)
            .map_err(|e| e.attribute_memory_cap(&scope))?;
        let glue = InSandbox {
            scope,
            functions,
            at,
            canvas: None,
        };
        Ok(Sequence::new(glue, header, self.limits))
    }
}

/// The frames of a GIF, decoded lazily in the sandbox (see [`GifDecoder::frames`]). Each item
/// is the canvas after one frame, or the error that ended the sequence.
pub struct Frames<'d>(Sequence<InSandbox<'d>>);

impl Frames<'_> {
    /// Canvas width.
    pub fn width(&self) -> u32 {
        self.0.header.info.width
    }

    /// Canvas height.
    pub fn height(&self) -> u32 {
        self.0.header.info.height
    }

    /// How many times the animation plays in all (`None`: forever).
    pub fn loops(&self) -> Option<u32> {
        self.0.header.info.loops
    }

    /// The file's header, with the frame count.
    pub fn info(&self) -> GifInfo {
        self.0.header.info
    }
}

impl Iterator for Frames<'_> {
    type Item = Result<Frame, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        self.0.next_frame()
    }
}

impl std::fmt::Debug for Frames<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Frames({:?})", self.0.header.info)
    }
}

pub(crate) struct InSandbox<'d> {
    scope: GuestScope<'d>,
    functions: &'static Functions,
    at: TaintedPtr<cordon_gif_header>,
    /// Allocated by the first frame (`info` needs none); lives in guest memory across frames.
    canvas: Option<TaintedPtr<u8>>,
}

impl Glue for InSandbox<'_> {
    fn next(&mut self, stride: u32, canvas_len: usize) -> Result<(u32, cordon_gif_header), Error> {
        let canvas = match self.canvas {
            Some(canvas) => canvas,
            None => *self
                .canvas
                .insert(self.scope.alloc_output(canvas_len, Format::Gif)?),
        };
        let decoder = self.at.cast();
        let status = self
            .functions
            .cordon_gif_next(&mut *self.scope, decoder, canvas, stride)?
            .unverified_because("only compared with the known status codes");
        let header = read_header(&mut self.scope, self.at)?;
        Ok((status, header))
    }

    fn canvas(&mut self, len: usize) -> Result<Vec<u8>, Error> {
        let canvas = self
            .canvas
            .ok_or_else(|| Error::Verification("no frame decoded yet".into()))?;
        Ok(self
            .scope
            .read_bytes(canvas, len)?
            .unverified_because("pixel bytes are data; their count is the host's"))
    }
}

fn read_header(
    sandbox: &mut Sandbox,
    at: TaintedPtr<cordon_gif_header>,
) -> Result<cordon_gif_header, Error> {
    Ok(sandbox
        .read(at)?
        .unverified_because("the host's own copy; header.rs verifies what is used"))
}
