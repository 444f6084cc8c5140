//! The row filters Cordon installs in libpng (`guest/png_filters.c`) also run natively, outside
//! any sandbox, in the native backend. `tests/c/filters_check.c` runs every replaced filter on
//! rows allocated to their exact length (1 to 80 pixels, 1 to 8 bytes a pixel) against the PNG
//! specification's definitions, built with AddressSanitizer and UBSan. The decode tests cannot
//! see an overread: libpng pads its row buffers, and in the sandbox a stray read stays in the
//! library's own memory.

use std::path::Path;

#[test]
fn row_filters_stay_inside_exact_size_rows_under_asan() {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let libpng = here.join("../../../third_party/libpng");
    let work = Path::new(env!("CARGO_TARGET_TMPDIR")).join("png-filters-asan");
    // The build maps pnglibconf.h to libpng's prebuilt configuration (cordon.toml [headers]).
    std::fs::create_dir_all(&work).unwrap();
    std::fs::copy(
        libpng.join("scripts/pnglibconf.h.prebuilt"),
        work.join("pnglibconf.h"),
    )
    .unwrap();
    let printed = cordon_build::SanitizedCheck::new("filters_check", &work)
        .source(here.join("tests/c/filters_check.c"))
        .source(here.join("guest/png_filters.c"))
        .include(&work)
        .include(&libpng)
        .define("PNG_FILTER_OPTIMIZATIONS=cordon_png_init_filters")
        .run(&[])
        .unwrap_or_else(|e| panic!("{e}"));
    // Up for 1-8 bytes a pixel, Sub/Avg/Paeth too for 3 and 4; 80 widths, 4 patterns each.
    assert_eq!(printed.trim(), "4480 rows checked, 0 wrong");
}
