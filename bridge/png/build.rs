//! Builds libpng + zlib + the PNG glue into an audited, zero-import, precompiled wasm module,
//! and (with the `native-baseline` feature) the same C natively for comparisons.

use cordon_build::api::Manifest;
use cordon_build::GuestLibrary;

const ZLIB: &[&str] = &[
    "adler32.c",
    "crc32.c",
    "infback.c",
    "inffast.c",
    "inflate.c",
    "inftrees.c",
    "zutil.c",
    "compress.c",
    "uncompr.c",
    "deflate.c",
    "trees.c",
];

const LIBPNG: &[&str] = &[
    "png.c",
    "pngerror.c",
    "pngget.c",
    "pngmem.c",
    "pngpread.c",
    "pngread.c",
    "pngrio.c",
    "pngrtran.c",
    "pngrutil.c",
    "pngset.c",
    "pngtrans.c",
];

fn library() -> GuestLibrary {
    let pnglibconf = std::fs::read("../../third_party/libpng/scripts/pnglibconf.h.prebuilt")
        .expect("third_party/libpng/scripts/pnglibconf.h.prebuilt is vendored");
    println!("cargo:rerun-if-changed=../../third_party/libpng/scripts/pnglibconf.h.prebuilt");
    GuestLibrary::new("png")
        .sources_in("../../third_party/zlib", ZLIB)
        .sources_in("../../third_party/libpng", LIBPNG)
        .include("../../third_party/zlib")
        .include("../../third_party/libpng")
        .include("guest")
        .header("pnglibconf.h", pnglibconf)
        .glue("guest/png_glue.c")
        .glue("guest/png_stream.c")
        // No capability at all: the decoder imports nothing from the host.
        // Both decoders call the guest through bindings generated from png.h and the glue
        // headers; libpng calls back into the host only through the three progressive
        // callbacks, its only grant.
        .bindings(Manifest {
            headers: names(&["png.h", "png_stream.h"]),
            functions: names(&[
                "cordon_png_begin",
                "cordon_png_decode",
                "cordon_png_end",
                "cordon_png_stream_new",
                "cordon_png_stream_push",
                "cordon_png_stream_start",
                "cordon_png_stream_free",
                "png_get_progressive_ptr",
                "png_progressive_combine_row",
            ]),
            structs: names(&["struct cordon_png_header"]),
            constants: names(&[
                "CORDON_PNG_OK",
                "CORDON_PNG_MESSAGE_SIZE",
                "CORDON_PNG_DAMAGED_DATA",
            ]),
            callbacks: names(&[
                "png_progressive_info_ptr",
                "png_progressive_row_ptr",
                "png_progressive_end_ptr",
            ]),
        })
}

fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

fn main() {
    let library = library();
    library.build_or_exit();
    if std::env::var_os("CARGO_FEATURE_NATIVE_BASELINE").is_some() {
        let native = library.native_build().unwrap_or_else(|e| {
            eprintln!("cordon-png: native baseline: {e}");
            std::process::exit(1)
        });
        native.compile("cordon_png_native");
    }
    println!("cargo:rerun-if-changed=guest");
}
