//! Single glyphs and kerning, driven through FreeType's own API from Rust (generated bindings
//! in the sandbox, bindgen's FFI natively): identical to the native build, consistent with the
//! line renderer, LCD coverage, limits.

use cordon_font::{
    native, Error, FontRenderer, GlyphOptions, Limits, RenderMode, TextImage, TextOptions,
};
mod common;
use common::{font, glyph_options, FONTS, GLYPHS};

#[test]
fn glyphs_are_identical_to_native_in_every_mode() {
    let mut renderer = FontRenderer::new().unwrap();
    let limits = renderer.limits();
    for name in FONTS {
        let bytes = font(name);
        let mut ours = renderer.open(&bytes, 0).unwrap();
        let mut theirs = native::Face::open(&bytes, 0, &limits).unwrap();
        for options in glyph_options(&[9, 12, 48, 200]) {
            for ch in GLYPHS.chars() {
                let a = ours.glyph(ch, &options).unwrap();
                let b = theirs.glyph(ch, &options).unwrap();
                assert_eq!(a, b, "{name} {ch:?} {options:?}");
                let per_pixel = options.mode.bytes_per_pixel() as u32;
                assert_eq!(a.coverage.len() as u32, a.width * a.height * per_pixel);
                if ch == ' ' {
                    assert_eq!((a.width, a.height), (0, 0), "a space has no ink");
                    assert!(a.advance.0 > 0);
                }
            }
        }
    }
}

#[test]
fn a_glyph_is_the_line_of_its_one_character() {
    let bytes = font("DejaVuSans-subset.ttf");
    let mut renderer = FontRenderer::new().unwrap();
    let mut face = renderer.open(&bytes, 0).unwrap();
    for mode in [RenderMode::Gray, RenderMode::Lcd] {
        let per_pixel = mode.bytes_per_pixel();
        for ch in ['A', 'g', '@', 'j'] {
            let glyph_options = GlyphOptions {
                mode,
                ..GlyphOptions::px(48)
            };
            let glyph = face.glyph(ch, &glyph_options).unwrap();
            let options = TextOptions {
                mode,
                ..TextOptions::px(48)
            };
            let line = face.render_line(&ch.to_string(), &options).unwrap();
            assert_eq!(glyph.advance.0, line.advance, "{ch}");
            let top = (line.baseline - glyph.top) as usize;
            let (glyph_row, line_row) = (
                glyph.width as usize * per_pixel,
                line.width as usize * per_pixel,
            );
            let rows = |x: usize| {
                (0..glyph.height as usize).all(|r| {
                    let ours = &glyph.coverage[r * glyph_row..][..glyph_row];
                    let theirs =
                        &line.coverage[(top + r) * line_row + x * per_pixel..][..glyph_row];
                    ours == theirs
                })
            };
            let at = (0..=(line.width - glyph.width) as usize).find(|&x| rows(x));
            assert!(
                at.is_some(),
                "{ch} {mode:?}: the glyph's bitmap is not in its line"
            );
            let ink = |c: &[u8]| c.iter().map(|&v| u64::from(v)).sum::<u64>();
            assert_eq!(
                ink(&glyph.coverage),
                ink(&line.coverage),
                "{ch} {mode:?}: ink elsewhere"
            );
        }
    }
}

/// Whether `line` is `text`'s glyphs from FreeType's own API (hinted, gray) drawn into one
/// image with a per-pixel maximum at their pen positions (hinted advances and kerning are
/// whole pixels), the line's left edge at the leftmost ink or the first origin, whichever is
/// further left. Both builds share the line glue, so this is the check of its layout and
/// blit that does not go through it.
fn is_drawn_glyph_by_glyph(
    face: &mut cordon_font::Face<'_>,
    text: &str,
    px: u32,
    line: &TextImage,
) -> bool {
    let (mut pen, mut previous, mut placed) = (0, None, Vec::new());
    for ch in text.chars() {
        if let Some(left) = previous {
            pen += face.kerning(left, ch, px).unwrap().0;
        }
        let glyph = face.glyph(ch, &GlyphOptions::px(px)).unwrap();
        assert_eq!(pen % 64, 0, "hinted pen positions are whole pixels");
        placed.push((pen / 64, glyph.clone()));
        pen += glyph.advance.0;
        previous = Some(ch);
    }
    let (w, h) = (line.width as i32, line.height as i32);
    let drawn = |first: i32| {
        let mut image = vec![0u8; (w * h) as usize];
        for (origin, glyph) in &placed {
            for r in 0..glyph.height as i32 {
                for c in 0..glyph.width as i32 {
                    let (x, y) = (
                        first + origin + glyph.left + c,
                        line.baseline - glyph.top + r,
                    );
                    if (0..w).contains(&x) && (0..h).contains(&y) {
                        let at = (y * w + x) as usize;
                        let value = glyph.coverage[(r * glyph.width as i32 + c) as usize];
                        image[at] = image[at].max(value);
                    }
                }
            }
        }
        image
    };
    let leftmost = placed
        .iter()
        .filter(|(_, g)| g.width > 0)
        .map(|(origin, g)| origin + g.left)
        .min()
        .unwrap_or(0);
    drawn(-leftmost.min(0)) == line.coverage
}

/// Glyphs that overlap in a line keep the larger coverage: "AV" (kerned together, so their
/// boxes overlap) must equal both glyphs drawn one by one.
#[test]
fn overlapping_glyphs_in_a_line_keep_the_larger_coverage() {
    let bytes = font("DejaVuSans-subset.ttf");
    let mut renderer = FontRenderer::new().unwrap();
    let mut face = renderer.open(&bytes, 0).unwrap();
    let a = face.glyph('A', &GlyphOptions::px(48)).unwrap();
    let v = face.glyph('V', &GlyphOptions::px(48)).unwrap();
    let kern = face.kerning('A', 'V', 48).unwrap().0;
    // V's origin in whole pixels from A's.
    let v_origin = (a.advance.0 + kern) / 64;
    assert!(
        v_origin + v.left < a.left + a.width as i32,
        "the test needs overlapping boxes"
    );
    let line = face.render_line("AV", &TextOptions::px(48)).unwrap();
    assert!(
        is_drawn_glyph_by_glyph(&mut face, "AV", 48, &line),
        "the line is not the per-pixel maximum of its glyphs"
    );
}

/// Measure keeps each glyph's rendered coverage for render while the line's stays within a
/// budget (about 1 MiB), and the outline past it: lines at 12 and 200 px (all coverage), and
/// at 400 px (the budget runs out about 25 glyphs in, so both kinds in one line), must each
/// be their glyphs drawn one by one.
#[test]
fn lines_are_their_glyphs_drawn_one_by_one() {
    let bytes = font("DejaVuSans-subset.ttf");
    let mut renderer = FontRenderer::new().unwrap();
    let mut face = renderer.open(&bytes, 0).unwrap();
    let text = "Sphinx of black quartz, judge my vow";
    for px in [12, 200, 400] {
        let line = face.render_line(text, &TextOptions::px(px)).unwrap();
        assert!(
            is_drawn_glyph_by_glyph(&mut face, text, px, &line),
            "{px} px"
        );
    }
}

/// The coverage measure keeps and the outlines it keeps past its budget must give the same
/// line, hinted or not (unhinted pens fall between pixels, so each glyph is rendered at its
/// pen's fraction), gray or LCD: every line rendered both ways. The glyph-by-glyph check
/// above covers hinted gray; this one the other three.
#[test]
fn kept_coverage_and_kept_outlines_give_the_same_line() {
    let bytes = font("DejaVuSans-subset.ttf");
    let mut renderer = FontRenderer::new().unwrap();
    let mut face = renderer.open(&bytes, 0).unwrap();
    let text = "Sphinx of black quartz, judge my vow! AV Wa fi";
    for size_px in [9, 12, 31, 48] {
        for hinting in [true, false] {
            for mode in [RenderMode::Gray, RenderMode::Lcd] {
                let options = TextOptions {
                    size_px,
                    hinting,
                    mode,
                };
                let kept = face.render_line(text, &options).unwrap();
                let outlines = face.render_line_from_outlines(text, &options).unwrap();
                assert_eq!(kept, outlines, "{options:?}");
                assert!(kept.coverage.iter().any(|&v| v > 0), "{options:?}");
            }
        }
    }
}

#[test]
fn lcd_coverage_has_subpixel_detail() {
    let bytes = font("DejaVuSans-subset.ttf");
    let mut renderer = FontRenderer::new().unwrap();
    let mut face = renderer.open(&bytes, 0).unwrap();
    let lcd = face
        .glyph(
            'o',
            &GlyphOptions {
                mode: RenderMode::Lcd,
                ..GlyphOptions::px(24)
            },
        )
        .unwrap();
    let gray = face.glyph('o', &GlyphOptions::px(24)).unwrap();
    assert!(lcd.width >= gray.width && lcd.width <= gray.width + 2);
    // On the round left and right edges the three subpixels of a pixel differ.
    let differing = lcd.coverage.chunks(3).filter(|p| p[0] != p[2]).count();
    assert!(differing > 4, "{differing} pixels with subpixel detail");
}

#[test]
fn kerning_pairs_come_from_the_kern_table() {
    let bytes = font("DejaVuSans-subset.ttf");
    let mut renderer = FontRenderer::new().unwrap();
    let mut face = renderer.open(&bytes, 0).unwrap();
    let mut theirs = native::Face::open(&bytes, 0, &Limits::default()).unwrap();
    let av = face.kerning('A', 'V', 48).unwrap();
    assert!(av.0 < 0 && av.1 == 0, "AV kerns together: {av:?}");
    assert_eq!(face.kerning('H', 'H', 48).unwrap(), (0, 0));
    for (l, r) in [('A', 'V'), ('T', 'o'), ('L', 'T'), ('y', '.')] {
        for size in [12, 48, 300] {
            assert_eq!(
                face.kerning(l, r, size).unwrap(),
                theirs.kerning(l, r, size).unwrap()
            );
        }
    }
    // A face without a `kern` table: no kerning, not an error.
    let cff = font("DejaVuSans-cff.otf");
    let mut renderer = FontRenderer::new().unwrap();
    let mut face = renderer.open(&cff, 0).unwrap();
    assert!(!face.info().kerning);
    assert_eq!(face.kerning('A', 'V', 48).unwrap(), (0, 0));
}

#[test]
fn a_missing_character_is_the_notdef_glyph() {
    let bytes = font("DejaVuSans-Bold-subset.ttf"); // ASCII only
    let mut renderer = FontRenderer::new().unwrap();
    let mut face = renderer.open(&bytes, 0).unwrap();
    assert_eq!(face.glyph_index('\u{2603}').unwrap(), 0);
    let notdef = face.glyph('\u{2603}', &GlyphOptions::px(32)).unwrap();
    assert_eq!(notdef.glyph_index, 0);
    assert!(face.glyph_index('A').unwrap() > 0);
}

#[test]
fn huge_glyphs_render_and_limits_hold() {
    let bytes = font("DejaVuSans-subset.ttf");
    let mut renderer = FontRenderer::new().unwrap();
    let mut face = renderer.open(&bytes, 0).unwrap();
    // FreeType's rasterizer overflows its cell pool here and longjmps to recover.
    let big = face.glyph('@', &GlyphOptions::px(3000)).unwrap();
    assert!(big.width > 2000 && big.height > 2000);
    let mut theirs = native::Face::open(&bytes, 0, &Limits::default()).unwrap();
    assert_eq!(big, theirs.glyph('@', &GlyphOptions::px(3000)).unwrap());
    for size in [0, cordon_font::MAX_SIZE_PX + 1] {
        assert!(matches!(
            face.glyph('a', &GlyphOptions::px(size)),
            Err(Error::TooLarge { .. })
        ));
    }
    drop(face);

    // A glyph bigger than the image limits is refused before its bitmap is copied.
    let small = Limits {
        max_width: 100,
        ..Limits::default()
    };
    let mut renderer = FontRenderer::with_limits(small).unwrap();
    let mut face = renderer.open(&bytes, 0).unwrap();
    assert!(matches!(
        face.glyph('W', &GlyphOptions::px(400)),
        Err(Error::TooLarge { .. })
    ));
    assert!(face.glyph('W', &GlyphOptions::px(40)).is_ok());
}

/// The exact twin: FreeType built 32-bit (`clang -m32`, `FT_Long` 32-bit as in the sandbox),
/// driven with the same calls; glyphs, lines and kerning must be byte-identical.
#[test]
fn everything_is_identical_to_the_native_32_bit_build() {
    assert!(
        native::Native32::available(),
        "the native 32-bit twin was not built: run scripts/bootstrap.sh (gcc-multilib)"
    );
    let mut renderer = FontRenderer::new().unwrap();
    for name in FONTS {
        let bytes = font(name);
        let mut ours = renderer.open(&bytes, 0).unwrap();
        let mut twin = native::Native32::open(&bytes, 0).unwrap();
        for options in glyph_options(&[9, 12, 48, 200, 1000]) {
            for ch in GLYPHS.chars() {
                assert_eq!(
                    ours.glyph(ch, &options).unwrap(),
                    twin.glyph(ch, &options).unwrap(),
                    "{name} {ch:?} {options:?}"
                );
            }
        }
        for size_px in [9, 12, 48, 200, 1000] {
            for options in glyph_options(&[size_px]) {
                let text = "Sphinx of black quartz, judge my vow! AV Wa fi 0123";
                let options = TextOptions {
                    size_px,
                    hinting: options.hinting,
                    mode: options.mode,
                };
                assert_eq!(
                    ours.render_line(text, &options).unwrap(),
                    twin.render_line(text, &options).unwrap(),
                    "{name} line {options:?}"
                );
            }
            assert_eq!(
                ours.kerning('A', 'V', size_px).unwrap(),
                twin.kerning('A', 'V', size_px).unwrap()
            );
        }
    }
}
