//! Text rendering: FreeType sandboxed in wasmtime vs the same C compiled natively, 64-bit and
//! 32-bit (`clang -m32`, the sandbox's type sizes; timed inside its own process, so no pipe
//! cost), side by side in one run: a 60-character line at 12, 48 and 200 px with the face open
//! (line laid out and rendered, coverage copied out); the same 60 glyphs one call each through
//! FreeType's API (`Face::glyph`: about five boundary crossings a glyph); loading a face (copy
//! in, open, read names, close), and a fresh sandbox that loads a face. Also the pure-Rust
//! `ab_glyph` rasterizer (no hinting, no kerning table) drawing the same glyphs, what a Rust
//! user might pick instead.
//!
//! `cargo bench --bench font_render`; throughput is in glyphs.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

use ab_glyph::{Font as _, FontRef, ScaleFont as _};
use cordon_font::{native, FontRenderer, GlyphOptions, Limits, TextOptions};

const LINE: &str = "Sphinx of black quartz, judge my vow! 0123456789 AVATAR Type";

/// The line with ab_glyph: glyphs outlined, rasterized and composited into one coverage
/// buffer (max where glyphs overlap), positioned by advances.
fn ab_glyph_line(font: &FontRef<'_>, px: f32) -> Vec<u8> {
    let scaled = font.as_scaled(px);
    let width = LINE
        .chars()
        .map(|c| scaled.h_advance(font.glyph_id(c)))
        .sum::<f32>() as usize
        + 2;
    let height = (scaled.ascent() - scaled.descent()).ceil() as usize + 2;
    let mut coverage = vec![0u8; width * height];
    let mut x = 0.0;
    for c in LINE.chars() {
        let id = font.glyph_id(c);
        let glyph = id.with_scale_and_position(px, ab_glyph::point(x, scaled.ascent()));
        x += scaled.h_advance(id);
        if let Some(outlined) = font.outline_glyph(glyph) {
            let bounds = outlined.px_bounds();
            outlined.draw(|gx, gy, v| {
                let (px, py) = (
                    bounds.min.x as i64 + gx as i64,
                    bounds.min.y as i64 + gy as i64,
                );
                if px >= 0 && py >= 0 && (px as usize) < width && (py as usize) < height {
                    let at = py as usize * width + px as usize;
                    coverage[at] = coverage[at].max((v * 255.0) as u8);
                }
            });
        }
    }
    coverage
}

fn render(c: &mut Criterion) {
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/bridge/libs/font/testdata/DejaVuSans-subset.ttf"
    ))
    .unwrap();
    let limits = Limits::default();
    let mut renderer = FontRenderer::new().unwrap();
    let mut face = renderer.open(&bytes, 0).unwrap();
    let mut native_face = native::Face::open(&bytes, 0, &limits).unwrap();
    let mut twin = native::Native32::open(&bytes, 0).unwrap();
    let ab = FontRef::try_from_slice(&bytes).unwrap();
    let glyphs = LINE.chars().count() as u64;
    assert_eq!(glyphs, 60);

    let mut group = c.benchmark_group("font_render");
    group.throughput(Throughput::Elements(glyphs));
    for px in [12u32, 48, 200] {
        let options = TextOptions::px(px);
        let line = face.render_line(LINE, &options).unwrap();
        assert_eq!(line, native_face.render_line(LINE, &options).unwrap());
        let label = format!("{px}px");
        if px >= 200 {
            group.sample_size(20);
        }
        assert_eq!(line, twin.render_line(LINE, &options).unwrap());
        group.bench_function(BenchmarkId::new("native", &label), |b| {
            b.iter(|| native_face.render_line(LINE, &options).unwrap())
        });
        group.bench_function(BenchmarkId::new("native32", &label), |b| {
            b.iter_custom(|iters| twin.time_lines(LINE, &options, iters).unwrap())
        });
        group.bench_function(BenchmarkId::new("sandboxed", &label), |b| {
            b.iter(|| face.render_line(LINE, &options).unwrap())
        });
        group.bench_function(BenchmarkId::new("ab_glyph", &label), |b| {
            b.iter(|| ab_glyph_line(&ab, px as f32))
        });
    }
    group.finish();

    // One call per glyph through FreeType's API, driven from the host.
    let mut group = c.benchmark_group("font_glyphs");
    group.throughput(Throughput::Elements(glyphs));
    for px in [12u32, 48] {
        let options = GlyphOptions::px(px);
        let label = format!("{px}px");
        group.bench_function(BenchmarkId::new("native", &label), |b| {
            b.iter(|| {
                for ch in LINE.chars() {
                    native_face.glyph(ch, &options).unwrap();
                }
            })
        });
        group.bench_function(BenchmarkId::new("sandboxed", &label), |b| {
            b.iter(|| {
                for ch in LINE.chars() {
                    face.glyph(ch, &options).unwrap();
                }
            })
        });
    }
    group.finish();
    drop(face);

    let mut group = c.benchmark_group("font_load");
    group.bench_function("native", |b| {
        b.iter(|| native::info(&bytes, 0, &limits).unwrap())
    });
    group.bench_function("sandboxed", |b| {
        b.iter(|| renderer.info(&bytes, 0).unwrap())
    });
    group.bench_function("sandboxed_fresh", |b| {
        b.iter(|| FontRenderer::new().unwrap().info(&bytes, 0).unwrap())
    });
    group.finish();
}

criterion_group!(benches, render);
criterion_main!(benches);
