//! The sandboxed decoder: libpng + zlib in a Cordon sandbox, driven through the guest glue.

use cordon_kit::{Error, Format, GuestScope, Image, Limits, Loaded, SharedLibrary};
use cordon_sandbox::{Library, Runtime, Sandbox, TaintedPtr};

use crate::bindings::generated::{cordon_png_header, Functions};
use crate::header::{self, Header};
use crate::image::PngInfo;
use crate::stream::{PngStream, StreamHooks};

mod artifact {
    include!(concat!(env!("OUT_DIR"), "/png_artifact.rs"));
}

/// The same module built on zlib-ng (`[variants.zlib-ng]` in `cordon.toml`).
mod artifact_zlib_ng {
    include!(concat!(env!("OUT_DIR"), "/png-zlib-ng_artifact.rs"));
}

static SHARED: SharedLibrary<Functions> = SharedLibrary::new(&artifact::ARTIFACT, Functions::load);
static SHARED_ZLIB_NG: SharedLibrary<Functions> =
    SharedLibrary::new(&artifact_zlib_ng::ARTIFACT, Functions::load);

/// The inflate implementation libpng's module is built on. Both are C in the same sandbox,
/// with the same zero imports; the decoded pixels are the same.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Inflate {
    /// Stock zlib 1.3.2: the same C as the native backend (the `native` feature), for like-for-like
    /// comparisons.
    Zlib,
    /// zlib-ng 2.3.3 in zlib-compatible mode (`third_party/zlib-ng`): portable C with Cordon's
    /// SIMD128 Adler-32, match copies and `inflate_fast` (`bridge/libs/zlib-ng/guest/`). The
    /// default: a 4 MP decode takes about 0.7x the time it takes on stock zlib.
    #[default]
    ZlibNg,
}

impl Inflate {
    fn shared(self) -> &'static SharedLibrary<Functions> {
        match self {
            Inflate::Zlib => &SHARED,
            Inflate::ZlibNg => &SHARED_ZLIB_NG,
        }
    }

    /// The [`PngLibrary`] wrapping [`Inflate::shared`]'s library, made once.
    fn wrapped(self) -> &'static std::sync::OnceLock<PngLibrary> {
        static ZLIB: std::sync::OnceLock<PngLibrary> = std::sync::OnceLock::new();
        static ZLIB_NG: std::sync::OnceLock<PngLibrary> = std::sync::OnceLock::new();
        match self {
            Inflate::Zlib => &ZLIB,
            Inflate::ZlibNg => &ZLIB_NG,
        }
    }
}

/// The libpng module loaded into a runtime, with its exports looked up once.
#[derive(Debug, Clone)]
pub struct PngLibrary(Loaded<Functions>);

impl PngLibrary {
    /// Load the precompiled libpng module (on the default [`Inflate`]) into `runtime` (well
    /// under a millisecond).
    pub fn load(runtime: &Runtime) -> Result<PngLibrary, Error> {
        PngLibrary::load_on(Inflate::default(), runtime)
    }

    /// Load the libpng module built on `inflate` into `runtime`.
    pub fn load_on(inflate: Inflate, runtime: &Runtime) -> Result<PngLibrary, Error> {
        inflate.shared().load(runtime).map(PngLibrary)
    }

    /// libpng's module compiled some other way from [`PngLibrary::wasm`] or
    /// [`PngLibrary::wasm_on`] (e.g. for a Pulley runtime), with its exports looked up.
    pub fn from_library(library: Library) -> Result<PngLibrary, Error> {
        SHARED.bind(library).map(PngLibrary)
    }

    /// The audited module on the default [`Inflate`] itself (wasm), for engines that compile it
    /// themselves.
    pub fn wasm() -> &'static [u8] {
        PngLibrary::wasm_on(Inflate::default())
    }

    /// The audited module built on `inflate` itself (wasm).
    ///
    /// ```
    /// use cordon_png::{Inflate, PngLibrary};
    /// assert_ne!(PngLibrary::wasm_on(Inflate::Zlib), PngLibrary::wasm_on(Inflate::ZlibNg));
    /// assert_eq!(PngLibrary::wasm(), PngLibrary::wasm_on(Inflate::ZlibNg));
    /// ```
    pub fn wasm_on(inflate: Inflate) -> &'static [u8] {
        match inflate {
            Inflate::Zlib => artifact::WASM,
            Inflate::ZlibNg => artifact_zlib_ng::WASM,
        }
    }

    /// The module on the default [`Inflate`], loaded into [`Runtime::shared`] on first use.
    pub fn shared() -> Result<&'static PngLibrary, Error> {
        PngLibrary::shared_on(Inflate::default())
    }

    /// The module built on `inflate`, loaded into [`Runtime::shared`] on first use.
    ///
    /// ```
    /// # fn main() -> Result<(), cordon_png::PngError> {
    /// use cordon_png::{Inflate, PngDecoder, PngLibrary, PngLimits};
    /// let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"),
    ///     "/../../../third_party/libpng-testdata/pngsuite/basn2c08.png")).unwrap();
    /// let library = PngLibrary::shared_on(Inflate::Zlib)?;
    /// let image = PngDecoder::in_library(library, PngLimits::default())?.decode(&bytes)?;
    /// assert_eq!(image, PngDecoder::new()?.decode(&bytes)?); // on zlib-ng, the default
    /// # Ok(()) }
    /// ```
    pub fn shared_on(inflate: Inflate) -> Result<&'static PngLibrary, Error> {
        let loaded = inflate.shared().get()?;
        Ok(inflate.wrapped().get_or_init(|| PngLibrary(loaded.clone())))
    }

    /// The generated bindings, looked up once per loaded library.
    pub(crate) fn functions(&self) -> &Functions {
        self.0.bindings()
    }

    /// The underlying sandbox library (for creating raw sandboxes, e.g. in benchmarks).
    pub fn library(&self) -> &Library {
        self.0.library()
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
    limits: Limits,
    /// The progressive reader's callbacks, registered on the sandbox by the first stream.
    hooks: Option<StreamHooks>,
}

impl PngDecoder {
    /// A decoder with default limits in the shared runtime.
    pub fn new() -> Result<PngDecoder, Error> {
        PngDecoder::with_limits(Limits::default())
    }

    /// A decoder with the given limits in the shared runtime.
    pub fn with_limits(limits: Limits) -> Result<PngDecoder, Error> {
        PngDecoder::in_library(PngLibrary::shared()?, limits)
    }

    /// A decoder in a specific loaded library (and so a specific runtime).
    pub fn in_library(library: &PngLibrary, limits: Limits) -> Result<PngDecoder, Error> {
        Ok(PngDecoder {
            sandbox: Sandbox::with_limits(library.library(), limits.sandbox)?,
            library: library.clone(),
            limits,
            hooks: None,
        })
    }

    /// The limits in force.
    pub fn limits(&self) -> Limits {
        self.limits
    }

    /// The decoder's sandbox (to inspect fault counts, or reset it).
    pub fn sandbox(&mut self) -> &mut Sandbox {
        &mut self.sandbox
    }

    /// Read only the header: dimensions, colour type, bit depth, interlacing and which colour
    /// chunks are present. Fails on the same limits as [`PngDecoder::decode`].
    pub fn info(&mut self, png: &[u8]) -> Result<PngInfo, Error> {
        self.run(png, |_, _, header, _| Ok(header.info))
    }

    /// Decode to 8-bit RGBA (see the crate documentation for the exact conversion).
    pub fn decode(&mut self, png: &[u8]) -> Result<Image, Error> {
        self.run(png, decode_pixels)
    }

    /// A progressive decode ([`PngStream`]) in this decoder's sandbox, with its limits: no new
    /// sandbox per image. The stream borrows the decoder until it is finished or dropped, and
    /// frees what it allocated in the sandbox either way.
    pub fn stream(&mut self) -> Result<PngStream<'_>, Error> {
        let hooks = match &self.hooks {
            Some(hooks) => hooks.clone(),
            None => {
                let hooks = StreamHooks::register(&mut self.sandbox, &self.library, self.limits)?;
                self.hooks.insert(hooks).clone()
            }
        };
        let functions = self.library.functions().clone();
        PngStream::lent(&mut self.sandbox, functions, &hooks, self.limits)
    }

    /// Copy the file in, read and verify the header, run `then`; the scope frees the guest
    /// memory (and ends libpng's decoder) on every path.
    fn run<T>(
        &mut self,
        png: &[u8],
        then: impl FnOnce(
            &Functions,
            &mut GuestScope<'_>,
            Header,
            TaintedPtr<cordon_png_header>,
        ) -> Result<T, Error>,
    ) -> Result<T, Error> {
        header::check_declared_size(png, &self.limits)?;
        self.limits.check_input(png.len())?;
        let functions = self.library.functions();
        let mut scope = GuestScope::new(&mut self.sandbox);
        let input = scope.copy_in(png)?;
        let decoder = functions.cordon_png_begin(&mut *scope, input, png.len() as u32)?;
        if decoder.is_null() {
            return Err(Error::OutOfMemory {
                format: Format::Png,
                message: "no memory for the decoder".into(),
            });
        }
        scope.on_exit(move |sandbox| {
            let _ = functions.cordon_png_end(sandbox, decoder);
        });
        // The decoder starts with its header (png_glue.h), so its address is the header's.
        let at = decoder.cast::<cordon_png_header>();
        let copy = header::copy(&mut scope, at)?;
        let header =
            header::verify(&copy, &self.limits).map_err(|e| e.attribute_memory_cap(&scope))?;
        then(functions, &mut scope, header, at)
    }
}

fn decode_pixels(
    functions: &Functions,
    scope: &mut GuestScope<'_>,
    header: Header,
    at: TaintedPtr<cordon_png_header>,
) -> Result<Image, Error> {
    let output = scope.alloc_output(header.output_len, Format::Png)?;
    let status = functions
        .cordon_png_decode(&mut **scope, at.cast(), output, header.stride)?
        .unverified_because("only compared with the known status codes");
    let copy = header::copy(scope, at)?;
    header::check_status(status, &copy).map_err(|e| e.attribute_memory_cap(scope))?;
    header::check_damage(&copy)?;
    header::verify_rowbytes(&copy, header.stride)?;
    header::copy_pixels(scope, output, &header)
}
