//! The sandboxed renderer: FreeType in a Cordon sandbox, driven through the guest glue.

use cordon_kit::{Error, Format, GuestScope, Limits, SharedLibrary};
use cordon_sandbox::{Library, Sandbox, TaintedPtr};

use crate::bindings::{cordon_font_header, Functions};
use crate::header::{self, Line};
use crate::{FontInfo, TextImage, TextOptions};

mod artifact {
    include!(concat!(env!("OUT_DIR"), "/font_artifact.rs"));
}

static SHARED: SharedLibrary<Functions> = SharedLibrary::new(&artifact::ARTIFACT, Functions::load);

/// The FreeType module in the shared runtime (for raw sandboxes, e.g. in benchmarks).
pub fn library() -> Result<&'static Library, Error> {
    Ok(SHARED.get()?.library())
}

/// Opens untrusted fonts with FreeType inside a sandbox it reuses across calls; a fault (a
/// hinting program that never ends, a memory bomb, a crash) is an [`Error::Fault`] and the next
/// call gets a fresh instance.
#[derive(Debug)]
pub struct FontRenderer {
    sandbox: Sandbox,
    limits: Limits,
}

impl FontRenderer {
    /// A renderer with default limits in the shared runtime.
    pub fn new() -> Result<FontRenderer, Error> {
        FontRenderer::with_limits(Limits::default())
    }

    /// A renderer with the given limits (the line bitmap is checked against the image size
    /// limits, the font file against the input size) in the shared runtime.
    pub fn with_limits(limits: Limits) -> Result<FontRenderer, Error> {
        let sandbox = Sandbox::with_limits(SHARED.get()?.library(), limits.sandbox)?;
        Ok(FontRenderer { sandbox, limits })
    }

    /// The limits in force.
    pub fn limits(&self) -> Limits {
        self.limits
    }

    /// The renderer's sandbox (fault counts, reset).
    pub fn sandbox(&mut self) -> &mut Sandbox {
        &mut self.sandbox
    }

    /// Open face `face_index` of `font` and report its names and metrics.
    pub fn info(&mut self, font: &[u8], face_index: u32) -> Result<FontInfo, Error> {
        Ok(self.open(font, face_index)?.info().clone())
    }

    /// Lay out and render one line of `text` with face `face_index` of `font` (see the crate
    /// documentation for what the layout does and does not do). To render several lines with
    /// one face, [`FontRenderer::open`] it once.
    pub fn render_line(
        &mut self,
        font: &[u8],
        face_index: u32,
        text: &str,
        options: &TextOptions,
    ) -> Result<TextImage, Error> {
        self.open(font, face_index)?.render_line(text, options)
    }

    /// Copy `font` into the sandbox and open face `face_index`, to render any number of lines
    /// with it. The face lives (and keeps the renderer borrowed) until it is dropped.
    ///
    /// ```
    /// # fn main() -> Result<(), cordon_font::Error> {
    /// # let font = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/testdata/DejaVuSans-subset.ttf")).unwrap();
    /// let mut renderer = cordon_font::FontRenderer::new()?;
    /// let mut face = renderer.open(&font, 0)?;
    /// let title = face.render_line("Title", &cordon_font::TextOptions::px(40))?;
    /// let body = face.render_line("Body text", &cordon_font::TextOptions::px(14))?;
    /// assert!(title.height > body.height);
    /// # Ok(()) }
    /// ```
    pub fn open(&mut self, font: &[u8], face_index: u32) -> Result<Face<'_>, Error> {
        self.limits.check_input(font.len())?;
        let mut scope = GuestScope::new(&mut self.sandbox);
        let (at, info) = open(&mut scope, font, face_index)?;
        Ok(Face {
            scope,
            at,
            info,
            limits: self.limits,
            size_px: None,
        })
    }
}

/// A face open in the renderer's sandbox (see [`FontRenderer::open`]); closed, and its copy of
/// the font freed, when dropped. After a fault in the sandbox the face is gone with the
/// instance, and its calls fail with an error.
pub struct Face<'r> {
    scope: GuestScope<'r>,
    at: TaintedPtr<cordon_font_header>,
    info: FontInfo,
    limits: Limits,
    size_px: Option<u32>,
}

impl Face<'_> {
    /// The face's names and metrics.
    pub fn info(&self) -> &FontInfo {
        &self.info
    }

    /// The size of the sandbox's linear memory in bytes (wasm memory only grows; a face that
    /// renders many lines stays at the size its largest line needed).
    pub fn memory_size(&mut self) -> Result<usize, Error> {
        Ok(self.scope.memory_size()?)
    }

    /// Lay out and render one line of `text`.
    pub fn render_line(&mut self, text: &str, options: &TextOptions) -> Result<TextImage, Error> {
        header::check_options(options, text, &self.limits)?;
        let functions = SHARED.get()?.bindings();
        let (at, handle) = (self.at, self.at.cast());
        if self.size_px != Some(options.size_px) {
            self.size_px = None;
            let status = functions
                .cordon_font_set_size(&mut *self.scope, handle, options.size_px)?
                .unverified_because("only compared with the known status codes");
            header::check_status(status, &read_header(&mut self.scope, at)?)?;
            self.size_px = Some(options.size_px);
        }
        // The text and the bitmap are freed when this call ends; the face stays.
        let mut scope = GuestScope::new(&mut self.scope);
        let text_at = scope.copy_in(text.as_bytes())?;
        let len = text.len() as u32;
        let flags = header::render_flags(options);
        let status = functions
            .cordon_font_measure(&mut *scope, handle, text_at, len, flags)?
            .unverified_because("only compared with the known status codes");
        let copy = read_header(&mut scope, at)?;
        header::check_status(status, &copy)?;
        let line = header::line(&copy, text, &self.limits)?;

        let out = scope.alloc_output(line.len(), Format::Font)?;
        let status = functions
            .cordon_font_render(&mut *scope, handle, text_at, len, flags, out, line.width)?
            .unverified_because("only compared with the known status codes");
        header::check_status(status, &read_header(&mut scope, at)?)
            .map_err(|e| e.attribute_memory_cap(&scope))?;
        let coverage = scope
            .read_bytes(out, line.len())?
            .unverified_because("coverage bytes are data; their count is the host's");
        Ok(image(line, coverage))
    }
}

impl std::fmt::Debug for Face<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Face({})", self.info)
    }
}

/// The image of a verified line and its coverage.
pub(crate) fn image(line: Line, coverage: Vec<u8>) -> TextImage {
    TextImage {
        width: line.width,
        height: line.height,
        baseline: line.baseline,
        advance: line.advance,
        glyphs: line.glyphs,
        missing: line.missing,
        coverage,
    }
}

/// Copy the font in and open the face; the scope closes it (and frees the copy) on every path.
fn open(
    scope: &mut GuestScope<'_>,
    font: &[u8],
    face_index: u32,
) -> Result<(TaintedPtr<cordon_font_header>, FontInfo), Error> {
    let functions = SHARED.get()?.bindings();
    let input = scope.copy_in(font)?;
    let handle = functions.cordon_font_open(&mut **scope, input, font.len() as u32, face_index)?;
    if handle.is_null() {
        return Err(Error::OutOfMemory {
            format: Format::Font,
            message: "no memory for the font handle".into(),
        });
    }
    scope.on_exit(move |sandbox| {
        let _ = functions.cordon_font_close(sandbox, handle);
    });
    let at = handle.cast::<cordon_font_header>(); // the handle starts with its header
    let info = header::face(&read_header(scope, at)?).map_err(|e| e.attribute_memory_cap(scope))?;
    Ok((at, info))
}

fn read_header(
    sandbox: &mut Sandbox,
    at: TaintedPtr<cordon_font_header>,
) -> Result<cordon_font_header, Error> {
    Ok(sandbox
        .read(at)?
        .unverified_because("the host's own copy; header.rs verifies what is used"))
}
