//! Decode one generated 2048x2048 PNG in a loop, sandboxed (default) or `native`, for
//! profilers: `cargo run --release --example profile_decode -- [native] [iterations]`.

#[path = "../benches/images.rs"]
mod images;

fn main() {
    let mut args = std::env::args().skip(1);
    let native = args.next().as_deref() == Some("native");
    let iterations: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(20);
    let file = images::plasma_png(2048, 2048);
    let limits = cordon_png::PngLimits::default();
    let mut decoder = cordon_png::PngDecoder::with_limits(limits).unwrap();
    let started = std::time::Instant::now();
    for _ in 0..iterations {
        let image = if native {
            cordon_png::native::decode(&file, &limits).unwrap()
        } else {
            decoder.decode(&file).unwrap()
        };
        std::hint::black_box(image);
    }
    println!(
        "{:.1} ms per decode",
        started.elapsed().as_secs_f64() * 1e3 / iterations as f64
    );
}
