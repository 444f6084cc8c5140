//! # cordon-build
//!
//! Cordon's build-time pipeline, used from a library bridge's `build.rs`:
//!
//! 1. compile the vendored C sources plus the bridge's guest glue and Cordon's guest support
//!    (in-module WASI stubs, setjmp/longjmp runtime, allocator exports) to wasm32-wasi with
//!    clang 22, as a reactor with a 1 MiB shadow stack;
//! 2. **audit** the module's imports against the library's manifest (for decoders: none) and
//!    check that the exports the bridge calls exist;
//! 3. **precompile** it with the exact engine settings the run time uses
//!    ([`cordon_sandbox::code_config`]) and write a Rust file that embeds the artifact.
//!
//! The same sources can also be compiled natively with [`GuestLibrary::native_compile`], for
//! baselines that run the very same C, and a bridge's tests can check its own C natively under
//! AddressSanitizer with [`SanitizedCheck`].
//!
//! ```no_run
//! // in build.rs of a bridge crate:
//! cordon_build::GuestLibrary::new("zlib")
//!     .sources_in("../../third_party/zlib", &["adler32.c", "inflate.c", "zutil.c"])
//!     .include("../../third_party/zlib")
//!     .glue("guest/zlib_glue.c")
//!     .require_exports(&["glue_inflate"])
//!     .build_or_exit();
//! // and in lib.rs: include!(concat!(env!("OUT_DIR"), "/zlib_artifact.rs"));
//! ```

mod audit;
mod bindings;
mod compile;
mod manifest;
mod native32;
mod sanitized;
mod toolchain;

use std::path::{Path, PathBuf};
use std::{env, fmt, fs};

/// Heap a library's linear memory starts with unless its manifest says otherwise
/// ([`GuestLibrary::initial_heap`]).
pub const DEFAULT_INITIAL_HEAP: u32 = 256 << 10;

pub use audit::{audit, interface, Import, Interface};
pub use bindings::check_exports;
pub use compile::Built;
/// The bindings generator (its own crate, `bridge/bindgen/`), re-exported for build scripts.
pub use cordon_bindgen as bindgen;
pub use manifest::{build_or_exit, HeaderSource, HeaderTemplate, LibraryManifest, Variant};
pub use native32::NATIVE32_ENV;
pub use sanitized::SanitizedCheck;
pub use toolchain::{Toolchain, INSTALL_HINT};

/// Why a library could not be built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BuildError {
    /// The C-to-wasm toolchain is missing or wrong.
    Toolchain(String),
    /// A C file failed to compile, or the module failed to link.
    Compile(String),
    /// The module imports something its manifest does not allow, or lacks a required export.
    Audit(String),
    /// wasmtime could not precompile the module.
    Precompile(String),
    /// The manifest, the headers and the module disagree (see [`bindgen`]).
    Api(String),
    /// A `cordon.toml` manifest is missing, malformed or names something that does not exist.
    Manifest(String),
    /// Reading or writing a file failed.
    Io(String),
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildError::Toolchain(m) => write!(f, "toolchain: {m}"),
            BuildError::Compile(m) => write!(f, "compile: {m}"),
            BuildError::Audit(m) => write!(f, "import audit: {m}"),
            BuildError::Precompile(m) => write!(f, "precompile: {m}"),
            BuildError::Api(m) => write!(f, "api: {m}"),
            BuildError::Manifest(m) => write!(f, "manifest: {m}"),
            BuildError::Io(m) => write!(f, "io: {m}"),
        }
    }
}

impl std::error::Error for BuildError {}

impl From<cordon_bindgen::Error> for BuildError {
    fn from(e: cordon_bindgen::Error) -> Self {
        match e {
            cordon_bindgen::Error::Libclang(m) => BuildError::Toolchain(format!("libclang: {m}")),
            cordon_bindgen::Error::Api(m) => BuildError::Api(m),
        }
    }
}

/// A macro: name and optional value.
pub(crate) type Define = (String, Option<String>);

/// One C file to compile, with the macros defined for it alone (on top of the library's).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Source {
    pub(crate) path: PathBuf,
    pub(crate) defines: Vec<(String, Option<String>)>,
}

/// `-D` flags for `defines`.
pub(crate) fn define_flags(
    defines: &[(String, Option<String>)],
) -> impl Iterator<Item = String> + '_ {
    defines.iter().map(|(name, value)| match value {
        Some(value) => format!("-D{name}={value}"),
        None => format!("-D{name}"),
    })
}

/// A C library to be built into a sandboxed module: its sources, flags and manifest.
#[derive(Debug, Clone)]
pub struct GuestLibrary {
    pub(crate) name: String,
    pub(crate) sources: Vec<Source>,
    pub(crate) glue: Vec<PathBuf>,
    pub(crate) includes: Vec<PathBuf>,
    pub(crate) defines: Vec<(String, Option<String>)>,
    pub(crate) headers: Vec<(String, Vec<u8>)>,
    pub(crate) allowed_imports: Vec<String>,
    pub(crate) required_exports: Vec<String>,
    pub(crate) library_exports: Vec<String>,
    pub(crate) bindings: Option<cordon_bindgen::Manifest>,
    pub(crate) callbacks: bool,
    pub(crate) opt_level: String,
    pub(crate) wasm_flags: Vec<String>,
    pub(crate) stack_size: u32,
    pub(crate) initial_heap: u32,
}

impl GuestLibrary {
    /// Start describing library `name` (used for file names and messages). By default the
    /// module may import nothing.
    pub fn new(name: &str) -> GuestLibrary {
        GuestLibrary {
            name: name.to_string(),
            sources: Vec::new(),
            glue: Vec::new(),
            includes: Vec::new(),
            defines: Vec::new(),
            headers: Vec::new(),
            allowed_imports: Vec::new(),
            required_exports: Vec::new(),
            library_exports: Vec::new(),
            bindings: None,
            callbacks: false,
            opt_level: "-O2".into(),
            wasm_flags: Vec::new(),
            stack_size: 1 << 20,
            initial_heap: DEFAULT_INITIAL_HEAP,
        }
    }

    /// Add vendored C files from `dir` (relative paths are relative to the bridge crate).
    pub fn sources_in(self, dir: impl AsRef<Path>, files: &[&str]) -> Self {
        self.sources_with_defines(dir, files, &[])
    }

    /// Add vendored C files from `dir` compiled with extra macros of their own, as libraries
    /// that build one file several times do (libjpeg-turbo's 12- and 16-bit variants: the same
    /// file with `BITS_IN_JSAMPLE=12`). `defines` are `NAME` or `NAME=VALUE`.
    pub fn sources_with_defines(
        mut self,
        dir: impl AsRef<Path>,
        files: &[&str],
        defines: &[&str],
    ) -> Self {
        let dir = manifest_relative(dir.as_ref());
        let defines: Vec<(String, Option<String>)> =
            defines.iter().map(|d| parse_define(d)).collect();
        self.sources.extend(files.iter().map(|f| Source {
            path: dir.join(f),
            defines: defines.clone(),
        }));
        self
    }

    /// Add a guest-side glue file written for this bridge (compiled into the module; also
    /// part of [`GuestLibrary::native_compile`]).
    pub fn glue(mut self, file: impl AsRef<Path>) -> Self {
        self.glue.push(manifest_relative(file.as_ref()));
        self
    }

    /// Add an include directory.
    pub fn include(mut self, dir: impl AsRef<Path>) -> Self {
        self.includes.push(manifest_relative(dir.as_ref()));
        self
    }

    /// Define a preprocessor macro for every C file.
    pub fn define(mut self, name: &str, value: Option<&str>) -> Self {
        self.defines
            .push((name.to_string(), value.map(str::to_string)));
        self
    }

    /// Provide a generated header (for example a library's configuration header) in an
    /// include directory of the build's own.
    pub fn header(mut self, name: &str, contents: impl Into<Vec<u8>>) -> Self {
        self.headers.push((name.to_string(), contents.into()));
        self
    }

    /// Allow the module to import `module::name`. Every import not allowed fails the build.
    pub fn allow_import(mut self, import: &str) -> Self {
        self.allowed_imports.push(import.to_string());
        self
    }

    /// Fail the build unless the module exports these functions (the ones the bridge calls).
    pub fn require_exports(mut self, names: &[&str]) -> Self {
        self.required_exports
            .extend(names.iter().map(|s| s.to_string()));
        self
    }

    /// Export library functions by name (for calling them directly, as generated bindings
    /// do, rather than through glue). They are also required exports.
    pub fn export(mut self, names: &[&str]) -> Self {
        self.library_exports
            .extend(names.iter().map(|s| s.to_string()));
        self.require_exports(names)
    }

    /// Generate Rust bindings for the manifest's functions, structs and constants into
    /// `$OUT_DIR/<name>_bindings.rs` (see [`bindgen`]). The functions are exported from the module
    /// and checked against the headers' wasm32 signatures at build time.
    pub fn bindings(mut self, manifest: cordon_bindgen::Manifest) -> Self {
        let functions: Vec<&str> = manifest.functions.iter().map(String::as_str).collect();
        self = self.export(&functions);
        if !manifest.callbacks.is_empty() {
            self = self.allow_callbacks();
        }
        self.bindings = Some(manifest);
        self
    }

    /// Grant the library callbacks: the module exports its (growable) function table, so the
    /// host can install closures and hand their slots to the library as C function pointers
    /// (`cordon_sandbox::Sandbox::register_callback`). Without this grant no host code can
    /// ever be reached from the library. The build reports the grant.
    pub fn allow_callbacks(mut self) -> Self {
        self.callbacks = true;
        self
    }

    /// An extra clang flag for the wasm build only (for example `-msimd128`, which lets clang
    /// vectorise with wasm SIMD as it uses SSE2 natively).
    pub fn wasm_flag(mut self, flag: &str) -> Self {
        self.wasm_flags.push(flag.to_string());
        self
    }

    /// Size of the C shadow stack inside linear memory (default 1 MiB).
    pub fn stack_size(mut self, bytes: u32) -> Self {
        self.stack_size = bytes;
        self
    }

    /// Heap the module's linear memory starts with, beyond its stack and static data (default
    /// [`DEFAULT_INITIAL_HEAP`]). A library whose usual work fits in it never grows memory,
    /// and growing is what costs a fresh sandbox most: every `memory.grow` past the initial
    /// size is an `mprotect` (with a TLB shootdown on every core the process ran on), undone
    /// again when the pool slot is reused. Untouched pages of it cost nothing; it counts
    /// against [`Limits::max_memory`](cordon_sandbox::Limits) like any memory.
    pub fn initial_heap(mut self, bytes: u32) -> Self {
        self.initial_heap = bytes;
        self
    }

    /// Build, audit and precompile; write `$OUT_DIR/<name>_artifact.rs`. On failure print the
    /// error as one clear line and exit the build script with status 1.
    pub fn build_or_exit(&self) -> Built {
        match self.build() {
            Ok(built) => built,
            Err(e) => {
                eprintln!("cordon-build: {}: {e}", self.name);
                println!("cargo:warning=cordon-build: {}: {e}", self.name);
                std::process::exit(1);
            }
        }
    }

    /// Build, audit and precompile into `$OUT_DIR` (see [`GuestLibrary::build_in`]).
    pub fn build(&self) -> Result<Built, BuildError> {
        let out_dir = out_dir()?;
        self.emit_rerun_hints();
        let target = env::var("TARGET").ok();
        self.build_in(&out_dir, target.as_deref())
    }

    /// Build into `out_dir` for `target` (a Rust target triple; `None` for this host).
    pub fn build_in(&self, out_dir: &Path, target: Option<&str>) -> Result<Built, BuildError> {
        let toolchain = Toolchain::find()?;
        let work = out_dir.join("cordon").join(&self.name);
        let wasm = compile::compile_and_link(self, &toolchain, &work)?;
        let unused = audit(
            &self.name,
            &wasm,
            &self.allowed_imports,
            &self.required_exports,
        )?;
        if self.callbacks {
            println!(
                "cargo:warning=cordon-build: {}: granted callbacks (function table exported)",
                self.name
            );
        }
        for import in unused {
            println!(
                "cargo:warning=cordon-build: {}: manifest allows `{import}` but the module does not import it",
                self.name
            );
        }
        let bindings = match &self.bindings {
            Some(manifest) => {
                let api = self.read_api(manifest, &work)?;
                bindings::check_exports(&self.name, &api, &wasm)?;
                for field in cordon_bindgen::unmapped_fields(&api) {
                    println!(
                        "cargo:warning=cordon-build: {}: no generated field for {field} (bitfield, union or unlisted nested struct)",
                        self.name
                    );
                }
                Some(cordon_bindgen::rust_bindings(&self.name, &api)?)
            }
            None => None,
        };
        let artifact = cordon_sandbox::precompile(&wasm, target)
            .map_err(|e| BuildError::Precompile(format!("{e:#}")))?;
        let wasm_path = out_dir.join(format!("{}.wasm", self.name));
        let artifact_path = out_dir.join(format!("{}.cwasm", self.name));
        let rust_path = out_dir.join(format!("{}_artifact.rs", self.name));
        write(&wasm_path, &wasm)?;
        write(&artifact_path, &artifact)?;
        write(
            &rust_path,
            artifact_rust(&self.name, &artifact_path, &wasm_path).as_bytes(),
        )?;
        if let Some(bindings) = bindings {
            let path = out_dir.join(format!("{}_bindings.rs", self.name));
            write(&path, bindings.as_bytes())?;
        }
        Ok(Built {
            wasm: wasm_path,
            artifact: artifact_path,
            rust: rust_path,
        })
    }

    /// Compile the same sources, glue, includes and defines natively into the static library
    /// `lib<lib_name>.a` (linked into the crate), plus, when the library has `[bindings]`, its
    /// Rust FFI generated with bindgen into `$OUT_DIR/<name>_native.rs`, for baselines and
    /// the native backend, with
    /// the same compiler (clang 22) and optimisation level as the wasm build whatever the Cargo
    /// profile, so a native-vs-sandboxed ratio measures isolation rather than a compiler
    /// difference (gcc and clang differ by ~30% on libpng's filters). `CORDON_NATIVE_CC`
    /// selects another compiler. Generated headers are written to
    /// `$OUT_DIR/cordon/<name>/native-include`.
    pub fn native_compile(&self, lib_name: &str) -> Result<(), BuildError> {
        let out_dir = out_dir()?;
        let native_dir = out_dir.join("cordon").join(&self.name).join("native");
        let header_dir = native_dir.join("include");
        self.write_headers(&header_dir)?;
        println!("cargo:rerun-if-env-changed=CORDON_NATIVE_CC");
        let compiler = match env::var_os("CORDON_NATIVE_CC") {
            Some(cc) => PathBuf::from(cc),
            None => Toolchain::find()?.clang,
        };
        let base = || {
            let mut build = cc::Build::new();
            build
                .compiler(&compiler)
                .opt_level_str(self.opt_level.trim_start_matches("-O"))
                .include(&header_dir)
                .includes(&self.includes)
                .warnings(false)
                .cargo_metadata(false);
            if env::var("TARGET").is_ok_and(|t| t.starts_with("x86_64")) {
                // The CPU level the sandboxed artifacts are compiled for, so a
                // native-vs-sandboxed ratio compares code for the same instructions.
                build.flag(format!("-march={}", cordon_sandbox::X86_64_LEVEL));
            }
            for (name, value) in &self.defines {
                build.define(name, value.as_deref());
            }
            build
        };
        // One build per distinct set of per-file defines, each in its own object directory
        // (the same file compiled twice must not share an object name), then one archive.
        let mut groups: Vec<(&[Define], Vec<&Path>)> = Vec::new();
        for source in &self.sources {
            match groups
                .iter_mut()
                .find(|(d, _)| *d == source.defines.as_slice())
            {
                Some((_, files)) => files.push(&source.path),
                None => groups.push((&source.defines, vec![&source.path])),
            }
        }
        let glue: Vec<&Path> = self.glue.iter().map(PathBuf::as_path).collect();
        groups.push((&[], glue));
        let mut objects = Vec::new();
        for (i, (defines, files)) in groups.iter().enumerate() {
            if files.is_empty() {
                continue;
            }
            let mut build = base();
            build
                .out_dir(native_dir.join(format!("group{i}")))
                .files(files);
            for (name, value) in defines.iter() {
                build.define(name, value.as_deref());
            }
            objects.extend(
                build
                    .try_compile_intermediates()
                    .map_err(|e| BuildError::Compile(format!("native build: {e}")))?,
            );
        }
        let mut archive = base();
        archive
            .out_dir(&native_dir)
            .objects(&objects)
            .cargo_metadata(true);
        archive
            .try_compile(lib_name)
            .map_err(|e| BuildError::Compile(format!("native archive: {e}")))?;
        if let Some(manifest) = &self.bindings {
            let ffi = self.native_ffi(manifest, &header_dir)?;
            write(
                &out_dir.join(format!("{}_native.rs", self.name)),
                ffi.as_bytes(),
            )?;
        }
        Ok(())
    }

    /// Rust FFI for the native build, generated with bindgen from the headers the manifest's
    /// `[bindings]` names, for the host target: the functions, structs and constants the
    /// sandboxed side uses, so both backends are driven from one declaration.
    fn native_ffi(
        &self,
        manifest: &cordon_bindgen::Manifest,
        header_dir: &Path,
    ) -> Result<String, BuildError> {
        let source: String = manifest
            .headers
            .iter()
            .map(|h| format!("#include \"{h}\"\n"))
            .collect();
        let mut builder = ::bindgen::Builder::default()
            .header_contents("cordon_native_ffi.h", &source)
            .clang_arg(format!("-I{}", header_dir.display()))
            .clang_args(self.includes.iter().map(|i| format!("-I{}", i.display())))
            .clang_args(define_flags(&self.defines))
            .layout_tests(false)
            .generate_comments(false)
            .derive_debug(true)
            .prepend_enum_name(false);
        for function in &manifest.functions {
            builder = builder.allowlist_function(function);
        }
        for name in &manifest.structs {
            builder = builder.allowlist_type(name.trim_start_matches("struct "));
        }
        for constant in &manifest.constants {
            builder = builder.allowlist_var(constant);
        }
        let bindings = builder.generate().map_err(|e| {
            BuildError::Api(format!(
                "`{}`: bindgen for the native build: {e}",
                self.name
            ))
        })?;
        Ok(format!(
            "// Generated by cordon-build with bindgen for the native build of `{}`. Do not edit.\n{}",
            self.name, bindings
        ))
    }

    /// The flags clang needs to read this library's headers as its module is compiled
    /// (target, guest support, generated headers, include directories, defines).
    pub(crate) fn header_flags(&self, toolchain: &Toolchain, header_dir: &Path) -> Vec<String> {
        let mut flags = toolchain.compile_flags(&compile::guest_support_dir().join("include"));
        flags.push(format!("-I{}", header_dir.display()));
        flags.extend(self.includes.iter().map(|i| format!("-I{}", i.display())));
        flags.extend(define_flags(&self.defines));
        flags
    }

    pub(crate) fn write_headers(&self, dir: &Path) -> Result<(), BuildError> {
        fs::create_dir_all(dir).map_err(|e| BuildError::Io(format!("{}: {e}", dir.display())))?;
        for (name, contents) in &self.headers {
            let path = dir.join(name);
            // Rewrite only on change, so header mtimes do not trigger needless rebuilds.
            if fs::read(&path).ok().as_deref() != Some(contents.as_slice()) {
                write(&path, contents)?;
            }
        }
        Ok(())
    }

    fn emit_rerun_hints(&self) {
        for path in self
            .sources
            .iter()
            .map(|s| &s.path)
            .chain(&self.glue)
            .chain(&self.includes)
            .chain(std::iter::once(&compile::guest_support_dir()))
        {
            println!("cargo:rerun-if-changed={}", path.display());
        }
        for var in ["CORDON_CLANG", "CORDON_WASI_INCLUDE"] {
            println!("cargo:rerun-if-env-changed={var}");
        }
    }
}

/// `NAME` or `NAME=VALUE`.
pub(crate) fn parse_define(define: &str) -> (String, Option<String>) {
    match define.split_once('=') {
        Some((name, value)) => (name.to_string(), Some(value.to_string())),
        None => (define.to_string(), None),
    }
}

/// Relative paths in a bridge's manifest are relative to the bridge crate's directory.
fn manifest_relative(path: &Path) -> PathBuf {
    match env::var_os("CARGO_MANIFEST_DIR") {
        Some(dir) if path.is_relative() => PathBuf::from(dir).join(path),
        _ => path.to_path_buf(),
    }
}

/// Cargo's `OUT_DIR` of the build script running.
pub(crate) fn out_dir() -> Result<PathBuf, BuildError> {
    env::var_os("OUT_DIR")
        .map(PathBuf::from)
        .ok_or_else(|| BuildError::Io("OUT_DIR is not set (not in a build script?)".into()))
}

pub(crate) fn write(path: &Path, bytes: &[u8]) -> Result<(), BuildError> {
    fs::write(path, bytes).map_err(|e| BuildError::Io(format!("{}: {e}", path.display())))
}

/// The Rust file that embeds the artifact.
fn artifact_rust(name: &str, artifact: &Path, wasm: &Path) -> String {
    format!(
        "/// The precompiled `{name}` module, built, audited and precompiled by cordon-build.\n\
         pub static ARTIFACT: ::cordon_sandbox::Precompiled =\n\
         \x20   // SAFETY: these bytes are the artifact cordon-build just produced with\n\
         \x20   // `cordon_sandbox::precompile` from the audited `{name}` module.\n\
         \x20   unsafe {{ ::cordon_sandbox::Precompiled::new({name:?}, include_bytes!({path:?})) }};\n\
         /// The audited `{name}` module itself (wasm), to compile for another engine (for\n\
         /// example wasmtime's Pulley interpreter). Linked only into programs that use it.\n\
         #[allow(dead_code)]\n\
         pub static WASM: &[u8] = include_bytes!({wasm:?});\n",
        path = artifact.display().to_string(),
        wasm = wasm.display().to_string()
    )
}
