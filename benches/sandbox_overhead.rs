//! The fixed costs of isolation, measured side by side: an empty host-to-sandbox call, creating
//! and destroying a sandbox of the real libpng module, recovering from a fault, and (for
//! scale) starting a process, which is what a process-per-image design pays per thumbnail.
//!
//! `cargo bench --bench sandbox_overhead`

use std::process::Command;

use criterion::{criterion_group, criterion_main, Criterion};

use cordon_png::PngLibrary;
use cordon_sandbox::{Library, Runtime, Sandbox};

fn calls(c: &mut Criterion) {
    let png = PngLibrary::shared().unwrap().library();
    // `cordon_message` only returns a static address: an empty round trip into libpng's module.
    let empty = png.function::<(), u32>("cordon_message").unwrap();
    let mut sandbox = Sandbox::new(png).unwrap();
    c.bench_function("call/empty", |b| {
        b.iter(|| sandbox.call(&empty, ()).unwrap())
    });

    // The same empty call on bare wasmtime with Cordon's engine settings (the floor), on
    // demand and with the pooling allocator Cordon's runtime uses.
    let mut pooled = cordon_sandbox::code_config();
    pooled.allocation_strategy(wasmtime::InstanceAllocationStrategy::pooling());
    //
    // A module that throws wasm exceptions anywhere (libpng's setjmp/longjmp does) gets a GC
    // heap for them, and with one wasmtime enters and leaves a no-GC scope on every typed call
    // (two virtual calls): `_exceptions` is that floor, the one to hold `call/empty` against.
    let plain = r#"(module (memory (export "memory") 1)
                     (func (export "nop") (result i32) i32.const 16))"#;
    let exceptions = r#"(module (memory (export "memory") 1)
                          (tag $longjmp (param i32))
                          (func (export "nop") (result i32) i32.const 16)
                          (func (export "jump") (throw $longjmp (i32.const 1))))"#;
    for (name, config, wat) in [
        (
            "call/empty_bare_wasmtime",
            cordon_sandbox::code_config(),
            plain,
        ),
        ("call/empty_bare_wasmtime_pooled", pooled.clone(), plain),
        ("call/empty_bare_wasmtime_exceptions", pooled, exceptions),
    ] {
        let engine = wasmtime::Engine::new(&config).unwrap();
        let module = wasmtime::Module::new(&engine, wat).unwrap();
        let mut store = wasmtime::Store::new(&engine, ());
        let instance = wasmtime::Instance::new(&mut store, &module, &[]).unwrap();
        let nop = instance
            .get_typed_func::<(), i32>(&mut store, "nop")
            .unwrap();
        c.bench_function(name, |b| b.iter(|| nop.call(&mut store, ()).unwrap()));
    }

    let input = sandbox.copy_to_sandbox(&[0u8; 4096]).unwrap();
    c.bench_function("copy/out_4KiB", |b| {
        b.iter(|| sandbox.read_bytes(input, 4096).unwrap())
    });
}

fn lifecycle(c: &mut Criterion) {
    let png = PngLibrary::shared().unwrap().library();
    c.bench_function("sandbox/create_destroy_libpng", |b| {
        b.iter(|| drop(Sandbox::new(png).unwrap()))
    });

    // Recovery: a trap, then the next call transparently runs in a fresh instance. Two
    // kinds, because the machine delivers them at very different prices: `unreachable`
    // (what C's abort() becomes) is a `ud2`, an invalid-opcode exception and SIGILL; an
    // access past the end of linear memory lands in its guard region, a page fault and
    // SIGSEGV. On a VM whose hypervisor intercepts invalid-opcode exceptions the first costs
    // microseconds more in the kernel (a bare C loop catching each: 7.0 vs 2.1 us here).
    let wat = r#"(module (memory (export "memory") 1)
        (func (export "crash") unreachable)
        (func (export "wild") (drop (i32.load (i32.const 0x7ffffff0))))
        (func (export "ok") (result i32) i32.const 1))"#;
    let crashy = Library::compile(Runtime::shared(), "crashy", wat.as_bytes()).unwrap();
    let ok = crashy.function::<(), i32>("ok").unwrap();
    let mut sandbox = Sandbox::new(&crashy).unwrap();
    for (name, export) in [
        ("sandbox/fault_and_recover", "crash"),
        ("sandbox/memory_fault_and_recover", "wild"),
    ] {
        let fault = crashy.function::<(), ()>(export).unwrap();
        c.bench_function(name, |b| {
            b.iter(|| {
                assert!(sandbox.call(&fault, ()).is_err());
                sandbox.call(&ok, ()).unwrap()
            })
        });
    }

    // The libpng module's own re-instantiation (what a reset or recovery costs for it).
    let mut sandbox = Sandbox::new(png).unwrap();
    let empty = png.function::<(), u32>("cordon_message").unwrap();
    c.bench_function("sandbox/reset_and_call_libpng", |b| {
        b.iter(|| {
            sandbox.reset();
            sandbox.call(&empty, ()).unwrap()
        })
    });

    let mut group = c.benchmark_group("process");
    group.sample_size(20);
    group.bench_function("spawn_true", |b| {
        b.iter(|| Command::new("true").status().unwrap())
    });
    group.finish();
}

criterion_group!(benches, calls, lifecycle);
criterion_main!(benches);
