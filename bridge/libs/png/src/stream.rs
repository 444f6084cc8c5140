//! The progressive decoder: the file arrives in chunks of any size (as from a network), libpng's
//! `png_process_data` runs inside the sandbox, and libpng calls the host back for the header,
//! each row and the end. It uses bindings generated from `png.h` and `png_stream.h` at build
//! time; the callbacks are its only grant.
//!
//! Output equals [`crate::PngDecoder`]'s for every valid file, whatever the chunking. libpng
//! only *warns* about damage in the image data's zlib stream found after the last row (a bad
//! Adler-32, a bad code); both decoders treat that as an error, so pixels whose checksum
//! failed are never returned.

use std::sync::{Arc, Mutex, MutexGuard};

use cordon_kit::{Error as PngError, Format, Image, Limits as PngLimits};
use cordon_sandbox::{CallbackContext, Function, Sandbox, Tainted, TaintedPtr};

use crate::bindings::generated::{self, constants, cordon_png_header, Functions};
use crate::header::{self, Header};
use crate::image::PngInfo;
use crate::PngLibrary;

fn invalid(message: &str) -> PngError {
    PngError::Invalid {
        format: Format::Png,
        message: message.to_string(),
    }
}

/// What the callbacks learned, shared between them and the host.
#[derive(Default)]
struct Progress {
    /// The guest's stream, kept until it is freed (after an error too).
    stream: Option<TaintedPtr<u8>>,
    header: Option<Header>,
    output: Option<TaintedPtr<u8>>,
    finished: bool,
    /// An error (or a fault) ended the stream; nothing more is pushed.
    ended: bool,
    refused: Option<PngError>,
}

fn lock(progress: &Mutex<Progress>) -> MutexGuard<'_, Progress> {
    progress
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The three callbacks libpng's progressive reader calls, registered once per sandbox (a
/// registration lasts as long as its sandbox, through resets), and what they learn. Every
/// stream in that sandbox starts by clearing `progress`.
#[derive(Clone)]
pub(crate) struct StreamHooks {
    info: u32,
    row: u32,
    end: u32,
    progress: Arc<Mutex<Progress>>,
}

impl std::fmt::Debug for StreamHooks {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StreamHooks").finish_non_exhaustive()
    }
}

impl StreamHooks {
    /// Register the callbacks on `sandbox` (of `png`'s library), verifying headers against
    /// `limits`.
    pub(crate) fn register(
        sandbox: &mut Sandbox,
        png: &PngLibrary,
        limits: PngLimits,
    ) -> Result<StreamHooks, PngError> {
        let functions = png.functions().clone();
        let alloc = png.library().function::<u32, u32>("cordon_alloc")?;
        let progress = Arc::new(Mutex::new(Progress::default()));
        let (p, f) = (progress.clone(), functions.clone());
        let info = generated::register_png_progressive_info_ptr(sandbox, move |cx, args| {
            on_info(cx, &f, &alloc, &p, &limits, args)
        })?;
        let (p, f) = (progress.clone(), functions);
        let row = generated::register_png_progressive_row_ptr(sandbox, move |cx, args| {
            on_row(cx, &f, &p, args)
        })?;
        let p = progress.clone();
        let end = generated::register_png_progressive_end_ptr(sandbox, move |_, _| {
            lock(&p).finished = true;
            Ok(())
        })?;
        Ok(StreamHooks {
            info: info.function_pointer(),
            row: row.function_pointer(),
            end: end.function_pointer(),
            progress,
        })
    }
}

/// The stream's sandbox: its own, or a [`crate::PngDecoder`]'s lent for the stream's life.
enum Held<'a> {
    Own(Box<Sandbox>),
    Lent(&'a mut Sandbox),
}

impl Held<'_> {
    fn get(&mut self) -> &mut Sandbox {
        match self {
            Held::Own(sandbox) => sandbox,
            Held::Lent(sandbox) => sandbox,
        }
    }
}

/// Decodes a PNG pushed in chunks of any size, inside a sandbox: its own
/// ([`PngStream::new`]), or a [`crate::PngDecoder`]'s ([`crate::PngDecoder::stream`]), which
/// saves creating a sandbox per image (about 20 us, most of a small image's decode).
///
/// ```
/// # fn main() -> Result<(), cordon_png::PngError> {
/// let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"),
///     "/../../../third_party/libpng-testdata/pngsuite/basn2c08.png")).unwrap();
/// let mut stream = cordon_png::PngStream::new(cordon_png::PngLimits::default())?;
/// for chunk in bytes.chunks(100) {
///     stream.push(chunk)?;
/// }
/// let image = stream.finish()?;
/// assert_eq!((image.width, image.height), (32, 32));
///
/// // Many streams, one after another, in one decoder's sandbox:
/// let mut decoder = cordon_png::PngDecoder::new()?;
/// for _ in 0..3 {
///     let mut stream = decoder.stream()?;
///     for chunk in bytes.chunks(100) {
///         stream.push(chunk)?;
///     }
///     assert_eq!(stream.finish()?, image);
/// }
/// # Ok(()) }
/// ```
pub struct PngStream<'a> {
    sandbox: Held<'a>,
    functions: Functions,
    progress: Arc<Mutex<Progress>>,
    limits: PngLimits,
}

impl std::fmt::Debug for PngStream<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PngStream")
            .field("limits", &self.limits)
            .field("lent", &matches!(self.sandbox, Held::Lent(_)))
            .finish()
    }
}

impl PngStream<'static> {
    /// A new stream in its own sandbox, in the shared runtime (libpng's module on the default
    /// [`crate::Inflate`]).
    pub fn new(limits: PngLimits) -> Result<PngStream<'static>, PngError> {
        PngStream::in_library(PngLibrary::shared()?, limits)
    }

    /// A new stream in its own sandbox of `png` (for example
    /// `PngLibrary::shared_on(Inflate::Zlib)`).
    pub fn in_library(png: &PngLibrary, limits: PngLimits) -> Result<PngStream<'static>, PngError> {
        let mut sandbox = Box::new(Sandbox::with_limits(png.library(), limits.sandbox)?);
        let hooks = StreamHooks::register(&mut sandbox, png, limits)?;
        PngStream::start(Held::Own(sandbox), png.functions().clone(), &hooks, limits)
    }
}

impl<'a> PngStream<'a> {
    /// A stream in `sandbox`, whose callbacks are `hooks`.
    pub(crate) fn lent(
        sandbox: &'a mut Sandbox,
        functions: Functions,
        hooks: &StreamHooks,
        limits: PngLimits,
    ) -> Result<PngStream<'a>, PngError> {
        PngStream::start(Held::Lent(sandbox), functions, hooks, limits)
    }

    fn start(
        sandbox: Held<'a>,
        functions: Functions,
        hooks: &StreamHooks,
        limits: PngLimits,
    ) -> Result<PngStream<'a>, PngError> {
        *lock(&hooks.progress) = Progress::default();
        let mut this = PngStream {
            sandbox,
            functions,
            progress: hooks.progress.clone(),
            limits,
        };
        let sandbox = this.sandbox.get();
        let stream = this
            .functions
            .cordon_png_stream_new(sandbox, hooks.info, hooks.row, hooks.end)?;
        if stream.is_null() {
            return Err(PngError::OutOfMemory {
                format: Format::Png,
                message: "no memory for the stream".into(),
            });
        }
        lock(&this.progress).stream = Some(stream);
        let copy = header::copy(sandbox, stream.cast())?;
        header::check_status(copy.status, &copy)?;
        Ok(this)
    }

    /// Feed the next bytes of the file. Errors (corrupt data, an image over the limits, a
    /// fault) end the stream.
    pub fn push(&mut self, chunk: &[u8]) -> Result<(), PngError> {
        let stream = {
            let progress = lock(&self.progress);
            match progress.stream {
                Some(stream) if !progress.ended => stream,
                _ => return Err(invalid("stream ended")),
            }
        };
        if chunk.is_empty() {
            return Ok(());
        }
        let sandbox = self.sandbox.get();
        let data = sandbox.copy_to_sandbox(chunk)?;
        let status =
            self.functions
                .cordon_png_stream_push(sandbox, stream, data, chunk.len() as u32);
        let _ = sandbox.free(data);
        let status = match status {
            Ok(status) => status.unverified_because("only compared with the known status codes"),
            Err(error) => return Err(self.end_with(error.into())),
        };
        if status != constants::CORDON_PNG_OK as u32 {
            let copy = header::copy(sandbox, stream.cast())?;
            let error = header::check_status(status, &copy)
                .err()
                .unwrap_or_else(|| invalid("libpng reported an unknown status"));
            return Err(self.end_with(error));
        }
        Ok(())
    }

    /// The header, once libpng has seen it (verified against the limits).
    pub fn info(&self) -> Option<PngInfo> {
        lock(&self.progress).header.map(|h| h.info)
    }

    /// After the whole file was pushed: the decoded image (RGBA8, as [`crate::PngDecoder`]).
    pub fn finish(mut self) -> Result<Image, PngError> {
        let (header, output, finished, stream) = {
            let progress = lock(&self.progress);
            if progress.ended {
                // `push` reported the error; no image comes out of a stream an error ended,
                // even one whose rows were all delivered before it.
                return Err(invalid("stream ended by an error"));
            }
            (
                progress.header,
                progress.output,
                progress.finished,
                progress.stream,
            )
        };
        let (Some(header), Some(output), true) = (header, output, finished) else {
            return Err(invalid("file truncated: the stream ended before the image"));
        };
        let sandbox = self.sandbox.get();
        if let Some(stream) = stream {
            let copy = header::copy(sandbox, stream.cast())?;
            header::check_damage(&copy)?;
        }
        header::copy_pixels(sandbox, output, &header)
    }

    /// Turn an error into the stream's final error (a limit refused in a callback surfaces as
    /// itself rather than as the callback fault that stopped libpng).
    fn end_with(&mut self, error: PngError) -> PngError {
        let mut progress = lock(&self.progress);
        progress.ended = true;
        progress.refused.take().unwrap_or(error)
    }
}

impl Drop for PngStream<'_> {
    /// A lent sandbox outlives the stream: free libpng's reader and the pixel buffer in it. A
    /// fault has already replaced the instance they lived in; their pointers are then stale
    /// and freeing them does nothing.
    fn drop(&mut self) {
        let Held::Lent(sandbox) = &mut self.sandbox else {
            return;
        };
        let (stream, output) = {
            let mut progress = lock(&self.progress);
            (progress.stream.take(), progress.output.take())
        };
        if let Some(stream) = stream {
            let _ = self.functions.cordon_png_stream_free(*sandbox, stream);
        }
        if let Some(output) = output {
            let _ = sandbox.free(output);
        }
    }
}

/// libpng has read everything up to the image data: verify the header, set up RGBA8 output
/// (RGB8 for an opaque image) and give the rows a home in guest memory.
fn on_info(
    cx: &mut CallbackContext<'_>,
    functions: &Functions,
    alloc: &Function<u32, u32>,
    progress: &Mutex<Progress>,
    limits: &PngLimits,
    args: Tainted<(u32, u32)>,
) -> Result<(), cordon_sandbox::Error> {
    let (png, _info) = args.unverified_because("passed back to libpng only");
    let png = cx.pointer(Tainted::from_host(png))?;
    let stream = functions.png_get_progressive_ptr(cx, png)?;
    let status = functions
        .cordon_png_stream_start(cx, stream)?
        .unverified_because("only compared with the known status codes");
    let addr = cx.guest_addr(stream)?;
    let copy = cx
        .read::<cordon_png_header>(Tainted::from_host(addr))?
        .unverified_because("the host's own copy; verified below");
    let refuse = |error: PngError| {
        let text = error.to_string();
        lock(progress).refused = Some(error);
        cordon_sandbox::Error::Verification(text)
    };
    if status != constants::CORDON_PNG_OK as u32 {
        return Err(refuse(
            header::check_status(status, &copy)
                .err()
                .unwrap_or_else(|| invalid("bad status")),
        ));
    }
    let header = header::verify(&copy, limits).map_err(refuse)?;
    header::verify_rowbytes(&copy, header.stride).map_err(refuse)?;
    let len = u32::try_from(header.output_len).map_err(|_| {
        refuse(PngError::OutOfMemory {
            format: Format::Png,
            message: "pixel buffer beyond 4 GiB".into(),
        })
    })?;
    let output = cx.call(alloc, len)?;
    let output = output.verify(|a| {
        if a == 0 {
            Err("no memory for the pixel buffer")
        } else {
            Ok(a)
        }
    })?;
    let mut progress = lock(progress);
    progress.header = Some(header);
    progress.output = Some(cx.pointer(Tainted::from_host(output))?);
    Ok(())
}

/// One row (or, for interlaced images, one pass's share of a row) is ready: libpng combines it
/// into the output buffer in guest memory.
fn on_row(
    cx: &mut CallbackContext<'_>,
    functions: &Functions,
    progress: &Mutex<Progress>,
    args: Tainted<(u32, u32, u32, i32)>,
) -> Result<(), cordon_sandbox::Error> {
    let (png, new_row, row, _pass) =
        args.unverified_because("row index verified below; pointers go back to libpng");
    if new_row == 0 {
        return Ok(()); // an interlaced pass with nothing new for this row
    }
    let (header, output) = {
        let progress = lock(progress);
        (progress.header, progress.output)
    };
    let (Some(header), Some(output)) = (header, output) else {
        return Err(cordon_sandbox::Error::Verification(
            "row before header".into(),
        ));
    };
    let row = Tainted::from_host(row).verify_range(0..header.info.height, "row number")?;
    let old_row = row
        .checked_mul(header.stride)
        .and_then(|offset| output.byte_add(offset))
        .ok_or_else(|| cordon_sandbox::Error::Verification("row address overflows".into()))?;
    let png = cx.pointer(Tainted::from_host(png))?;
    let new_row = cx.pointer(Tainted::from_host(new_row))?;
    functions.png_progressive_combine_row(cx, png, old_row, new_row)
}
