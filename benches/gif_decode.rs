//! GIF decode: giflib sandboxed in wasmtime vs the same C compiled natively, side by side in
//! one run, for stills at 0.25, 1 and 4 MP and a 10-frame 0.25 MP animation (every frame
//! composited and copied out). Also the pure-Rust `gif` crate (through `image`'s compositing
//! decoder, the route a Rust user takes) for the same files.
//!
//! `cargo bench --bench gif_decode`; the ratios to report are sandboxed/native per size.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use image::AnimationDecoder;

use cordon_gif::{native, GifDecoder, Limits};

mod images;

fn decode(c: &mut Criterion) {
    let limits = Limits::default();
    let mut group = c.benchmark_group("gif_decode");
    let cases = [
        (512, 1, "0.25MP"),
        (1024, 1, "1MP"),
        (2048, 1, "4MP"),
        (512, 10, "10x0.25MP"),
    ];
    for (side, frames, label) in cases {
        let file = images::plasma_gif(side, side, frames);
        let mut decoder = GifDecoder::with_limits(limits).unwrap();
        let animation = decoder.animation(&file).unwrap();
        assert_eq!(animation, native::animation(&file, &limits).unwrap());
        assert_eq!(animation.frames.len() as u32, frames);
        group.throughput(Throughput::Elements(u64::from(side * side * frames)));
        let (samples, secs) = if side * side * frames >= 1 << 20 {
            (10, 4)
        } else {
            (30, 2)
        };
        group
            .sample_size(samples)
            .measurement_time(std::time::Duration::from_secs(secs));
        group.bench_with_input(BenchmarkId::new("native", label), &file, |b, file| {
            b.iter(|| native::animation(file, &limits).unwrap())
        });
        group.bench_with_input(BenchmarkId::new("sandboxed", label), &file, |b, file| {
            b.iter(|| decoder.animation(file).unwrap())
        });
        group.bench_with_input(BenchmarkId::new("gif_crate", label), &file, |b, file| {
            b.iter(|| {
                image::codecs::gif::GifDecoder::new(std::io::Cursor::new(file))
                    .unwrap()
                    .into_frames()
                    .collect_frames()
                    .unwrap()
            })
        });
    }
    group.finish();
}

criterion_group!(benches, decode);
criterion_main!(benches);
