//! The progressive decoder (libpng's png_process_data through generated bindings and host
//! callbacks): any chunking gives the one-shot decoder's pixels; bad input and limits give
//! the same errors; hostile streams stay contained.

mod common;

use cordon_png::{PngDecoder, PngError, PngLimits, PngStream};

/// Push `bytes` into `stream` in `chunk`-byte pieces and finish it.
fn feed(
    mut stream: PngStream<'_>,
    bytes: &[u8],
    chunk: usize,
) -> Result<cordon_png::Image, PngError> {
    for piece in bytes.chunks(chunk) {
        stream.push(piece)?;
    }
    stream.finish()
}

/// `bytes` through a stream in a sandbox of its own.
fn stream_decode(
    bytes: &[u8],
    chunk: usize,
    limits: PngLimits,
) -> Result<cordon_png::Image, PngError> {
    feed(PngStream::new(limits)?, bytes, chunk)
}

#[test]
fn every_chunk_size_gives_the_one_shot_pixels() {
    let files = common::valid_pngs();
    assert!(files.len() > 100, "test data present");
    let mut decoder = PngDecoder::new().unwrap();
    for path in &files {
        let bytes = std::fs::read(path).unwrap();
        let expected = decoder.decode(&bytes).unwrap();
        for chunk in [1, 7, 4096, bytes.len()] {
            // Chunk size 1 is slow (a call per byte); keep it to the small files.
            if chunk == 1 && bytes.len() > 2_000 {
                continue;
            }
            let got = stream_decode(&bytes, chunk, PngLimits::default()).unwrap_or_else(|e| {
                panic!("{} in chunks of {chunk}: {e}", common::short_name(path))
            });
            assert!(
                got == expected,
                "{} in chunks of {chunk}: pixels differ",
                common::short_name(path)
            );
        }
    }
}

#[test]
fn the_header_is_known_as_soon_as_it_arrived() {
    let bytes = common::data("pngsuite/basn6a08.png");
    let mut stream = PngStream::new(PngLimits::default()).unwrap();
    assert_eq!(stream.info(), None);
    for piece in bytes.chunks(16) {
        stream.push(piece).unwrap();
        if stream.info().is_some() {
            break;
        }
    }
    let info = stream
        .info()
        .expect("header seen before the end of the file");
    assert_eq!((info.width, info.height), (32, 32));
}

#[test]
fn truncated_corrupt_and_oversized_streams_are_errors() {
    let bytes = common::data("pngsuite/basn2c08.png");
    // Truncated: every push succeeds, finishing says what is missing.
    let err = stream_decode(&bytes[..bytes.len() / 2], 64, PngLimits::default()).unwrap_err();
    assert!(
        matches!(err, PngError::Invalid { ref message, .. } if message.contains("truncated")),
        "{err}"
    );
    // Not a PNG: libpng's own message.
    let err = stream_decode(
        b"GIF89a, certainly not a PNG file at all",
        8,
        PngLimits::default(),
    )
    .unwrap_err();
    assert!(matches!(err, PngError::Invalid { .. }), "{err}");
    // Over the limits: refused in the header callback with the same typed error as the
    // one-shot decoder, before any pixel buffer exists.
    let small = PngLimits {
        max_pixels: 100,
        ..PngLimits::default()
    };
    let err = stream_decode(&bytes, 4096, small).unwrap_err();
    assert!(matches!(err, PngError::TooLarge { .. }), "{err}");
    let one_shot = PngDecoder::with_limits(small)
        .unwrap()
        .decode(&bytes)
        .unwrap_err();
    assert!(matches!(one_shot, PngError::TooLarge { .. }));
    // After an error the stream refuses further data instead of continuing, and finishing
    // it gives no image, whatever arrived before the error.
    let mut stream = PngStream::new(PngLimits::default()).unwrap();
    assert!(stream.push(b"not a png, not at all").is_err());
    assert!(stream.push(&bytes).is_err());
    let err = stream.finish().unwrap_err();
    assert!(
        matches!(err, PngError::Invalid { ref message, .. } if message.contains("ended by an error")),
        "{err}"
    );
}

#[test]
fn corrupt_mutations_match_the_one_shot_decoder() {
    let mut rng = common::Rng::new(0x5eed);
    let original = common::data("pngsuite/basn0g08.png");
    let mut decoder = PngDecoder::new().unwrap();
    for _ in 0..200 {
        let mut bytes = original.clone();
        let at = 33 + rng.below(bytes.len() - 33);
        bytes[at] ^= 1 << rng.below(8);
        common::fix_crcs(&mut bytes);
        let one_shot = decoder.decode(&bytes);
        let streamed = stream_decode(&bytes, 97, PngLimits::default());
        match (&streamed, &one_shot) {
            (Ok(a), Ok(b)) => assert!(a == b, "byte {at}: pixels differ"),
            (Err(a), Err(b)) => assert_eq!(
                std::mem::discriminant(a),
                std::mem::discriminant(b),
                "byte {at}: {a} vs {b}"
            ),
            // The stream is stricter about the image data's zlib trailer: libpng's progressive
            // reader only warns about damage found after the last row, and the stream turns
            // any such warning into an error; the one-shot reader lets some of it pass. The
            // reverse (the stream accepting what the one-shot refuses) is never allowed.
            (Err(PngError::Invalid { message: m, .. }), Ok(_)) if m.contains("IDAT") => {}
            _ => panic!("byte {at}: stream {streamed:?} vs one-shot {one_shot:?}"),
        }
    }
}

/// `bytes` through a stream in `decoder`'s sandbox.
fn decoder_stream(
    decoder: &mut PngDecoder,
    bytes: &[u8],
    chunk: usize,
) -> Result<cordon_png::Image, PngError> {
    feed(decoder.stream()?, bytes, chunk)
}

#[test]
fn streams_in_a_decoders_sandbox_share_one_instance_and_give_the_same_pixels() {
    let files = common::valid_pngs();
    let mut decoder = PngDecoder::new().unwrap();
    for path in &files {
        let bytes = std::fs::read(path).unwrap();
        let expected = decoder.decode(&bytes).unwrap();
        let got = decoder_stream(&mut decoder, &bytes, 97)
            .unwrap_or_else(|e| panic!("{}: {e}", common::short_name(path)));
        assert!(
            got == expected,
            "{}: pixels differ",
            common::short_name(path)
        );
    }
    assert_eq!(decoder.sandbox().instances_created(), 1, "no new instance");
    assert_eq!(decoder.sandbox().faults(), 0);
}

#[test]
fn finished_abandoned_and_failed_streams_free_what_they_allocated() {
    let bytes = common::data("pngsuite/basn6a08.png");
    let interlaced = common::data("pngsuite/ibasn6a08.png");
    let mut decoder = PngDecoder::new().unwrap();
    let round = |decoder: &mut PngDecoder| {
        decoder_stream(decoder, &bytes, 64).unwrap();
        decoder_stream(decoder, &interlaced, 1000).unwrap();
        // Abandoned after the header (pixel buffer allocated) and before it.
        let mut stream = decoder.stream().unwrap();
        stream.push(&bytes[..bytes.len() / 2]).unwrap();
        assert!(stream.info().is_some());
        drop(stream);
        decoder.stream().unwrap().push(&bytes[..20]).unwrap();
        drop(decoder.stream().unwrap());
        // Ended by libpng's error (the reader is still allocated in the sandbox).
        assert!(decoder_stream(decoder, b"\x89PNG\r\n\x1a\nnot really a PNG", 8).is_err());
        // Truncated: every push succeeded, finishing fails.
        assert!(decoder_stream(decoder, &bytes[..bytes.len() - 30], 64).is_err());
    };
    for _ in 0..3 {
        round(&mut decoder); // the allocator's high-water mark
    }
    let memory = decoder.sandbox().memory_size().unwrap();
    for _ in 0..300 {
        round(&mut decoder);
    }
    assert_eq!(
        decoder.sandbox().memory_size().unwrap(),
        memory,
        "guest memory grew"
    );
    assert_eq!(decoder.sandbox().instances_created(), 1);
    // The one-shot decoder shares the sandbox and still works.
    assert_eq!(
        decoder.decode(&bytes).unwrap(),
        decoder_stream(&mut decoder, &bytes, 5).unwrap()
    );
}

#[test]
fn a_stream_refused_in_its_callback_leaves_the_decoder_usable() {
    let big = common::data("pngsuite/basn2c08.png"); // 32x32
    let pixels: Vec<u8> = (0..8 * 8 * 4).map(|i| (i * 7) as u8).collect();
    let small = common::encode(
        8,
        8,
        png::ColorType::Rgba,
        png::BitDepth::Eight,
        None,
        &pixels,
    );
    let limits = PngLimits {
        max_pixels: 100,
        ..PngLimits::default()
    };
    let mut decoder = PngDecoder::with_limits(limits).unwrap();
    let expected = decoder.decode(&small).unwrap();
    for _ in 0..3 {
        // The header callback refuses the image; libpng is stopped by a callback fault.
        let err = decoder_stream(&mut decoder, &big, 64).unwrap_err();
        assert!(matches!(err, PngError::TooLarge { .. }), "{err}");
        assert_eq!(decoder_stream(&mut decoder, &small, 64).unwrap(), expected);
        assert_eq!(decoder.decode(&small).unwrap(), expected);
    }
    assert_eq!(decoder.sandbox().faults(), 3);
}
