//! The JPEG corpus (testdata/, see its README): libjpeg-turbo's own test images and generated
//! files for every variant. Sandboxed output equals the native build of the same sources byte
//! for byte at every scale, and the independently recorded checksums.

use cordon_jpeg::{native, ColorSpace, Error, JpegDecoder, Limits, Scale};

const TESTDATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/testdata");

fn read(name: &str) -> Vec<u8> {
    std::fs::read(format!("{TESTDATA}/{name}")).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn crc(bytes: &[u8]) -> String {
    format!("{:08x}", crc32fast::hash(bytes))
}

const SCALES: [Scale; 4] = [Scale::Full, Scale::Half, Scale::Quarter, Scale::Eighth];

#[test]
fn every_file_at_every_scale_equals_the_native_build() {
    let mut decoder = JpegDecoder::new().unwrap();
    let mut names: Vec<String> = std::fs::read_dir(TESTDATA)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".jpg"))
        .collect();
    names.sort();
    assert!(names.len() >= 20, "{names:?}");
    for name in &names {
        let bytes = read(name);
        for scale in SCALES {
            let sandboxed = decoder.decode_scaled(&bytes, scale);
            let native = native::decode_scaled(&bytes, &Limits::default(), scale);
            assert_eq!(sandboxed, native, "{name} at {scale:?}");
        }
        assert_eq!(
            decoder.info(&bytes),
            native::info(&bytes, &Limits::default()),
            "{name}"
        );
    }
    assert_eq!(decoder.sandbox().faults(), 0);
}

/// At 1/8 scale libjpeg decodes each 8x8 block to its DC value alone (a patched-in inline path
/// in `decompress_onepass`, see patches/README.md): each pixel is its block's mean colour in
/// the full-size decode, up to rounding, clamping and the colour conversion of a mean. A check
/// of the 1/8 path that does not go through it (both builds share the patch).
#[test]
fn an_eighth_scale_pixel_is_its_blocks_mean() {
    let mut decoder = JpegDecoder::new().unwrap();
    for name in ["gen_444.jpg", "gen_gray.jpg", "gen_1023x7.jpg"] {
        let bytes = read(name);
        let full = decoder.decode_scaled(&bytes, Scale::Full).unwrap().image;
        let eighth = decoder.decode_scaled(&bytes, Scale::Eighth).unwrap().image;
        assert_eq!(
            (eighth.width, eighth.height),
            (full.width.div_ceil(8), full.height.div_ceil(8))
        );
        let (mut worst, mut total, mut samples) = (0, 0.0, 0.0);
        for by in 0..eighth.height {
            for bx in 0..eighth.width {
                let (xs, ys) = (
                    8 * bx..(8 * bx + 8).min(full.width),
                    8 * by..(8 * by + 8).min(full.height),
                );
                let count = (xs.len() * ys.len()) as f64;
                for c in 0..3 {
                    let sum: f64 = ys
                        .clone()
                        .flat_map(|y| xs.clone().map(move |x| (x, y)))
                        .map(|(x, y)| {
                            f64::from(full.pixels[((y * full.width + x) * 4 + c) as usize])
                        })
                        .sum();
                    let got = f64::from(eighth.pixels[((by * eighth.width + bx) * 4 + c) as usize]);
                    let off = (sum / count - got).abs();
                    worst = worst.max(off.round() as u32);
                    total += off;
                    samples += 1.0;
                }
            }
        }
        // Measured: mean 0.36-1.24, worst 5-14 (blocks whose full-size samples clamp at 0 or
        // 255); a block out of place or a wrong scale is tens off on average.
        let mean = total / samples;
        assert!(
            mean <= 1.5 && worst <= 16,
            "{name}: 1/8 pixels are {mean:.2} from their blocks' means on average, {worst} at worst"
        );
    }
}

#[test]
fn pixels_match_the_recorded_checksums() {
    let expected = std::fs::read_to_string(format!("{TESTDATA}/expected.txt")).unwrap();
    let mut decoder = JpegDecoder::new().unwrap();
    let mut checked = 0;
    for line in expected.lines().filter(|l| l.contains(" out=RGBA ")) {
        let mut words = line.split_whitespace();
        let name = words.next().unwrap();
        let field = |key: &str| {
            line.split_whitespace()
                .find_map(|w| w.strip_prefix(key))
                .unwrap_or_else(|| panic!("{line}"))
                .to_string()
        };
        let decoded = decoder.decode_scaled(&read(name), Scale::Full).unwrap();
        let size = format!("{}x{}", decoded.image.width, decoded.image.height);
        assert_eq!(size, words.next().unwrap(), "{name}");
        assert_eq!(crc(&decoded.image.pixels), field("crc32="), "{name}");
        assert_eq!(decoded.warnings.to_string(), field("warnings="), "{name}");
        checked += 1;
    }
    assert!(checked >= 17);
    // CMYK and YCCK (Adobe-inverted) converted to RGB: identical to Pillow's conversion.
    for (name, rgba, space) in [
        ("gen_cmyk_adobe.jpg", "3851b238", ColorSpace::Cmyk),
        ("gen_ycck_adobe.jpg", "7a93fc66", ColorSpace::Ycck),
    ] {
        let decoded = decoder.decode_scaled(&read(name), Scale::Full).unwrap();
        assert_eq!(crc(&decoded.image.pixels), rgba, "{name}");
        assert_eq!(decoded.info.color_space, space);
        assert!(decoded.info.adobe);
    }
}

#[test]
fn header_variants_are_reported() {
    let mut decoder = JpegDecoder::new().unwrap();
    let info = |d: &mut JpegDecoder, name| d.info(&read(name)).unwrap();
    assert!(info(&mut decoder, "gen_progressive.jpg").progressive);
    let arith = info(&mut decoder, "gen_arith_progressive.jpg");
    assert!(arith.arithmetic && arith.progressive);
    assert!(info(&mut decoder, "gen_restart_dri.jpg").restart_markers);
    assert_eq!(
        info(&mut decoder, "gen_gray.jpg").color_space,
        ColorSpace::Grayscale
    );
    let exif = info(&mut decoder, "gen_exif_orient6.jpg");
    assert_eq!((exif.exif, exif.orientation), (true, Some(6)));
    assert_eq!(info(&mut decoder, "testorig.jpg").orientation, None);
    // Scaled sizes round up, as libjpeg does.
    let sizes: Vec<(u32, u32)> = SCALES
        .iter()
        .map(|&s| {
            let d = decoder.decode_scaled(&read("gen_1023x7.jpg"), s).unwrap();
            (d.image.width, d.image.height)
        })
        .collect();
    assert_eq!(sizes, [(1023, 7), (512, 4), (256, 2), (128, 1)]);
    assert_eq!(Scale::at_least(4000, 3000, 256, 256), Scale::Eighth);
    assert_eq!(Scale::at_least(1024, 768, 256, 256), Scale::Half);
    assert_eq!(Scale::at_least(300, 300, 256, 256), Scale::Full);
}

#[test]
fn corrupt_files_are_typed_errors_or_reported_warnings() {
    let mut decoder = JpegDecoder::new().unwrap();
    let err = |d: &mut JpegDecoder, name| d.decode(&read(name)).unwrap_err();
    match err(&mut decoder, "corrupt_truncated_header.jpg") {
        Error::Invalid { message, .. } => assert_eq!(message, "Bogus marker length"),
        other => panic!("{other:?}"),
    }
    match err(&mut decoder, "corrupt_bad_huffman.jpg") {
        Error::Invalid { message, .. } => assert_eq!(message, "Bogus Huffman table definition"),
        other => panic!("{other:?}"),
    }
    // 65500x65500 is refused from the verified header, before any pixel memory exists.
    assert!(matches!(
        err(&mut decoder, "corrupt_huge_dimensions.jpg"),
        Error::TooLarge {
            width: 65500,
            height: 65500,
            ..
        }
    ));
    assert!(decoder.sandbox().memory_size().unwrap() < 8 << 20);
    match err(&mut decoder, "testorig12.jpg") {
        Error::Unsupported { feature, .. } => assert!(feature.contains("12-bit"), "{feature}"),
        other => panic!("{other:?}"),
    }
    let truncated = decoder
        .decode_scaled(&read("corrupt_truncated_scan.jpg"), Scale::Full)
        .unwrap();
    assert_eq!(truncated.warnings, 2);
    assert_eq!(
        truncated.first_warning.as_deref(),
        Some("Premature end of JPEG file")
    );
    assert!(decoder.decode(b"\xff\xd8\xff").is_err());
    assert!(decoder.decode(b"").is_err());
    assert_eq!(decoder.sandbox().faults(), 0);
}
