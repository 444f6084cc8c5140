//! Truncated, mutated and hostile WebPs: typed errors or decoded output, never a panic, the
//! same result as the native build, and the same sandbox keeps working. Bombs (huge canvases,
//! too many frames) are refused by limits before their memory is spent; the memory cap and
//! the deadline are typed refusals or faults, and the next call works.

mod common;

use std::time::Duration;

use common::{animation_of, read, Rng};
use cordon_kit::Limit;
use cordon_sandbox::FaultKind;
use cordon_webp::{native, Animation, Error, Limits, WebpDecoder};

/// Sandboxed and native results of the same input, which must agree.
fn both(decoder: &mut WebpDecoder, bytes: &[u8]) -> Result<Animation, Error> {
    let sandboxed = decoder.animation(bytes);
    let native = native::animation(bytes, &decoder.limits());
    assert_eq!(sandboxed, native, "{} bytes", bytes.len());
    match &sandboxed {
        Ok(a) => assert!(a.frames.iter().all(|f| f.image.pixels.len()
            == f.image.width as usize * f.image.height as usize * 4)),
        Err(
            Error::Invalid { .. }
            | Error::TooLarge { .. }
            | Error::LimitExceeded(_)
            // libwebp's own refusal of an allocation a mutated header asks for, in both builds
            | Error::OutOfMemory { .. },
        ) => {}
        Err(other) => panic!("{} bytes: {other:?}", bytes.len()),
    }
    sandboxed
}

#[test]
fn truncated_at_every_length() {
    let mut decoder = WebpDecoder::new().unwrap();
    let mut refused = 0;
    for name in [
        "lossy_alpha.webp",
        "lossless.webp",
        "anim_pillow.webp",
        "anim_pillow_lossless_alpha.webp",
    ] {
        let whole = read(name);
        for len in 0..whole.len() {
            refused += both(&mut decoder, &whole[..len]).is_err() as usize;
        }
    }
    // Without the RIFF size's promised bytes libwebp refuses every prefix (the header, the
    // container or the pixels are short), so every one of them is a typed error.
    eprintln!("{refused} truncated files refused");
    assert_eq!(decoder.sandbox().faults(), 0);
    assert!(decoder.decode(&read("lossy_alpha.webp")).is_ok());
}

#[test]
fn thousands_of_mutated_files_agree_with_native() {
    let seeds = [
        "lossy.webp",
        "lossy_alpha_quantized.webp",
        "lossless_alpha.webp",
        "lossy_exif_icc.webp",
        "anim_offsets.webp",
        "anim_pillow.webp",
    ];
    // Small limits keep the garbage sizes mutations invent quick to refuse or decode.
    let limits = Limits {
        max_pixels: 1 << 20,
        ..Limits::default()
    };
    let mut decoder = WebpDecoder::with_limits(limits).unwrap();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let (mut ok, mut refused, mut no_memory) = (0, 0, 0);
    let per_seed = 600;
    for seed in seeds {
        let original = read(seed);
        for i in 0..per_seed {
            let mut bytes = original.clone();
            match i % 4 {
                0 => {
                    for _ in 0..1 + rng.below(8) {
                        let at = rng.below(bytes.len());
                        bytes[at] = rng.next() as u8;
                    }
                }
                1 => {
                    // Headers: RIFF, VP8X, ANIM, the first frame's header and bitstream start.
                    let at = rng.below(bytes.len().min(80));
                    bytes[at] ^= 1 << rng.below(8);
                }
                2 => {
                    let at = rng.below(bytes.len());
                    let len = rng.below(64).min(bytes.len() - at);
                    bytes.drain(at..at + len);
                }
                _ => {
                    let at = 12 + rng.below(bytes.len() - 12);
                    bytes[at] ^= 1 << rng.below(8);
                }
            }
            match both(&mut decoder, &bytes) {
                Ok(_) => ok += 1,
                Err(Error::OutOfMemory { .. }) => no_memory += 1,
                Err(_) => refused += 1,
            }
        }
    }
    eprintln!("{ok} mutated files decoded, {refused} refused, {no_memory} out of memory");
    assert_eq!(ok + refused + no_memory, seeds.len() * per_seed);
    assert!(ok > 0 && refused > 0);
    assert_eq!(
        decoder.sandbox().faults(),
        0,
        "libwebp handles corrupt data without trapping"
    );
    assert!(decoder.animation(&read("anim_offsets.webp")).is_ok());
}

#[test]
fn huge_canvases_are_refused_before_any_memory_is_spent() {
    let mut decoder = WebpDecoder::new().unwrap();
    let limits = decoder.limits();
    for (name, side) in [
        ("bomb_still_16383.webp", 16383),
        ("bomb_anim_canvas.webp", 20000),
    ] {
        let bytes = read(name);
        let refused = Error::TooLarge {
            width: side,
            height: side,
            limit: Limit::Pixels(limits.max_pixels),
        };
        assert_eq!(decoder.info(&bytes), Err(refused.clone()), "{name}");
        assert_eq!(decoder.decode(&bytes), Err(refused.clone()), "{name}");
        assert_eq!(decoder.animation(&bytes), Err(refused.clone()), "{name}");
        assert_eq!(native::animation(&bytes, &limits), Err(refused), "{name}");
    }
    // Without a pixel limit, the memory cap refuses them all the same.
    let unlimited = Limits {
        max_pixels: u64::MAX,
        ..Limits::default()
    };
    let mut roomy = WebpDecoder::with_limits(unlimited).unwrap();
    let cap = unlimited.sandbox.max_memory;
    assert_eq!(
        roomy.decode(&read("bomb_anim_canvas.webp")),
        Err(Error::TooLarge {
            width: 20000,
            height: 20000,
            limit: Limit::Memory(cap)
        })
    );
    // 8000x8000 passes the pixel limit and its RGBA fits the cap, but not with libwebp's two
    // canvases: info reads it, decoding is refused before libwebp allocates them.
    let big = animation_of(1, 8000, 8000);
    assert_eq!(
        decoder.info(&big).map(|i| (i.width, i.frames)),
        Ok((8000, 1))
    );
    let too_large = Err(Error::TooLarge {
        width: 8000,
        height: 8000,
        limit: Limit::Memory(cap),
    });
    assert_eq!(decoder.decode(&big), too_large);
    assert_eq!(native::decode(&big, &limits), too_large);
    assert!(decoder.sandbox().memory_size().unwrap() < 8 << 20);
    assert_eq!(decoder.sandbox().faults(), 0);
}

#[test]
fn frame_limits_stop_long_animations_before_decoding_them() {
    // 1,005 frames against the default 1,000: animation() refuses before decoding any;
    // frames() decodes 1,000 and then reports the limit.
    let long = animation_of(1005, 1, 1);
    let mut decoder = WebpDecoder::new().unwrap();
    assert_eq!(decoder.info(&long).map(|i| i.frames), Ok(1005));
    let frames_limit = Error::LimitExceeded(Limit::Frames(1000));
    assert_eq!(decoder.animation(&long), Err(frames_limit.clone()));
    assert_eq!(
        native::animation(&long, &decoder.limits()),
        Err(frames_limit.clone())
    );
    let results: Vec<_> = decoder.frames(&long).unwrap().collect();
    assert_eq!(results.len(), 1001);
    assert!(results[..1000].iter().all(Result::is_ok));
    assert_eq!(results[1000], Err(frames_limit));
    // Tighter limits on a real animation (48x40 = 1920 pixels a frame).
    let bytes = read("anim_pillow.webp");
    let mut few = WebpDecoder::with_limits(Limits {
        max_frames: 3,
        ..Limits::default()
    })
    .unwrap();
    assert_eq!(
        few.animation(&bytes),
        Err(Error::LimitExceeded(Limit::Frames(3)))
    );
    assert_eq!(few.frames(&bytes).unwrap().filter(Result::is_ok).count(), 3);
    assert!(few.decode(&bytes).is_ok(), "decode is one frame");
    let pixels = Limits {
        max_animation_pixels: 5000,
        ..Limits::default()
    };
    let mut small = WebpDecoder::with_limits(pixels).unwrap();
    let results: Vec<_> = small.frames(&bytes).unwrap().collect();
    assert_eq!(results.len(), 3);
    assert_eq!(
        results[2],
        Err(Error::LimitExceeded(Limit::AnimationPixels(5000)))
    );
    assert_eq!(native::animation(&bytes, &pixels), small.animation(&bytes));
}

#[test]
fn a_memory_cap_too_small_for_the_image_is_refused_before_decoding_and_the_next_call_works() {
    let bytes = read("lossless_alpha.webp");
    let with_cap = |max_memory| Limits {
        sandbox: cordon_sandbox::Limits {
            max_memory,
            ..Default::default()
        },
        ..Limits::default()
    };
    let mut decoder = WebpDecoder::with_limits(with_cap(2 << 20)).unwrap();
    match decoder.decode(&bytes) {
        Err(Error::TooLarge {
            limit: Limit::Memory(cap),
            ..
        }) => assert_eq!(cap, 2 << 20),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        native::decode(&bytes, &with_cap(2 << 20)),
        decoder.decode(&bytes)
    );
    assert_eq!(decoder.sandbox().faults(), 0);
    let mut roomy = WebpDecoder::with_limits(with_cap(8 << 20)).unwrap();
    assert!(roomy.decode(&bytes).is_ok());
}

#[test]
fn an_allocation_libwebp_cannot_make_is_out_of_memory_and_the_next_call_works() {
    // The host's budget (default limits) lets a 2000x2000 animation through, but the sandbox
    // itself is capped lower: the output buffer fits, libwebp's two canvases do not.
    let big = animation_of(2, 2000, 2000);
    let mut decoder = WebpDecoder::new().unwrap();
    decoder.sandbox().set_limits(cordon_sandbox::Limits {
        max_memory: 24 << 20,
        ..Default::default()
    });
    match decoder.decode(&big) {
        Err(Error::OutOfMemory { message, .. }) => {
            assert!(message.contains("animation canvases"), "{message}")
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(decoder.sandbox().faults(), 0);
    decoder
        .sandbox()
        .set_limits(cordon_sandbox::Limits::default());
    assert_eq!(decoder.animation(&big).map(|a| a.frames.len()), Ok(2));
}

#[test]
fn a_deadline_interrupts_decoding_and_the_next_call_works() {
    // Created with the default deadline (instantiation must not race a zero one), then
    // tightened: a call that crosses one epoch tick faults.
    let mut decoder = WebpDecoder::new().unwrap();
    decoder.sandbox().set_limits(cordon_sandbox::Limits {
        deadline: Duration::from_millis(0),
        ..Default::default()
    });
    let bytes = read("anim_offsets.webp");
    let mut deadline_hit = false;
    'calls: for _ in 0..500 {
        let Ok(frames) = decoder.frames(&bytes) else {
            continue; // a fault in begin: the instance is new again
        };
        let results: Vec<_> = frames.collect();
        for result in &results {
            match result {
                Err(Error::Fault(f)) if f.kind == FaultKind::Deadline => {
                    // The iteration stops at the fault.
                    assert!(std::ptr::eq(result, results.last().unwrap()));
                    deadline_hit = true;
                    break 'calls;
                }
                Ok(_) => {}
                Err(other) => panic!("{other:?}"),
            }
        }
    }
    assert!(deadline_hit, "a zero deadline never fired");
    decoder
        .sandbox()
        .set_limits(cordon_sandbox::Limits::default());
    assert!(decoder.animation(&bytes).is_ok());
}
