//! zlib's public API, sandboxed with generated bindings: the manifest below is all the
//! hand-written configuration (no glue C, no hand-written layouts or signatures).

use cordon_build::api::Manifest;
use cordon_build::GuestLibrary;

fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

fn main() {
    GuestLibrary::new("zlib")
        .sources_in(
            "../../third_party/zlib",
            &[
                "adler32.c",
                "compress.c",
                "crc32.c",
                "deflate.c",
                "inffast.c",
                "inflate.c",
                "inftrees.c",
                "trees.c",
                "uncompr.c",
                "zutil.c",
            ],
        )
        .include("../../third_party/zlib")
        .bindings(Manifest {
            headers: names(&["zlib.h"]),
            functions: names(&[
                "zlibVersion",
                "compress",
                "compressBound",
                "uncompress",
                "crc32",
                "adler32",
                "inflateInit_",
                "inflate",
                "inflateEnd",
                "deflateInit_",
                "deflate",
                "deflateEnd",
            ]),
            structs: names(&["z_stream"]),
            constants: names(&[
                "ZLIB_VERSION",
                "Z_OK",
                "Z_STREAM_END",
                "Z_NEED_DICT",
                "Z_BUF_ERROR",
                "Z_DATA_ERROR",
                "Z_MEM_ERROR",
                "Z_STREAM_ERROR",
                "Z_NO_FLUSH",
                "Z_FINISH",
                "Z_DEFAULT_COMPRESSION",
                "Z_BEST_COMPRESSION",
            ]),
            // zlib may call the host's allocator: the only capability it is granted.
            callbacks: names(&["alloc_func", "free_func"]),
        })
        .build_or_exit();
}
