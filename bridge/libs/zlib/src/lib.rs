//! # cordon-zlib
//!
//! zlib 1.3.2 in a Cordon sandbox, called through bindings generated at build time from
//! `zlib.h` for wasm32 (see `build.rs`: the manifest is the only hand-written part). Every
//! function is a method of [`Functions`] taking tainted pointers; `z_stream` is a
//! [`cordon_sandbox::GuestStruct`] with typed fields at its wasm32 offsets; constants are in
//! [`constants`].
//!
//! ```
//! use cordon_sandbox::Sandbox;
//! let (library, zlib) = cordon_zlib::load()?;
//! let mut sandbox = Sandbox::new(&library)?;
//! let version = zlib.zlibVersion(&mut sandbox)?;
//! let version = sandbox.read_c_string(version, 32)?.verify_utf8("zlib version")?;
//! assert_eq!(version, cordon_zlib::constants::ZLIB_VERSION);
//! # Ok::<(), cordon_sandbox::Error>(())
//! ```

use cordon_sandbox::{Error, Library, Runtime};

#[allow(missing_docs)]
mod generated {
    include!(concat!(env!("OUT_DIR"), "/zlib_bindings.rs"));
}

mod artifact {
    include!(concat!(env!("OUT_DIR"), "/zlib_artifact.rs"));
}

pub use generated::{constants, register_alloc_func, register_free_func, z_stream, Functions};

/// Load the zlib module into the shared runtime and look up its functions.
pub fn load() -> Result<(Library, Functions), Error> {
    let library = Library::load(Runtime::try_shared()?, &artifact::ARTIFACT)?;
    let functions = Functions::load(&library)?;
    Ok((library, functions))
}
