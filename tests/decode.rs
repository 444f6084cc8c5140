//! `cordon::decode` and `cordon::Decoder`: one entry point for every format, sniffed from the
//! bytes, with one limits type and one error type; the native backend gives the same results.

use cordon::{Backend, Decoder, Error, Format, Limits};

fn sample(name: &str) -> Vec<u8> {
    std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/images/").to_owned() + name)
        .unwrap()
}

#[test]
fn formats_are_sniffed_and_dispatched_to_their_library() {
    let png = sample("plasma-512.png");
    let jpeg = sample("photo-227x149.jpg");
    assert_eq!(cordon::sniff(&png), Some(Format::Png));
    assert_eq!(cordon::sniff(&jpeg), Some(Format::Jpeg));
    assert_eq!(
        cordon::decode(&png).unwrap(),
        cordon_png::PngDecoder::new().unwrap().decode(&png).unwrap()
    );
    assert_eq!(
        cordon::decode(&jpeg).unwrap(),
        cordon_jpeg::JpegDecoder::new()
            .unwrap()
            .decode(&jpeg)
            .unwrap()
    );
    let info = cordon::info(&jpeg).unwrap();
    assert_eq!(
        (info.format, info.width, info.height),
        (Format::Jpeg, 227, 149)
    );
    assert_eq!(cordon::info(&png).unwrap().format, Format::Png);
}

#[test]
fn animations_come_frame_by_frame_from_every_animated_format() {
    let gif = sample("spinner-48.gif");
    let webp = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/bridge/libs/webp/testdata/anim_pillow.webp"
    ))
    .unwrap();
    for (bytes, format, frames) in [(&gif, Format::Gif, 8), (&webp, Format::WebP, 6)] {
        assert_eq!(cordon::sniff(bytes), Some(format));
        let info = cordon::info(bytes).unwrap();
        assert_eq!((info.format, info.frames), (format, Some(frames)));
        let animation = cordon::animation(bytes).unwrap();
        assert_eq!(animation.frames.len() as u32, frames);
        assert_eq!(animation.loops, None, "{format}: loops forever");
        // decode is the first frame; frames() the same sequence lazily.
        assert_eq!(cordon::decode(bytes).unwrap(), animation.frames[0].image);
        let mut decoder = Decoder::new();
        let lazy: Vec<_> = decoder.frames(bytes).unwrap().map(Result::unwrap).collect();
        assert_eq!(lazy, animation.frames);
        // The frame limit stops it, lazily after the allowed frames.
        let mut strict = Decoder::with_limits(Limits {
            max_frames: 2,
            ..Limits::default()
        });
        assert!(matches!(
            strict.animation(bytes),
            Err(Error::LimitExceeded(cordon::Limit::Frames(2)))
        ));
        assert!(
            strict.decode(bytes).is_ok(),
            "{format}: one frame is within the limit"
        );
    }
    // A still image is one frame shown once.
    let still = cordon::animation(&sample("photo-227x149.jpg")).unwrap();
    assert_eq!((still.frames.len(), still.loops), (1, Some(1)));
}

#[test]
fn unknown_formats_get_a_typed_error() {
    for bytes in [
        &b"%PDF-1.7...."[..],
        b"",
        b"\x89PN",
        b"BM\x00\x00",
        b"GIF88a",
    ] {
        match cordon::decode(bytes) {
            Err(Error::UnknownFormat { signature }) => {
                assert_eq!(signature, &bytes[..bytes.len().min(8)])
            }
            other => panic!("{bytes:?}: {other:?}"),
        }
    }
}

#[test]
fn limits_are_one_type_for_every_format() {
    let limits = Limits {
        max_pixels: 1000,
        ..Limits::default()
    };
    let mut decoder = Decoder::with_limits(limits);
    for name in ["plasma-512.png", "photo-227x149.jpg"] {
        assert!(
            matches!(
                decoder.decode(&sample(name)),
                Err(Error::TooLarge {
                    limit: cordon::Limit::Pixels(1000),
                    ..
                })
            ),
            "{name}"
        );
    }
    assert!(decoder.decode(&sample("palette-icon-32.png")).is_err());
    assert!(decoder.decode(&sample("hostile-bad-huffman.jpg")).is_err());
    assert_eq!(decoder.faults(), 0);
}

#[test]
fn thumbnail_sized_decoding_uses_jpeg_scaling() {
    let mut decoder = Decoder::new();
    let jpeg = sample("photo-227x149.jpg");
    let small = decoder.decode_at_least(&jpeg, 50, 30).unwrap();
    assert_eq!((small.width, small.height), (57, 38)); // 1/4: the smallest that covers 50x30
    let png = sample("plasma-512.png");
    assert_eq!(decoder.decode_at_least(&png, 64, 64).unwrap().width, 512);
}

#[test]
fn the_native_backend_gives_the_same_results() {
    let mut sandboxed = Decoder::new();
    let mut native = Decoder::with_backend(Backend::Native, Limits::default());
    for name in [
        "plasma-512.png",
        "palette-icon-32.png",
        "gradient-rgba16-256.png",
        "photo-227x149.jpg",
        "progressive-227x149.jpg",
        "hostile-bad-huffman.jpg",
        "hostile-truncated.png",
        "hostile-bomb-100000x100000.png",
        "spinner-48.gif",
        "plasma-alpha-256.webp",
    ] {
        let bytes = sample(name);
        assert_eq!(sandboxed.decode(&bytes), native.decode(&bytes), "{name}");
        assert_eq!(
            sandboxed.animation(&bytes),
            native.animation(&bytes),
            "{name}"
        );
        assert_eq!(sandboxed.details(&bytes), native.details(&bytes), "{name}");
        assert_eq!(
            sandboxed.decode_at_least(&bytes, 40, 40),
            native.decode_at_least(&bytes, 40, 40),
            "{name}"
        );
    }
}

#[test]
fn thumbnails_are_turned_upright_by_the_exif_orientation() {
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/bridge/libs/jpeg/testdata/gen_exif_orient6.jpg"
    ))
    .unwrap();
    let mut thumbnailer = cordon::thumbnail::Thumbnailer::new(Limits::default());
    let thumb = thumbnailer.thumbnail(&bytes, 48).unwrap();
    assert_eq!((thumb.source.width, thumb.source.height), (96, 64));
    assert_eq!(
        (thumb.image.width, thumb.image.height),
        (32, 48),
        "rotated 90 degrees"
    );
    // Each orientation on a 2x2 image [a b; c d], against the EXIF definitions.
    let (a, b, c, d) = ([1u8; 4], [2u8; 4], [3u8; 4], [4u8; 4]);
    let square = cordon::Image::rgba8(2, 2, [a, b, c, d].concat());
    for (o, expected) in [
        (1, [a, b, c, d]),
        (2, [b, a, d, c]),
        (3, [d, c, b, a]),
        (4, [c, d, a, b]),
        (5, [a, c, b, d]),
        (6, [c, a, d, b]),
        (7, [d, b, c, a]),
        (8, [b, d, a, c]),
    ] {
        assert_eq!(
            cordon::thumbnail::orient(square.clone(), o).pixels,
            expected.concat(),
            "orientation {o}"
        );
    }
    // Each orientation and its inverse give the original back.
    let image = cordon::decode(&bytes).unwrap();
    let inverse = [1, 2, 3, 4, 5, 8, 7, 6];
    for o in 1..=8u8 {
        let back = cordon::thumbnail::orient(
            cordon::thumbnail::orient(image.clone(), o),
            inverse[o as usize - 1],
        );
        assert_eq!(back, image, "orientation {o}");
    }
}
