//! WebP decode: libwebp sandboxed in wasmtime vs the same C compiled natively (plain C, no
//! SIMD, in both), side by side in one run: lossy at 1 and 4 MP, lossless at 1 MP, and a
//! 10-frame 0.25 MP lossy animation (every frame composited and copied out). Also the
//! pure-Rust `image-webp` a Rust user might pick instead.
//!
//! `cargo bench --bench webp_decode`; the ratios to report are sandboxed/native per case.
//! The lossy inputs are in `benches/data/` (see `make_webp.py` there).

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

use cordon_webp::{native, Limits, WebpDecoder};

mod images;

fn data(name: &str) -> Vec<u8> {
    std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/benches/data/").to_owned() + name).unwrap()
}

fn lossless(side: u32) -> Vec<u8> {
    let rgb = images::plasma_rgb(side, side);
    let mut out = Vec::new();
    image_webp::WebPEncoder::new(&mut out)
        .encode(&rgb, side, side, image_webp::ColorType::Rgb8)
        .unwrap();
    out
}

/// Every frame with `image-webp` (its `read_frame` composites onto the canvas).
fn image_webp_frames(file: &[u8]) -> Vec<Vec<u8>> {
    let mut decoder = image_webp::WebPDecoder::new(std::io::Cursor::new(file)).unwrap();
    let (w, h) = decoder.dimensions();
    let len = w as usize * h as usize * if decoder.has_alpha() { 4 } else { 3 };
    let mut frames = Vec::new();
    if decoder.is_animated() {
        for _ in 0..decoder.num_frames() {
            let mut buf = vec![0; len];
            decoder.read_frame(&mut buf).unwrap();
            frames.push(buf);
        }
    } else {
        let mut buf = vec![0; len];
        decoder.read_image(&mut buf).unwrap();
        frames.push(buf);
    }
    frames
}

fn decode(c: &mut Criterion) {
    let limits = Limits::default();
    let mut group = c.benchmark_group("webp_decode");
    let cases = [
        (data("plasma-1mp-q85.webp"), "lossy_1MP"),
        (data("plasma-4mp-q85.webp"), "lossy_4MP"),
        (lossless(1024), "lossless_1MP"),
        (data("plasma-anim-10x512-q85.webp"), "anim_10x0.25MP"),
    ];
    for (file, label) in cases {
        let mut decoder = WebpDecoder::with_limits(limits).unwrap();
        let animation = decoder.animation(&file).unwrap();
        assert_eq!(animation, native::animation(&file, &limits).unwrap());
        let pixels: u64 = animation
            .frames
            .iter()
            .map(|f| f.image.pixels.len() as u64 / 4)
            .sum();
        group.throughput(Throughput::Elements(pixels));
        group
            .sample_size(10)
            .measurement_time(std::time::Duration::from_secs(4));
        group.bench_with_input(BenchmarkId::new("native", label), &file, |b, file| {
            b.iter(|| native::animation(file, &limits).unwrap())
        });
        group.bench_with_input(BenchmarkId::new("sandboxed", label), &file, |b, file| {
            b.iter(|| decoder.animation(file).unwrap())
        });
        group.bench_with_input(BenchmarkId::new("image_webp", label), &file, |b, file| {
            b.iter(|| image_webp_frames(file))
        });
    }
    group.finish();
}

criterion_group!(benches, decode);
criterion_main!(benches);
