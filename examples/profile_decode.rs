//! Decode one generated 2048x2048 PNG (or JPEG, or GIF; `gif-anim`: a 10-frame 512x512 GIF,
//! every frame) in a loop, sandboxed (default) or `native`, for profilers:
//! `cargo run --release --features profiling --example profile_decode -- [png|jpeg|gif|gif-anim] [native] [iterations]`
//! and, to see library functions by name, `CORDON_PROFILE=perfmap perf record -g <that binary>`.

#[path = "../benches/images.rs"]
mod images;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let jpeg = args.iter().any(|a| a == "jpeg");
    let gif = args.iter().any(|a| a == "gif");
    let gif_animation = args.iter().any(|a| a == "gif-anim");
    let native = args.iter().any(|a| a == "native");
    let iterations: usize = args.iter().find_map(|a| a.parse().ok()).unwrap_or(20);
    let file = if gif_animation {
        images::plasma_gif(512, 512, 10)
    } else if gif {
        images::plasma_gif(2048, 2048, 1)
    } else if jpeg {
        images::plasma_jpeg(2048, 2048)
    } else {
        images::plasma_png(2048, 2048)
    };
    let backend = if native {
        cordon::Backend::Native
    } else {
        cordon::Backend::Sandboxed
    };
    let mut decoder = cordon::Decoder::with_backend(backend, cordon::Limits::default());
    let started = std::time::Instant::now();
    for _ in 0..iterations {
        std::hint::black_box(decoder.animation(&file).unwrap());
    }
    println!(
        "{:.2} ms per decode",
        started.elapsed().as_secs_f64() * 1e3 / iterations as f64
    );
}
