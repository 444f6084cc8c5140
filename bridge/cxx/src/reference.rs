//! The Rust API's own results and timings, for the tests and the benchmark that compare the
//! C++ face with Rust in one process: the C++ side computes the same digest over what it
//! received, and times the same loop on its side of the bridge.

use std::hint::black_box;
use std::time::Instant;

use crate::error::Failure;
use crate::low::open_library;

/// 64-bit FNV-1a, the digest both sides compute (C++ in `tests/cpp/cordon_tests.cpp`).
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// FNV-1a of `cordon::decode(bytes)` as Rust sees it: width and height (little-endian `u32`s),
/// then the pixels.
pub fn reference_digest(bytes: &[u8]) -> Result<u64, Failure> {
    let image = cordon::decode(bytes)?;
    let mut all = Vec::with_capacity(8 + image.pixels.len());
    all.extend_from_slice(&image.width.to_le_bytes());
    all.extend_from_slice(&image.height.to_le_bytes());
    all.extend_from_slice(&image.pixels);
    Ok(fnv1a(&all))
}

/// FNV-1a of a line of `text` rendered by the Rust `cordon::font::FontRenderer` (face 0,
/// hinted): width and height (little-endian `u32`s), then the coverage.
pub fn reference_text_digest(font: &[u8], text: &str, size_px: u32) -> Result<u64, Failure> {
    let mut renderer = cordon::font::FontRenderer::new()?;
    let line = renderer.render_line(font, 0, text, &cordon::font::TextOptions::px(size_px))?;
    let mut all = Vec::with_capacity(8 + line.coverage.len());
    all.extend_from_slice(&line.width.to_le_bytes());
    all.extend_from_slice(&line.height.to_le_bytes());
    all.extend_from_slice(&line.coverage);
    Ok(fnv1a(&all))
}

/// Nanoseconds `iterations` decodes of `bytes` take through a Rust `cordon::Decoder` (after
/// one warm-up decode).
pub fn reference_decode_nanos(bytes: &[u8], iterations: u32) -> Result<u64, Failure> {
    let mut decoder = cordon::Decoder::new();
    decoder.decode(bytes)?;
    let start = Instant::now();
    for _ in 0..iterations {
        black_box(decoder.decode(black_box(bytes))?);
    }
    Ok(start.elapsed().as_nanos() as u64)
}

/// Nanoseconds `iterations` calls of `function` (no parameters, an `i32` result) of the
/// bundled `library` take through the Rust API's typed call (after one warm-up call).
pub fn reference_call_nanos(
    library: &str,
    function: &str,
    iterations: u32,
) -> Result<u64, Failure> {
    let library = open_library(library)?;
    let function = library.inner().function::<(), u32>(function)?;
    let mut sandbox = cordon_sandbox::Sandbox::new(library.inner())?;
    let _ = sandbox.call(&function, ())?;
    let start = Instant::now();
    for _ in 0..iterations {
        let _ = black_box(sandbox.call(&function, ())?);
    }
    Ok(start.elapsed().as_nanos() as u64)
}
