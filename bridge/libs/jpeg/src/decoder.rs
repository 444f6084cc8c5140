//! The sandboxed decoder.

use cordon_kit::{Error, Format, GuestScope, Image, Limits, SharedLibrary};
use cordon_sandbox::{Library, Sandbox};

use crate::bindings::{constants as c, cordon_jpeg_header, Functions};
use crate::header::{self, Header};
use crate::{Decoded, JpegInfo, Scale};

mod artifact {
    include!(concat!(env!("OUT_DIR"), "/jpeg_artifact.rs"));
}

static SHARED: SharedLibrary<Functions> = SharedLibrary::new(&artifact::ARTIFACT, Functions::load);

/// The libjpeg-turbo module in the shared runtime (for raw sandboxes, e.g. in benchmarks).
pub fn library() -> Result<&'static Library, Error> {
    Ok(SHARED.get()?.library())
}

/// Decodes untrusted JPEGs with libjpeg-turbo inside a sandbox it reuses across images; a
/// fault is an [`Error::Fault`] and the next image gets a fresh instance.
#[derive(Debug)]
pub struct JpegDecoder {
    sandbox: Sandbox,
    limits: Limits,
}

impl JpegDecoder {
    /// A decoder with default limits in the shared runtime.
    pub fn new() -> Result<JpegDecoder, Error> {
        JpegDecoder::with_limits(Limits::default())
    }

    /// A decoder with the given limits in the shared runtime.
    pub fn with_limits(limits: Limits) -> Result<JpegDecoder, Error> {
        let sandbox = Sandbox::with_limits(SHARED.get()?.library(), limits.sandbox)?;
        Ok(JpegDecoder { sandbox, limits })
    }

    /// The limits in force.
    pub fn limits(&self) -> Limits {
        self.limits
    }

    /// The decoder's sandbox (fault counts, reset).
    pub fn sandbox(&mut self) -> &mut Sandbox {
        &mut self.sandbox
    }

    /// Read only the header. (Set up at 1/8, so the memory budget checked is what the
    /// smallest decode needs, not a full-size output buffer.)
    pub fn info(&mut self, jpeg: &[u8]) -> Result<JpegInfo, Error> {
        self.run(jpeg, Scale::Eighth, |_, _, header, _| Ok(header.info))
    }

    /// Decode at full size to RGBA8.
    pub fn decode(&mut self, jpeg: &[u8]) -> Result<Image, Error> {
        self.decode_scaled(jpeg, Scale::Full).map(|d| d.image)
    }

    /// Decode scaled by `scale` to RGBA8, with the header and libjpeg's warnings.
    pub fn decode_scaled(&mut self, jpeg: &[u8], scale: Scale) -> Result<Decoded, Error> {
        self.run(jpeg, scale, |functions, scope, header, at| {
            // Band by band through one small guest buffer, each band copied out while it is
            // still in the cache; the result is built once, in host memory.
            let band =
                scope.alloc_output((header.band_rows * header.stride) as usize, Format::Jpeg)?;
            // Reserved once for the whole image (the size the header reported, within the
            // limits); refused, not aborted on, if the host cannot have it.
            let mut pixels = Vec::new();
            pixels
                .try_reserve_exact(header.output_len)
                .map_err(|_| Error::OutOfMemory {
                    format: Format::Jpeg,
                    message: format!("no host memory for {} bytes of pixels", header.output_len),
                })?;
            let mut status = c::CORDON_JPEG_OK as u32;
            let mut done = 0;
            while done < header.out_height {
                let rows = header.band_rows.min(header.out_height - done);
                status = functions
                    .cordon_jpeg_decode(&mut **scope, at.cast(), band, header.stride, rows)?
                    .unverified_because("only compared with the known status codes");
                if status != c::CORDON_JPEG_OK as u32 {
                    break; // finish reports it
                }
                scope.with_bytes(band, (rows * header.stride) as usize, |bytes| {
                    pixels.extend_from_slice(bytes.unverified_because(
                        "pixel bytes are data, never sizes or addresses; their count is the host's",
                    ))
                })?;
                done += rows;
            }
            let copy = copy(scope, at)?;
            header::finish(status, &copy, header, pixels).map_err(|e| e.attribute_memory_cap(scope))
        })
    }

    /// Copy the file in, read and verify the header, run `then`; the scope frees guest memory
    /// and ends libjpeg's decoder on every path.
    fn run<T>(
        &mut self,
        jpeg: &[u8],
        scale: Scale,
        then: impl FnOnce(
            &Functions,
            &mut GuestScope<'_>,
            Header,
            cordon_sandbox::TaintedPtr<cordon_jpeg_header>,
        ) -> Result<T, Error>,
    ) -> Result<T, Error> {
        self.limits.check_input(jpeg.len())?;
        let functions = SHARED.get()?.bindings();
        let mut scope = GuestScope::new(&mut self.sandbox);
        let input = scope.copy_in(jpeg)?;
        let decoder = functions.cordon_jpeg_begin(
            &mut *scope,
            input,
            jpeg.len() as u32,
            scale.denominator(),
        )?;
        if decoder.is_null() {
            return Err(Error::OutOfMemory {
                format: Format::Jpeg,
                message: "no memory for the decoder".into(),
            });
        }
        scope.on_exit(move |sandbox| {
            let _ = functions.cordon_jpeg_end(sandbox, decoder);
        });
        let at = decoder.cast::<cordon_jpeg_header>(); // the decoder starts with its header
        let copy = copy(&mut scope, at)?;
        let header = header::verify(&copy, &self.limits, scale, jpeg.len())
            .map_err(|e| e.attribute_memory_cap(&scope))?;
        then(functions, &mut scope, header, at)
    }
}

fn copy(
    sandbox: &mut Sandbox,
    at: cordon_sandbox::TaintedPtr<cordon_jpeg_header>,
) -> Result<cordon_jpeg_header, Error> {
    Ok(sandbox
        .read(at)?
        .unverified_because("the host's own copy; header.rs verifies what is used"))
}
