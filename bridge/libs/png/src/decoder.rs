//! The sandboxed decoder: libpng + zlib in a Cordon sandbox, driven through the guest glue.

use std::sync::OnceLock;

use cordon_sandbox::{Function, Library, Runtime, Sandbox, TaintedPtr};

use crate::bindings::generated::Functions;

use crate::error::PngError;
use crate::header::{self, Header};
use crate::image::{Image, PngInfo};
use crate::limits::PngLimits;

mod artifact {
    include!(concat!(env!("OUT_DIR"), "/png_artifact.rs"));
}

/// The module loaded into a runtime, with its exports looked up once.
#[derive(Debug, Clone)]
pub struct PngLibrary {
    library: Library,
    functions: Functions,
    alloc: Function<u32, u32>,
}

impl PngLibrary {
    /// Load the precompiled libpng module into `runtime` (well under a millisecond).
    pub fn load(runtime: &Runtime) -> Result<PngLibrary, PngError> {
        let library = Library::load(runtime, &artifact::ARTIFACT)?;
        Ok(PngLibrary {
            functions: Functions::load(&library)?,
            alloc: library.function("cordon_alloc")?,
            library,
        })
    }

    /// The module loaded into [`Runtime::shared`], loaded on first use.
    pub fn shared() -> Result<&'static PngLibrary, PngError> {
        static SHARED: OnceLock<Result<PngLibrary, PngError>> = OnceLock::new();
        SHARED
            .get_or_init(|| PngLibrary::load(Runtime::try_shared()?))
            .as_ref()
            .map_err(Clone::clone)
    }

    /// The generated bindings, looked up once per loaded library.
    pub(crate) fn functions(&self) -> &Functions {
        &self.functions
    }

    /// The module's allocator export (for callbacks, which allocate re-entrantly).
    pub(crate) fn alloc(&self) -> &Function<u32, u32> {
        &self.alloc
    }

    /// The underlying sandbox library (for creating raw sandboxes, e.g. in benchmarks).
    pub fn library(&self) -> &Library {
        &self.library
    }
}

/// Decodes untrusted PNGs with libpng inside a sandbox.
///
/// The decoder owns one sandbox and reuses it across images; a fault in one image (a trap,
/// the deadline, the memory cap) is returned as an error and the next image gets a fresh
/// instance. Every number that comes back from libpng is verified before the host uses it.
///
/// ```
/// # fn main() -> Result<(), cordon_png::PngError> {
/// let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"),
///     "/../../../third_party/libpng-testdata/pngsuite/basn6a08.png")).unwrap();
/// let mut decoder = cordon_png::PngDecoder::new()?;
/// let info = decoder.info(&bytes)?;
/// assert_eq!((info.width, info.height), (32, 32));
/// let image = decoder.decode(&bytes)?;
/// assert_eq!(image.pixels.len(), 32 * 32 * 4);
/// assert!(decoder.decode(b"definitely not a PNG").is_err());
/// # Ok(()) }
/// ```
#[derive(Debug)]
pub struct PngDecoder {
    library: PngLibrary,
    sandbox: Sandbox,
    limits: PngLimits,
}

/// Guest allocations of one decode, freed whatever happens.
struct Allocations {
    input: Option<TaintedPtr<u8>>,
    decoder: Option<TaintedPtr<u8>>,
    output: Option<TaintedPtr<u8>>,
}

impl PngDecoder {
    /// A decoder with default limits in the shared runtime.
    pub fn new() -> Result<PngDecoder, PngError> {
        PngDecoder::with_limits(PngLimits::default())
    }

    /// A decoder with the given limits in the shared runtime.
    pub fn with_limits(limits: PngLimits) -> Result<PngDecoder, PngError> {
        PngDecoder::in_library(PngLibrary::shared()?, limits)
    }

    /// A decoder in a specific loaded library (and so a specific runtime).
    pub fn in_library(library: &PngLibrary, limits: PngLimits) -> Result<PngDecoder, PngError> {
        Ok(PngDecoder {
            sandbox: Sandbox::with_limits(&library.library, limits.sandbox)?,
            library: library.clone(),
            limits,
        })
    }

    /// The limits in force.
    pub fn limits(&self) -> PngLimits {
        self.limits
    }

    /// The decoder's sandbox (to inspect fault counts, or reset it).
    pub fn sandbox(&mut self) -> &mut Sandbox {
        &mut self.sandbox
    }

    /// Read only the header: dimensions, colour type, bit depth, interlacing and which colour
    /// chunks are present. Fails on the same limits as [`PngDecoder::decode`].
    pub fn info(&mut self, png: &[u8]) -> Result<PngInfo, PngError> {
        self.run(png, |_, header, _| Ok(header.info))
    }

    /// Decode to 8-bit RGBA (see [`Image`] for the exact conversion).
    pub fn decode(&mut self, png: &[u8]) -> Result<Image, PngError> {
        self.run(png, |this, header, allocations| {
            this.decode_pixels(header, allocations)
        })
    }

    /// Copy the file in, read and verify the header, run `then`, and free the guest memory.
    fn run<T>(
        &mut self,
        png: &[u8],
        then: impl FnOnce(&mut Self, Header, &mut Allocations) -> Result<T, PngError>,
    ) -> Result<T, PngError> {
        let mut allocations = Allocations {
            input: None,
            decoder: None,
            output: None,
        };
        let result = self
            .begin(png, &mut allocations)
            .and_then(|header| then(self, header, &mut allocations));
        self.release(allocations);
        result
    }

    fn begin(&mut self, png: &[u8], allocations: &mut Allocations) -> Result<Header, PngError> {
        header::check_declared_size(png, &self.limits)?;
        let len = u32::try_from(png.len()).map_err(|_| PngError::InputTooLarge(png.len()))?;
        if png.len() >= self.limits.sandbox.max_memory {
            return Err(PngError::InputTooLarge(png.len()));
        }
        let input = self.sandbox.copy_to_sandbox(png).map_err(|e| match e {
            cordon_sandbox::Error::Allocation(_) => PngError::InputTooLarge(png.len()),
            other => other.into(),
        })?;
        allocations.input = Some(input);
        let functions = &self.library.functions;
        let decoder = functions.cordon_png_begin(&mut self.sandbox, input, len)?;
        if decoder.is_null() {
            return Err(PngError::OutOfMemory("no memory for the decoder".into()));
        }
        allocations.decoder = Some(decoder);
        let header = header::copy(&mut self.sandbox, decoder)?;
        header::verify(&header, &self.limits).map_err(|e| self.attribute(e))
    }

    /// libpng reports allocation failures as ordinary errors; when the sandbox's memory cap
    /// refused memory during the call, say so.
    fn attribute(&self, error: PngError) -> PngError {
        match error {
            PngError::Invalid(message) if self.sandbox.memory_limit_reached() => {
                PngError::OutOfMemory(format!("memory cap reached ({message})"))
            }
            other => other,
        }
    }

    fn decode_pixels(
        &mut self,
        header: Header,
        allocations: &mut Allocations,
    ) -> Result<Image, PngError> {
        let output = self
            .sandbox
            .alloc_bytes(header.output_len)
            .map_err(|e| match e {
                cordon_sandbox::Error::Allocation(n) => PngError::OutOfMemory(format!(
                    "no room for the {n}-byte pixel buffer within the sandbox's memory cap"
                )),
                other => other.into(),
            })?;
        allocations.output = Some(output);
        let decoder = allocations.decoder.expect("begin succeeded");
        let status = self
            .library
            .functions
            .cordon_png_decode(&mut self.sandbox, decoder, output, header.stride)?
            .unverified_because("only compared with the known status codes");
        let copy = header::copy(&mut self.sandbox, decoder)?;
        header::check_status(status, &copy).map_err(|e| self.attribute(e))?;
        header::verify_rowbytes(&copy, header.stride)?;
        header::copy_pixels(&mut self.sandbox, output, &header)
    }

    /// Free what this decode allocated. After a fault the instance (and its memory) is already
    /// gone, and the frees are no-ops.
    fn release(&mut self, allocations: Allocations) {
        if let Some(decoder) = allocations.decoder {
            let _ = self
                .library
                .functions
                .cordon_png_end(&mut self.sandbox, decoder);
        }
        for ptr in [allocations.output, allocations.input]
            .into_iter()
            .flatten()
        {
            let _ = self.sandbox.free(ptr);
        }
    }
}
