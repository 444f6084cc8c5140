//! The bridge's vector hooks in libjpeg-turbo (`guest/jsimd_vector.c`, `guest/jsimd_idct.c`)
//! also run natively, outside any sandbox, in the native backend. Both checks here are built
//! with AddressSanitizer and UBSan: `tests/c/hooks_check.c` runs the colour conversion (every
//! RGB layout) and fancy upsampling on rows allocated to their exact length against
//! libjpeg-turbo's scalar definitions; `testdata/tools/idct_check.c` compares the vector IDCT
//! with `jpeg_idct_islow` on valid, edge and arbitrary 16-bit blocks. The decode tests cannot
//! see an overrun: libjpeg pads its sample rows, and in the sandbox a stray access stays in
//! the library's own memory.

use std::path::{Path, PathBuf};

fn here() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn check(name: &str) -> cordon_build::SanitizedCheck {
    let work = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("jpeg-hooks-asan");
    cordon_build::SanitizedCheck::new(name, work)
        .include(here().join("config"))
        .include(here().join("../../../third_party/libjpeg-turbo/src"))
        .include(here().join("guest"))
}

#[test]
fn colour_conversion_and_upsampling_stay_inside_exact_size_rows_under_asan() {
    let printed = check("hooks_check")
        .source(here().join("tests/c/hooks_check.c"))
        .source(here().join("guest/jsimd_vector.c"))
        .source(here().join("guest/jsimd_idct.c"))
        .run(&[])
        .unwrap_or_else(|e| panic!("{e}"));
    // 11 layouts x 80 widths x 3 patterns x 2 rows, then 78 widths x 3 patterns x 3 rows.
    assert_eq!(printed.trim(), "5982 rows checked, 0 wrong");
}

#[test]
fn the_vector_idct_equals_libjpegs_under_asan() {
    let turbo = here().join("../../../third_party/libjpeg-turbo/src");
    let printed = check("idct_check")
        .source(here().join("testdata/tools/idct_check.c"))
        .source(turbo.join("jidctint.c"))
        .source(turbo.join("jfdctint.c"))
        .run(&["300000"])
        .unwrap_or_else(|e| panic!("{e}"));
    // The program exits non-zero on any difference it must not have; check it ran them all.
    assert!(
        printed
            .contains("valid blocks 100000: differ from jpeg_idct_islow 0, took the 32-bit path 0"),
        "{printed}"
    );
    assert!(
        printed.contains("all blocks: differ from the 32-bit path 0"),
        "{printed}"
    );
}
