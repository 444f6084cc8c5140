//! JPEG decode: libjpeg-turbo sandboxed in wasmtime vs the same C compiled natively (both with
//! the bridge's portable vector hooks, `bridge/libs/jpeg/guest/jsimd_vector.c`), side by side
//! in one run, at 0.25, 1 and 4 MP (quality 90, 4:4:4) and 1 MP 4:2:0 (quality 85: chroma
//! upsampling), full size and 1/8 (the thumbnail path). Also the pure-Rust `zune-jpeg` a Rust
//! user might pick instead.
//!
//! `cargo bench --bench jpeg_decode`; the ratios to report are sandboxed/native per size.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

use cordon_jpeg::{native, JpegDecoder, Limits, Scale};

mod images;

fn decode(c: &mut Criterion) {
    let limits = Limits::default();
    let mut group = c.benchmark_group("jpeg_decode");
    for (side, label, quality) in [
        (512, "0.25MP", 90),
        (1024, "1MP", 90),
        (2048, "4MP", 90),
        (1024, "1MP_420", 85),
    ] {
        let file = images::plasma_jpeg_quality(side, side, quality);
        let mut decoder = JpegDecoder::with_limits(limits).unwrap();
        for scale in [Scale::Full, Scale::Eighth] {
            assert_eq!(
                decoder.decode_scaled(&file, scale).unwrap(),
                native::decode_scaled(&file, &limits, scale).unwrap()
            );
        }
        group.throughput(Throughput::Elements(u64::from(side * side)));
        let (samples, secs) = if side >= 1024 { (10, 4) } else { (30, 2) };
        group
            .sample_size(samples)
            .measurement_time(std::time::Duration::from_secs(secs));
        for (scale, suffix) in [(Scale::Full, ""), (Scale::Eighth, "_eighth")] {
            group.bench_with_input(
                BenchmarkId::new(format!("native{suffix}"), label),
                &file,
                |b, file| b.iter(|| native::decode_scaled(file, &limits, scale).unwrap()),
            );
            group.bench_with_input(
                BenchmarkId::new(format!("sandboxed{suffix}"), label),
                &file,
                |b, file| b.iter(|| decoder.decode_scaled(file, scale).unwrap()),
            );
        }
        group.bench_with_input(BenchmarkId::new("zune_jpeg", label), &file, |b, file| {
            b.iter(|| {
                let options = zune_jpeg::zune_core::options::DecoderOptions::default()
                    .jpeg_set_out_colorspace(zune_jpeg::zune_core::colorspace::ColorSpace::RGBA);
                zune_jpeg::JpegDecoder::new_with_options(std::io::Cursor::new(file), options)
                    .decode()
                    .unwrap()
            })
        });
    }
    group.finish();
}

criterion_group!(benches, decode);
criterion_main!(benches);
