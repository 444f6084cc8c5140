//! The one-function library (`int answer(void)`) the manifest-feature tests build: building a
//! folder's manifest, and calling the result.

use std::fs;
use std::path::{Path, PathBuf};

use cordon_build::{BuildError, LibraryManifest};
use cordon_sandbox::{Library, Precompiled, Runtime, Sandbox};

/// Build the library described by `dir/cordon.toml` into `dir/out`; the artifact's path.
pub fn build(dir: &Path) -> Result<PathBuf, BuildError> {
    let library = LibraryManifest::load(dir)?.library()?;
    Ok(library.build_in(&dir.join("out"), None)?.artifact)
}

/// Load the artifact and call its `answer` export in a fresh sandbox.
pub fn call_answer(artifact: &Path) -> i32 {
    let bytes: &'static [u8] = Box::leak(fs::read(artifact).unwrap().into_boxed_slice());
    // SAFETY: the artifact was just produced by cordon-build in this test.
    let precompiled = unsafe { Precompiled::new("answer", bytes) };
    let library = Library::load(Runtime::shared(), &precompiled).unwrap();
    let answer = library.function::<(), i32>("answer").unwrap();
    Sandbox::new(&library)
        .unwrap()
        .call(&answer, ())
        .unwrap()
        .unverified_because("test")
}
