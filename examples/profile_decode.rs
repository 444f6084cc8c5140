//! Decode one generated 2048x2048 PNG (or JPEG, or GIF; `gif-anim`: a 10-frame 512x512 GIF,
//! every frame; `small`: a 16x16 PNG, the per-image fixed cost; `eighth`: the JPEG at 1/8
//! scale, as a thumbnailer decodes it; with `420`, the JPEG has 4:2:0 chroma (quality 85);
//! `font`: a 60-glyph line at 12 px, or `CORDON_FONT_PX`, with the test font, the face open;
//! `fresh`: a libpng sandbox created, given its first call and dropped, the fixed cost of a
//! sandbox per image; `fresh bare`: created and dropped; `fresh big`: a 2048x2048 decode in a
//! fresh sandbox each time; `fresh-font [open]`: a FreeType sandbox created (and a face opened)
//! and dropped; `stream [small] [fresh]`: the 2048x2048 (16x16) PNG through the progressive
//! decoder in 16 KiB chunks, in a decoder's sandbox (a sandbox per stream))
//! in a loop, sandboxed (default) or `native`, for profilers; `file PATH` decodes that file:
//! `cargo run --release --features profiling --example profile_decode -- [png|small|jpeg [420]|eighth [420]|gif|gif-anim|font|fresh [bare|big]|fresh-font [open]|stream [small] [fresh]|file PATH] [native] [iterations]`
//! and, to see library functions by name, `CORDON_PROFILE=perfmap perf record -g <that binary>`.

#[path = "../benches/images.rs"]
mod images;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let eighth = args.iter().any(|a| a == "eighth");
    let jpeg = eighth || args.iter().any(|a| a == "jpeg");
    let gif = args.iter().any(|a| a == "gif");
    let gif_animation = args.iter().any(|a| a == "gif-anim");
    let native = args.iter().any(|a| a == "native");
    // The first number, but not `420` (the chroma mode word).
    let iterations: usize = args
        .iter()
        .filter(|a| *a != "420")
        .find_map(|a| a.parse().ok())
        .unwrap_or(20);
    if args.iter().any(|a| a == "font") {
        return font(native, iterations);
    }
    if args.iter().any(|a| a == "stream") {
        // The progressive decoder in one decoder's sandbox (`PngDecoder::stream`), the file in
        // 16 KiB chunks; with `small`, the 16x16 PNG; with `fresh`, a sandbox per stream
        // (`PngStream::new`).
        let side = if args.iter().any(|a| a == "small") {
            16
        } else {
            2048
        };
        let fresh = args.iter().any(|a| a == "fresh");
        let file = images::plasma_png(side, side);
        let mut decoder = cordon::png::PngDecoder::new().unwrap();
        let started = std::time::Instant::now();
        for _ in 0..iterations {
            let mut stream = if fresh {
                cordon::png::PngStream::new(Default::default()).unwrap()
            } else {
                decoder.stream().unwrap()
            };
            for chunk in file.chunks(16 << 10) {
                stream.push(chunk).unwrap();
            }
            std::hint::black_box(stream.finish().unwrap());
        }
        let per = started.elapsed().as_secs_f64() * 1e6 / iterations as f64;
        return println!("{per:.2} us per streamed decode");
    }
    if args.iter().any(|a| a == "fresh-font") {
        // With `open`, the sandbox also opens the test font's face (FreeType initialised,
        // the face loaded, its names read) before it is dropped.
        let open = args.iter().any(|a| a == "open");
        let bytes = test_font();
        let started = std::time::Instant::now();
        for _ in 0..iterations {
            let mut renderer = cordon::font::FontRenderer::new().unwrap();
            if open {
                std::hint::black_box(renderer.info(&bytes, 0).unwrap());
            }
        }
        let per = started.elapsed().as_secs_f64() * 1e6 / iterations as f64;
        return println!("{per:.2} us per FreeType sandbox (open: {open})");
    }
    if args.iter().any(|a| a == "fresh") {
        let (bare, big) = (
            args.iter().any(|a| a == "bare"),
            args.iter().any(|a| a == "big"),
        );
        return fresh(iterations, bare, big);
    }
    let small = args.iter().any(|a| a == "small");
    let path = args
        .iter()
        .position(|a| a == "file")
        .and_then(|i| args.get(i + 1));
    let file = if let Some(path) = path {
        std::fs::read(path).unwrap()
    } else if small {
        images::plasma_png(16, 16)
    } else if gif_animation {
        images::plasma_gif(512, 512, 10)
    } else if gif {
        images::plasma_gif(2048, 2048, 1)
    } else if jpeg && args.iter().any(|a| a == "420") {
        images::plasma_jpeg_quality(2048, 2048, 85)
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
        if eighth {
            std::hint::black_box(decoder.decode_at_least(&file, 256, 256).unwrap());
        } else {
            std::hint::black_box(decoder.animation(&file).unwrap());
        }
    }
    println!(
        "{:.4} ms per decode",
        started.elapsed().as_secs_f64() * 1e3 / iterations as f64
    );
}

/// The font case: one face opened once, the same line rendered `iterations` times.
fn font(native: bool, iterations: usize) {
    let bytes = test_font();
    let line = "Sphinx of black quartz, judge my vow! 0123456789 AVATAR Type";
    let px = std::env::var("CORDON_FONT_PX")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(12);
    let options = cordon::font::TextOptions::px(px);
    let limits = cordon::Limits::default();
    let mut renderer = cordon::font::FontRenderer::new().unwrap();
    let mut sandboxed = renderer.open(&bytes, 0).unwrap();
    let mut twin = cordon::font::native::Face::open(&bytes, 0, &limits).unwrap();
    let started = std::time::Instant::now();
    for _ in 0..iterations {
        if native {
            std::hint::black_box(twin.render_line(line, &options).unwrap());
        } else {
            std::hint::black_box(sandboxed.render_line(line, &options).unwrap());
        }
    }
    println!(
        "{:.1} us per line",
        started.elapsed().as_secs_f64() * 1e6 / iterations as f64
    );
}

/// The fresh-sandbox case: create a libpng sandbox, make its first call (a 16x16 header read,
/// which allocates), drop it; with `bare`, only create and drop the sandbox; with `big`, decode
/// the 2048x2048 PNG in it (a fresh linear memory's page faults included).
fn fresh(iterations: usize, bare: bool, big: bool) {
    let library = cordon::png::PngLibrary::shared().unwrap();
    let side = if big { 2048 } else { 16 };
    let file = images::plasma_png(side, side);
    let started = std::time::Instant::now();
    for _ in 0..iterations {
        if bare {
            drop(cordon_sandbox::Sandbox::new(library.library()).unwrap());
            continue;
        }
        let mut decoder = cordon::png::PngDecoder::in_library(library, Default::default()).unwrap();
        if big {
            std::hint::black_box(decoder.decode(&file).unwrap());
        } else {
            std::hint::black_box(decoder.info(&file).unwrap());
        }
    }
    println!(
        "{:.2} us per sandbox",
        started.elapsed().as_secs_f64() * 1e6 / iterations as f64
    );
}

/// The bundled test font (a DejaVu Sans subset).
fn test_font() -> Vec<u8> {
    std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/bridge/libs/font/testdata/DejaVuSans-subset.ttf"
    ))
    .unwrap()
}
