//! Thumbnail throughput on a mixed folder (JPEG photos and PNGs), side by side in one run:
//! sandboxed, the same pipeline on the native backend, and one process per image (a child that
//! thumbnails natively, as process-based thumbnailers do). The ratios to report: sandboxed /
//! native time (target <= 1/0.85), and (process - native) / (sandboxed - native) overhead.
//!
//! `cargo bench --bench thumbnails`

use std::process::Command;

use criterion::{BenchmarkId, Criterion, Throughput};

use cordon::thumbnail::Thumbnailer;
use cordon::{Backend, Decoder, Limits};

mod images;

const SIZE: u32 = 256;
const CHILD: &str = "CORDON_BENCH_THUMBNAIL_CHILD";

/// The folder: 1 MP and 0.3 MP JPEG photos, 512x512 and 256x256 PNGs.
fn folder() -> Vec<Vec<u8>> {
    use images::{plasma_jpeg as jpeg, plasma_png as png};
    vec![
        jpeg(1152, 864),
        jpeg(640, 480),
        jpeg(1152, 864),
        png(512, 512),
        png(256, 256),
        jpeg(640, 480),
    ]
}

fn native() -> Thumbnailer {
    Thumbnailer::with_decoder(Decoder::with_backend(Backend::Native, Limits::default()))
}

fn main() {
    // The child of the process-per-image case: thumbnail one file natively, then exit.
    if let Some(path) = std::env::var_os(CHILD) {
        let bytes = std::fs::read(path).unwrap();
        let thumb = native().thumbnail(&bytes, SIZE).unwrap();
        assert!(thumb.image.width <= SIZE);
        return;
    }
    let mut c = Criterion::default().configure_from_args();
    let files = folder();
    let dir = std::env::temp_dir().join(format!("cordon-bench-thumbnails-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let paths: Vec<_> = files
        .iter()
        .enumerate()
        .map(|(i, bytes)| {
            let path = dir.join(format!("{i}.img"));
            std::fs::write(&path, bytes).unwrap();
            path
        })
        .collect();

    let mut group = c.benchmark_group("thumbnails");
    group.throughput(Throughput::Elements(files.len() as u64));
    group
        .sample_size(10)
        .measurement_time(std::time::Duration::from_secs(5));
    let mut sandboxed = Thumbnailer::new(Limits::default());
    let mut native_pipeline = native();
    for (a, b) in files.iter().map(|f| {
        (
            sandboxed.thumbnail(f, SIZE).unwrap(),
            native_pipeline.thumbnail(f, SIZE).unwrap(),
        )
    }) {
        assert_eq!(a, b, "sandboxed and native thumbnails differ");
    }
    group.bench_function(BenchmarkId::new("native", "mixed folder"), |b| {
        b.iter(|| {
            files
                .iter()
                .map(|f| native_pipeline.thumbnail(f, SIZE).unwrap())
                .count()
        })
    });
    group.bench_function(BenchmarkId::new("sandboxed", "mixed folder"), |b| {
        b.iter(|| {
            files
                .iter()
                .map(|f| sandboxed.thumbnail(f, SIZE).unwrap())
                .count()
        })
    });
    let exe = std::env::current_exe().unwrap();
    group.bench_function(BenchmarkId::new("process_per_image", "mixed folder"), |b| {
        b.iter(|| {
            for path in &paths {
                let status = Command::new(&exe).env(CHILD, path).status().unwrap();
                assert!(status.success());
            }
        })
    });
    group.finish();
    let _ = std::fs::remove_dir_all(&dir);
    c.final_summary();
}
