//! Mutated, truncated and hostile JPEGs: typed errors or recovered output, never a panic, and
//! the same sandbox keeps working. Limits: the memory cap and the deadline are faults or typed
//! refusals, and the next call works.

use std::time::Duration;

use cordon_jpeg::{native, Error, JpegDecoder, Limits, Scale};
use cordon_sandbox::FaultKind;

fn read(name: &str) -> Vec<u8> {
    std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/testdata/").to_owned() + name).unwrap()
}

/// xorshift: deterministic mutations without a dependency.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

#[test]
fn thousands_of_mutated_files_are_contained() {
    let seeds = [
        "testorig.jpg",
        "gen_progressive.jpg",
        "gen_arith.jpg",
        "gen_restart_dri.jpg",
        "gen_cmyk_adobe.jpg",
        "gen_exif_orient6.jpg",
    ];
    let mut decoder = JpegDecoder::new().unwrap();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let (mut ok, mut failed, mut agree) = (0, 0, 0);
    let per_seed = 500;
    for seed in seeds {
        let original = read(seed);
        for i in 0..per_seed {
            let mut bytes = original.clone();
            match i % 4 {
                0 => bytes.truncate(rng.below(bytes.len()) + 1),
                1 => {
                    for _ in 0..1 + rng.below(8) {
                        let at = rng.below(bytes.len());
                        bytes[at] = rng.next() as u8;
                    }
                }
                2 => {
                    // Header fields: dimensions, table lengths, marker bytes.
                    let at = rng.below(bytes.len().min(700));
                    bytes[at] ^= 1 << rng.below(8);
                }
                _ => {
                    let at = rng.below(bytes.len());
                    let len = rng.below(64).min(bytes.len() - at);
                    bytes.drain(at..at + len);
                }
            }
            let scale = [Scale::Full, Scale::Eighth][i % 2];
            let sandboxed = decoder.decode_scaled(&bytes, scale);
            match &sandboxed {
                Ok(d) => {
                    assert_eq!(
                        d.image.pixels.len(),
                        d.image.width as usize * d.image.height as usize * 4
                    );
                    ok += 1;
                }
                Err(Error::Invalid { .. } | Error::TooLarge { .. } | Error::Unsupported { .. }) => {
                    failed += 1
                }
                Err(other) => panic!("{seed} mutation {i}: {other:?}"),
            }
            // Both builds use the 64-bit Huffman bit buffer (see cordon.toml), but `long` is
            // 32 bits on wasm32, so IDCT arithmetic on garbage coefficients can still wrap
            // differently: nearly all results agree, not all.
            if sandboxed == native::decode_scaled(&bytes, &Limits::default(), scale) {
                agree += 1;
            }
        }
    }
    let total = seeds.len() * per_seed;
    eprintln!("{agree} of {total} agree with native; {ok} decoded, {failed} refused");
    assert_eq!(ok + failed, total);
    assert!(
        agree * 10 >= total * 9,
        "only {agree} of {total} agree with native"
    );
    assert_eq!(
        decoder.sandbox().faults(),
        0,
        "libjpeg handles corrupt data without trapping"
    );
    assert!(decoder.decode(&read("testorig.jpg")).is_ok());
}

#[test]
fn a_memory_cap_too_small_for_the_image_is_refused_before_decoding_and_the_next_call_works() {
    let progressive = read("gen_progressive.jpg");
    let with_cap = |max_memory| Limits {
        sandbox: cordon_sandbox::Limits {
            max_memory,
            ..Default::default()
        },
        ..Limits::default()
    };
    // The host budgets output, coefficient buffers, input and row buffers from the verified
    // header against the cap, so libjpeg is never started on a decode that cannot fit.
    let mut decoder = JpegDecoder::with_limits(with_cap(2 << 20)).unwrap();
    match decoder.decode(&progressive) {
        Err(Error::TooLarge {
            limit: cordon_kit::Limit::Memory(cap),
            ..
        }) => assert_eq!(cap, 2 << 20),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        native::decode_scaled(&progressive, &with_cap(2 << 20), Scale::Full).map(|d| d.image),
        decoder.decode(&progressive)
    );
    assert_eq!(decoder.sandbox().faults(), 0);
    let mut roomy = JpegDecoder::with_limits(with_cap(8 << 20)).unwrap();
    assert!(roomy.decode(&progressive).is_ok());
}

#[test]
fn an_output_larger_than_the_memory_cap_decodes_through_one_band() {
    // 2048x2048 grey: 16 MiB of RGBA output against an 8 MiB cap. The guest only ever holds a
    // 128 KiB band of it (the host builds the image in its own memory, within
    // `Limits::max_pixels`), so the cap bounds libjpeg's working memory, not the image's size.
    let (width, height) = (2048u16, 2048u16);
    // Smooth, and changing within every 16 rows, so a band out of place shows.
    let grey: Vec<u8> = (0..u32::from(width) * u32::from(height))
        .map(|i| {
            let (x, y) = (f64::from(i % 2048), f64::from(i / 2048));
            (128.0 + 60.0 * (x / 40.0).sin() + 60.0 * (y / 11.0).sin()) as u8
        })
        .collect();
    let mut jpeg = Vec::new();
    jpeg_encoder::Encoder::new(&mut jpeg, 90)
        .encode(&grey, width, height, jpeg_encoder::ColorType::Luma)
        .unwrap();
    let limits = Limits {
        sandbox: cordon_sandbox::Limits {
            max_memory: 8 << 20,
            ..Default::default()
        },
        ..Limits::default()
    };
    let mut decoder = JpegDecoder::with_limits(limits).unwrap();
    let image = decoder.decode(&jpeg).unwrap();
    assert_eq!(image.pixels.len(), 16 << 20);
    assert_eq!(
        image,
        native::decode_scaled(&jpeg, &limits, Scale::Full)
            .unwrap()
            .image
    );
    // Every band landed in its place: each pixel is its source's grey, within JPEG's error.
    let worst = image
        .pixels
        .chunks_exact(4)
        .zip(&grey)
        .map(|(p, &g)| {
            assert!(p[0] == p[1] && p[1] == p[2] && p[3] == 255);
            p[0].abs_diff(g)
        })
        .max();
    assert!(worst <= Some(8), "{worst:?}");
}

#[test]
fn a_deadline_interrupts_the_decode_and_the_next_call_works() {
    // Created with the default deadline (instantiation must not race a zero one), then
    // tightened: a decode that crosses one epoch tick faults.
    let mut decoder = JpegDecoder::new().unwrap();
    decoder.sandbox().set_limits(cordon_sandbox::Limits {
        deadline: Duration::from_millis(0),
        ..Default::default()
    });
    let bytes = read("gen_7x1023_progressive.jpg");
    let mut deadline_hit = false;
    for _ in 0..200 {
        match decoder.decode(&bytes) {
            Err(Error::Fault(f)) if f.kind == FaultKind::Deadline => {
                deadline_hit = true;
                break;
            }
            Ok(_) => {}
            Err(other) => panic!("{other:?}"),
        }
    }
    assert!(deadline_hit, "a zero deadline never fired");
    decoder
        .sandbox()
        .set_limits(cordon_sandbox::Limits::default());
    assert!(decoder.decode(&bytes).is_ok());
}
