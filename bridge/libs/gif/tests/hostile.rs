//! Hostile GIFs: truncations, mutations and bombs. Every one is a typed error or the same
//! result as the native build of the same C; limits stop bombs before their memory is spent;
//! the sandbox stays usable.

use std::path::Path;

use cordon_gif::{native, Error, GifDecoder, Limits};
use cordon_kit::Limit;

fn read(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("testdata")
            .join(name),
    )
    .unwrap()
}

/// A GIF89a with a `width` x `height` screen, a 2-colour global palette and `frames` 1x1
/// frames at the origin, each with a graphic control block.
fn tiny_frames(width: u16, height: u16, frames: usize) -> Vec<u8> {
    let mut gif = b"GIF89a".to_vec();
    gif.extend_from_slice(&width.to_le_bytes());
    gif.extend_from_slice(&height.to_le_bytes());
    gif.extend_from_slice(&[0x80, 0, 0, 0, 0, 0, 255, 255, 255]);
    for _ in 0..frames {
        gif.extend_from_slice(&[0x21, 0xf9, 4, 0, 1, 0, 0, 0]); // GCB, 10 ms
        gif.extend_from_slice(&[0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0]); // 1x1 at 0,0
        gif.extend_from_slice(&[2, 2, 0x44, 0x01, 0]); // LZW: clear, 1, end
    }
    gif.push(0x3b);
    gif
}

/// Sandboxed and native agree on `bytes`: the same frames, or errors of the same kind.
fn same_as_native(decoder: &mut GifDecoder, bytes: &[u8], what: &str) {
    let limits = decoder.limits();
    let ours = decoder.animation(bytes);
    let theirs = native::animation(bytes, &limits);
    match (&ours, &theirs) {
        (Ok(a), Ok(b)) => assert_eq!(a, b, "{what}"),
        (Err(a), Err(b)) => assert_eq!(a, b, "{what}"),
        _ => panic!("{what}: sandboxed {ours:?}, native {theirs:?}"),
    }
    if let Err(e) = ours {
        assert!(
            matches!(
                e,
                Error::Invalid { .. } | Error::TooLarge { .. } | Error::LimitExceeded(_)
            ),
            "{what}: {e:?}"
        );
    }
}

#[test]
fn truncated_at_every_length() {
    let mut decoder = GifDecoder::new().unwrap();
    for name in [
        "gen_dispose_previous.gif",
        "giflib_treescap-interlaced.gif",
        "pillow_animated.gif",
    ] {
        let bytes = read(name);
        for len in 0..bytes.len() {
            same_as_native(&mut decoder, &bytes[..len], &format!("{name}[..{len}]"));
        }
    }
    assert_eq!(decoder.sandbox().faults(), 0);
}

#[test]
fn thousands_of_mutations_agree_with_native() {
    let mut decoder = GifDecoder::new().unwrap();
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let files = [
        "gen_dispose_background.gif",
        "giflib_welcome2.gif",
        "pillow_still.gif",
        "gen_local_palettes.gif",
    ];
    for name in files {
        let original = read(name);
        for i in 0..1_000 {
            let mut bytes = original.clone();
            for _ in 0..1 + next() % 4 {
                let at = (next() % bytes.len() as u64) as usize;
                bytes[at] = match next() % 3 {
                    0 => next() as u8,
                    1 => bytes[at] ^ (1 << (next() % 8)),
                    _ => [0, 0xff, 0x21, 0x2c, 0x3b][(next() % 5) as usize],
                };
            }
            same_as_native(&mut decoder, &bytes, &format!("{name} mutation {i}"));
        }
    }
    assert_eq!(decoder.sandbox().faults(), 0);
    assert!(decoder.decode(&read("giflib_porsche.gif")).is_ok());
}

#[test]
fn a_huge_screen_is_refused_before_any_pixel() {
    let mut decoder = GifDecoder::new().unwrap();
    let bomb = tiny_frames(65_535, 65_535, 1);
    for result in [
        decoder.decode(&bomb).map(|_| ()),
        decoder.animation(&bomb).map(|_| ()),
    ] {
        assert!(
            matches!(
                result,
                Err(Error::TooLarge {
                    width: 65_535,
                    height: 65_535,
                    limit: Limit::Width(_)
                })
            ),
            "{result:?}"
        );
    }
    assert!(decoder.sandbox().memory_size().unwrap() < 8 << 20);
}

#[test]
fn a_hundred_thousand_frames_stop_at_the_frame_limit() {
    let mut decoder = GifDecoder::new().unwrap();
    let bomb = tiny_frames(4, 4, 100_000);
    assert_eq!(decoder.info(&bomb).unwrap().frames, 100_000);
    assert_eq!(
        decoder.animation(&bomb),
        Err(Error::LimitExceeded(Limit::Frames(1_000)))
    );
    // Lazily: the first 1,000 frames, then the limit.
    let results: Vec<_> = decoder.frames(&bomb).unwrap().collect();
    assert_eq!(results.len(), 1_001);
    assert!(results[..1_000].iter().all(Result::is_ok));
    assert_eq!(
        results[1_000],
        Err(Error::LimitExceeded(Limit::Frames(1_000)))
    );
    // The first frame alone is fine.
    assert_eq!(decoder.decode(&bomb).unwrap().width, 4);
}

#[test]
fn the_animation_pixel_budget_stops_large_frames() {
    let limits = Limits {
        max_animation_pixels: 1 << 20,
        ..Limits::default()
    };
    let mut decoder = GifDecoder::with_limits(limits).unwrap();
    let bytes = tiny_frames(512, 512, 10); // 256 Ki pixels a frame: four fit
    let results: Vec<_> = decoder.frames(&bytes).unwrap().collect();
    assert_eq!(results.len(), 5);
    assert_eq!(
        results[4],
        Err(Error::LimitExceeded(Limit::AnimationPixels(1 << 20)))
    );
    assert_eq!(
        native::animation(&bytes, &limits),
        Err(Error::LimitExceeded(Limit::AnimationPixels(1 << 20)))
    );
}

#[test]
fn a_small_memory_cap_is_a_typed_error() {
    let mut limits = Limits::default();
    limits.sandbox.max_memory = 4 << 20;
    let mut decoder = GifDecoder::with_limits(limits).unwrap();
    let bytes = tiny_frames(2_000, 2_000, 1); // a 16 MB canvas
    assert!(matches!(
        decoder.decode(&bytes),
        Err(Error::TooLarge {
            limit: Limit::Memory(_),
            ..
        })
    ));
    assert!(decoder.decode(&read("gen_1x1.gif")).is_ok());
}

#[test]
fn not_a_gif_and_empty_files() {
    let mut decoder = GifDecoder::new().unwrap();
    for bytes in [
        &b""[..],
        b"GIF",
        b"GIF89a",
        b"\x89PNG\r\n\x1a\n",
        b"GIF89a\0\0\0\0\0\0\0;",
    ] {
        let result = decoder.decode(bytes);
        assert!(
            matches!(result, Err(Error::Invalid { .. })),
            "{bytes:?}: {result:?}"
        );
    }
    // A screen and a trailer but no image.
    let empty = tiny_frames(8, 8, 0);
    assert!(
        matches!(decoder.decode(&empty), Err(Error::Invalid { message, .. }) if message.contains("no image"))
    );
    assert_eq!(decoder.info(&empty).unwrap().frames, 0);
}
