//! The WebP corpus (testdata/, see its README): libwebp's own test.webp and Pillow-made files
//! of every kind. Sandboxed output equals the native build of the same sources (pixels, info,
//! durations, loops), Pillow's decode (recorded in expected.txt), and for lossless files the
//! independent image-webp decoder.

mod common;

use std::time::Duration;

use common::{crc, names, read};
use cordon_webp::{native, Error, Limits, WebpDecoder, WebpFormat};

#[test]
fn every_file_sandboxed_equals_native() {
    let mut decoder = WebpDecoder::new().unwrap();
    let names = names();
    assert!(names.len() >= 20, "{names:?}");
    let limits = Limits::default();
    for name in &names {
        let bytes = read(name);
        assert_eq!(
            decoder.info(&bytes),
            native::info(&bytes, &limits),
            "{name}"
        );
        let decoded = decoder.decode(&bytes);
        assert_eq!(decoded, native::decode(&bytes, &limits), "{name}");
        let animation = decoder.animation(&bytes);
        assert_eq!(animation, native::animation(&bytes, &limits), "{name}");
        // The lazy iterator gives the same frames as the whole animation, the first being
        // what decode returns.
        if let Ok(animation) = &animation {
            let frames = decoder.frames(&bytes).unwrap();
            assert_eq!(
                (frames.width(), frames.height(), frames.loops()),
                (animation.width, animation.height, animation.loops)
            );
            let frames: Vec<_> = frames.map(Result::unwrap).collect();
            assert_eq!(frames, animation.frames, "{name}");
            assert_eq!(Ok(&animation.frames[0].image), decoded.as_ref(), "{name}");
        }
    }
    assert_eq!(decoder.sandbox().faults(), 0);
}

/// expected.txt: `name frame=i/n WxH loop=L duration=D crc32=C`, or `name frame=i/n error`.
#[test]
fn frames_match_pillow() {
    let expected = std::fs::read_to_string(format!("{}/expected.txt", common::TESTDATA)).unwrap();
    let mut decoder = WebpDecoder::new().unwrap();
    let mut checked = 0;
    for line in expected.lines().filter(|l| !l.starts_with('#')) {
        let field = |key: &str| {
            line.split_whitespace()
                .find_map(|w| w.strip_prefix(key))
                .unwrap_or_else(|| panic!("{line}"))
                .to_string()
        };
        let name = line.split_whitespace().next().unwrap();
        let (index, count) = field("frame=")
            .split_once('/')
            .map(|(i, n)| (i.parse::<usize>().unwrap(), n.parse::<u32>().unwrap()))
            .unwrap();
        let bytes = read(name);
        let mut frames = decoder.frames(&bytes).unwrap();
        assert_eq!(frames.info().frames, count, "{line}");
        let frame = frames.nth(index - 1).unwrap();
        if line.ends_with(" error") {
            assert!(
                matches!(frame, Err(Error::Invalid { .. })),
                "{line}: {frame:?}"
            );
            assert!(frames.next().is_none(), "the iteration ends at the error");
            continue;
        }
        let frame = frame.unwrap_or_else(|e| panic!("{line}: {e}"));
        let loop_count = field("loop=").parse::<u32>().unwrap();
        assert_eq!(
            frames.loops(),
            (loop_count != 0).then_some(loop_count),
            "{line}"
        );
        let size = format!("{}x{}", frame.image.width, frame.image.height);
        assert_eq!(size, line.split_whitespace().nth(2).unwrap(), "{line}");
        let duration = field("duration=").parse::<u64>().unwrap();
        assert_eq!(frame.delay, Duration::from_millis(duration), "{line}");
        assert_eq!(crc(&frame.image.pixels), field("crc32="), "{line}");
        checked += 1;
    }
    assert!(checked >= 30, "{checked}");
}

#[test]
fn lossless_files_match_image_webp_exactly() {
    let mut decoder = WebpDecoder::new().unwrap();
    let lossless = names()
        .into_iter()
        .filter(|n| {
            decoder
                .info(&read(n))
                .is_ok_and(|i| i.format == WebpFormat::Lossless)
        })
        .collect::<Vec<_>>();
    let mut checked = 0;
    for name in lossless {
        let bytes = read(&name);
        let mut other = image_webp::WebPDecoder::new(std::io::Cursor::new(&bytes)).unwrap();
        let to_rgba = |buf: Vec<u8>, alpha: bool| match alpha {
            true => buf,
            false => buf
                .chunks(3)
                .flat_map(|p| [p[0], p[1], p[2], 255])
                .collect(),
        };
        let mut buf = vec![0; other.output_buffer_size().unwrap()];
        let ours = decoder.animation(&bytes).unwrap();
        let alpha = other.has_alpha();
        if other.is_animated() {
            for (i, frame) in ours.frames.iter().enumerate() {
                let ms = other.read_frame(&mut buf).unwrap();
                assert_eq!(frame.delay, Duration::from_millis(ms.into()), "{name} {i}");
                assert_eq!(
                    frame.image.pixels,
                    to_rgba(buf.clone(), alpha),
                    "{name} {i}"
                );
            }
        } else {
            other.read_image(&mut buf).unwrap();
            assert_eq!(
                ours.frames[0].image.pixels,
                to_rgba(buf.clone(), alpha),
                "{name}"
            );
        }
        checked += 1;
    }
    assert!(checked >= 5, "{checked}");
}

#[test]
fn header_variants_are_reported() {
    let mut decoder = WebpDecoder::new().unwrap();
    let mut info = |name| decoder.info(&read(name)).unwrap();
    let lossy = info("lossy.webp");
    assert_eq!((lossy.width, lossy.height), (128, 128));
    assert_eq!(
        (lossy.format, lossy.has_alpha, lossy.animated),
        (WebpFormat::Lossy, false, false)
    );
    assert_eq!(
        (lossy.frames, lossy.loops, lossy.background),
        (1, Some(1), None)
    );
    let alpha = info("lossy_alpha.webp");
    assert_eq!((alpha.format, alpha.has_alpha), (WebpFormat::Lossy, true));
    let alpha = info("lossless_alpha.webp");
    assert_eq!(
        (alpha.format, alpha.has_alpha),
        (WebpFormat::Lossless, true)
    );
    assert!(!info("lossy_exif_icc.webp").animated);
    let anim = info("anim_offsets.webp");
    assert!(anim.animated && anim.has_alpha);
    assert_eq!((anim.width, anim.height, anim.frames), (64, 48, 6));
    assert_eq!((anim.format, anim.loops), (WebpFormat::Mixed, Some(3)));
    assert_eq!(anim.background, Some([0x33, 0x66, 0x99, 0xff]));
    assert_eq!(
        info("anim_pillow.webp").loops,
        None,
        "loop count 0: forever"
    );
    assert_eq!(info("anim_pillow.webp").format, WebpFormat::Lossy);
    let one = info("anim_one_frame.webp");
    assert_eq!((one.animated, one.frames, one.loops), (true, 1, Some(1)));
    assert_eq!(
        anim.to_string(),
        "64x48 lossy and lossless, alpha, animation of 6 frames, playing 3 times"
    );
    let image_info = cordon_kit::ImageInfo::from(anim);
    assert_eq!(image_info.format, cordon_kit::Format::WebP);
    assert_eq!((image_info.bit_depth, image_info.frames), (8, Some(6)));
    assert!(image_info.has_alpha && image_info.orientation.is_none());
}

#[test]
fn a_still_is_a_one_frame_animation() {
    let mut decoder = WebpDecoder::new().unwrap();
    let bytes = read("lossy_alpha.webp");
    let image = decoder.decode(&bytes).unwrap();
    let animation = decoder.animation(&bytes).unwrap();
    assert_eq!((animation.width, animation.height), (64, 64));
    assert_eq!(animation.loops, Some(1));
    assert_eq!(animation.frames.len(), 1);
    assert_eq!(animation.frames[0].image, image);
    assert_eq!(animation.frames[0].delay, Duration::ZERO);
    let mut frames = decoder.frames(&bytes).unwrap();
    assert_eq!(frames.size_hint(), (1, Some(1)));
    assert!(frames.next().unwrap().is_ok());
    assert!(frames.next().is_none());
    // Partly transparent, not premultiplied: some pixel has 0 < alpha < 255 and colour.
    assert!(image
        .pixels
        .chunks(4)
        .any(|p| (1..255).contains(&p[3]) && p[..3] != [0, 0, 0]));
}

#[test]
fn corrupt_files_are_typed_errors() {
    let mut decoder = WebpDecoder::new().unwrap();
    let limits = Limits::default();
    for name in ["corrupt_truncated.webp", "corrupt_bad_signature.webp"] {
        let bytes = read(name);
        match decoder.decode(&bytes) {
            Err(Error::Invalid { message, .. }) => eprintln!("{name}: {message}"),
            other => panic!("{name}: {other:?}"),
        }
        assert_eq!(decoder.decode(&bytes), native::decode(&bytes, &limits));
    }
    // Frame 3's pixel data is cut short: frames 1 and 2 decode, then the iteration ends.
    let bytes = read("corrupt_anim_frame3.webp");
    assert!(decoder.decode(&bytes).is_ok());
    let results: Vec<_> = decoder.frames(&bytes).unwrap().collect();
    assert_eq!(results.len(), 3);
    assert!(results[..2].iter().all(Result::is_ok));
    match &results[2] {
        Err(Error::Invalid { message, .. }) => assert!(message.contains("frame 3"), "{message}"),
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        decoder.animation(&bytes),
        Err(Error::Invalid { .. })
    ));
    for junk in [
        &b""[..],
        b"RIFF",
        b"RIFF\x04\0\0\0WEBP",
        b"\x89PNG\r\n\x1a\n",
    ] {
        assert!(
            matches!(decoder.decode(junk), Err(Error::Invalid { .. })),
            "{junk:?}"
        );
    }
    assert_eq!(decoder.sandbox().faults(), 0);
}
