//! Every file of the corpus: the sandboxed decoder against the native build of the same C,
//! and against an independent decoder (the `gif` crate, through `image`'s compositing
//! `AnimationDecoder`), frame by frame.

use std::path::{Path, PathBuf};
use std::time::Duration;

use cordon_gif::{native, GifDecoder, Limits};
use image::AnimationDecoder;

fn corpus() -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "gif"))
        .collect();
    files.sort();
    assert!(files.len() >= 20, "corpus missing: {}", dir.display());
    files
        .into_iter()
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&p).unwrap())
        })
        .collect()
}

fn read(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("testdata")
            .join(name),
    )
    .unwrap()
}

#[test]
fn sandboxed_equals_native_for_every_file() {
    let limits = Limits::default();
    let mut decoder = GifDecoder::new().unwrap();
    for (name, bytes) in corpus() {
        let info = decoder
            .info(&bytes)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(info, native::info(&bytes, &limits).unwrap(), "{name}");
        let animation = decoder.animation(&bytes).unwrap();
        assert_eq!(
            animation,
            native::animation(&bytes, &limits).unwrap(),
            "{name}"
        );
        assert_eq!(animation.frames.len() as u32, info.frames, "{name}");
        assert_eq!(
            (animation.width, animation.height),
            (info.width, info.height)
        );
        let first = decoder.decode(&bytes).unwrap();
        assert_eq!(first, animation.frames[0].image, "{name}");
        assert_eq!(first, native::decode(&bytes, &limits).unwrap(), "{name}");
    }
    assert_eq!(decoder.sandbox().faults(), 0);
}

#[test]
fn frames_match_an_independent_decoder() {
    let mut decoder = GifDecoder::new().unwrap();
    for (name, bytes) in corpus() {
        if name == "gen_no_trailer.gif" {
            continue; // the gif crate refuses a missing trailer; browsers and giflib do not
        }
        let ours = decoder.animation(&bytes).unwrap();
        let theirs = image::codecs::gif::GifDecoder::new(std::io::Cursor::new(&bytes))
            .unwrap()
            .into_frames()
            .collect_frames()
            .unwrap_or_else(|e| panic!("{name}: image: {e}"));
        assert_eq!(ours.frames.len(), theirs.len(), "{name}: frame count");
        for (i, (a, b)) in ours.frames.iter().zip(&theirs).enumerate() {
            let b_pixels = b.buffer();
            assert_eq!(
                (a.image.width, a.image.height),
                b_pixels.dimensions(),
                "{name} #{i}"
            );
            let differing = a
                .image
                .pixels
                .chunks(4)
                .zip(b_pixels.as_raw().chunks(4))
                .filter(|(x, y)| x != y)
                .count();
            assert_eq!(differing, 0, "{name} frame {i}: {differing} pixels differ");
            let (num, den) = b.delay().numer_denom_ms();
            assert_eq!(
                a.delay,
                Duration::from_millis(u64::from(num / den)),
                "{name} #{i}"
            );
        }
    }
}

#[test]
fn structure_is_reported_as_written() {
    let mut decoder = GifDecoder::new().unwrap();
    let cases = [
        ("gen_still_87a.gif", 1, Some(1), false, false),
        ("gen_transparent.gif", 1, Some(1), true, true),
        ("gen_dispose_none.gif", 4, None, true, true),
        ("gen_dispose_background.gif", 4, Some(4), true, true),
        ("gen_dispose_previous.gif", 4, Some(1), true, true),
        ("gen_dispose_unspecified.gif", 4, Some(2), true, true),
        ("gen_local_palettes.gif", 3, None, false, true),
        ("gen_no_trailer.gif", 2, Some(1), false, true),
        ("giflib_fire.gif", 33, None, false, true),
    ];
    for (name, frames, loops, transparency, gif89) in cases {
        let info = decoder.info(&read(name)).unwrap();
        assert_eq!(
            (info.frames, info.loops, info.transparency, info.gif89),
            (frames, loops, transparency, gif89),
            "{name}"
        );
        assert!(!info.damaged, "{name}");
    }
    let info = decoder.info(&read("gen_local_palettes.gif")).unwrap();
    assert!(!info.global_palette);
    let delays: Vec<_> = decoder
        .animation(&read("gen_dispose_none.gif"))
        .unwrap()
        .frames
        .iter()
        .map(|f| f.delay.as_millis())
        .collect();
    assert_eq!(delays, [100, 200, 0, 350]);
}

#[test]
fn disposal_methods_composite_differently() {
    let mut decoder = GifDecoder::new().unwrap();
    let last = |decoder: &mut GifDecoder, name: &str| {
        let mut frames = decoder.animation(&read(name)).unwrap().frames;
        frames.pop().unwrap().image
    };
    let none = last(&mut decoder, "gen_dispose_none.gif");
    let background = last(&mut decoder, "gen_dispose_background.gif");
    let previous = last(&mut decoder, "gen_dispose_previous.gif");
    assert_ne!(none, background);
    assert_ne!(none, previous);
    // Background disposal clears to transparent black: some pixel of the last canvas is.
    assert!(background.pixels.chunks(4).any(|p| p == [0, 0, 0, 0]));
    assert!(none.pixels.chunks(4).all(|p| p[3] == 255));
    // Clipped frames: the frame outside the screen changes nothing.
    let offscreen = decoder.animation(&read("gen_offscreen.gif")).unwrap();
    assert_eq!(offscreen.frames[1].image, offscreen.frames[2].image);
    assert_ne!(offscreen.frames[0].image, offscreen.frames[1].image);
}

#[test]
fn interlaced_and_progressive_rows_agree() {
    let mut decoder = GifDecoder::new().unwrap();
    let plain = decoder.decode(&read("giflib_treescap.gif")).unwrap();
    let interlaced = decoder
        .decode(&read("giflib_treescap-interlaced.gif"))
        .unwrap();
    assert_eq!(plain, interlaced);
}
