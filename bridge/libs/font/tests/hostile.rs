//! Hostile fonts: truncations, mutations and fonts with absurd tables (endless hinting
//! programs, a composite glyph made of itself, impossible `maxp` counts). Every one is a typed
//! error, a deadline fault or the same result as the native build; the sandbox stays usable.

use std::time::Duration;

use cordon_font::{native, Error, FontRenderer, GlyphOptions, Limits, RenderMode, TextOptions};
mod common;
use common::font;

/// Sandboxed and native agree on `bytes`: the same line, or errors of the same kind. (The
/// native build is 64-bit and FreeType's `FT_Long` is 32-bit in the sandbox, so values that
/// overflow one and not the other may differ; none of these inputs does.)
fn same_as_native(renderer: &mut FontRenderer, bytes: &[u8], what: &str) {
    let options = TextOptions::px(24);
    let ours = renderer.render_line(bytes, 0, "Hg@fi", &options);
    let theirs = native::render_line(bytes, 0, "Hg@fi", &options, &renderer.limits());
    match (&ours, &theirs) {
        (Ok(a), Ok(b)) => assert_eq!(a, b, "{what}"),
        (Err(a), Err(b)) => assert_eq!(a, b, "{what}"),
        _ => panic!("{what}: sandboxed {ours:?}, native {theirs:?}"),
    }
    if let Err(e) = ours {
        assert!(matches!(e, Error::Invalid { .. }), "{what}: {e:?}");
        return;
    }
    // Single glyphs through FreeType's API from the host: the same, or the same error.
    let limits = renderer.limits();
    let mut face = renderer.open(bytes, 0).unwrap();
    let mut twin = native::Face::open(bytes, 0, &limits).unwrap();
    let lcd = GlyphOptions {
        mode: RenderMode::Lcd,
        hinting: false,
        ..GlyphOptions::px(20)
    };
    for (ch, options) in [('g', GlyphOptions::px(24)), ('@', lcd)] {
        let ours = face.glyph(ch, &options);
        let theirs = twin.glyph(ch, &options);
        match (&ours, &theirs) {
            (Ok(a), Ok(b)) => assert_eq!(a, b, "{what}: glyph {ch}"),
            (Err(a), Err(b)) => assert_eq!(a, b, "{what}: glyph {ch}"),
            _ => panic!("{what}: glyph {ch}: sandboxed {ours:?}, native {theirs:?}"),
        }
    }
    assert_eq!(
        face.kerning('A', 'V', 24).ok(),
        twin.kerning('A', 'V', 24).ok(),
        "{what}"
    );
}

fn assert_still_works(renderer: &mut FontRenderer) {
    let line = renderer
        .render_line(
            &font("DejaVuSans-subset.ttf"),
            0,
            "ok",
            &TextOptions::px(16),
        )
        .expect("a good font renders after a hostile one");
    assert!(line.coverage.contains(&255));
}

#[test]
fn truncated_fonts_are_errors_as_natively() {
    let mut renderer = FontRenderer::new().unwrap();
    for name in [
        "DejaVuSans-subset.ttf",
        "DejaVuSans-subset.woff",
        "DejaVuSans-cff.otf",
    ] {
        let bytes = font(name);
        let step = (bytes.len() / 400).max(1);
        for len in (0..bytes.len()).step_by(step) {
            same_as_native(&mut renderer, &bytes[..len], &format!("{name}[..{len}]"));
        }
    }
    assert_still_works(&mut renderer);
}

#[test]
fn mutated_fonts_render_as_natively_or_fail_alike() {
    let mut renderer = FontRenderer::new().unwrap();
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for name in ["DejaVuSans-subset.ttf", "DejaVuSans-cff.otf"] {
        let original = font(name);
        for i in 0..600 {
            let mut bytes = original.clone();
            for _ in 0..1 + next() % 8 {
                let at = (next() % bytes.len() as u64) as usize;
                bytes[at] = match next() % 4 {
                    0 => 0,
                    1 => 0xff,
                    2 => bytes[at] ^ (1 << (next() % 8)),
                    _ => next() as u8,
                };
            }
            same_as_native(&mut renderer, &bytes, &format!("{name} mutation {i}"));
        }
    }
    assert_eq!(renderer.sandbox().faults(), 0);
    assert_still_works(&mut renderer);
}

#[test]
fn endless_hinting_programs_stop() {
    // FreeType bounds its bytecode interpreter (backward jumps, instructions per glyph), so
    // the loops end as FreeType errors or unhinted glyphs; the deadline is the last resort
    // (set short here, so a loop that escaped FreeType's own bounds would fail the test fast
    // with a fault instead of hanging it).
    let mut limits = Limits::default();
    limits.sandbox.deadline = Duration::from_secs(2);
    let mut renderer = FontRenderer::with_limits(limits).unwrap();
    for name in ["hostile-prep-loop.ttf", "hostile-glyph-loop.ttf"] {
        let bytes = font(name);
        let result = renderer.render_line(&bytes, 0, "ABA", &TextOptions::px(24));
        match result {
            Ok(line) => assert_eq!(line.glyphs, 3, "{name}"),
            Err(Error::Invalid { .. } | Error::Fault(_)) => {}
            Err(e) => panic!("{name}: {e:?}"),
        }
        assert_still_works(&mut renderer);
    }
}

#[test]
fn a_composite_glyph_made_of_itself_is_an_error() {
    let bytes = font("hostile-composite-cycle.ttf");
    let mut renderer = FontRenderer::new().unwrap();
    let result = renderer.render_line(&bytes, 0, "A", &TextOptions::px(24));
    assert!(matches!(result, Err(Error::Invalid { .. })), "{result:?}");
    let theirs = native::render_line(&bytes, 0, "A", &TextOptions::px(24), &Limits::default());
    assert_eq!(result, theirs);
    // Other glyphs of the face still render.
    assert!(renderer
        .render_line(&bytes, 0, "B", &TextOptions::px(24))
        .is_ok());
}

#[test]
fn absurd_maxp_counts_are_refused_or_bounded() {
    let bytes = font("hostile-maxp.ttf");
    let mut limits = Limits::default();
    limits.sandbox.max_memory = 64 << 20;
    let mut renderer = FontRenderer::with_limits(limits).unwrap();
    let result = renderer.render_line(&bytes, 0, "AB", &TextOptions::px(24));
    match &result {
        Ok(line) => assert_eq!(line.glyphs, 2),
        Err(Error::Invalid { .. } | Error::OutOfMemory { .. }) => {}
        Err(e) => panic!("{e:?}"),
    }
    assert!(renderer.sandbox().memory_size().unwrap() <= 64 << 20);
    assert_still_works(&mut renderer);
}

#[test]
fn sizes_and_limits_are_checked_before_freetype() {
    let bytes = font("DejaVuSans-subset.ttf");
    let mut renderer = FontRenderer::new().unwrap();
    for size in [0, cordon_font::MAX_SIZE_PX + 1] {
        let result = renderer.render_line(&bytes, 0, "A", &TextOptions::px(size));
        assert!(
            matches!(result, Err(Error::TooLarge { .. })),
            "{size}: {result:?}"
        );
    }
    let limits = Limits {
        max_width: 100,
        ..Limits::default()
    };
    let mut small = FontRenderer::with_limits(limits).unwrap();
    let result = small.render_line(
        &bytes,
        0,
        "far too wide for a hundred pixels",
        &TextOptions::px(40),
    );
    assert!(matches!(result, Err(Error::TooLarge { .. })), "{result:?}");
    // Not a font, and a face index past the file's faces.
    assert!(matches!(
        renderer.info(b"definitely not a font", 0),
        Err(Error::Invalid { .. })
    ));
    assert!(matches!(
        renderer.info(&bytes, 7),
        Err(Error::Invalid { .. })
    ));
}

#[test]
fn the_deadline_stops_a_render_and_the_next_call_works() {
    // Legitimate but slow work (a long line of 3,000-pixel glyphs) against a 1 ms deadline:
    // the call is cut off as a fault, and the renderer goes on in a fresh instance.
    let bytes = font("DejaVuSans-subset.ttf");
    let mut limits = Limits::default();
    limits.sandbox.deadline = Duration::from_millis(1);
    limits.max_width = u32::MAX;
    limits.max_pixels = u64::MAX;
    let mut renderer = FontRenderer::with_limits(limits).unwrap();
    let text = "@".repeat(8);
    let result = renderer.render_line(&bytes, 0, &text, &TextOptions::px(3000));
    match result {
        Err(Error::Fault(fault)) => {
            assert_eq!(fault.kind, cordon_sandbox::FaultKind::Deadline, "{fault:?}")
        }
        other => panic!("{other:?}"),
    }
    let mut limits = renderer.limits();
    limits.sandbox.deadline = Duration::from_secs(10);
    renderer.sandbox().set_limits(limits.sandbox);
    assert_still_works(&mut renderer);
}
