//! Limits: decompression bombs and oversized headers are refused with a typed error before any
//! pixel memory is allocated, custom limits are honoured, the sandbox memory cap and deadline
//! turn into errors (never panics), and the decoder keeps working afterwards.

mod common;

use std::time::Duration;

use common::{chunk, crc32, data, encode, ihdr, native_decode, SIGNATURE};
use cordon_png::{PngDecoder, PngError, PngLimits};
use cordon_sandbox::{FaultKind, Limits};

/// A PNG built byte by byte: a header declaring `width` x `height` RGB8, then a tiny (valid,
/// empty) zlib stream and IEND. Declares gigabytes of pixels in under 100 bytes.
fn declared_size_png(width: u32, height: u32) -> Vec<u8> {
    const EMPTY_ZLIB: [u8; 8] = [0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01];
    [
        &SIGNATURE[..],
        &ihdr(width, height, 8, 2),
        &chunk(b"IDAT", &EMPTY_ZLIB),
        &chunk(b"IEND", &[]),
    ]
    .concat()
}

/// A genuine zlib bomb: 8000 x 8000 1-bit grey, all zero. 64 million pixels (256 MB of RGBA8)
/// from a file of a few kilobytes.
fn zero_bomb() -> Vec<u8> {
    let (w, h) = (8000u32, 8000u32);
    let zeros = vec![0u8; (w as usize / 8) * h as usize];
    encode(
        w,
        h,
        png::ColorType::Grayscale,
        png::BitDepth::One,
        None,
        &zeros,
    )
}

/// A decoder that has already decoded one small file, so its heap is warm and later memory
/// growth can be attributed to what the test does.
fn warm_decoder(limits: PngLimits) -> PngDecoder {
    let mut decoder = PngDecoder::with_limits(limits).expect("decoder");
    decoder
        .decode(&data("pngsuite/basn6a08.png"))
        .expect("warm-up decode");
    decoder
}

fn memory(decoder: &mut PngDecoder) -> usize {
    decoder.sandbox().memory_size().expect("memory size")
}

fn assert_decodes_normally(decoder: &mut PngDecoder) {
    let bytes = data("pngsuite/basn2c16.png");
    let image = decoder
        .decode(&bytes)
        .expect("normal image after the limit");
    assert_eq!(Ok(image), native_decode(&bytes));
}

#[test]
fn crc_helper_matches_real_files() {
    // The hand-built headers below are only meaningful if their CRCs are right: check the
    // helper against the IHDR CRC of a real file.
    let file = data("pngsuite/basn0g01.png");
    let ihdr_crc = u32::from_be_bytes(file[29..33].try_into().expect("4 bytes"));
    assert_eq!(&file[12..16], b"IHDR");
    assert_eq!(crc32(&file[12..29]), ihdr_crc);
}

#[test]
fn huge_declared_dimensions_are_too_large_without_allocating() {
    let mut decoder = warm_decoder(PngLimits::default());
    let before = memory(&mut decoder);
    // 100000 exceeds max_width; 30000 x 30000 is within width and height but 900 M pixels.
    for (w, h) in [
        (100_000, 100_000),
        (30_000, 30_000),
        (1, 1_000_000),
        (32_769, 1),
    ] {
        let png = declared_size_png(w, h);
        for result in [decoder.info(&png).map(drop), decoder.decode(&png).map(drop)] {
            match result {
                Err(PngError::TooLarge { width, height, .. }) => {
                    assert_eq!((width, height), (w, h))
                }
                other => panic!("{w}x{h}: expected TooLarge, got {other:?}"),
            }
        }
        let native = cordon_png::native::decode(&png, &PngLimits::default());
        assert!(
            matches!(native, Err(PngError::TooLarge { .. })),
            "native {w}x{h}: {native:?}"
        );
    }
    // Refused before the pixel buffer (or libpng's row buffers) existed: linear memory never
    // shrinks, so any allocation for these images would still show here.
    let after = memory(&mut decoder);
    assert!(after < 16 << 20, "sandbox memory is {after} bytes");
    assert_eq!(after, before, "sandbox memory grew");
    assert_decodes_normally(&mut decoder);
}

#[test]
fn width_beyond_the_wasm32_row_limit_is_too_large_like_native() {
    // libpng's png_check_IHDR refuses widths whose rows could overflow size_t: above about
    // 536 million pixels on wasm32, far more natively. Both are far beyond the host's own
    // max_width, so the sandbox must report the same TooLarge as the native build.
    let png = declared_size_png(2_000_000_000, 1);
    let native = cordon_png::native::decode(&png, &PngLimits::default());
    assert!(
        matches!(native, Err(PngError::TooLarge { .. })),
        "{native:?}"
    );
    let mut decoder = PngDecoder::new().expect("decoder");
    assert_eq!(decoder.decode(&png), native, "sandboxed vs native decode");
    assert_eq!(
        decoder.info(&png),
        cordon_png::native::info(&png, &PngLimits::default()),
        "sandboxed vs native info"
    );
}

#[test]
fn zlib_bomb_is_refused_by_max_pixels_without_allocating() {
    let bomb = zero_bomb();
    assert!(bomb.len() < 64 << 10, "bomb is {} bytes", bomb.len());
    // Within the default limits the header is fine: the refusal below is the custom limit's.
    let mut decoder = PngDecoder::new().expect("decoder");
    let info = decoder
        .info(&bomb)
        .expect("bomb header under default limits");
    assert_eq!((info.width, info.height, info.bit_depth), (8000, 8000, 1));

    let limits = PngLimits {
        max_pixels: 63_999_999,
        ..PngLimits::default()
    };
    let mut decoder = warm_decoder(limits);
    let before = memory(&mut decoder);
    for result in [
        decoder.info(&bomb).map(drop),
        decoder.decode(&bomb).map(drop),
    ] {
        match result {
            Err(PngError::TooLarge { limit, .. }) => {
                assert_eq!(limit, cordon_kit::Limit::Pixels(63_999_999))
            }
            other => panic!("expected TooLarge, got {other:?}"),
        }
    }
    // At most the copy of the (small) input may have needed more heap; never the 256 MB.
    let after = memory(&mut decoder);
    assert!(
        after < 16 << 20 && after <= before + bomb.len() + (64 << 10),
        "sandbox memory grew from {before} to {after}"
    );
    assert_decodes_normally(&mut decoder);
}

#[test]
fn zlib_bomb_against_a_small_memory_cap_is_an_error() {
    let bomb = zero_bomb();
    let limits = PngLimits {
        sandbox: Limits {
            max_memory: 32 << 20,
            ..Limits::default()
        },
        ..PngLimits::default()
    };
    let mut decoder = warm_decoder(limits);
    let result = decoder.decode(&bomb);
    assert!(
        matches!(
            result,
            Err(PngError::TooLarge { .. } | PngError::OutOfMemory { .. })
        ),
        "{result:?}"
    );
    assert!(memory(&mut decoder) <= 32 << 20);
    assert_decodes_normally(&mut decoder);
}

#[test]
fn output_that_fits_the_cap_but_not_with_the_heap_is_out_of_memory() {
    // The RGBA8 buffer alone (256,000,000 bytes) passes the host's size check against the cap,
    // but the sandbox's existing memory plus that buffer does not fit: the allocation inside the
    // sandbox fails and must come back as OutOfMemory, not a fault or a panic. (The palette has
    // a transparent entry: an opaque image's output would be RGB8 in the sandbox, 3/4 the size.)
    let zeros = vec![0u8; 1000 * 8000];
    let bomb = encode(
        8000,
        8000,
        png::ColorType::Indexed,
        png::BitDepth::One,
        Some((&[0, 0, 0, 255, 255, 255], &[0])),
        &zeros,
    );
    let output = 8000 * 8000 * 4;
    let limits = PngLimits {
        sandbox: Limits {
            max_memory: output + (64 << 10),
            ..Limits::default()
        },
        ..PngLimits::default()
    };
    let mut decoder = warm_decoder(limits);
    assert!(
        memory(&mut decoder) > 64 << 10,
        "test assumes the warm heap exceeds the slack"
    );
    let result = decoder.decode(&bomb);
    assert!(
        matches!(result, Err(PngError::OutOfMemory { .. })),
        "{result:?}"
    );
    assert_decodes_normally(&mut decoder);
}

#[test]
fn custom_width_height_and_pixel_limits_are_honoured() {
    // basn0g08.png is 32 x 32.
    let bytes = data("pngsuite/basn0g08.png");
    let with = |max_width, max_height, max_pixels| PngLimits {
        max_width,
        max_height,
        max_pixels,
        ..PngLimits::default()
    };
    for (limits, allowed) in [
        (with(32, 32, 1024), true),
        (with(31, 32, 1024), false),
        (with(32, 31, 1024), false),
        (with(32, 32, 1023), false),
        (with(1, 1, 1), false),
    ] {
        let mut decoder = PngDecoder::with_limits(limits).expect("decoder");
        for result in [
            decoder.info(&bytes).map(drop),
            decoder.decode(&bytes).map(drop),
            cordon_png::native::decode(&bytes, &limits).map(drop),
        ] {
            match (allowed, result) {
                (true, Ok(())) => {}
                (
                    false,
                    Err(PngError::TooLarge {
                        width: 32,
                        height: 32,
                        ..
                    }),
                ) => {}
                (_, other) => panic!("{limits:?}: {other:?}"),
            }
        }
    }
}

/// A 4000 x 4000 RGB8 noise image, stored uncompressed (quick to build, slow to decode).
fn large_noise() -> Vec<u8> {
    let (w, h) = (4000u32, 4000u32);
    let mut rng = common::Rng::new(7);
    let mut pixels = Vec::with_capacity((w * h * 3) as usize);
    while pixels.len() < pixels.capacity() {
        pixels.extend_from_slice(&rng.next_u64().to_le_bytes()[..6]);
    }
    pixels.truncate((w * h * 3) as usize);
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, w, h);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_deflate_compression(png::DeflateCompression::NoCompression);
    let mut writer = encoder.write_header().expect("header");
    writer.write_image_data(&pixels).expect("data");
    writer.finish().expect("finish");
    out
}

#[test]
fn deadline_interrupts_a_long_decode_and_the_decoder_recovers() {
    let big = large_noise();
    let mut decoder = warm_decoder(PngLimits::default());
    let normal = decoder.sandbox().limits();
    // Tighten the deadline only now, so creating the instance cannot trip it.
    decoder.sandbox().set_limits(Limits {
        deadline: Duration::from_millis(1),
        ..normal
    });
    let faults = decoder.sandbox().faults();
    match decoder.decode(&big) {
        Err(PngError::Fault(f)) => {
            assert_eq!(f.kind, FaultKind::Deadline, "{f}")
        }
        other => panic!("expected a deadline fault, got {other:?}"),
    }
    assert_eq!(decoder.sandbox().faults(), faults + 1);

    decoder.sandbox().set_limits(normal);
    assert_decodes_normally(&mut decoder);
    let image = decoder
        .decode(&big)
        .expect("the large image within the normal deadline");
    assert_eq!((image.width, image.height), (4000, 4000));
    assert_eq!(Ok(image), native_decode(&big));
}
