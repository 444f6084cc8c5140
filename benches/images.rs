//! Deterministic test images shared by the benchmarks and `examples/make_samples.rs`.

/// A smooth RGB8 colour field (compresses like a rendered graphic, not like noise).
pub fn plasma_rgb(width: u32, height: u32) -> Vec<u8> {
    let mut data = Vec::with_capacity((width * height * 3) as usize);
    for y in 0..height {
        for x in 0..width {
            let (fx, fy) = (x as f64 / 40.0, y as f64 / 30.0);
            let v =
                (fx.sin() + fy.cos() + ((fx + fy) / 2.0).sin() + (fx * fx + fy * fy).sqrt().sin())
                    / 4.0;
            data.push((128.0 + 127.0 * (v * 3.0).sin()) as u8);
            data.push((128.0 + 127.0 * (v * 3.0 + 2.0).sin()) as u8);
            data.push((128.0 + 127.0 * (v * 3.0 + 4.0).sin()) as u8);
        }
    }
    data
}

/// Encode 8- or 16-bit samples with the pure-Rust `png` crate.
#[allow(dead_code)]
pub fn encode(
    width: u32,
    height: u32,
    color: png::ColorType,
    depth: png::BitDepth,
    data: &[u8],
) -> Vec<u8> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(color);
    encoder.set_depth(depth);
    let mut writer = encoder.write_header().expect("PNG header");
    writer.write_image_data(data).expect("PNG data");
    writer.finish().expect("PNG end");
    out
}
