//! PNG decode: libpng sandboxed in wasmtime vs libpng + stock zlib compiled natively, side by
//! side in one run, at sizes from an icon to 4 MP. `sandboxed` is the default module (libpng on
//! zlib-ng with Cordon's SIMD128 routines), `sandboxed_stock_zlib` the module on the very C the
//! native build runs. Also a fresh sandbox per image (the "one sandbox per untrusted file"
//! pattern), the progressive decoder fed 16 KiB at a time, and for reference the pure-Rust `png`
//! crate and the distribution's shared libpng (`debian_libpng16`, the one an app links today,
//! when installed). Every decoder produces the same RGBA8 pixels (checked before timing).
//!
//! `cargo bench --bench png_decode`; the ratios to report are sandboxed/native per size.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

use cordon_png::{native, Image, Inflate, PngDecoder, PngLibrary, PngLimits};

mod images;
mod system_libpng;

const SIZES: [(u32, &str); 4] = [
    (16, "16x16"),
    (256, "256x256"),
    (1024, "1024x1024"),
    (2048, "2048x2048"),
];

fn decode(c: &mut Criterion) {
    let library = PngLibrary::shared().expect("libpng module loads");
    let on_stock_zlib = PngLibrary::shared_on(Inflate::Zlib).expect("libpng on zlib loads");
    let limits = PngLimits::default();
    let system = system_libpng::SystemLibpng::load();
    if system.is_none() {
        eprintln!("libpng16.so.16 not found: debian_libpng16 is skipped");
    }
    let mut group = c.benchmark_group("png_decode");
    for (side, label) in SIZES {
        let file = images::plasma_png(side, side);
        let mut decoder = PngDecoder::in_library(library, limits).unwrap();
        let mut decoder_stock = PngDecoder::in_library(on_stock_zlib, limits).unwrap();
        let expected = native::decode(&file, &limits).unwrap();
        assert_eq!(decoder.decode(&file).unwrap(), expected);
        assert_eq!(decoder_stock.decode(&file).unwrap(), expected);
        assert_eq!(png_crate_rgba(&file), expected.pixels);

        group.throughput(Throughput::Elements(u64::from(side * side)));
        let (samples, secs) = if side >= 1024 { (10, 4) } else { (30, 2) };
        group
            .sample_size(samples)
            .measurement_time(std::time::Duration::from_secs(secs));

        group.bench_with_input(BenchmarkId::new("native", label), &file, |b, file| {
            b.iter(|| native::decode(file, &limits).unwrap())
        });
        group.bench_with_input(BenchmarkId::new("sandboxed", label), &file, |b, file| {
            b.iter(|| decoder.decode(file).unwrap())
        });
        // The same libpng on stock zlib: the same C as the native build.
        group.bench_with_input(
            BenchmarkId::new("sandboxed_stock_zlib", label),
            &file,
            |b, file| b.iter(|| decoder_stock.decode(file).unwrap()),
        );
        group.bench_with_input(
            BenchmarkId::new("sandboxed_fresh", label),
            &file,
            |b, file| {
                b.iter(|| {
                    PngDecoder::in_library(library, limits)
                        .unwrap()
                        .decode(file)
                        .unwrap()
                })
            },
        );
        // The progressive decoder in the reused decoder's sandbox (`PngDecoder::stream`); a
        // stream in a sandbox of its own (`PngStream::new`) adds about `sandboxed_fresh`'s
        // extra cost.
        let mut streamer = PngDecoder::in_library(library, limits).unwrap();
        group.bench_with_input(
            BenchmarkId::new("streamed_16KiB", label),
            &file,
            |b, file| {
                b.iter(|| {
                    let mut stream = streamer.stream().unwrap();
                    for chunk in file.chunks(16 << 10) {
                        stream.push(chunk).unwrap();
                    }
                    stream.finish().unwrap()
                })
            },
        );
        if let Some(system) = &system {
            assert_eq!(
                system.decode(&file),
                native::decode(&file, &limits).unwrap().pixels
            );
            group.bench_with_input(
                BenchmarkId::new("debian_libpng16", label),
                &file,
                |b, file| b.iter(|| system.decode(file)),
            );
        }
        group.bench_with_input(BenchmarkId::new("png_crate", label), &file, |b, file| {
            b.iter(|| png_crate_rgba(file))
        });
    }
    group.finish();
}

criterion_group!(benches, decode);
criterion_main!(benches);

/// The `png` crate's decode to RGBA8, the output every other decoder here produces: its fastest
/// route, the file decoded as stored (8-bit RGB here) and the alpha channel added in one pass
/// by the same word-at-a-time copy the sandboxed decoders use (the crate's own `ALPHA`
/// transformation, which tests every pixel against a tRNS colour, takes 40% longer at 4 MP).
fn png_crate_rgba(file: &[u8]) -> Vec<u8> {
    let mut reader = png::Decoder::new(std::io::Cursor::new(file))
        .read_info()
        .unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let frame = reader.next_frame(&mut buf).unwrap();
    assert_eq!(frame.color_type, png::ColorType::Rgb);
    Image::rgba8_from_rgb8(frame.width, frame.height, &buf).pixels
}
