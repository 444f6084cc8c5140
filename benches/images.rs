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

/// The plasma field as an 8-bit RGB PNG.
#[allow(dead_code)]
pub fn plasma_png(width: u32, height: u32) -> Vec<u8> {
    encode(
        width,
        height,
        png::ColorType::Rgb,
        png::BitDepth::Eight,
        None,
        &plasma_rgb(width, height),
    )
}

/// The plasma field as a GIF (the `gif` crate's LZW) on a 3-3-2 palette: `frames` frames, the
/// field shifted a little in each, every frame the full canvas, 40 ms apart, looping.
#[allow(dead_code)]
pub fn plasma_gif(width: u32, height: u32, frames: u32) -> Vec<u8> {
    let palette: Vec<u8> = (0..=255u8)
        .flat_map(|i| [(i >> 5) * 36, ((i >> 2) & 7) * 36, (i & 3) * 85])
        .collect();
    let mut out = Vec::new();
    let mut encoder = gif::Encoder::new(&mut out, width as u16, height as u16, &palette).unwrap();
    encoder.set_repeat(gif::Repeat::Infinite).unwrap();
    let rgb = plasma_rgb(width + frames * 8, height);
    for f in 0..frames {
        let mut indices = Vec::with_capacity((width * height) as usize);
        for y in 0..height {
            let row = &rgb[((y * (width + frames * 8) + f * 8) * 3) as usize..];
            for p in row.chunks(3).take(width as usize) {
                indices.push((p[0] >> 5) << 5 | (p[1] >> 5) << 2 | p[2] >> 6);
            }
        }
        let mut frame = gif::Frame::from_indexed_pixels(width as u16, height as u16, indices, None);
        frame.delay = 4;
        encoder.write_frame(&frame).unwrap();
    }
    drop(encoder);
    out
}

/// The plasma field as a quality-90 (so 4:4:4) baseline JPEG (pure-Rust `jpeg-encoder`).
#[allow(dead_code)]
pub fn plasma_jpeg(width: u32, height: u32) -> Vec<u8> {
    plasma_jpeg_quality(width, height, 90)
}

/// The plasma field as a JPEG at `quality`: below 90 the encoder subsamples chroma 4:2:0 (what
/// cameras and most photos use), from 90 up it keeps 4:4:4.
#[allow(dead_code)]
pub fn plasma_jpeg_quality(width: u32, height: u32, quality: u8) -> Vec<u8> {
    let mut out = Vec::new();
    jpeg_encoder::Encoder::new(&mut out, quality)
        .encode(
            &plasma_rgb(width, height),
            width as u16,
            height as u16,
            jpeg_encoder::ColorType::Rgb,
        )
        .expect("the plasma field encodes");
    out
}

/// Encode samples with the pure-Rust `png` crate; `palette` is `(PLTE, tRNS)` for indexed
/// images.
#[allow(dead_code)]
pub fn encode(
    width: u32,
    height: u32,
    color: png::ColorType,
    depth: png::BitDepth,
    palette: Option<(Vec<u8>, Vec<u8>)>,
    data: &[u8],
) -> Vec<u8> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(color);
    encoder.set_depth(depth);
    if let Some((plte, trns)) = palette {
        encoder.set_palette(plte);
        encoder.set_trns(trns);
    }
    let mut writer = encoder.write_header().expect("PNG header");
    writer.write_image_data(data).expect("PNG data");
    writer.finish().expect("PNG end");
    out
}

/// Append one PNG chunk (length, type, data, CRC) to `out`, for hand-made files.
#[allow(dead_code)]
pub fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    let start = out.len();
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let crc = crc32(&out[start..]);
    out.extend_from_slice(&crc.to_be_bytes());
}

/// CRC-32 as PNG chunks use it, bit by bit.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}
