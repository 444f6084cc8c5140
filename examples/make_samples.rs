//! Regenerates the bundled sample images in `examples/images/` (deterministically):
//! `cargo run --example make_samples`. The files are committed; this documents where they came
//! from. Valid images cover RGB, 16-bit RGBA, a palette with transparency, an animated GIF and
//! a lossless WebP with alpha;
//! the hostile ones are a truncated file, a decompression bomb header and a file that is not a
//! PNG at all.

use std::fs;
use std::path::Path;

#[path = "../benches/images.rs"]
mod images;

/// A well-formed header claiming 100000 x 100000 RGBA (40 GB decoded) with a token IDAT.
fn bomb() -> Vec<u8> {
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&100_000u32.to_be_bytes());
    ihdr.extend_from_slice(&100_000u32.to_be_bytes());
    ihdr.extend_from_slice(&[8, 6, 0, 0, 0]);
    images::chunk(&mut out, b"IHDR", &ihdr);
    images::chunk(
        &mut out,
        b"IDAT",
        &[0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01],
    );
    images::chunk(&mut out, b"IEND", &[]);
    out
}

/// A 48x48 GIF of 8 frames, looping forever: a ring of dots whose bright dot goes round, on a
/// transparent background; frames after the first redraw only the two dots that change.
fn spinner() -> Vec<u8> {
    let palette = [0, 0, 0, 60, 90, 160, 120, 170, 250, 250, 250, 250];
    let mut out = Vec::new();
    let mut encoder = gif::Encoder::new(&mut out, 48, 48, &palette).unwrap();
    encoder.set_repeat(gif::Repeat::Infinite).unwrap();
    let dot = |i: usize| {
        let angle = i as f64 * std::f64::consts::TAU / 8.0;
        (24.0 + 16.0 * angle.cos(), 24.0 + 16.0 * angle.sin())
    };
    for step in 0..8 {
        let mut pixels = vec![0u8; 48 * 48];
        for (i, colour) in (0..8).map(|i| (i, if i == step { 3 } else { 1 + (i + 8 - step) % 2 })) {
            let (cx, cy) = dot(i);
            for y in 0..48 {
                for x in 0..48 {
                    if (x as f64 - cx).powi(2) + (y as f64 - cy).powi(2) <= 20.0 {
                        pixels[y * 48 + x] = colour as u8;
                    }
                }
            }
        }
        let mut frame = gif::Frame::from_indexed_pixels(48, 48, pixels, Some(0));
        frame.delay = 8;
        frame.dispose = gif::DisposalMethod::Background;
        encoder.write_frame(&frame).unwrap();
    }
    drop(encoder);
    out
}

/// The plasma field at 256x256 with a radial alpha fade, as a lossless WebP (`image-webp`).
fn plasma_webp() -> Vec<u8> {
    let rgb = images::plasma_rgb(256, 256);
    let mut rgba = Vec::with_capacity(256 * 256 * 4);
    for (i, p) in rgb.chunks(3).enumerate() {
        let (x, y) = ((i % 256) as f64 - 128.0, (i / 256) as f64 - 128.0);
        let alpha = (255.0 * (1.0 - (x * x + y * y).sqrt() / 181.0)).clamp(0.0, 255.0);
        rgba.extend_from_slice(&[p[0], p[1], p[2], alpha as u8]);
    }
    let mut out = Vec::new();
    image_webp::WebPEncoder::new(&mut out)
        .encode(&rgba, 256, 256, image_webp::ColorType::Rgba8)
        .unwrap();
    out
}

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/images");
    fs::create_dir_all(&dir).unwrap();
    let write = |name: &str, bytes: &[u8]| fs::write(dir.join(name), bytes).unwrap();

    let plasma_png = images::plasma_png(512, 512);
    write("plasma-512.png", &plasma_png);

    let mut rgba16 = Vec::new();
    for y in 0..256u32 {
        for x in 0..256u32 {
            for v in [x * 257, y * 257, (x + y) * 128, 65535 - y * 200] {
                rgba16.extend_from_slice(&(v.min(65535) as u16).to_be_bytes());
            }
        }
    }
    write(
        "gradient-rgba16-256.png",
        &images::encode(
            256,
            256,
            png::ColorType::Rgba,
            png::BitDepth::Sixteen,
            None,
            &rgba16,
        ),
    );

    let palette: Vec<u8> = (0..16u8)
        .flat_map(|i| [i * 16, 255 - i * 16, 128])
        .collect();
    let trns: Vec<u8> = (0..16u8).map(|i| if i == 0 { 0 } else { 255 }).collect();
    let mut icon = Vec::new();
    for y in 0..32u32 {
        for x in (0..32u32).step_by(2) {
            let index = |x: u32| {
                (((x as i32 - 16).pow(2) + (y as i32 - 16).pow(2)) as u32 / 16).min(15) as u8
            };
            icon.push(index(x) << 4 | index(x + 1));
        }
    }
    write(
        "palette-icon-32.png",
        &images::encode(
            32,
            32,
            png::ColorType::Indexed,
            png::BitDepth::Four,
            Some((palette, trns)),
            &icon,
        ),
    );

    write("hostile-truncated.png", &plasma_png[..plasma_png.len() / 2]);
    write("hostile-bomb-100000x100000.png", &bomb());
    write(
        "hostile-not-a-png.png",
        b"%PDF-1.7 ... this is not a PNG at all\n",
    );
    write("spinner-48.gif", &spinner());
    write("plasma-alpha-256.webp", &plasma_webp());
    println!("wrote samples to {}", dir.display());
}
