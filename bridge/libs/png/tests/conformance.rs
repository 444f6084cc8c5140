//! Conformance: every valid test PNG decodes identically in the sandbox, natively (the same C
//! compiled for the host), and with the independent pure-Rust `png` crate converted to the
//! bridge's documented RGBA8 output.

mod common;

use common::{
    encode, info_differences, native_decode, native_info, outcome_difference, png_crate_rgba,
    scale_16, short_name, valid_pngs, Rng,
};
use cordon_png::PngDecoder;

/// libpng 1.6.50's `png_do_scale_16_to_8` (pngrtran.c), transcribed. With V = vhi.vlo (high and
/// low byte) it computes `vhi + (((vlo - vhi + 128) * 65535) >> 24)` with a signed (arithmetic)
/// shift. Its comment says this equals `(V * 255) / 65535` rounded to nearest, which is also
/// `(V * 255 + 32895) >> 16` and `floor((V + 128) / 257)`.
fn libpng_scale_16(v: u16) -> i32 {
    let (hi, lo) = (i32::from(v >> 8), i32::from(v & 0xff));
    hi + (((lo - hi + 128) * 65535) >> 24)
}

#[test]
fn documented_16_bit_formula_is_exactly_libpngs() {
    for v in 0..=u16::MAX {
        let libpng = libpng_scale_16(v);
        // Round-to-nearest of v * 255 / 65535 in exact integer arithmetic (never a tie).
        let rounded = (u32::from(v) * 255 * 2 + 65535) / (2 * 65535);
        assert!(
            (0..=255).contains(&libpng),
            "libpng result {libpng} for {v}"
        );
        assert_eq!(libpng, i32::from(scale_16(v)), "(v*255+32895)>>16 at {v}");
        assert_eq!(libpng as u32, rounded, "round(v*255/65535) at {v}");
        assert_eq!(
            libpng as u32,
            (u32::from(v) + 128) / 257,
            "(v+128)/257 at {v}"
        );
    }
    // Not merely the high byte (the pre-1.5.4 "chop"): it rounds both ways.
    assert_eq!(libpng_scale_16(0x00ff), 0x01);
    assert_eq!(libpng_scale_16(0xff00), 0xfe);
}

/// Sandboxed and native decodes of `bytes` must be identical, and both must match the `png`
/// crate. Returns the problems found (empty when all agree).
fn check_against_all(decoder: &mut PngDecoder, name: &str, bytes: &[u8]) -> Vec<String> {
    let mut problems = Vec::new();
    let sandboxed = decoder.decode(bytes);
    let native = native_decode(bytes);
    if let Some(diff) = outcome_difference(&sandboxed, &native) {
        problems.push(format!("{name}: decode: {diff}"));
    }
    let sandboxed_info = decoder.info(bytes);
    if let Some(diff) = outcome_difference(&sandboxed_info, &native_info(bytes)) {
        problems.push(format!("{name}: info: {diff}"));
    }
    let (info, image) = match (sandboxed_info, sandboxed) {
        (Ok(info), Ok(image)) => (info, image),
        (info, image) => {
            problems.push(format!("{name}: valid file rejected: {info:?} / {image:?}"));
            return problems;
        }
    };
    match png_crate_rgba(bytes) {
        Err(e) => problems.push(format!("{name}: png crate cannot decode it: {e}")),
        Ok((reference_info, reference)) => {
            for diff in info_differences(&info, &reference_info) {
                problems.push(format!("{name}: info vs png crate: {diff}"));
            }
            if (image.width, image.height) != (info.width, info.height) {
                problems.push(format!("{name}: image size differs from info"));
            }
            if image.pixels != reference {
                let first = image
                    .pixels
                    .iter()
                    .zip(&reference)
                    .position(|(a, b)| a != b);
                problems.push(format!(
                    "{name}: pixels differ from png crate ({} vs {} bytes, first difference at \
                     byte {first:?})",
                    image.pixels.len(),
                    reference.len()
                ));
            }
        }
    }
    problems
}

#[test]
fn every_valid_test_png_matches_native_and_png_crate() {
    let files = valid_pngs();
    // The directory walk must really find the vendored data, or this test proves nothing.
    assert!(files.len() > 100, "only {} test PNGs found", files.len());
    let mut decoder = PngDecoder::new().expect("decoder");
    let mut problems = Vec::new();
    for path in &files {
        let bytes = std::fs::read(path).expect("read test PNG");
        problems.extend(check_against_all(&mut decoder, &short_name(path), &bytes));
    }
    assert!(
        problems.is_empty(),
        "{} problems over {} files:\n{}",
        problems.len(),
        files.len(),
        problems.join("\n")
    );
    // No file should have needed a fault recovery.
    assert_eq!(decoder.sandbox().faults(), 0);
}

#[test]
fn test_matrix_covers_every_colour_type_and_depth() {
    // Guards the conformance test's coverage: every legal (colour type, bit depth) pair, both
    // interlace modes, and gAMA, sRGB and tRNS all occur in the data.
    let mut decoder = PngDecoder::new().expect("decoder");
    let mut seen = std::collections::BTreeSet::new();
    let (mut interlaced, mut gamma, mut srgb, mut trns) = (false, false, false, false);
    for path in valid_pngs() {
        let info = decoder
            .info(&std::fs::read(&path).expect("read"))
            .expect("info");
        seen.insert((info.color_type.to_string(), info.bit_depth));
        interlaced |= info.interlaced;
        gamma |= info.gamma.is_some();
        srgb |= info.srgb;
        trns |= info.transparency_chunk;
    }
    assert_eq!(seen.len(), 15, "colour type/depth pairs seen: {seen:?}");
    assert!(interlaced && gamma && srgb && trns);
}

/// A generated image, decoded three ways.
fn check_generated(name: &str, bytes: &[u8]) {
    let mut decoder = PngDecoder::new().expect("decoder");
    let problems = check_against_all(&mut decoder, name, bytes);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn generated_rgb8_333x257() {
    let (w, h) = (333, 257);
    let data = Rng::new(1).bytes(w * h * 3);
    let png = encode(
        w as u32,
        h as u32,
        png::ColorType::Rgb,
        png::BitDepth::Eight,
        None,
        &data,
    );
    check_generated("rgb8 333x257", &png);
}

#[test]
fn generated_rgba16_covers_every_16_bit_value() {
    // 333 * 257 * 4 samples; stepping by an odd constant modulo 65536 visits every 16-bit
    // value, so the end-to-end 16-to-8 scaling is checked for all of them.
    let (w, h) = (333, 257);
    let data: Vec<u8> = (0..w * h * 4)
        .flat_map(|i| ((i as u32).wrapping_mul(40503) as u16).to_be_bytes())
        .collect();
    let png = encode(
        w as u32,
        h as u32,
        png::ColorType::Rgba,
        png::BitDepth::Sixteen,
        None,
        &data,
    );
    check_generated("rgba16 333x257", &png);
}

#[test]
fn generated_gray16_and_gray_alpha16() {
    let (w, h) = (256, 256);
    let gray: Vec<u8> = (0..w * h).flat_map(|i| (i as u16).to_be_bytes()).collect();
    let png = encode(
        w,
        h,
        png::ColorType::Grayscale,
        png::BitDepth::Sixteen,
        None,
        &gray,
    );
    check_generated("gray16 256x256", &png);

    let data = Rng::new(2).bytes(300 * 211 * 4);
    let png = encode(
        300,
        211,
        png::ColorType::GrayscaleAlpha,
        png::BitDepth::Sixteen,
        None,
        &data,
    );
    check_generated("gray-alpha16 300x211", &png);
}

#[test]
fn generated_palette_4_bit_with_trns() {
    let (w, h) = (333u32, 257u32);
    let mut rng = Rng::new(3);
    let palette = rng.bytes(16 * 3);
    let trns = rng.bytes(11); // fewer entries than the palette: the rest are opaque
    let row_bytes = (w as usize).div_ceil(2);
    let data = rng.bytes(row_bytes * h as usize);
    let png = encode(
        w,
        h,
        png::ColorType::Indexed,
        png::BitDepth::Four,
        Some((&palette, &trns)),
        &data,
    );
    check_generated("palette4+tRNS 333x257", &png);
}

#[test]
fn generated_gray_1_bit() {
    let (w, h) = (333u32, 257u32);
    let row_bytes = (w as usize).div_ceil(8);
    let data = Rng::new(4).bytes(row_bytes * h as usize);
    let png = encode(
        w,
        h,
        png::ColorType::Grayscale,
        png::BitDepth::One,
        None,
        &data,
    );
    check_generated("gray1 333x257", &png);
}

#[test]
fn every_row_filter_at_three_and_four_bytes_a_pixel() {
    // The bridge installs its own whole-pixel Sub, Up, Avg and Paeth filters for 3- and
    // 4-byte pixels (guest/png_filters.c); each must invert the png crate's filter exactly,
    // on noise and on smooth data (where Paeth picks every predictor), at widths whose rows
    // are not a multiple of the 8 bytes Up works in, at every width from 1 to 9 pixels and at
    // 16 (Paeth works in pairs of four-pixel blocks, then one block, then a pixel at a time:
    // rows with none of these, with each, and with each remainder). (Interlaced rows are in the PNG
    // suite's basi* files above; the png crate does not write interlaced files.)
    let filters = [
        png::Filter::NoFilter,
        png::Filter::Sub,
        png::Filter::Up,
        png::Filter::Avg,
        png::Filter::Paeth,
    ];
    for (color, channels) in [(png::ColorType::Rgb, 3), (png::ColorType::Rgba, 4)] {
        for (filter, w) in filters
            .iter()
            .flat_map(|&f| [1, 2, 3, 4, 5, 6, 7, 8, 9, 16, 37].map(|w| (f, w)))
        {
            let h = 23usize;
            let mut data = Rng::new(7).bytes(w * h * channels);
            // Left half smooth (gradients), right half noise.
            for y in 0..h {
                for x in 0..w / 2 {
                    for k in 0..channels {
                        data[(y * w + x) * channels + k] = (x * 5 + y * 3 + k * 40) as u8;
                    }
                }
            }
            let mut png = Vec::new();
            let mut encoder = png::Encoder::new(&mut png, w as u32, h as u32);
            encoder.set_color(color);
            encoder.set_depth(png::BitDepth::Eight);
            encoder.set_filter(filter);
            let mut writer = encoder.write_header().expect("header");
            writer.write_image_data(&data).expect("data");
            writer.finish().expect("finish");
            check_generated(&format!("{color:?} {filter:?} {w} wide"), &png);
        }
    }
}
