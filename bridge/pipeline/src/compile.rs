//! Compiling C to wasm objects in parallel and linking them into a zero-import reactor.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::{fs, thread};

use crate::toolchain::Toolchain;
use crate::{define_flags, BuildError, GuestLibrary, Source};

/// What a successful build wrote.
#[derive(Debug, Clone)]
pub struct Built {
    /// The audited wasm module.
    pub wasm: PathBuf,
    /// The wasmtime artifact precompiled from it.
    pub artifact: PathBuf,
    /// The Rust file embedding the artifact (`include!` it).
    pub rust: PathBuf,
}

/// Cordon's guest support code, linked into every module.
pub(crate) fn guest_support_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../guest")
}

const GUEST_SUPPORT: [&str; 4] = [
    "wasi_stubs.c",
    "setjmp_rt.c",
    "cordon_guest.c",
    "bulk_memory.c",
];

/// Where a library's generated headers live, for compiling and for reading its API alike.
pub(crate) fn header_dir(work: &Path) -> PathBuf {
    work.join("include")
}

/// Compile every source, link, and return the module's bytes.
pub(crate) fn compile_and_link(
    library: &GuestLibrary,
    toolchain: &Toolchain,
    work: &Path,
) -> Result<Vec<u8>, BuildError> {
    let objects_dir = work.join("obj");
    let header_dir = header_dir(work);
    fs::create_dir_all(&objects_dir)
        .map_err(|e| BuildError::Io(format!("{}: {e}", objects_dir.display())))?;
    library.write_headers(&header_dir)?;

    let support = guest_support_dir();
    let plain = |path: PathBuf| Source {
        path,
        defines: Vec::new(),
    };
    let sources: Vec<Source> = library
        .sources
        .iter()
        .cloned()
        .chain(library.glue.iter().cloned().map(plain))
        .chain(GUEST_SUPPORT.iter().map(|f| plain(support.join(f))))
        .collect();

    let mut flags = library.header_flags(toolchain, &header_dir);
    flags.push(library.opt_level.clone());
    flags.extend(library.wasm_flags.iter().cloned());

    let objects: Vec<PathBuf> = sources
        .iter()
        .enumerate()
        .map(|(i, src)| {
            let stem = src.path.file_stem().unwrap_or_default().to_string_lossy();
            objects_dir.join(format!("{i:03}-{stem}.o"))
        })
        .collect();
    compile_all(toolchain, &flags, &sources, &objects)?;
    link(
        library,
        toolchain,
        &objects,
        &work.join(format!("{}.wasm", library.name)),
    )
}

/// Run one clang per source on every core.
fn compile_all(
    toolchain: &Toolchain,
    flags: &[String],
    sources: &[Source],
    objects: &[PathBuf],
) -> Result<(), BuildError> {
    let next = AtomicUsize::new(0);
    let errors = Mutex::new(Vec::new());
    let workers = thread::available_parallelism().map_or(2, |n| n.get());
    thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let (Some(src), Some(obj)) = (sources.get(i), objects.get(i)) else {
                    return;
                };
                let result = Command::new(&toolchain.clang)
                    .args(flags)
                    .args(define_flags(&src.defines))
                    .arg("-c")
                    .arg(&src.path)
                    .arg("-o")
                    .arg(obj)
                    .output();
                let failure = match result {
                    Ok(out) if out.status.success() => continue,
                    Ok(out) => String::from_utf8_lossy(&out.stderr).into_owned(),
                    Err(e) => format!("cannot run {}: {e}", toolchain.clang.display()),
                };
                errors
                    .lock()
                    .unwrap_or_else(|poisoned| poisoned.into_inner())
                    .push(format!("{}:\n{failure}", src.path.display()));
            });
        }
    });
    let errors = errors.into_inner().unwrap_or_else(|p| p.into_inner());
    if errors.is_empty() {
        Ok(())
    } else {
        Err(BuildError::Compile(errors.join("\n")))
    }
}

/// Link the objects with wasi-libc into a reactor module; read back its bytes.
fn link(
    library: &GuestLibrary,
    toolchain: &Toolchain,
    objects: &[PathBuf],
    output: &Path,
) -> Result<Vec<u8>, BuildError> {
    let out = Command::new(&toolchain.clang)
        .arg("--target=wasm32-wasi")
        .arg("-mexec-model=reactor")
        .arg(format!("-Wl,-z,stack-size={}", library.stack_size))
        .arg(format!("-Wl,--initial-heap={}", library.initial_heap))
        // The C stack at the bottom of memory: overflowing it runs below address 0 and traps,
        // instead of silently overwriting the library's static data.
        .arg("-Wl,--stack-first")
        .arg("-Wl,--strip-debug")
        .args(
            library
                .library_exports
                .iter()
                .map(|name| format!("-Wl,--export={name}")),
        )
        // A callback grant: the host may install closures into the function table.
        .args(match library.callbacks {
            true => &["-Wl,--export-table", "-Wl,--growable-table"][..],
            false => &[][..],
        })
        .args(objects)
        .arg("-o")
        .arg(output)
        .output()
        .map_err(|e| {
            BuildError::Compile(format!("cannot run {}: {e}", toolchain.clang.display()))
        })?;
    if !out.status.success() {
        return Err(BuildError::Compile(format!(
            "linking `{}` failed:\n{}",
            library.name,
            String::from_utf8_lossy(&out.stderr)
        )));
    }
    fs::read(output).map_err(|e| BuildError::Io(format!("{}: {e}", output.display())))
}
