//! Malformed input: libpng's crasher collection, tiny and truncated files, random bytes and a
//! deterministic mutation fuzz. The sandboxed decoder must never panic, must fail exactly as the
//! native build of the same C does (a differential test), and must keep working afterwards. The
//! crasher collection and the mutation fuzz run on both inflate implementations.

mod common;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

use common::{
    data, fix_crcs, ihdr, native_decode, native_info, outcome_difference, pngs_under, short_name,
    valid_pngs, Rng, SIGNATURE, TESTDATA,
};
use cordon_png::{Image, Inflate, PngDecoder, PngError, PngLibrary, PngLimits};

/// A decoder on each inflate implementation (zlib-ng, the default, and stock zlib).
fn on_each_inflate() -> [PngDecoder; 2] {
    [Inflate::ZlibNg, Inflate::Zlib].map(|inflate| {
        let library = PngLibrary::shared_on(inflate).expect("library");
        PngDecoder::in_library(library, PngLimits::default()).expect("decoder")
    })
}

/// Decode and read the header of `bytes` in the sandbox and natively; return every way the two
/// disagree (or a panic), plus the sandboxed decode result.
fn differential(
    decoder: &mut PngDecoder,
    name: &str,
    bytes: &[u8],
) -> (Vec<String>, Option<Result<Image, PngError>>) {
    let mut problems = Vec::new();
    let sandboxed = catch_unwind(AssertUnwindSafe(|| {
        (decoder.decode(bytes), decoder.info(bytes))
    }));
    let Ok((decoded, info)) = sandboxed else {
        problems.push(format!("{name}: the sandboxed decoder panicked"));
        return (problems, None);
    };
    if let Some(diff) = outcome_difference(&decoded, &native_decode(bytes)) {
        problems.push(format!("{name}: decode: {diff}"));
    }
    if let Some(diff) = outcome_difference(&info, &native_info(bytes)) {
        problems.push(format!("{name}: info: {diff}"));
    }
    (problems, Some(decoded))
}

/// The decoder still decodes a valid file exactly as the native build does.
fn assert_still_decodes(decoder: &mut PngDecoder) {
    for file in ["pngsuite/basn6a08.png", "pngsuite/interlaced/ibasn3p04.png"] {
        let bytes = data(file);
        let image = decoder.decode(&bytes).expect("valid file after bad ones");
        assert_eq!(Ok(image), native_decode(&bytes), "{file}");
    }
}

fn report(problems: &[String], cases: usize) {
    assert!(
        problems.is_empty(),
        "{} problems in {cases} cases:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn crashers_fail_like_native_and_never_panic() {
    let files = pngs_under(&Path::new(TESTDATA).join("testpngs/crashers"), &[]);
    assert!(
        files.len() >= 20,
        "only {} crasher files found",
        files.len()
    );
    let mut decoders = on_each_inflate();
    let mut problems = Vec::new();
    for path in &files {
        let bytes = std::fs::read(path).expect("read crasher");
        for decoder in &mut decoders {
            let (found, _) = differential(decoder, &short_name(path), &bytes);
            problems.extend(found);
        }
    }
    report(&problems, files.len());
    for decoder in &mut decoders {
        assert_still_decodes(decoder);
    }
}

#[test]
fn crashers_that_must_be_rejected_are_rejected() {
    // These are corrupt in critical data, so no decoder may return an image for them.
    for mut decoder in on_each_inflate() {
        for name in ["badadler.png", "badcrc.png", "huge_IDAT.png"] {
            let bytes = data(&format!("testpngs/crashers/{name}"));
            let result = decoder.decode(&bytes);
            assert!(
                matches!(result, Err(PngError::Invalid { .. })),
                "{name}: {result:?}"
            );
        }
    }
}

#[test]
fn empty_and_tiny_inputs_are_errors() {
    let mut decoder = PngDecoder::new().expect("decoder");
    let mut inputs: Vec<Vec<u8>> = (0..=8).map(|n| SIGNATURE[..n].to_vec()).collect();
    inputs.extend((1..=8).map(|n| vec![0u8; n]));
    inputs.extend((1..=8).map(|n| vec![0xffu8; n]));
    let mut problems = Vec::new();
    for input in &inputs {
        let name = format!("{input:02x?}");
        let (found, decoded) = differential(&mut decoder, &name, input);
        problems.extend(found);
        if let Some(Ok(image)) = decoded {
            problems.push(format!("{name}: decoded to {image:?}"));
        }
    }
    report(&problems, inputs.len());
    assert_still_decodes(&mut decoder);
}

#[test]
fn every_truncation_of_a_valid_png_is_an_error() {
    let mut decoder = PngDecoder::new().expect("decoder");
    let mut problems = Vec::new();
    let mut cases = 0;
    // A plain file, a palette file and an interlaced one: different stopping points in libpng.
    for file in [
        "pngsuite/basn0g01.png",
        "pngsuite/basn3p02.png",
        "pngsuite/interlaced/ibasn0g04.png",
    ] {
        let bytes = data(file);
        assert!(decoder.decode(&bytes).is_ok(), "{file} itself must decode");
        for len in 0..bytes.len() {
            cases += 1;
            let name = format!("{file} cut to {len} bytes");
            let (found, decoded) = differential(&mut decoder, &name, &bytes[..len]);
            problems.extend(found);
            if let Some(Ok(image)) = decoded {
                problems.push(format!("{name}: decoded to {image:?}"));
            }
        }
    }
    report(&problems, cases);
    assert_still_decodes(&mut decoder);
}

#[test]
fn random_inputs_are_errors() {
    let mut rng = Rng::new(0x5eed_0001);
    let mut decoder = PngDecoder::new().expect("decoder");
    let mut problems = Vec::new();
    let cases = 240;
    for case in 0..cases {
        let len = rng.below(4096 + 1);
        let random = rng.bytes(len);
        // A third pure noise, a third behind a valid signature, a third behind a valid
        // signature and IHDR, so the noise reaches the chunk parser.
        let input = match case % 3 {
            0 => random,
            1 => [&SIGNATURE[..], &random].concat(),
            _ => {
                let (w, h) = (1 + rng.below(64) as u32, 1 + rng.below(64) as u32);
                [&SIGNATURE[..], &ihdr(w, h, 8, 6), &random].concat()
            }
        };
        let name = format!("random case {case} ({} bytes)", input.len());
        let (found, decoded) = differential(&mut decoder, &name, &input);
        problems.extend(found);
        if let Some(Ok(image)) = decoded {
            problems.push(format!("{name}: decoded to {image:?}"));
        }
    }
    report(&problems, cases);
    assert_still_decodes(&mut decoder);
}

#[test]
fn mutated_test_files_decode_like_native() {
    // Seeds: PngSuite plus libpng's colour-type/bit-depth/gamma matrix.
    let paths = valid_pngs();
    assert!(paths.len() > 100, "only {} seed files found", paths.len());
    let seeds: Vec<(String, Vec<u8>)> = paths
        .iter()
        .map(|p| (short_name(p), std::fs::read(p).expect("read")))
        .collect();
    let mut rng = Rng::new(0x5eed_0002);
    let mut decoders = on_each_inflate();
    let mut problems = Vec::new();
    let (mut decoded_ok, mut rejected) = (0, 0);
    let cases = 2000;
    for case in 0..cases {
        let (seed_name, seed) = &seeds[rng.below(seeds.len())];
        let mut bytes = seed.clone();
        let mut edits = Vec::new();
        for _ in 0..1 + rng.below(4) {
            // Leave the signature alone: a broken one only tests png_sig_cmp.
            let at = 8 + rng.below(bytes.len() - 8);
            let before = bytes[at];
            bytes[at] = match rng.below(4) {
                0 => before ^ (1 << rng.below(8)),
                1 => rng.next_u64() as u8,
                2 => 0xff,
                _ => 0,
            };
            edits.push(format!("@{at}:{before:02x}->{:02x}", bytes[at]));
        }
        // With correct CRCs the corruption reaches IHDR/PLTE/tRNS parsing and zlib.
        let fixed = case % 3 != 0;
        if fixed {
            fix_crcs(&mut bytes);
        }
        let name = format!(
            "mutation {case} of {seed_name} [{}]{}",
            edits.join(" "),
            if fixed { " with CRCs fixed" } else { "" }
        );
        for decoder in &mut decoders {
            let (found, decoded) = differential(decoder, &name, &bytes);
            problems.extend(found);
            match decoded {
                Some(Ok(_)) => decoded_ok += 1,
                Some(Err(_)) => rejected += 1,
                None => {}
            }
        }
    }
    report(&problems, cases);
    // The fuzz must exercise both paths, or it is not testing what it claims to.
    assert!(
        decoded_ok > 100 && rejected > 100,
        "{decoded_ok} ok, {rejected} rejected"
    );
    for decoder in &mut decoders {
        assert_eq!(
            decoder.sandbox().faults(),
            0,
            "no mutation may fault the sandbox"
        );
        assert_still_decodes(decoder);
    }
}
