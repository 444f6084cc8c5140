//! The cost of fault isolation, one decode under each mechanism, side by side in one run: the
//! same libpng + stock zlib C (`Inflate::Zlib`) decoding the same PNGs
//!
//! - `none`: the native build of the same C, called directly (no isolation);
//! - `cordon_cranelift`: Cordon's sandbox, compiled to native code by Cranelift (the default);
//! - `cordon_pulley`: the same module on wasmtime's Pulley interpreter (the small-footprint,
//!   portable option, the niche of WAMR-style interpreters);
//! - `process_worker`: a pre-spawned worker process decoding natively, images and pixels over
//!   pipes (how process-based sandboxes such as Sandboxed API or glycin work when pooled);
//! - `process_per_call`: a fresh process per image (fork/exec, decode natively, exit).
//!
//! Start-up: `start/*` is what one more isolated instance costs (a fresh sandbox with its first
//! call, or a process spawn). RLBox's production backend, wasm2c, is not here: Debian's wabt
//! 1.0 cannot read our modules ("invalid section code: 13", the exception-handling tag section
//! that real setjmp/longjmp needs).
//!
//! `cargo bench --bench isolation`

use std::io::{Read, Write};
use std::process::{Command, Stdio};

use criterion::{BenchmarkId, Criterion, Throughput};

use cordon::png::{Inflate, PngDecoder, PngLibrary};
use cordon::{Backend, Decoder, Limits};
use cordon_sandbox::{Library, Runtime, RuntimeConfig};

mod images;

const CHILD: &str = "CORDON_BENCH_ISOLATION_CHILD";

fn native() -> Decoder {
    Decoder::with_backend(Backend::Native, Limits::default())
}

/// The child processes: `once <file>` decodes one file; `worker` serves length-prefixed images
/// on stdin with length-prefixed pixels on stdout until stdin closes.
fn child(mode: &str) {
    let mut decoder = native();
    if let Some(path) = mode.strip_prefix("once ") {
        let image = decoder.decode(&std::fs::read(path).unwrap()).unwrap();
        std::io::stdout().lock().write_all(&image.pixels).unwrap();
        return;
    }
    let (mut input, mut output) = (std::io::stdin().lock(), std::io::stdout().lock());
    let mut len = [0u8; 4];
    while input.read_exact(&mut len).is_ok() {
        let mut bytes = vec![0; u32::from_le_bytes(len) as usize];
        input.read_exact(&mut bytes).unwrap();
        let pixels = decoder.decode(&bytes).unwrap().pixels;
        output
            .write_all(&(pixels.len() as u32).to_le_bytes())
            .unwrap();
        output.write_all(&pixels).unwrap();
        output.flush().unwrap();
    }
}

/// A pre-spawned worker: send an image, read its pixels back.
struct Worker {
    child: std::process::Child,
}

impl Worker {
    fn spawn(exe: &std::path::Path) -> Worker {
        let child = Command::new(exe)
            .env(CHILD, "worker")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        Worker { child }
    }

    fn decode(&mut self, bytes: &[u8]) -> Vec<u8> {
        let stdin = self.child.stdin.as_mut().unwrap();
        stdin
            .write_all(&(bytes.len() as u32).to_le_bytes())
            .unwrap();
        stdin.write_all(bytes).unwrap();
        stdin.flush().unwrap();
        let stdout = self.child.stdout.as_mut().unwrap();
        let mut len = [0u8; 4];
        stdout.read_exact(&mut len).unwrap();
        let mut pixels = vec![0; u32::from_le_bytes(len) as usize];
        stdout.read_exact(&mut pixels).unwrap();
        pixels
    }
}

fn pulley_library() -> PngLibrary {
    let runtime = Runtime::new(RuntimeConfig {
        target: Some("pulley64".into()),
        max_live_sandboxes: 64,
        ..RuntimeConfig::default()
    })
    .unwrap();
    let library = Library::compile(&runtime, "png", PngLibrary::wasm_on(Inflate::Zlib)).unwrap();
    PngLibrary::from_library(library).unwrap()
}

fn main() {
    if let Ok(mode) = std::env::var(CHILD) {
        return child(&mode);
    }
    let mut c = Criterion::default().configure_from_args();
    let exe = std::env::current_exe().unwrap();
    let dir = std::env::temp_dir().join(format!("cordon-bench-isolation-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let pulley = pulley_library();
    // Cranelift runs the module Pulley runs: libpng on stock zlib, the C of the native build.
    let cranelift = PngLibrary::shared_on(Inflate::Zlib).unwrap();
    let mut worker = Worker::spawn(&exe);

    let mut group = c.benchmark_group("isolation");
    group
        .sample_size(10)
        .measurement_time(std::time::Duration::from_secs(4));
    for side in [256u32, 1024] {
        let file = images::plasma_png(side, side);
        let path = dir.join(format!("{side}.png"));
        std::fs::write(&path, &file).unwrap();
        let label = format!("{side}x{side}");
        let mut none = native();
        let mut sandboxed = PngDecoder::in_library(cranelift, Limits::default()).unwrap();
        let mut interpreted = PngDecoder::in_library(&pulley, Limits::default()).unwrap();
        let expected = none.decode(&file).unwrap();
        assert_eq!(sandboxed.decode(&file).unwrap(), expected);
        assert_eq!(interpreted.decode(&file).unwrap(), expected);
        assert_eq!(worker.decode(&file), expected.pixels);
        group.throughput(Throughput::Elements(u64::from(side * side)));
        group.bench_with_input(BenchmarkId::new("none", &label), &file, |b, f| {
            b.iter(|| none.decode(f).unwrap())
        });
        group.bench_with_input(
            BenchmarkId::new("cordon_cranelift", &label),
            &file,
            |b, f| b.iter(|| sandboxed.decode(f).unwrap()),
        );
        group.bench_with_input(BenchmarkId::new("cordon_pulley", &label), &file, |b, f| {
            b.iter(|| interpreted.decode(f).unwrap())
        });
        group.bench_with_input(BenchmarkId::new("process_worker", &label), &file, |b, f| {
            b.iter(|| worker.decode(f))
        });
        group.bench_with_input(
            BenchmarkId::new("process_per_call", &label),
            &path,
            |b, p| {
                b.iter(|| {
                    let out = Command::new(&exe)
                        .env(CHILD, format!("once {}", p.display()))
                        .output()
                        .unwrap();
                    assert!(out.status.success() && out.stdout.len() == (side * side * 4) as usize);
                    out.stdout
                })
            },
        );
    }
    group.finish();

    // What one more isolated instance costs to start (and its first call, for sandboxes).
    let mut group = c.benchmark_group("isolation_start");
    group.sample_size(20);
    let tiny = images::plasma_png(16, 16);
    for (name, library) in [("cordon_cranelift", cranelift), ("cordon_pulley", &pulley)] {
        group.bench_function(name, |b| {
            b.iter(|| {
                let mut decoder = PngDecoder::in_library(library, Limits::default()).unwrap();
                decoder.decode(&tiny).unwrap()
            })
        });
    }
    group.bench_function("process_worker_spawn", |b| {
        b.iter(|| {
            // A worker that exits at once (stdin closed): spawn, handshake-free, reaped.
            let mut worker = Worker::spawn(&exe);
            drop(worker.child.stdin.take());
            worker.child.wait().unwrap()
        })
    });
    group.finish();

    // Memory per instance after decoding the 1 MP image: a sandbox's linear memory (all of
    // it, touched or not) and a worker process's resident set.
    let file = images::plasma_png(1024, 1024);
    for (name, library) in [("cordon_cranelift", cranelift), ("cordon_pulley", &pulley)] {
        let mut decoder = PngDecoder::in_library(library, Limits::default()).unwrap();
        decoder.decode(&file).unwrap();
        let bytes = decoder.sandbox().memory_size().unwrap();
        println!(
            "memory/{name}: linear memory {} KiB after a 1 MP decode",
            bytes >> 10
        );
    }
    worker.decode(&file);
    let status = std::fs::read_to_string(format!("/proc/{}/status", worker.child.id()));
    if let Some(rss) = status.ok().and_then(|s| {
        s.lines()
            .find(|l| l.starts_with("VmRSS:"))
            .map(|l| l["VmRSS:".len()..].trim().to_string())
    }) {
        println!("memory/process_worker: resident {rss} after a 1 MP decode");
    }
    drop(worker.child.stdin.take());
    let _ = worker.child.wait();
    let _ = std::fs::remove_dir_all(&dir);
    c.final_summary();
}
