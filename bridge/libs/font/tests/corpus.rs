//! The test fonts through the sandboxed renderer and the native build of the same C: face
//! information and rendered lines at small, large and huge sizes, hinted and not.

use cordon_font::{native, FontRenderer, Limits, RenderMode, TextOptions};
mod common;
use common::{font, FONTS};

#[test]
fn face_information_is_read_and_equal_to_native() {
    let mut renderer = FontRenderer::new().unwrap();
    for name in FONTS {
        let bytes = font(name);
        let info = renderer.info(&bytes, 0).unwrap();
        assert_eq!(
            info,
            native::info(&bytes, 0, &Limits::default()).unwrap(),
            "{name}"
        );
        assert_eq!((info.faces, info.face_index), (1, 0), "{name}");
        assert!(
            info.scalable && info.units_per_em == 2048,
            "{name}: {info:?}"
        );
        assert!(info.ascender > 0 && info.descender < 0, "{name}: {info:?}");
    }
    let sans = renderer.info(&font("DejaVuSans-subset.ttf"), 0).unwrap();
    assert_eq!(
        (sans.family.as_str(), sans.style.as_str()),
        ("DejaVu Sans", "Book")
    );
    assert_eq!(sans.format, "TrueType");
    assert!(sans.kerning && sans.hinted && !sans.bold && !sans.fixed_width);
    let bold = renderer
        .info(&font("DejaVuSans-Bold-subset.ttf"), 0)
        .unwrap();
    assert!(bold.bold && bold.style == "Bold");
    let cff = renderer.info(&font("DejaVuSans-cff.otf"), 0).unwrap();
    assert_eq!(cff.format, "CFF");
    // WOFF is the TrueType font in zlib-compressed tables: the same face.
    let woff = renderer.info(&font("DejaVuSans-subset.woff"), 0).unwrap();
    assert_eq!(woff, sans);
}

#[test]
fn lines_render_as_natively_at_every_size() {
    let mut renderer = FontRenderer::new().unwrap();
    let limits = Limits::default();
    for name in FONTS {
        let bytes = font(name);
        for (size, text) in [
            (
                12,
                "The quick brown fox jumps over the lazy dog. 0123456789",
            ),
            (48, "AVATAR Wavy Type, To: Yo! \u{e9}t\u{e9} \u{d8}"),
            (200, "Hg&@"),
        ] {
            for (hinting, mode) in [
                (true, RenderMode::Gray),
                (false, RenderMode::Gray),
                (true, RenderMode::Lcd),
                (false, RenderMode::Lcd),
            ] {
                let options = TextOptions {
                    size_px: size,
                    hinting,
                    mode,
                };
                let line = renderer.render_line(&bytes, 0, text, &options).unwrap();
                let twin = native::render_line(&bytes, 0, text, &options, &limits).unwrap();
                let what = format!("{name} {size}px hinting={hinting} {mode:?}");
                assert_eq!(line, twin, "{what}");
                assert_eq!(line.glyphs as usize, text.chars().count(), "{what}");
                let per_pixel = mode.bytes_per_pixel() as u32;
                assert_eq!(
                    line.coverage.len(),
                    (line.width * line.height * per_pixel) as usize
                );
                assert!(
                    line.coverage.contains(&255),
                    "{what}: some pixel fully covered"
                );
                assert!(line.height >= size, "{what}: {line:?}");
            }
        }
    }
}

#[test]
fn glyphs_at_1000_and_3000_pixels_render() {
    // FreeType's rasterizer runs out of its cell pool on glyphs this large and recovers by
    // longjmp-ing out and splitting the band: the sandbox's real setjmp/longjmp at work.
    let bytes = font("DejaVuSans-subset.ttf");
    let mut renderer = FontRenderer::new().unwrap();
    for size in [1000, 3000] {
        let options = TextOptions::px(size);
        let line = renderer.render_line(&bytes, 0, "@", &options).unwrap();
        let twin = native::render_line(&bytes, 0, "@", &options, &Limits::default()).unwrap();
        assert_eq!(line, twin, "{size}px");
        let covered = line.coverage.iter().filter(|&&c| c == 255).count();
        // An @ covers a good share of its em box.
        assert!(
            covered > (size as usize * size as usize) / 10,
            "{size}px: {covered}"
        );
    }
}

#[test]
fn kerning_moves_glyphs_together() {
    let bytes = font("DejaVuSans-subset.ttf");
    let mut renderer = FontRenderer::new().unwrap();
    let options = TextOptions::px(64);
    let pair = renderer.render_line(&bytes, 0, "AV", &options).unwrap();
    let a = renderer.render_line(&bytes, 0, "A", &options).unwrap();
    let v = renderer.render_line(&bytes, 0, "V", &options).unwrap();
    assert!(pair.advance < a.advance + v.advance, "{pair:?} {a:?} {v:?}");
}

#[test]
fn missing_characters_are_counted_and_drawn_as_notdef() {
    let bytes = font("DejaVuSans-Bold-subset.ttf"); // ASCII only
    let mut renderer = FontRenderer::new().unwrap();
    let line = renderer
        .render_line(&bytes, 0, "a\u{4e2d}b\u{1f600}", &TextOptions::px(20))
        .unwrap();
    assert_eq!((line.glyphs, line.missing), (4, 2));
}

/// Measure keeps the first 1024 glyphs' outlines for render; render loads the rest again. A
/// line longer than that draws the glyphs past 1024 exactly as the kept ones (a run of one
/// letter, whole-pixel hinted advances: every glyph's columns alike), and a missing character
/// past them is counted once.
#[test]
fn glyphs_past_the_kept_ones_render_alike_and_count_once() {
    let bytes = font("DejaVuSans-Bold-subset.ttf"); // ASCII only
    let mut renderer = FontRenderer::new().unwrap();
    let text = "H".repeat(1100) + "\u{4e2d}";
    let line = renderer
        .render_line(&bytes, 0, &text, &TextOptions::px(12))
        .unwrap();
    assert_eq!((line.glyphs, line.missing), (1101, 1));
    let advance = line.advance as usize / 64; // at least 1100 whole-pixel advances
    let step = {
        let one = renderer
            .render_line(&bytes, 0, "H", &TextOptions::px(12))
            .unwrap();
        assert_eq!(one.advance % 64, 0, "hinted advances are whole pixels");
        one.advance as usize / 64
    };
    assert!(advance >= 1100 * step);
    let column = |x: usize| -> Vec<u8> {
        (0..line.height as usize)
            .map(|r| line.coverage[r * line.width as usize + x])
            .collect()
    };
    let glyph = |i: usize| -> Vec<Vec<u8>> { (i * step..(i + 1) * step).map(column).collect() };
    let kept = glyph(10);
    assert!(kept.iter().flatten().any(|&c| c > 0), "the glyph has ink");
    for i in [1023, 1024, 1050, 1099] {
        assert_eq!(glyph(i), kept, "glyph {i}");
    }
}

#[test]
fn empty_text_is_an_empty_line_box() {
    let bytes = font("DejaVuSans-subset.ttf");
    let mut renderer = FontRenderer::new().unwrap();
    let line = renderer
        .render_line(&bytes, 0, "", &TextOptions::px(16))
        .unwrap();
    assert_eq!((line.width, line.glyphs, line.advance), (1, 0, 0));
    assert!(line.coverage.iter().all(|&c| c == 0));
}

#[test]
fn an_open_face_renders_many_lines_as_one_shot_calls_do() {
    let bytes = font("DejaVuSans-subset.ttf");
    let limits = Limits::default();
    let mut one_shot = FontRenderer::new().unwrap();
    let mut renderer = FontRenderer::new().unwrap();
    let mut face = renderer.open(&bytes, 0).unwrap();
    let mut twin = native::Face::open(&bytes, 0, &limits).unwrap();
    assert_eq!(face.info(), twin.info());
    let before = face_memory(&mut face);
    for round in 0..50 {
        for (size, text) in [(12, "small"), (40, "Large title"), (12, "small again")] {
            let options = TextOptions::px(size);
            let line = face.render_line(text, &options).unwrap();
            assert_eq!(
                line,
                twin.render_line(text, &options).unwrap(),
                "{round} {text}"
            );
            if round == 0 {
                assert_eq!(
                    line,
                    one_shot.render_line(&bytes, 0, text, &options).unwrap()
                );
            }
        }
    }
    // Each call frees its text and bitmap: 150 lines later the sandbox has not grown.
    assert_eq!(face_memory(&mut face), before);
}

/// The sandbox's memory once one line of each size used has been rendered.
fn face_memory(face: &mut cordon_font::Face<'_>) -> usize {
    for size in [12, 40] {
        face.render_line("Large title", &TextOptions::px(size))
            .unwrap();
    }
    face.memory_size().unwrap()
}

#[test]
fn type1_fonts_and_collections_open_and_render_as_natively() {
    let limits = Limits::default();
    let mut renderer = FontRenderer::new().unwrap();

    // PostScript Type 1: FreeType's type1 driver, a Unicode map synthesised from glyph names.
    let t1 = font("StandardSymbolsPS.t1");
    assert!(cordon_font::looks_like_font(&t1));
    let info = renderer.info(&t1, 0).unwrap();
    assert_eq!(info, native::info(&t1, 0, &limits).unwrap());
    assert_eq!(
        (info.format.as_str(), info.family.as_str()),
        ("Type 1", "Standard Symbols PS")
    );
    let greek = "\u{3b1}\u{3b2}\u{3b3} \u{2211}\u{221e}";
    for options in [TextOptions::px(12), TextOptions::px(64)] {
        let line = renderer.render_line(&t1, 0, greek, &options).unwrap();
        assert_eq!(line.missing, 0, "the glyph names map to these characters");
        assert_eq!(
            line,
            native::render_line(&t1, 0, greek, &options, &limits).unwrap()
        );
        let mut twin = native::Native32::open(&t1, 0).unwrap();
        assert_eq!(line, twin.render_line(greek, &options).unwrap());
    }

    // A collection: the face index picks the face; one past the last is an error.
    let ttc = font("DejaVuSans-collection.ttc");
    let regular = renderer.info(&ttc, 0).unwrap();
    let bold = renderer.info(&ttc, 1).unwrap();
    assert_eq!((regular.faces, bold.faces), (2, 2));
    assert!(!regular.bold && bold.bold && bold.face_index == 1);
    assert_eq!(bold, native::info(&ttc, 1, &limits).unwrap());
    assert!(matches!(
        renderer.info(&ttc, 2),
        Err(cordon_font::Error::Invalid { .. })
    ));
    let options = TextOptions::px(32);
    let a = renderer.render_line(&ttc, 0, "Bold", &options).unwrap();
    let b = renderer.render_line(&ttc, 1, "Bold", &options).unwrap();
    assert!(b.width > a.width, "the bold face is wider");
    assert_eq!(
        b,
        native::render_line(&ttc, 1, "Bold", &options, &limits).unwrap()
    );
}

#[test]
fn a_fresh_sandbox_opens_a_face_and_renders_without_growing_memory() {
    // The module starts with heap enough for a small font's face and a line (the pipeline's
    // initial heap): growing memory is an mprotect per grow and another when the pool slot is
    // reused, most of what a fresh sandbox cost before. A regression here is a speed bug.
    let bytes = font("DejaVuSans-subset.ttf");
    let mut renderer = FontRenderer::new().unwrap();
    let initial = renderer.sandbox().memory_size().unwrap();
    let mut face = renderer.open(&bytes, 0).unwrap();
    face.render_line("Sphinx of black quartz", &TextOptions::px(48))
        .unwrap();
    drop(face);
    assert_eq!(renderer.sandbox().memory_size().unwrap(), initial);
}
