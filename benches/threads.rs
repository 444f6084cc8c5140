//! Decode throughput with one and with two threads, side by side in one run: each thread has
//! its own `Decoder` (so its own sandboxes) and decodes the same batch of 1 MP images. The
//! ratio to report is (time for 1 thread x batch) / (time for 2 threads x the same batch each),
//! target >= 1.8 on a 2-core machine; native is measured the same way as the reference for what
//! the machine itself scales to.
//!
//! `cargo bench --bench threads`

use std::thread;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

use cordon::{Backend, Decoder, Limits};

mod images;

/// Each thread decodes every image of the batch once.
fn run(threads: usize, backend: Backend, batch: &[Vec<u8>]) {
    thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                let mut decoder = Decoder::with_backend(backend, Limits::default());
                for image in batch {
                    std::hint::black_box(decoder.decode(image).unwrap());
                }
            });
        }
    });
}

fn scaling(c: &mut Criterion) {
    let batch = vec![
        images::plasma_png(1024, 1024),
        images::plasma_jpeg(1024, 1024),
        images::plasma_png(1024, 1024),
        images::plasma_jpeg(1024, 1024),
    ];
    let mut group = c.benchmark_group("threads");
    group.sample_size(10);
    for (name, backend) in [
        ("sandboxed", Backend::Sandboxed),
        ("native", Backend::Native),
    ] {
        for threads in [1, 2] {
            // Throughput counts every decode, so elements/s compare directly.
            group.throughput(Throughput::Elements((threads * batch.len()) as u64));
            group.bench_with_input(BenchmarkId::new(name, threads), &threads, |b, &threads| {
                b.iter(|| run(threads, backend, &batch))
            });
        }
    }
    group.finish();
}

criterion_group!(benches, scaling);
criterion_main!(benches);
