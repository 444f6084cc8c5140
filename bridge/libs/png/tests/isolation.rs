//! Isolation: the built module imports nothing from the host, many decoders live side by side
//! without interfering, and decoders on different threads give single-threaded results.

mod common;

use std::collections::HashMap;
use std::path::Path;
use std::thread;

use common::{data, native_decode, pngs_under, short_name, TESTDATA};
use cordon_png::{Image, PngDecoder};

/// The audited module the build script produced (the artifact the decoder loads is precompiled
/// from exactly these bytes).
const WASM: &str = concat!(env!("OUT_DIR"), "/png.wasm");

#[test]
fn module_has_no_imports_and_exports_the_decoder() {
    let wasm = std::fs::read(WASM).expect("png.wasm in OUT_DIR");
    let interface = cordon_build::interface(&wasm).expect("parse png.wasm");
    assert!(
        interface.imports.is_empty(),
        "the PNG module imports {:?}",
        interface.imports
    );
    assert!(interface.exports_memory, "no `memory` export");
    for name in ["cordon_png_begin", "cordon_png_decode", "cordon_png_end"] {
        assert!(
            interface.function_exports.iter().any(|e| e == name),
            "missing export {name}: {:?}",
            interface.function_exports
        );
    }
}

/// Small PngSuite files with their native decodes, the expected results.
fn small_files() -> Vec<(String, Vec<u8>, Image)> {
    let files = pngs_under(&Path::new(TESTDATA).join("pngsuite"), &[]);
    assert!(files.len() > 50, "only {} PngSuite files", files.len());
    files
        .iter()
        .map(|path| {
            let bytes = std::fs::read(path).expect("read");
            let image = native_decode(&bytes).expect("PngSuite file decodes natively");
            (short_name(path), bytes, image)
        })
        .collect()
}

#[test]
fn a_thousand_live_decoders_each_decode_correctly() {
    let files = small_files();
    let mut decoders: Vec<PngDecoder> = (0..1000)
        .map(|i| PngDecoder::new().unwrap_or_else(|e| panic!("decoder {i}: {e}")))
        .collect();
    // All alive at once; each decodes a different file, twice, interleaved with the others, so
    // any state leaking between instances would show as a wrong image.
    for round in 0..2 {
        for (i, decoder) in decoders.iter_mut().enumerate() {
            let (name, bytes, expected) = &files[(i + round * 7) % files.len()];
            let image = decoder
                .decode(bytes)
                .unwrap_or_else(|e| panic!("decoder {i}, {name}: {e}"));
            assert!(
                image == *expected,
                "decoder {i}, round {round}: {name} differs"
            );
        }
    }
    for decoder in &mut decoders {
        assert!(decoder.sandbox().is_live());
        assert_eq!(decoder.sandbox().instances_created(), 1);
        assert_eq!(decoder.sandbox().faults(), 0);
    }
}

#[test]
fn decoders_on_four_threads_match_a_single_threaded_decode() {
    let files = small_files();
    let mut single = PngDecoder::new().expect("decoder");
    let expected: HashMap<String, Image> = files
        .iter()
        .map(|(name, bytes, _)| (name.clone(), single.decode(bytes).expect(name)))
        .collect();
    let files = &files;
    let expected = &expected;
    thread::scope(|scope| {
        let workers: Vec<_> = (0..4)
            .map(|t| {
                // Created here and moved into the thread: a decoder is Send.
                let mut decoder = PngDecoder::new().expect("decoder");
                scope.spawn(move || {
                    let mut checked = 0;
                    for pass in 0..3 {
                        // A different order per thread and pass, so decodes overlap in time
                        // with different files on the other threads.
                        let offset = t * 13 + pass * 5;
                        for k in 0..files.len() {
                            let (name, bytes, _) = &files[(offset + k) % files.len()];
                            let image = decoder.decode(bytes).expect(name);
                            assert!(image == expected[name], "thread {t}: {name} differs");
                            checked += 1;
                        }
                    }
                    checked
                })
            })
            .collect();
        for worker in workers {
            assert_eq!(worker.join().expect("worker panicked"), 3 * files.len());
        }
    });
}

#[test]
fn a_failure_in_one_decoder_does_not_disturb_another() {
    // One decoder hits its sandbox memory cap (lowered after creation, so only growth is
    // refused); a second decoder, used before and after, must be unaffected.
    let bytes = data("pngsuite/basn6a16.png");
    let mut healthy = PngDecoder::new().expect("decoder");
    let before = healthy.decode(&bytes).expect("decode");
    let mut capped = PngDecoder::new().expect("decoder");
    let cap = capped.sandbox().memory_size().expect("memory size");
    capped.sandbox().set_limits(cordon_sandbox::Limits {
        max_memory: cap,
        ..cordon_sandbox::Limits::default()
    });
    // A valid file whose 4 MB RGBA8 output cannot fit in the sandbox's current memory.
    let big = common::encode(
        1000,
        1000,
        png::ColorType::Rgb,
        png::BitDepth::Eight,
        None,
        &vec![0x5a; 1000 * 1000 * 3],
    );
    let result = capped.decode(&big);
    assert!(
        matches!(result, Err(cordon_png::PngError::OutOfMemory { .. })),
        "{result:?}"
    );
    assert_eq!(healthy.decode(&bytes).expect("decode"), before);
    assert_eq!(healthy.sandbox().faults(), 0);
}
