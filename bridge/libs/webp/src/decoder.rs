//! The sandboxed decoder.

use cordon_kit::{Animation, Error, Format, GuestScope, Image, Limits, SharedLibrary};
use cordon_sandbox::{Library, Sandbox, TaintedPtr};

use crate::bindings::{cordon_webp_header, Functions};
use crate::frames::Frames;
use crate::header::{self, Header};
use crate::WebpInfo;

mod artifact {
    include!(concat!(env!("OUT_DIR"), "/webp_artifact.rs"));
}

static SHARED: SharedLibrary<Functions> = SharedLibrary::new(&artifact::ARTIFACT, Functions::load);

/// The libwebp module in the shared runtime (for raw sandboxes, e.g. in benchmarks).
pub fn library() -> Result<&'static Library, Error> {
    Ok(SHARED.get()?.library())
}

/// Decodes untrusted WebPs with libwebp inside a sandbox it reuses across images; a fault is
/// an [`Error::Fault`] and the next image gets a fresh instance.
#[derive(Debug)]
pub struct WebpDecoder {
    sandbox: Sandbox,
    limits: Limits,
}

/// A file parsed by `cordon_webp_begin` in a scope that ends the decoder and frees the input.
pub(crate) struct Begun<'s> {
    pub(crate) scope: GuestScope<'s>,
    pub(crate) functions: &'static Functions,
    pub(crate) at: TaintedPtr<cordon_webp_header>,
    pub(crate) header: Header,
}

impl WebpDecoder {
    /// A decoder with default limits in the shared runtime.
    pub fn new() -> Result<WebpDecoder, Error> {
        WebpDecoder::with_limits(Limits::default())
    }

    /// A decoder with the given limits in the shared runtime.
    pub fn with_limits(limits: Limits) -> Result<WebpDecoder, Error> {
        let sandbox = Sandbox::with_limits(SHARED.get()?.library(), limits.sandbox)?;
        Ok(WebpDecoder { sandbox, limits })
    }

    /// The limits in force.
    pub fn limits(&self) -> Limits {
        self.limits
    }

    /// The decoder's sandbox (fault counts, reset).
    pub fn sandbox(&mut self) -> &mut Sandbox {
        &mut self.sandbox
    }

    /// Read only the header (for an animation: the container, every frame's header, the loop
    /// count and background). Sizes beyond the limits are refused; the memory a decode would
    /// take is not checked.
    pub fn info(&mut self, webp: &[u8]) -> Result<WebpInfo, Error> {
        Ok(self.begin(webp)?.header.info)
    }

    /// Decode to RGBA8: the image, or an animation's first frame (composited on its canvas).
    pub fn decode(&mut self, webp: &[u8]) -> Result<Image, Error> {
        self.frames(webp)?
            .decode_next(false)
            .map(|frame| frame.image)
    }

    /// The frames, decoded lazily one per [`Iterator::next`] (a still is one frame). Each
    /// frame is checked against [`Limits::max_frames`] and [`Limits::max_animation_pixels`]
    /// before it is decoded; the first error ends the iteration.
    pub fn frames(&mut self, webp: &[u8]) -> Result<Frames<'_>, Error> {
        let limits = self.limits;
        let begun = self.begin(webp)?;
        header::check_memory(&begun.header, &limits)?;
        Frames::new(begun, limits)
    }

    /// Every frame, with the canvas size and how often it plays; the whole animation is
    /// checked against the frame limits before the first frame is decoded.
    pub fn animation(&mut self, webp: &[u8]) -> Result<Animation, Error> {
        let limits = self.limits;
        let frames = self.frames(webp)?;
        header::check_whole_animation(frames.info(), &limits)?;
        let (width, height, loops) = (frames.width(), frames.height(), frames.loops());
        Ok(Animation {
            width,
            height,
            frames: frames.collect::<Result<_, _>>()?,
            loops,
        })
    }

    /// Copy the file in, parse it and verify the header; the scope frees guest memory and
    /// ends libwebp's decoder on every path.
    fn begin(&mut self, webp: &[u8]) -> Result<Begun<'_>, Error> {
        self.limits.check_input(webp.len())?;
        let functions = SHARED.get()?.bindings();
        let mut scope = GuestScope::new(&mut self.sandbox);
        let input = scope.copy_in(webp)?;
        let decoder = functions.cordon_webp_begin(&mut *scope, input, webp.len() as u32)?;
        if decoder.is_null() {
            return Err(Error::OutOfMemory {
                format: Format::WebP,
                message: "no memory for the decoder".into(),
            });
        }
        scope.on_exit(move |sandbox| {
            let _ = functions.cordon_webp_end(sandbox, decoder);
        });
        let at = decoder.cast::<cordon_webp_header>(); // the decoder starts with its header
        let copy = copy(&mut scope, at)?;
        let header = header::verify(&copy, &self.limits, webp.len())
            .map_err(|e| e.attribute_memory_cap(&scope))?;
        Ok(Begun {
            scope,
            functions,
            at,
            header,
        })
    }
}

/// The header, copied out in one read.
pub(crate) fn copy(
    sandbox: &mut Sandbox,
    at: TaintedPtr<cordon_webp_header>,
) -> Result<cordon_webp_header, Error> {
    Ok(sandbox
        .read(at)?
        .unverified_because("the host's own copy; header.rs verifies what is used"))
}
