//! Bindings generated at build time from `png.h`, `png_glue.h` and `png_stream.h` (see
//! `build.rs`), shared by both decoders.

use crate::header::HEADER_SIZE;

#[allow(missing_docs, dead_code, clippy::all)]
pub(crate) mod generated {
    include!(concat!(env!("OUT_DIR"), "/png_bindings.rs"));
}

use generated::{constants, cordon_png_header};

// Both decoders parse the header from one host copy with the offsets in header.rs; the
// generated layout (read from png_glue.h for wasm32) proves them at compile time.
const _: () = {
    assert!(cordon_png_header::status.offset() == 0);
    assert!(cordon_png_header::width.offset() == 4);
    assert!(cordon_png_header::height.offset() == 8);
    assert!(cordon_png_header::out_rowbytes.offset() == 24);
    assert!(cordon_png_header::gamma.offset() == 32);
    assert!(cordon_png_header::message.offset() == 36);
    assert!(<cordon_png_header as cordon_sandbox::GuestStruct>::SIZE == HEADER_SIZE);
    assert!(constants::CORDON_PNG_MESSAGE_SIZE as usize == HEADER_SIZE - 36);
};
