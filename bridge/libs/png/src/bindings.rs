//! Bindings generated at build time from `png.h`, `png_glue.h` and `png_stream.h` (see
//! `cordon.toml`), shared by both decoders: functions, `struct cordon_png_header` as a host
//! type read in one copy, and the glue's status codes and flags.

#[allow(missing_docs, dead_code, clippy::all)]
pub(crate) mod generated {
    include!(concat!(env!("OUT_DIR"), "/png_bindings.rs"));
}
