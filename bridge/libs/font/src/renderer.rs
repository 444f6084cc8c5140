//! The sandboxed renderer: FreeType in a Cordon sandbox, driven through bindings generated
//! from its own headers (faces, sizes, single glyphs, kerning) and the glue (whole lines).

use cordon_kit::{Error, Format, GuestScope, Limits, SharedLibrary};
use cordon_sandbox::{Library, Sandbox, Tainted, TaintedPtr};

use crate::bindings::{
    constants as c, cordon_font_header, FT_FaceRec, FT_GlyphSlotRec, FT_Kerning_Mode, Functions,
};
use crate::glyph::{self, GlyphImage, GlyphOptions};
use crate::header::{self, Line};
use crate::{FontInfo, TextImage, TextOptions};

/// The longest name or format string copied out of FreeType.
const MAX_NAME: usize = 4096;

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
        header::check_face_index(face_index)?;
        let mut scope = GuestScope::new(&mut self.sandbox);
        let (face, lines, info) = open(&mut scope, font, face_index)?;
        Ok(Face {
            scope,
            face,
            lines,
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
    face: TaintedPtr<FT_FaceRec>,
    lines: TaintedPtr<cordon_font_header>,
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

    /// Set the em size in pixels (`FT_Set_Pixel_Sizes`), unless it is set already.
    fn set_size(&mut self, size_px: u32) -> Result<(), Error> {
        header::check_size(size_px)?;
        if self.size_px != Some(size_px) {
            self.size_px = None;
            let functions = SHARED.get()?.bindings();
            let error = functions.FT_Set_Pixel_Sizes(&mut *self.scope, self.face, 0, size_px)?;
            check_freetype(&mut self.scope, error)?;
            self.size_px = Some(size_px);
        }
        Ok(())
    }

    /// Lay out and render one line of `text`.
    pub fn render_line(&mut self, text: &str, options: &TextOptions) -> Result<TextImage, Error> {
        self.line(text, options, 0)
    }

    /// [`Face::render_line`] with the glue keeping every glyph's outline for the rendering
    /// pass instead of the coverage it rendered while measuring: the same pixels by the other
    /// path, for tests that compare the two.
    #[doc(hidden)]
    pub fn render_line_from_outlines(
        &mut self,
        text: &str,
        options: &TextOptions,
    ) -> Result<TextImage, Error> {
        self.line(text, options, c::CORDON_FONT_KEEP_OUTLINES)
    }

    fn line(&mut self, text: &str, options: &TextOptions, extra: u32) -> Result<TextImage, Error> {
        header::check_options(options, text, &self.limits)?;
        self.set_size(options.size_px)?;
        let functions = SHARED.get()?.bindings();
        let (at, handle) = (self.lines, self.lines.cast());
        // The text and the bitmap are freed when this call ends; the face stays.
        let mut scope = GuestScope::new(&mut self.scope);
        let text_at = scope.copy_in(text.as_bytes())?;
        let len = text.len() as u32;
        let flags = header::render_flags(options) | extra;
        let status = functions
            .cordon_font_measure(&mut *scope, handle, text_at, len, flags)?
            .unverified_because("only compared with the known status codes");
        let copy = read_header(&mut scope, at)?;
        // Measure renders the glyphs it keeps, so it is where most of a line's memory goes.
        header::check_status(status, &copy).map_err(|e| e.attribute_memory_cap(&scope))?;
        let line = header::line(&copy, text, options, &self.limits)?;

        let out = scope.alloc_output(line.len(), Format::Font)?;
        let status = functions
            .cordon_font_render(&mut *scope, handle, text_at, len, flags, out, line.stride())?
            .unverified_because("only compared with the known status codes");
        header::check_status(status, &read_header(&mut scope, at)?)
            .map_err(|e| e.attribute_memory_cap(&scope))?;
        let coverage = scope
            .read_bytes(out, line.len())?
            .unverified_because("coverage bytes are data; their count is the host's");
        Ok(image(line, coverage))
    }

    /// The glyph index of `ch` in the face's character map (0: none).
    pub fn glyph_index(&mut self, ch: char) -> Result<u32, Error> {
        let functions = SHARED.get()?.bindings();
        Ok(functions
            .FT_Get_Char_Index(&mut *self.scope, self.face, u32::from(ch))?
            .verify_range(0..self.info.glyphs.max(1), "glyph index")?)
    }

    /// Render the glyph for `ch` on its own (`FT_Load_Glyph` + `FT_Render_Glyph`, called
    /// through generated bindings), with its metrics: the building block for a layout of
    /// your own. A character the face lacks renders its `.notdef` glyph (index 0).
    ///
    /// ```
    /// # fn main() -> Result<(), cordon_font::Error> {
    /// # let font = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/testdata/DejaVuSans-subset.ttf")).unwrap();
    /// use cordon_font::{GlyphOptions, RenderMode};
    /// let mut renderer = cordon_font::FontRenderer::new()?;
    /// let mut face = renderer.open(&font, 0)?;
    /// let a = face.glyph('a', &GlyphOptions::px(48))?;
    /// assert!(a.width > 10 && a.top > 10 && a.advance.0 > 0);
    /// let lcd = face.glyph('a', &GlyphOptions { mode: RenderMode::Lcd, ..GlyphOptions::px(48) })?;
    /// assert_eq!(lcd.coverage.len(), (lcd.width * lcd.height * 3) as usize);
    /// # Ok(()) }
    /// ```
    pub fn glyph(&mut self, ch: char, options: &GlyphOptions) -> Result<GlyphImage, Error> {
        self.set_size(options.size_px)?;
        let functions = SHARED.get()?.bindings();
        let index = self.glyph_index(ch)?;
        let sandbox = &mut *self.scope;
        let load = glyph::load_flags(options);
        let error = functions.FT_Load_Glyph(sandbox, self.face, index, load)?;
        check_freetype(sandbox, error)?;
        let slot = sandbox.read_field(self.face, FT_FaceRec::glyph)?;
        let slot = sandbox.follow(slot)?;
        let error = functions.FT_Render_Glyph(sandbox, slot, options.mode.freetype())?;
        check_freetype(sandbox, error)?;
        let tainted = sandbox.read(slot)?;
        let buffer_at = tainted.clone().map(|r| r.bitmap.buffer);
        let rec: FT_GlyphSlotRec =
            tainted.unverified_because("the host's own copy; glyph.rs verifies what is used");
        let facts = glyph::slot_facts!(rec, has_buffer: rec.bitmap.buffer != 0);
        let bitmap = glyph::check_slot(&facts, options, &self.limits)?;
        let coverage = match bitmap.span() {
            0 => Vec::new(),
            span => {
                let buffer = sandbox.pointer::<u8>(buffer_at)?;
                let bytes = sandbox
                    .read_bytes(buffer, span)?
                    .unverified_because("coverage bytes are data; their count is the host's");
                bitmap.pack(&bytes)
            }
        };
        Ok(glyph::image(index, &facts, bitmap, options, coverage))
    }

    /// The kerning between the glyphs of `left` and `right` at `size_px`, in 26.6 pixels
    /// (`FT_Get_Kerning`, default mode: grid-fitted); (0, 0) for a face without kerning.
    pub fn kerning(&mut self, left: char, right: char, size_px: u32) -> Result<(i32, i32), Error> {
        self.set_size(size_px)?;
        let (left, right) = (self.glyph_index(left)?, self.glyph_index(right)?);
        let functions = SHARED.get()?.bindings();
        let mode = FT_Kerning_Mode::FT_KERNING_DEFAULT.raw();
        let (error, delta) =
            functions.FT_Get_Kerning(&mut self.scope, self.face, left, right, mode)?;
        check_freetype(&mut self.scope, error)?;
        let delta = delta.unverified_because("both components are range-checked next");
        header::check_kerning(i64::from(delta.x), i64::from(delta.y))
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
        mode: line.mode,
        coverage,
    }
}

/// A FreeType call's error code, with its message (`FT_Error_String`) when it is not 0.
fn check_freetype(sandbox: &mut Sandbox, error: Tainted<i32>) -> Result<(), Error> {
    let code = error.unverified_because("0 or any code: both are handled");
    if code == 0 {
        return Ok(());
    }
    let functions = SHARED.get()?.bindings();
    let text = functions.FT_Error_String(sandbox, code)?;
    let message = cordon_kit::library_text(&guest_bytes(sandbox, text)?, "");
    Err(header::freetype_error(code, message).attribute_memory_cap(sandbox))
}

/// The bytes of a NUL-terminated string in the sandbox (null: none).
fn guest_bytes(sandbox: &mut Sandbox, at: TaintedPtr<u8>) -> Result<Vec<u8>, Error> {
    if at.is_null() {
        return Ok(Vec::new());
    }
    Ok(sandbox
        .read_c_string(at, MAX_NAME)?
        .unverified_because("text for display: escaped, never interpreted"))
}

/// Start FreeType, copy the font in, open the face and the glue's line state; the scope
/// closes FreeType (every face with it) and frees the copy on every path.
fn open(
    scope: &mut GuestScope<'_>,
    font: &[u8],
    face_index: u32,
) -> Result<
    (
        TaintedPtr<FT_FaceRec>,
        TaintedPtr<cordon_font_header>,
        FontInfo,
    ),
    Error,
> {
    let functions = SHARED.get()?.bindings();
    let len = i32::try_from(font.len()).map_err(|_| Error::Invalid {
        format: Format::Font,
        message: format!("a font of {} bytes", font.len()),
    })?;
    // Copied in first, so it is freed last: after FreeType (and the face) are closed.
    let input = scope.copy_in(font)?;
    let (error, library) = functions.FT_Init_FreeType(scope)?;
    check_freetype(scope, error)?;
    let library = scope.follow(library)?;
    scope.on_exit(move |sandbox| {
        let _ = functions.FT_Done_FreeType(sandbox, library);
    });
    let (error, face) =
        functions.FT_New_Memory_Face(scope, library, input, len, face_index as i32)?;
    check_freetype(scope, error)?;
    let face = scope.follow(face)?;
    let tainted = scope.read(face)?;
    let family_at = scope.nullable_pointer::<u8>(tainted.clone().map(|r| r.family_name));
    let style_at = scope.nullable_pointer::<u8>(tainted.clone().map(|r| r.style_name));
    let rec: FT_FaceRec =
        tainted.unverified_because("the host's own copy; header.rs verifies what is used");
    let format_at = functions.FT_Get_Font_Format(&mut **scope, face)?;
    let facts = header::face_facts!(
        rec,
        family: family_at.map_or(Ok(Vec::new()), |p| guest_bytes(scope, p))?,
        style: style_at.map_or(Ok(Vec::new()), |p| guest_bytes(scope, p))?,
        format: guest_bytes(scope, format_at)?
    );
    let info = header::face(&facts, face_index)?;
    let lines = functions.cordon_font_lines(&mut **scope, face)?;
    if lines.is_null() {
        return Err(Error::OutOfMemory {
            format: Format::Font,
            message: "no memory for the line state".into(),
        });
    }
    scope.on_exit(move |sandbox| {
        let _ = functions.cordon_font_lines_free(sandbox, lines);
    });
    Ok((face, lines.cast(), info))
}

fn read_header(
    sandbox: &mut Sandbox,
    at: TaintedPtr<cordon_font_header>,
) -> Result<cordon_font_header, Error> {
    Ok(sandbox
        .read(at)?
        .unverified_because("the host's own copy; header.rs verifies what is used"))
}
