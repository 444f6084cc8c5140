//! A large batch, as a file manager's first visit to a photo folder: N files (default 1,000,
//! mixed JPEG and PNG) thumbnailed with every core, sandboxed and then on the native backend;
//! prints throughput and the peak resident memory of the sandboxed run.
//!
//! `cargo run --release --features native --example thumbnail_batch -- [files]`

use std::sync::atomic::AtomicBool;
use std::time::Instant;

use cordon::thumbnail::batch::{self, Destination, Job};
use cordon::{Backend, Limits};

#[path = "../benches/images.rs"]
mod images;

/// Peak resident set size of this process in KiB (Linux).
fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let count: usize = std::env::args().nth(1).map_or(Ok(1_000), |n| n.parse())?;
    let dir = std::env::temp_dir().join(format!("cordon-thumbnail-batch-{}", std::process::id()));
    let input = dir.join("in");
    std::fs::create_dir_all(&input)?;
    let jpeg = images::plasma_jpeg(1024, 768);
    let png = images::plasma_png(512, 512);
    for i in 0..count {
        let (name, bytes) = if i % 4 == 3 {
            (format!("{i}.png"), &png)
        } else {
            (format!("{i}.jpg"), &jpeg)
        };
        std::fs::write(input.join(name), bytes)?;
    }
    let (files, _) = batch::collect(std::slice::from_ref(&input), None);
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    for backend in [Backend::Sandboxed, Backend::Native] {
        let job = Job {
            size: 256,
            limits: Limits::default(),
            backend,
            destination: Destination::Folder(dir.join(format!("{backend:?}"))),
            workers,
            force: true,
        };
        let started = Instant::now();
        let summary = batch::run(&job, &files, &AtomicBool::new(false), |_, _| {});
        let secs = started.elapsed().as_secs_f64();
        println!(
            "{backend:?}: {} thumbnails ({} failed) in {secs:.2} s with {workers} workers: {:.0} per second",
            summary.done,
            summary.failed.len(),
            summary.done as f64 / secs
        );
        if backend == Backend::Sandboxed {
            if let Some(kib) = peak_rss_kib() {
                println!(
                    "peak resident memory after the sandboxed run: {:.1} MiB",
                    kib as f64 / 1024.0
                );
            }
        }
    }
    std::fs::remove_dir_all(&dir)?;
    Ok(())
}
