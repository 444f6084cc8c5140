//! A 32-bit x86 native twin of a library: the same sources, glue, includes and defines compiled
//! with `clang -m32` and linked with a driver program of the bridge's (its `main`). On wasm32
//! C `long` and pointers are 32-bit; natively on x86_64 they are 64-bit, so a library whose
//! results depend on `long` (FreeType's `FT_Long`/`FT_Pos`) can differ from its sandboxed self
//! in a few pixels. The 32-bit twin has the sandbox's type sizes: the exact baseline. A 64-bit
//! process cannot load 32-bit code, so the twin is a program the host talks to over a pipe.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::{define_flags, out_dir, write, BuildError, GuestLibrary, Toolchain};

/// The environment variable (at compile time of the bridge crate) holding the program's path,
/// empty when this machine cannot build 32-bit programs.
pub const NATIVE32_ENV: &str = "CORDON_NATIVE32_PROGRAM";

impl GuestLibrary {
    /// Build the 32-bit twin with `driver` into `$OUT_DIR/cordon/<name>/native32/<name>32` and
    /// tell the crate where it is (`env!("CORDON_NATIVE32_PROGRAM")`). Without a 32-bit C
    /// library (Debian: `gcc-multilib`) it warns and sets the variable empty.
    pub fn native32_program(&self, driver: &Path) -> Result<(), BuildError> {
        let dir = out_dir()?.join("cordon").join(&self.name).join("native32");
        let header_dir = dir.join("include");
        self.write_headers(&header_dir)?;
        println!("cargo:rerun-if-changed={}", driver.display());
        let clang = Toolchain::find()?.clang;

        // Can this machine link a 32-bit program at all?
        let probe = dir.join("probe.c");
        write(&probe, b"#include <errno.h>\n#include <stdio.h>\nint main(void) { return puts(\"\") < 0 ? errno : 0; }\n")?;
        let probe_ok = Command::new(&clang)
            .args(["-m32", "-o"])
            .arg(dir.join("probe"))
            .arg(&probe)
            .output()
            .is_ok_and(|o| o.status.success());
        if !probe_ok {
            println!(
                "cargo:warning=cordon-build: {}: no 32-bit C library (Debian: gcc-multilib), so no native 32-bit twin",
                self.name
            );
            println!("cargo:rustc-env={NATIVE32_ENV}=");
            return Ok(());
        }

        let mut jobs: Vec<(PathBuf, Vec<String>)> = self
            .sources
            .iter()
            .map(|s| (s.path.clone(), define_flags(&s.defines).collect()))
            .collect();
        jobs.extend(self.glue.iter().map(|g| (g.clone(), Vec::new())));
        jobs.push((driver.to_path_buf(), Vec::new()));
        let common: Vec<String> = ["-m32".to_string(), self.opt_level.clone(), "-w".into()]
            .into_iter()
            .chain(std::iter::once(format!("-I{}", header_dir.display())))
            .chain(self.includes.iter().map(|i| format!("-I{}", i.display())))
            .chain(define_flags(&self.defines))
            .collect();
        let objects: Vec<PathBuf> = (0..jobs.len())
            .map(|i| dir.join(format!("{i}.o")))
            .collect();
        let parallel = std::thread::available_parallelism().map_or(2, |n| n.get());
        for (batch, outs) in jobs.chunks(parallel).zip(objects.chunks(parallel)) {
            let children: Vec<_> = batch
                .iter()
                .zip(outs)
                .map(|((source, defines), object)| {
                    Command::new(&clang)
                        .args(&common)
                        .args(defines)
                        .arg("-c")
                        .arg(source)
                        .arg("-o")
                        .arg(object)
                        .output()
                        .map(|o| (source, o))
                })
                .collect();
            for child in children {
                let (source, output) = child
                    .map_err(|e| BuildError::Toolchain(format!("{}: {e}", clang.display())))?;
                if !output.status.success() {
                    return Err(BuildError::Compile(format!(
                        "native32: {}: {}",
                        source.display(),
                        String::from_utf8_lossy(&output.stderr)
                    )));
                }
            }
        }
        let program = dir.join(format!("{}32", self.name));
        let output = Command::new(&clang)
            .arg("-m32")
            .args(&objects)
            .arg("-lm")
            .arg("-o")
            .arg(&program)
            .output()
            .map_err(|e| BuildError::Toolchain(format!("{}: {e}", clang.display())))?;
        if !output.status.success() {
            return Err(BuildError::Compile(format!(
                "native32: link: {}",
                String::from_utf8_lossy(&output.stderr)
            )));
        }
        println!("cargo:rustc-env={NATIVE32_ENV}={}", program.display());
        Ok(())
    }
}
