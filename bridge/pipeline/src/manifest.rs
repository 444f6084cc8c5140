//! Declarative library manifests: a `cordon.toml` next to a bridge's `Cargo.toml` says what to
//! build, once, and its `build.rs` is one line ([`build_or_exit`]). A manifest can `use`
//! another library's folder: its sources (each with the defines it declares), include
//! directories and generated headers are built into this module too, so a library shared by
//! several (zlib under libpng and FreeType) is listed in exactly one place.
//!
//! ```toml
//! name = "png"
//! uses = ["../zlib"]                  # another library folder with its own cordon.toml
//! include = ["../../../third_party/libpng", "guest"]
//! glue = ["guest/png_glue.c"]         # this bridge's own guest C
//! defines = []                        # "NAME" or "NAME=VALUE", for every file
//! imports = []                        # allowed imports: none for a decoder
//!
//! [headers]                           # generated headers: name = file whose bytes it gets
//! "pnglibconf.h" = "../../../third_party/libpng/scripts/pnglibconf.h.prebuilt"
//! # or a template with literal replacements, each of which must occur in it:
//! "zlib.h" = { template = "../../../third_party/zlib-ng/zlib.h.in", replace = { "@ZLIB_SYMBOL_PREFIX@" = "" } }
//!
//! [[sources]]                         # vendored files; `defines` applies to this group only
//! dir = "../../../third_party/libpng"
//! files = ["png.c", "pngread.c"]
//! patches = { "pngread.c" = "patches/pngread.patch" }  # unified diffs the build applies
//!
//! [bindings]                          # generated Rust bindings (cordon-bindgen)
//! headers = ["png_glue.h"]
//! functions = ["cordon_png_begin"]
//! structs = ["struct cordon_png_header"]
//! constants = ["CORDON_PNG_OK"]
//! callbacks = []                      # function-pointer typedefs: the callback grant
//! enums = []                          # C enums that become Rust enums
//! outputs = []                        # out-parameters, "function.parameter"
//!
//! [variants.zlib-ng]                  # a second module, "png-zlib-ng", on other libraries
//! uses = ["../zlib-ng"]
//! ```
//!
//! Paths are relative to the folder of the manifest that names them.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::{env, fs};

use serde::Deserialize;

use crate::{parse_define, BuildError, GuestLibrary, Source};

/// The contents of a `cordon.toml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LibraryManifest {
    /// The library's name (module, artifact and bindings file names).
    pub name: String,
    /// Other library folders whose sources, include directories and headers this one builds in.
    #[serde(default)]
    pub uses: Vec<PathBuf>,
    /// Groups of vendored C files.
    #[serde(default)]
    pub sources: Vec<SourceGroup>,
    /// Include directories.
    #[serde(default)]
    pub include: Vec<PathBuf>,
    /// Macros for every file of this library: `NAME` or `NAME=VALUE`.
    #[serde(default)]
    pub defines: Vec<String>,
    /// Generated headers: the name to include, and where its bytes come from.
    #[serde(default)]
    pub headers: BTreeMap<String, HeaderSource>,
    /// The bridge's own guest C files (not inherited by libraries that use this one).
    #[serde(default)]
    pub glue: Vec<PathBuf>,
    /// Imports the module may have (`module::name`); none for a decoder.
    #[serde(default)]
    pub imports: Vec<String>,
    /// Library functions to export without generated bindings.
    #[serde(default)]
    pub exports: Vec<String>,
    /// Extra clang flags for the wasm build only (e.g. `-msimd128`).
    #[serde(default)]
    pub wasm_flags: Vec<String>,
    /// Size of the C shadow stack in bytes (default 1 MiB).
    pub stack_size: Option<u32>,
    /// Heap the linear memory starts with, in bytes (default
    /// [`DEFAULT_INITIAL_HEAP`](crate::DEFAULT_INITIAL_HEAP)); see [`GuestLibrary::initial_heap`].
    pub initial_heap: Option<u32>,
    /// A driver program (with `main`) linked with a 32-bit build of the same C when the
    /// crate's `native` feature is on: the library's native 32-bit twin (see
    /// [`GuestLibrary::native32_program`]).
    pub native32_driver: Option<PathBuf>,
    /// What the generated bindings cover.
    pub bindings: Option<Bindings>,
    /// Other builds of the same library on other dependencies, each a second sandboxed module
    /// named `<name>-<variant>` (artifact and bindings files of that name; no native build).
    #[serde(default)]
    pub variants: BTreeMap<String, Variant>,
    /// Where this manifest was read from (set by [`LibraryManifest::load`]).
    #[serde(skip)]
    pub dir: PathBuf,
}

/// Where a generated header's bytes come from.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum HeaderSource {
    /// A file, copied as it is.
    File(PathBuf),
    /// A template (such as a CMake `.h.in`) with literal replacements.
    Template(HeaderTemplate),
}

/// `{ template = "x.h.in", replace = { "@VAR@" = "value" } }`: every pattern must occur in
/// the template (so a template that changed under it fails the build), and every occurrence is
/// replaced.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HeaderTemplate {
    /// The template, relative to the manifest's folder.
    pub template: PathBuf,
    /// Pattern -> replacement.
    #[serde(default)]
    pub replace: BTreeMap<String, String>,
}

/// A `[variants.<name>]` table: what differs from the library's own build.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Variant {
    /// The library folders to build in instead of the manifest's `uses`.
    pub uses: Vec<PathBuf>,
}

/// Vendored C files in one directory, with macros of their own.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceGroup {
    /// The directory.
    pub dir: PathBuf,
    /// File names in it.
    pub files: Vec<String>,
    /// Macros for these files only.
    #[serde(default)]
    pub defines: Vec<String>,
    /// Changes to some of these files: file name -> a unified diff of that one file (relative
    /// to the manifest's folder). The build compiles a patched copy made in `OUT_DIR`; the
    /// vendored file stays verbatim. A diff whose context no longer matches fails the build.
    #[serde(default)]
    pub patches: BTreeMap<String, PathBuf>,
}

/// The `[bindings]` table: the same fields as [`cordon_bindgen::Manifest`].
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bindings {
    /// Headers to read.
    #[serde(default)]
    pub headers: Vec<String>,
    /// Functions the host calls.
    #[serde(default)]
    pub functions: Vec<String>,
    /// Structs the host reads or writes.
    #[serde(default)]
    pub structs: Vec<String>,
    /// Constants the host uses.
    #[serde(default)]
    pub constants: Vec<String>,
    /// Callback typedefs (the callback grant).
    #[serde(default)]
    pub callbacks: Vec<String>,
    /// Enums that become Rust enums.
    #[serde(default)]
    pub enums: Vec<String>,
    /// Out-parameters, `function.parameter`.
    #[serde(default)]
    pub outputs: Vec<String>,
}

impl LibraryManifest {
    /// Read `dir/cordon.toml`.
    pub fn load(dir: &Path) -> Result<LibraryManifest, BuildError> {
        let path = dir.join("cordon.toml");
        let text = fs::read_to_string(&path)
            .map_err(|e| BuildError::Manifest(format!("{}: {e}", path.display())))?;
        let mut manifest: LibraryManifest = toml::from_str(&text)
            .map_err(|e| BuildError::Manifest(format!("{}: {e}", path.display())))?;
        manifest.dir = dir.to_path_buf();
        println!("cargo:rerun-if-changed={}", path.display());
        Ok(manifest)
    }

    /// The [`GuestLibrary`] this manifest describes, with every library it uses built in.
    pub fn library(&self) -> Result<GuestLibrary, BuildError> {
        let mut library = GuestLibrary::new(&self.name);
        let mut seen = vec![canonical(&self.dir)];
        self.add_used(&mut library, &mut seen)?;
        self.add_own_build(&mut library, &[])?;
        for glue in &self.glue {
            library = library.glue(self.path(glue)?);
        }
        for import in &self.imports {
            library = library.allow_import(import);
        }
        let exports: Vec<&str> = self.exports.iter().map(String::as_str).collect();
        library = library.export(&exports);
        for flag in &self.wasm_flags {
            library = library.wasm_flag(flag);
        }
        if let Some(size) = self.stack_size {
            library = library.stack_size(size);
        }
        if let Some(size) = self.initial_heap {
            library = library.initial_heap(size);
        }
        if let Some(b) = &self.bindings {
            library = library.bindings(cordon_bindgen::Manifest {
                headers: b.headers.clone(),
                functions: b.functions.clone(),
                structs: b.structs.clone(),
                constants: b.constants.clone(),
                callbacks: b.callbacks.clone(),
                enums: b.enums.clone(),
                outputs: b.outputs.clone(),
            });
        }
        Ok(library)
    }

    /// Sources, include directories and headers of every library this one uses (depth first,
    /// each once).
    fn add_used(
        &self,
        library: &mut GuestLibrary,
        seen: &mut Vec<PathBuf>,
    ) -> Result<(), BuildError> {
        for used in &self.uses {
            let dir = self.path(used)?;
            let key = canonical(&dir);
            if seen.contains(&key) {
                continue;
            }
            seen.push(key);
            let dependency = LibraryManifest::load(&dir)?;
            dependency.add_used(library, seen)?;
            let defines: Vec<(String, Option<String>)> =
                dependency.defines.iter().map(|d| parse_define(d)).collect();
            dependency.add_own_build(library, &defines)?;
        }
        Ok(())
    }

    /// This manifest's sources (with `extra` defines, the library-wide ones of a dependency),
    /// include directories and generated headers. A library's own `defines` apply to every
    /// file of its module.
    fn add_own_build(
        &self,
        library: &mut GuestLibrary,
        extra: &[(String, Option<String>)],
    ) -> Result<(), BuildError> {
        for group in &self.sources {
            let dir = self.path(&group.dir)?;
            let mut defines: Vec<(String, Option<String>)> = extra.to_vec();
            defines.extend(group.defines.iter().map(|d| parse_define(d)));
            if let Some(stray) = group.patches.keys().find(|f| !group.files.contains(f)) {
                return Err(BuildError::Manifest(format!(
                    "`{}` patches {stray}, which its group does not list",
                    self.name
                )));
            }
            for file in &group.files {
                let path = dir.join(file);
                if !path.is_file() {
                    return Err(BuildError::Manifest(format!(
                        "`{}` lists {file}, which is not in {}",
                        self.name,
                        dir.display()
                    )));
                }
                let path = match group.patches.get(file) {
                    Some(patch) => {
                        // The copy lives elsewhere: its quoted includes still find their
                        // neighbours through the original's directory (the group's, or a
                        // subdirectory of it).
                        let original = path.parent().unwrap_or(&dir).to_path_buf();
                        if !library.includes.contains(&original) {
                            library.includes.push(original);
                        }
                        patched(&path, &self.path(patch)?, &self.name)?
                    }
                    None => path,
                };
                let source = Source {
                    path,
                    defines: defines.clone(),
                };
                if !library.sources.contains(&source) {
                    library.sources.push(source);
                }
            }
        }
        for include in &self.include {
            let dir = self.path(include)?;
            if !library.includes.contains(&dir) {
                library.includes.push(dir);
            }
        }
        if extra.is_empty() {
            library
                .defines
                .extend(self.defines.iter().map(|d| parse_define(d)));
        }
        for (name, source) in &self.headers {
            let bytes = self.header_bytes(name, source)?;
            library.headers.push((name.clone(), bytes));
        }
        Ok(())
    }

    /// The bytes of generated header `name`.
    fn header_bytes(&self, name: &str, source: &HeaderSource) -> Result<Vec<u8>, BuildError> {
        let (file, replace) = match source {
            HeaderSource::File(file) => (file, None),
            HeaderSource::Template(t) => (&t.template, Some(&t.replace)),
        };
        let file = self.path(file)?;
        let error = |what: String| {
            BuildError::Manifest(format!("header `{name}` from {}: {what}", file.display()))
        };
        let bytes = fs::read(&file).map_err(|e| error(e.to_string()))?;
        println!("cargo:rerun-if-changed={}", file.display());
        let Some(replace) = replace else {
            return Ok(bytes);
        };
        let mut text = String::from_utf8(bytes).map_err(|_| error("not UTF-8".into()))?;
        for (pattern, replacement) in replace {
            if pattern.is_empty() || !text.contains(pattern.as_str()) {
                return Err(error(format!("`{pattern}` does not occur in the template")));
            }
            text = text.replace(pattern.as_str(), replacement);
        }
        Ok(text.into_bytes())
    }

    /// `path` relative to this manifest's folder; it must exist.
    fn path(&self, path: &Path) -> Result<PathBuf, BuildError> {
        let full = self.dir.join(path);
        if full.exists() {
            Ok(full)
        } else {
            Err(BuildError::Manifest(format!(
                "`{}` names {}, which does not exist ({} from {})",
                self.name,
                path.display(),
                full.display(),
                self.dir.display()
            )))
        }
    }
}

/// `source` with the unified diff `patch` applied, written under `$OUT_DIR/patched/` (one
/// folder per patch, so the same file patched for two libraries cannot collide); its path.
fn patched(source: &Path, patch: &Path, library: &str) -> Result<PathBuf, BuildError> {
    let read = |path: &Path| {
        fs::read_to_string(path)
            .map_err(|e| BuildError::Manifest(format!("{}: {e}", path.display())))
    };
    println!("cargo:rerun-if-changed={}", patch.display());
    let (original, diff) = (read(source)?, read(patch)?);
    let bad = |why: String| {
        BuildError::Manifest(format!(
            "`{library}`: patch {} on {}: {why}",
            patch.display(),
            source.display()
        ))
    };
    let parsed = diffy::Patch::from_str(&diff).map_err(|e| bad(e.to_string()))?;
    let text = diffy::apply(&original, &parsed).map_err(|e| bad(e.to_string()))?;
    let out = env::var_os("OUT_DIR")
        .map(PathBuf::from)
        .ok_or_else(|| bad("OUT_DIR is not set (not in a build script)".into()))?;
    let stem = patch.file_stem().unwrap_or_default().to_string_lossy();
    let dir = out.join("patched").join(format!("{library}-{stem}"));
    let file = dir.join(source.file_name().unwrap_or_default());
    fs::create_dir_all(&dir)
        .and_then(|()| fs::write(&file, text))
        .map_err(|e| bad(format!("{}: {e}", file.display())))?;
    Ok(file)
}

fn canonical(dir: &Path) -> PathBuf {
    dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf())
}

/// The whole `build.rs` of a bridge crate: build the library that `cordon.toml` (next to
/// `Cargo.toml`) describes into an audited, zero-import, precompiled module
/// (`$OUT_DIR/<name>_artifact.rs`, plus `<name>_bindings.rs` when it has `[bindings]`), and,
/// when the crate's `native` feature is on, the same C natively as `libcordon_<name>_native.a`.
/// On failure it prints one clear line and exits the build script with status 1.
///
/// ```no_run
/// // the whole build.rs, inside `fn main`:
/// cordon_build::build_or_exit();
/// ```
pub fn build_or_exit() {
    let fail = |name: &str, e: BuildError| -> ! {
        eprintln!("cordon-build: {name}: {e}");
        println!("cargo:warning=cordon-build: {name}: {e}");
        std::process::exit(1)
    };
    let dir = env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_default();
    let manifest = LibraryManifest::load(&dir).unwrap_or_else(|e| fail("cordon.toml", e));
    let library = manifest
        .library()
        .unwrap_or_else(|e| fail(&manifest.name, e));
    library.build_or_exit();
    for (suffix, variant) in &manifest.variants {
        let name = format!("{}-{suffix}", manifest.name);
        // The suffix becomes part of file names: keep it to one plain word.
        let plain = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_';
        if suffix.is_empty()
            || !suffix
                .split('-')
                .all(|w| !w.is_empty() && w.chars().all(plain))
        {
            let message = format!("variant `{suffix}`: use lowercase letters, digits, - and _");
            fail(&name, BuildError::Manifest(message));
        }
        let other = LibraryManifest {
            name: name.clone(),
            uses: variant.uses.clone(),
            variants: BTreeMap::new(),
            ..manifest.clone()
        };
        other
            .library()
            .unwrap_or_else(|e| fail(&name, e))
            .build_or_exit();
    }
    if env::var_os("CARGO_FEATURE_NATIVE").is_some() {
        let name = format!("cordon_{}_native", manifest.name);
        library
            .native_compile(&name)
            .unwrap_or_else(|e| fail(&manifest.name, e));
        if let Some(driver) = &manifest.native32_driver {
            let driver = manifest
                .path(driver)
                .unwrap_or_else(|e| fail(&manifest.name, e));
            library
                .native32_program(&driver)
                .unwrap_or_else(|e| fail(&manifest.name, e));
        }
    }
}
