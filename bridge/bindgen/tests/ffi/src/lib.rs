//! End-to-end tests of `cordon-bindgen`: `guest/ffi_fixture.c` built to wasm by the pipeline
//! from `cordon.toml`, called through the bindings generated from `guest/ffi_fixture.h` (see
//! `tests/`). Nothing here is hand-written binding code.

#[allow(missing_docs)]
mod generated {
    include!(concat!(env!("OUT_DIR"), "/ffi_fixture_bindings.rs"));
}

mod artifact {
    include!(concat!(env!("OUT_DIR"), "/ffi_fixture_artifact.rs"));
}

pub use generated::*;

use cordon_sandbox::{Error, Library, Runtime};

/// Load the fixture module and look up its functions.
pub fn load() -> Result<(Library, Functions), Error> {
    let library = Library::load(Runtime::try_shared()?, &artifact::ARTIFACT)?;
    let functions = Functions::load(&library)?;
    Ok((library, functions))
}
