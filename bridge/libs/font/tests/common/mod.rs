//! Shared by the font tests: the test fonts in `testdata/`.
#![allow(dead_code)] // each test file uses what it needs

use cordon_font::{GlyphOptions, RenderMode};

/// The bytes of `testdata/<name>`.
pub fn font(name: &str) -> Vec<u8> {
    let path = format!("{}/testdata/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The outline fonts every backend comparison runs over.
pub const FONTS: [&str; 4] = [
    "DejaVuSans-subset.ttf",
    "DejaVuSans-subset.woff",
    "DejaVuSans-Bold-subset.ttf",
    "DejaVuSans-cff.otf",
];

/// Characters for glyph comparisons: round, diagonal, descending, symbols, space, Latin-1, and
/// one no test font has.
pub const GLYPHS: &str = "AVag@&%Wy0 .\u{e9}\u{2603}";

/// Every combination of `sizes`, hinting and render mode.
pub fn glyph_options(sizes: &[u32]) -> Vec<GlyphOptions> {
    let mut all = Vec::new();
    for &size_px in sizes {
        for hinting in [true, false] {
            for mode in [RenderMode::Gray, RenderMode::Lcd] {
                all.push(GlyphOptions {
                    size_px,
                    hinting,
                    mode,
                });
            }
        }
    }
    all
}
