//! Native checks of a bridge's own C under AddressSanitizer and UBSan.
//!
//! A bridge's glue and speed hooks (row filters, vector IDCTs...) are compiled into the
//! sandboxed module and into the native backend alike. In the sandbox a stray access stays in
//! the library's memory; natively it is a real heap overflow, and the libraries' padded row
//! buffers hide it from decode tests. A check program calls those functions on buffers
//! allocated to their exact size; [`SanitizedCheck`] builds it with the project's clang, the
//! native backend's CPU level and both sanitizers (any report aborts), runs it, and returns
//! what it printed.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::{BuildError, Toolchain};

/// A C check program built with `-fsanitize=address,undefined` (used from bridges' tests).
///
/// ```no_run
/// let printed = cordon_build::SanitizedCheck::new("filters_check", "target/tmp/filters")
///     .source("tests/c/filters_check.c")
///     .source("guest/png_filters.c")
///     .include("../../../third_party/libpng")
///     .run(&[])
///     .unwrap();
/// assert!(printed.ends_with("0 wrong\n"));
/// ```
#[derive(Debug, Clone)]
pub struct SanitizedCheck {
    name: String,
    work: PathBuf,
    sources: Vec<PathBuf>,
    includes: Vec<PathBuf>,
    defines: Vec<String>,
}

impl SanitizedCheck {
    /// A check named `name` (the executable's name), built in `work`.
    pub fn new(name: &str, work: impl AsRef<Path>) -> SanitizedCheck {
        SanitizedCheck {
            name: name.to_string(),
            work: work.as_ref().to_path_buf(),
            sources: Vec::new(),
            includes: Vec::new(),
            defines: Vec::new(),
        }
    }

    /// Add a C source file.
    pub fn source(mut self, path: impl AsRef<Path>) -> Self {
        self.sources.push(path.as_ref().to_path_buf());
        self
    }

    /// Add an include directory.
    pub fn include(mut self, dir: impl AsRef<Path>) -> Self {
        self.includes.push(dir.as_ref().to_path_buf());
        self
    }

    /// Add a `-D` definition (`NAME` or `NAME=VALUE`).
    pub fn define(mut self, definition: &str) -> Self {
        self.defines.push(definition.to_string());
        self
    }

    /// Build the program and run it with `args`: its standard output if it exits with 0,
    /// else everything it printed (a sanitizer's report included) as the error.
    pub fn run(&self, args: &[&str]) -> Result<String, String> {
        let clang = Toolchain::find()
            .map_err(|e: BuildError| e.to_string())?
            .clang;
        std::fs::create_dir_all(&self.work).map_err(|e| format!("{}: {e}", self.work.display()))?;
        let exe = self.work.join(&self.name);
        let mut compile = Command::new(&clang);
        compile
            .args(["-O2", "-g", "-fno-omit-frame-pointer"])
            .args(["-fsanitize=address,undefined", "-fno-sanitize-recover=all"])
            .args(self.defines.iter().map(|d| format!("-D{d}")))
            .args(self.includes.iter().map(|i| format!("-I{}", i.display())))
            .args(&self.sources)
            .arg("-o")
            .arg(&exe);
        if cfg!(target_arch = "x86_64") {
            // The CPU level the native backend is compiled for (its SSE4.1 code paths).
            compile.arg(format!("-march={}", cordon_sandbox::X86_64_LEVEL));
        }
        let built = compile
            .output()
            .map_err(|e| format!("{}: {e}", clang.display()))?;
        if !built.status.success() {
            return Err(format!(
                "compiling {} with AddressSanitizer failed (its runtime is Debian's \
                 libclang-rt-22-dev, which scripts/bootstrap.sh installs):\n{}",
                self.name,
                String::from_utf8_lossy(&built.stderr)
            ));
        }
        let ran = Command::new(&exe)
            .args(args)
            .output()
            .map_err(|e| format!("{}: {e}", exe.display()))?;
        let stdout = String::from_utf8_lossy(&ran.stdout).into_owned();
        if !ran.status.success() {
            return Err(format!(
                "{} failed ({}):\n{stdout}{}",
                self.name,
                ran.status,
                String::from_utf8_lossy(&ran.stderr)
            ));
        }
        Ok(stdout)
    }
}
