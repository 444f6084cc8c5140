//! The libpng module built on zlib-ng (`Inflate::ZlibNg`): the same pixels as the one on stock
//! zlib for every valid test PNG and every generated size, the same verdicts on mutated files,
//! no imports, and a memory cap it cannot decode under is an error the next image survives.

mod common;

use common::{chunk, fix_crcs, native_decode, short_name, valid_pngs, Rng};
use cordon_png::{Image, Inflate, PngDecoder, PngError, PngLibrary, PngLimits, PngStream};

fn decoders() -> (PngDecoder, PngDecoder) {
    let limits = PngLimits::default();
    let stock = PngDecoder::in_library(PngLibrary::shared_on(Inflate::Zlib).unwrap(), limits);
    let ng = PngDecoder::in_library(PngLibrary::shared_on(Inflate::ZlibNg).unwrap(), limits);
    (stock.unwrap(), ng.unwrap())
}

#[test]
fn the_module_imports_nothing_and_exports_the_decoder() {
    let wasm = std::fs::read(concat!(env!("OUT_DIR"), "/png-zlib-ng.wasm")).unwrap();
    let interface = cordon_build::interface(&wasm).expect("parse png-zlib-ng.wasm");
    assert!(
        interface.imports.is_empty(),
        "imports {:?}",
        interface.imports
    );
    for name in ["cordon_png_begin", "cordon_png_decode", "cordon_png_end"] {
        assert!(
            interface.function_exports.iter().any(|e| e == name),
            "missing export {name}"
        );
    }
    // Really zlib-ng: its ZLIB_VERSION ("1.3.1.zlib-ng", which libpng checks) is in the module,
    // and not in the one on stock zlib.
    let needle = b"zlib-ng";
    assert!(wasm.windows(needle.len()).any(|w| w == needle));
    let stock = std::fs::read(concat!(env!("OUT_DIR"), "/png.wasm")).unwrap();
    assert!(!stock.windows(needle.len()).any(|w| w == needle));
}

#[test]
fn every_valid_test_png_decodes_as_on_stock_zlib() {
    let files = valid_pngs();
    assert!(files.len() > 100, "only {} test PNGs found", files.len());
    let (mut stock, mut ng) = decoders();
    let mut decoded = 0;
    for path in &files {
        let bytes = std::fs::read(path).unwrap();
        let expected = stock.decode(&bytes).map_err(|e| e.to_string());
        let got = ng.decode(&bytes).map_err(|e| e.to_string());
        decoded += usize::from(expected.is_ok());
        assert_eq!(got, expected, "{}", short_name(path));
    }
    assert!(decoded > 100, "only {decoded} files decoded");
    assert_eq!(ng.sandbox().faults(), 0);
}

#[test]
fn large_images_decode_as_on_stock_zlib() {
    // Image data of several zlib blocks and a full 32 KiB window (inflate's fast path).
    let (mut stock, mut ng) = decoders();
    let mut rng = Rng::new(0x2eed_0001);
    for (width, height) in [(1, 1), (700, 3), (513, 517)] {
        let pixels: Vec<u8> = (0..width * height * 3)
            .map(|i| (i / 7) as u8 ^ (rng.below(4) as u8))
            .collect();
        let png = common::encode(
            width,
            height,
            png::ColorType::Rgb,
            png::BitDepth::Eight,
            None,
            &pixels,
        );
        let image = ng.decode(&png).unwrap();
        assert_eq!(image, stock.decode(&png).unwrap(), "{width}x{height}");
    }
}

#[test]
fn repeats_at_every_distance_decode_as_on_stock_zlib() {
    // Matches at every distance from 1 to 40 and of many lengths up to 258: zlib-ng's module
    // copies them in 16-byte SIMD128 chunks, with one swizzle pattern per distance under 16
    // (and splats for 2, 4 and 8), in inflate_fast and in the slow path near a row's end; the
    // checksum over them is its SIMD128 Adler-32. Unfiltered grey rows of a random pattern
    // repeated for a random length, then a few random bytes.
    let (mut stock, mut ng) = decoders();
    let mut rng = Rng::new(0x2eed_0002);
    for period in 1..=40usize {
        let (width, height) = (601usize, 9usize);
        let mut pixels = Vec::with_capacity(width * height);
        while pixels.len() < width * height {
            let pattern = rng.bytes(period);
            let run = period + rng.below(300);
            pixels.extend((0..run).map(|i| pattern[i % period]));
            let tail = rng.below(4);
            pixels.extend(rng.bytes(tail));
        }
        pixels.truncate(width * height);
        let mut png = Vec::new();
        let mut encoder = png::Encoder::new(&mut png, width as u32, height as u32);
        encoder.set_color(png::ColorType::Grayscale);
        encoder.set_depth(png::BitDepth::Eight);
        encoder.set_filter(png::Filter::NoFilter);
        let mut writer = encoder.write_header().expect("header");
        writer.write_image_data(&pixels).expect("data");
        writer.finish().expect("finish");
        let expected = stock.decode(&png).unwrap();
        assert_eq!(ng.decode(&png).unwrap(), expected, "period {period}");
        // And the grey values themselves (RGBA8 out), not only agreement.
        let grey: Vec<u8> = expected.pixels.chunks(4).map(|p| p[0]).collect();
        assert_eq!(grey, pixels, "period {period}");
    }
}

#[test]
fn a_bad_adler32_is_an_error_in_every_decoder() {
    // Rows longer than zlib's NMAX (5552 bytes, after which Adler-32 reduces its sums), so
    // zlib-ng's SIMD128 Adler-32 runs its multi-block path, on mostly 0xff bytes (its largest
    // sums). Intact, every decoder returns the pixels; with the stream's checksum (the last
    // four bytes of the last IDAT chunk) changed and the chunk's CRC fixed, every decoder
    // refuses it: libpng itself only warns when it finds the bad checksum after the last row.
    let (width, height) = (1900usize, 6usize);
    let mut rng = Rng::new(0x2eed_0003);
    let pixels: Vec<u8> = (0..width * height * 3)
        .map(|i| {
            if i % 7 == 0 {
                rng.below(256) as u8
            } else {
                0xff
            }
        })
        .collect();
    let good = common::encode(
        width as u32,
        height as u32,
        png::ColorType::Rgb,
        png::BitDepth::Eight,
        None,
        &pixels,
    );
    // Bad checksums two ways: in the last IDAT chunk with the rest of the stream (libpng meets
    // it while inflating the last row: an error) and alone in an IDAT chunk of its own (met
    // only after the last row, when libpng merely warns).
    let bad = [false, true].map(|separate| with_bad_checksum(&good, separate));
    let (mut stock, mut ng) = decoders();
    let stream = |file: &[u8], library: &PngLibrary| streamed(library, file, 4096);
    let stock_library = PngLibrary::shared_on(Inflate::Zlib).unwrap();
    let ng_library = PngLibrary::shared_on(Inflate::ZlibNg).unwrap();
    let expected = stock.decode(&good).unwrap();
    let rgb: Vec<u8> = expected
        .pixels
        .chunks(4)
        .flat_map(|p| [p[0], p[1], p[2]])
        .collect();
    assert_eq!(rgb, pixels);
    assert_eq!(ng.decode(&good).unwrap(), expected);
    assert_eq!(native_decode(&good).unwrap(), expected);
    assert_eq!(stream(&good, stock_library).unwrap(), expected);
    assert_eq!(stream(&good, ng_library).unwrap(), expected);

    for (bad, separate) in bad.iter().zip([false, true]) {
        let outcomes = [
            ("sandboxed, stock zlib", stock.decode(bad)),
            ("sandboxed, zlib-ng", ng.decode(bad)),
            ("native", native_decode(bad)),
            ("streamed, stock zlib", stream(bad, stock_library)),
            ("streamed, zlib-ng", stream(bad, ng_library)),
        ];
        for (decoder, outcome) in outcomes {
            assert!(
                matches!(outcome, Err(PngError::Invalid { .. })),
                "{decoder}, checksum in a chunk of its own: {separate}: {outcome:?}"
            );
        }
    }
}

/// `png` with its image data's Adler-32 changed and the IDAT chunks rebuilt (one with all but
/// the checksum and, if `separate`, one more with only the checksum), CRCs computed afresh.
fn with_bad_checksum(png: &[u8], separate: bool) -> Vec<u8> {
    let mut chunks: Vec<([u8; 4], &[u8])> = Vec::new(); // (type, data) in file order
    let mut at = 8;
    while at + 12 <= png.len() {
        let len = u32::from_be_bytes(png[at..at + 4].try_into().unwrap()) as usize;
        chunks.push((
            png[at + 4..at + 8].try_into().unwrap(),
            &png[at + 8..at + 8 + len],
        ));
        at += 12 + len;
    }
    let mut zlib: Vec<u8> = chunks
        .iter()
        .filter(|(kind, _)| kind == b"IDAT")
        .flat_map(|(_, data)| data.iter().copied())
        .collect();
    *zlib.last_mut().unwrap() ^= 0x01;
    let split = if separate { zlib.len() - 4 } else { zlib.len() };
    let mut out = png[..8].to_vec();
    let mut idat_written = false;
    for (kind, data) in &chunks {
        if kind != b"IDAT" {
            out.extend(chunk(kind, data));
        } else if !idat_written {
            idat_written = true;
            out.extend(chunk(b"IDAT", &zlib[..split]));
            if separate {
                out.extend(chunk(b"IDAT", &zlib[split..]));
            }
        }
    }
    out
}

/// `file` through the progressive decoder on `library`, pushed `step` bytes at a time.
fn streamed(library: &PngLibrary, file: &[u8], step: usize) -> Result<Image, PngError> {
    let mut stream = PngStream::in_library(library, PngLimits::default())?;
    for piece in file.chunks(step) {
        stream.push(piece)?;
    }
    stream.finish()
}

#[test]
fn mutated_files_get_the_same_verdict_as_on_stock_zlib() {
    let seeds: Vec<Vec<u8>> = valid_pngs()
        .iter()
        .map(|p| std::fs::read(p).unwrap())
        .collect();
    let (mut stock, mut ng) = decoders();
    let mut rng = Rng::new(0x5eed_0ab1);
    let mut differences = Vec::new();
    let (mut decodes, mut rejects) = (0, 0);
    let cases = 1000;
    for case in 0..cases {
        let mut bytes = seeds[rng.below(seeds.len())].clone();
        for _ in 0..1 + rng.below(4) {
            let at = 8 + rng.below(bytes.len() - 8);
            bytes[at] = rng.next_u64() as u8;
        }
        // CRCs fixed, so the corruption reaches the compressed data.
        fix_crcs(&mut bytes);
        let expected = stock.decode(&bytes).ok();
        let got = ng.decode(&bytes).ok();
        if expected.is_some() {
            decodes += 1;
        } else {
            rejects += 1;
        }
        if got != expected {
            differences.push(format!(
                "case {case}: stock {}, zlib-ng {}",
                if expected.is_some() {
                    "decodes"
                } else {
                    "rejects"
                },
                if got.is_some() { "decodes" } else { "rejects" }
            ));
        }
    }
    assert!(differences.is_empty(), "{}", differences.join("\n"));
    assert!(
        decodes > 50 && rejects > 50,
        "{decodes} decoded, {rejects} rejected"
    );
    assert_eq!(ng.sandbox().faults(), 0);
}

#[test]
fn the_progressive_decoder_runs_on_zlib_ng_too() {
    let library = PngLibrary::shared_on(Inflate::ZlibNg).unwrap();
    let (mut stock, _) = decoders();
    for path in valid_pngs().iter().take(40) {
        let bytes = std::fs::read(path).unwrap();
        let Ok(expected) = stock.decode(&bytes) else {
            continue;
        };
        let image = streamed(library, &bytes, 97).unwrap();
        assert_eq!(image, expected, "{}", short_name(path));
    }
}

#[test]
fn a_memory_cap_too_small_is_an_error_and_the_next_image_decodes() {
    let library = PngLibrary::shared_on(Inflate::ZlibNg).unwrap();
    let mut limits = PngLimits::default();
    limits.sandbox.max_memory = 4 << 20;
    let mut decoder = PngDecoder::in_library(library, limits).unwrap();
    let mut rng = Rng::new(0x2eed_0002);
    let noise = rng.bytes(1024 * 1024 * 3);
    let big = common::encode(
        1024,
        1024,
        png::ColorType::Rgb,
        png::BitDepth::Eight,
        None,
        &noise,
    );
    assert!(
        decoder.decode(&big).is_err(),
        "a 4 MiB RGBA image decoded under a 4 MiB cap"
    );
    let small = std::fs::read(&valid_pngs()[0]).unwrap();
    assert_eq!(
        decoder.decode(&small).unwrap(),
        decoders().0.decode(&small).unwrap()
    );
}
