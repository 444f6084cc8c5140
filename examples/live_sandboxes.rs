//! How many sandboxes one process holds, and what each costs: fills the shared runtime with
//! live libpng sandboxes (the documented default of 10,000, or the number given), decodes an
//! image in a sample of them, and reports creation time and resident memory per sandbox.
//!
//! `cargo run --release --example live_sandboxes -- [count]`

use std::time::Instant;

use cordon_png::{PngDecoder, PngLibrary, PngLimits};

/// Resident set size of this process in KiB (Linux), or `None` elsewhere.
fn rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let count: usize = match std::env::args().nth(1) {
        Some(n) => n.parse()?,
        None => {
            cordon_sandbox::Runtime::shared()
                .config()
                .max_live_sandboxes as usize
        }
    };
    let png = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/images/plasma-512.png"
    ))?;
    let library = PngLibrary::shared()?;
    // Warm up: first instance, page tables of the code, the image.
    PngDecoder::in_library(library, PngLimits::default())?.decode(&png)?;

    let before = rss_kib();
    let started = Instant::now();
    let mut decoders = Vec::with_capacity(count);
    for i in 0..count {
        match PngDecoder::in_library(library, PngLimits::default()) {
            Ok(decoder) => decoders.push(decoder),
            Err(e) => return Err(format!("sandbox {} of {count}: {e}", i + 1).into()),
        }
    }
    let elapsed = started.elapsed();
    let after = rss_kib();

    let mut decoded = 0;
    for decoder in decoders.iter_mut().step_by((count / 10).max(1)) {
        decoder.decode(&png)?;
        decoded += 1;
    }
    let live = cordon_sandbox::Runtime::shared().live_sandboxes();
    println!("{count} live libpng sandboxes ({live} counted by the runtime)");
    println!(
        "creation: {:.2} s in all, {:.1} us per sandbox",
        elapsed.as_secs_f64(),
        elapsed.as_secs_f64() * 1e6 / count as f64
    );
    if let (Some(before), Some(after)) = (before, after) {
        println!(
            "resident memory: +{:.1} MiB in all, {:.1} KiB per sandbox",
            (after.saturating_sub(before)) as f64 / 1024.0,
            after.saturating_sub(before) as f64 / count as f64
        );
    }
    println!("decoded a 512x512 PNG in {decoded} of them");
    Ok(())
}
