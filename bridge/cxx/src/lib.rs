//! # cordon-cxx
//!
//! Cordon for C++ applications, through a [cxx] bridge: the static library
//! (`libcordon_cxx.a`) and headers that a C++ build links. C++ code includes
//! `<cordon/cordon.hpp>` (decoding) or `<cordon/sandbox.hpp>` (the low-level API); those small
//! hand-written headers wrap the primitives declared here and turn errors into typed C++
//! exceptions. Nothing here is specific to a library:
//!
//! - **high level**: [`decode`], [`info`] and a [`Decoder`] with limits dispatch through the
//!   `cordon` facade, so every format the facade decodes is decodable from C++ as soon as it
//!   lands there; a [`PngStream`] decodes a PNG that arrives in pieces; a [`FontRenderer`]
//!   renders lines of text with the sandboxed FreeType;
//! - **low level**, the RLBox way: [`Library`] (a bundled library by name, or a module compiled
//!   at run time), [`Sandbox`] (allocate, copy in, invoke a function by name with its signature
//!   read from the module, copy out), every result tainted on the C++ side.
//!
//! Every function returns `Result`: cxx turns `Err` into a C++ exception, and the headers
//! rethrow it as the typed exception that `ffi::last_error` describes. Nothing here panics
//! (a panic across the bridge would abort the process).
//!
//! [cxx]: https://cxx.rs

mod error;
mod font;
mod high;
mod low;
mod reference;
mod stream;

pub use error::{last_error, Failure};
pub use font::{new_font_renderer, FontRenderer};
pub use high::{animation, decode, default_limits, info, new_decoder, Decoder};
pub use low::{
    bundled_libraries, compile_library, new_sandbox, open_library, Function, Library, Sandbox,
};
pub use reference::{
    fnv1a, reference_call_nanos, reference_decode_nanos, reference_digest, reference_text_digest,
};
pub use stream::{new_png_stream, PngStream};

/// The declarations cxx turns into `cordon-cxx/src/lib.rs.h` (namespace `cordon::ffi`).
#[cxx::bridge(namespace = "cordon::ffi")]
#[allow(missing_docs)]
pub mod ffi {
    /// Why a call failed (the C++ exception type follows it).
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum ErrorKind {
        /// The library rejected the input (`cordon::InvalidImage`).
        Invalid,
        /// Dimensions, input size or frame count over a limit (`cordon::LimitExceeded`).
        LimitExceeded,
        /// The library ran out of memory under the cap (`cordon::OutOfMemory`).
        OutOfMemory,
        /// No format Cordon decodes (`cordon::UnknownFormat`).
        UnknownFormat,
        /// A known format's unsupported variant (`cordon::Unsupported`).
        Unsupported,
        /// The library faulted; the sandbox recovered (`cordon::Fault`).
        Fault,
        /// A returned value failed verification (`cordon::VerificationError`).
        Verification,
        /// The sandbox could not be created or used, or was used wrongly
        /// (`cordon::SandboxError`).
        Sandbox,
    }

    /// What kind of fault (`cordon::Fault::fault_kind`).
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum FaultKind {
        /// Not a fault.
        None,
        Deadline,
        MemoryLimit,
        StackOverflow,
        Abort,
        MemoryOutOfBounds,
        BadIndirectCall,
        Arithmetic,
        Callback,
        Other,
    }

    /// An image format.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum Format {
        /// No format (errors not about one).
        None,
        Png,
        Jpeg,
        Gif,
        WebP,
        /// A font file (errors of `cordon::FontRenderer`).
        Font,
    }

    /// Layout of [`Image::pixels`].
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum PixelFormat {
        /// 4 bytes per pixel.
        Rgba8,
        /// 8 bytes per pixel, native-endian `uint16_t`s.
        Rgba16,
    }

    /// The last failure on this thread, read by the headers to throw the right exception.
    #[derive(Debug, Clone)]
    struct ErrorInfo {
        kind: ErrorKind,
        fault: FaultKind,
        format: Format,
        /// The whole message (`what()`).
        message: String,
        /// The library's own words (escaped to printable ASCII), if it said anything.
        library_message: String,
    }

    /// Limits of a decode (see `cordon::Limits`); `default_limits()` gives the defaults.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    struct Limits {
        max_width: u32,
        max_height: u32,
        max_pixels: u64,
        max_frames: u32,
        /// Most pixels of all an animation's frames together.
        max_animation_pixels: u64,
        max_input_bytes: u64,
        /// Memory cap of each sandbox, in bytes.
        max_memory_bytes: u64,
        /// Per-call deadline, in milliseconds.
        deadline_ms: u64,
    }

    /// A decoded image: rows top to bottom, no padding.
    #[derive(Debug, Clone)]
    struct Image {
        width: u32,
        height: u32,
        pixel_format: PixelFormat,
        pixels: Vec<u8>,
    }

    /// One frame of an animation: the whole canvas after it, and how long it shows.
    #[derive(Debug, Clone)]
    struct Frame {
        image: Image,
        delay_ms: u32,
    }

    /// Every frame of an image (a still image is one frame).
    #[derive(Debug, Clone)]
    struct Animation {
        width: u32,
        height: u32,
        frames: Vec<Frame>,
        /// How many times it plays in all; 0 means forever.
        plays: u32,
    }

    /// What a header says.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    struct ImageInfo {
        format: Format,
        width: u32,
        height: u32,
        bit_depth: u8,
        has_alpha: bool,
        /// EXIF orientation 1..=8, 0 when the file has none.
        orientation: u8,
        /// Frame count, 0 when the format does not say.
        frames: u32,
    }

    /// What FreeType reports about a face (see `cordon_font::FontInfo`).
    #[derive(Debug, Clone)]
    struct FontInfo {
        faces: u32,
        face_index: u32,
        glyphs: u32,
        units_per_em: u32,
        ascender: i32,
        descender: i32,
        line_height: i32,
        family: String,
        style: String,
        format: String,
        scalable: bool,
        kerning: bool,
        fixed_width: bool,
        hinted: bool,
        italic: bool,
        bold: bool,
    }

    /// A rendered line: `coverage` is `height` rows of `width` bytes (0 none, 255 full).
    #[derive(Debug, Clone)]
    struct TextLine {
        width: u32,
        height: u32,
        /// Baseline row from the top.
        baseline: i32,
        /// Pen advance of the line, 1/64 pixel.
        advance: i32,
        glyphs: u32,
        /// Characters the face has no glyph for.
        missing: u32,
        coverage: Vec<u8>,
    }

    /// A wasm value type of a sandboxed function's parameter or result.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum ValueType {
        Void,
        I32,
        I64,
        F32,
        F64,
    }

    /// A wasm value: `bits` holds an `i32`/`i64` (sign- or zero-extended as the C++ side
    /// chose) or the IEEE bits of an `f32`/`f64`.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    struct Value {
        ty: ValueType,
        bits: u64,
    }

    extern "Rust" {
        /// The failure behind the last exception thrown on this thread.
        fn last_error() -> ErrorInfo;

        fn default_limits() -> Limits;
        /// Decode any supported format to RGBA8 (this thread's sandboxes, default limits).
        fn decode(bytes: &[u8]) -> Result<Image>;
        /// Read any supported format's header.
        fn info(bytes: &[u8]) -> Result<ImageInfo>;
        /// Decode every frame of an animation (GIF), or a still image as one frame.
        fn animation(bytes: &[u8]) -> Result<Animation>;

        type Decoder;
        fn new_decoder(limits: &Limits) -> Result<Box<Decoder>>;
        fn decode(self: &mut Decoder, bytes: &[u8]) -> Result<Image>;
        fn decode_at_least(
            self: &mut Decoder,
            bytes: &[u8],
            width: u32,
            height: u32,
        ) -> Result<Image>;
        fn info(self: &mut Decoder, bytes: &[u8]) -> Result<ImageInfo>;
        fn animation(self: &mut Decoder, bytes: &[u8]) -> Result<Animation>;
        fn faults(self: &mut Decoder) -> u64;

        type PngStream;
        fn new_png_stream(limits: &Limits) -> Result<Box<PngStream>>;
        fn push(self: &mut PngStream, bytes: &[u8]) -> Result<()>;
        fn has_info(self: &PngStream) -> bool;
        fn stream_info(self: &PngStream) -> Result<ImageInfo>;
        fn finish(self: &mut PngStream) -> Result<Image>;

        type FontRenderer;
        fn new_font_renderer(limits: &Limits) -> Result<Box<FontRenderer>>;
        fn font_info(self: &mut FontRenderer, font: &[u8], face_index: u32) -> Result<FontInfo>;
        fn render_text(
            self: &mut FontRenderer,
            font: &[u8],
            face_index: u32,
            text: &str,
            size_px: u32,
            hinting: bool,
        ) -> Result<TextLine>;
        fn faults(self: &mut FontRenderer) -> u64;

        type Library;
        /// The names `open_library` accepts.
        fn bundled_libraries() -> Vec<String>;
        fn open_library(name: &str) -> Result<Box<Library>>;
        fn compile_library(name: &str, wasm: &[u8]) -> Result<Box<Library>>;
        fn name(self: &Library) -> String;
        fn function(self: &Library, name: &str) -> Result<Box<Function>>;

        type Function;
        fn name(self: &Function) -> String;
        fn params(self: &Function) -> Vec<ValueType>;
        fn result(self: &Function) -> ValueType;

        type Sandbox;
        fn new_sandbox(
            library: &Library,
            max_memory_bytes: u64,
            deadline_ms: u64,
        ) -> Result<Box<Sandbox>>;
        /// Which instance is live: changes after every fault, so pointers into an instance
        /// that is gone are refused.
        fn generation(self: &Sandbox) -> u64;
        fn faults(self: &Sandbox) -> u64;
        /// Look a function of the sandbox's own library up (the sandbox keeps its library
        /// alive, whatever becomes of the C++ `Library` it was made from).
        fn function(self: &Sandbox, name: &str) -> Result<Box<Function>>;
        fn invoke(self: &mut Sandbox, function: &Function, args: &[Value]) -> Result<Value>;
        fn malloc(self: &mut Sandbox, bytes: u32) -> Result<u32>;
        fn free(self: &mut Sandbox, generation: u64, addr: u32) -> Result<()>;
        fn copy_in(self: &mut Sandbox, generation: u64, addr: u32, bytes: &[u8]) -> Result<()>;
        fn copy_out(self: &mut Sandbox, generation: u64, addr: u32, len: u32) -> Result<Vec<u8>>;
        fn read_c_string(
            self: &mut Sandbox,
            generation: u64,
            addr: u32,
            max_len: u32,
        ) -> Result<Vec<u8>>;
        fn memory_size(self: &mut Sandbox) -> Result<u64>;

        // The Rust API's own results and timings, for tests and benchmarks of this face.
        /// FNV-1a of `cordon::decode(bytes)`: width, height (little-endian u32), pixels.
        fn reference_digest(bytes: &[u8]) -> Result<u64>;
        /// FNV-1a of a line rendered by Rust's `FontRenderer`: width, height, coverage.
        fn reference_text_digest(font: &[u8], text: &str, size_px: u32) -> Result<u64>;
        /// Nanoseconds of `iterations` decodes by a Rust `cordon::Decoder`.
        fn reference_decode_nanos(bytes: &[u8], iterations: u32) -> Result<u64>;
        /// Nanoseconds of `iterations` typed Rust calls of a bundled library's `function`
        /// (`() -> i32`).
        fn reference_call_nanos(library: &str, function: &str, iterations: u32) -> Result<u64>;
    }
}
