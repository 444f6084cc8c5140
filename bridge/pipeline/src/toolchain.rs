//! Locating the C-to-wasm toolchain: clang 22 with the wasm32-wasi sysroot from Debian.

use std::env;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::BuildError;

/// The one line a user sees when the toolchain is missing.
pub const INSTALL_HINT: &str =
    "clang-22 with wasm32-wasi support is missing: run `scripts/bootstrap.sh` \
     (installs clang-22 lld-22 libclang-rt-22-dev-wasm32 wasi-libc from Debian)";

/// A located toolchain: the clang driver and the wasi-libc sysroot directories.
#[derive(Debug, Clone)]
pub struct Toolchain {
    /// The clang 22 driver (compiles and, through wasm-ld, links).
    pub clang: PathBuf,
    /// wasi-libc headers (`stdlib.h` and friends).
    pub wasi_include: PathBuf,
}

impl Toolchain {
    /// Find the toolchain. `CORDON_CLANG` and `CORDON_WASI_INCLUDE` override the Debian paths.
    pub fn find() -> Result<Toolchain, BuildError> {
        let clang = match env::var_os("CORDON_CLANG") {
            Some(path) => PathBuf::from(path),
            None => ["/usr/lib/llvm-22/bin/clang", "/usr/bin/clang-22"]
                .iter()
                .map(PathBuf::from)
                .find(|p| p.exists())
                .ok_or_else(|| BuildError::Toolchain(INSTALL_HINT.into()))?,
        };
        let wasi_include = env::var_os("CORDON_WASI_INCLUDE")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from("/usr/include/wasm32-wasi"));
        Toolchain::at(clang, wasi_include)
    }

    /// Use this clang driver and wasi-libc include directory, after checking both.
    pub fn at(clang: PathBuf, wasi_include: PathBuf) -> Result<Toolchain, BuildError> {
        if !wasi_include.join("stdlib.h").exists() {
            return Err(BuildError::Toolchain(INSTALL_HINT.into()));
        }
        let toolchain = Toolchain {
            clang,
            wasi_include,
        };
        toolchain.check_version()?;
        Ok(toolchain)
    }

    fn check_version(&self) -> Result<(), BuildError> {
        let output = Command::new(&self.clang)
            .arg("--version")
            .output()
            .map_err(|_| BuildError::Toolchain(INSTALL_HINT.into()))?;
        let text = String::from_utf8_lossy(&output.stdout);
        if !text.contains("version 22.") {
            return Err(BuildError::Toolchain(format!(
                "{} is not clang 22 (older clang cannot emit the setjmp/longjmp code wasmtime runs); {INSTALL_HINT}",
                self.clang.display()
            )));
        }
        Ok(())
    }

    /// clang's resource directory (its own `stddef.h` and friends), for libclang.
    pub fn resource_dir(&self) -> Result<String, BuildError> {
        let output = Command::new(&self.clang)
            .arg("-print-resource-dir")
            .output()
            .map_err(|_| BuildError::Toolchain(INSTALL_HINT.into()))?;
        Ok(String::from_utf8_lossy(&output.stdout).trim().to_string())
    }

    /// Flags shared by every guest compile: target, sysroot headers (never the host's
    /// `/usr/include`), Cordon's guest headers, and wasm-exception based setjmp/longjmp.
    pub fn compile_flags(&self, guest_include: &Path) -> Vec<String> {
        vec![
            "--target=wasm32-wasi".into(),
            "-nostdlibinc".into(),
            "-isystem".into(),
            guest_include.display().to_string(),
            "-isystem".into(),
            self.wasi_include.display().to_string(),
            "-mllvm".into(),
            "-wasm-enable-sjlj".into(),
            "-mllvm".into(),
            "-wasm-use-legacy-eh=false".into(),
        ]
    }
}
