//! On wasmtime's Pulley interpreter deadlines are epoch checks, not probe pages
//! (`sandbox/src/probe/`): an endless loop there must still meet its deadline, and the
//! sandbox recover.

use std::time::{Duration, Instant};

use cordon_sandbox::{Error, FaultKind, Library, Limits, Runtime, RuntimeConfig, Sandbox};

#[test]
fn an_endless_loop_on_pulley_meets_its_deadline() {
    let runtime = Runtime::new(RuntimeConfig {
        max_live_sandboxes: 4,
        target: Some("pulley64".into()),
        ..RuntimeConfig::default()
    })
    .unwrap();
    let wat = r#"(module (memory (export "memory") 1)
        (func (export "spin") (loop br 0))
        (func (export "ok") (result i32) i32.const 7))"#;
    let library = Library::compile(&runtime, "spin", wat.as_bytes()).unwrap();
    let limits = Limits {
        max_memory: 1 << 20,
        deadline: Duration::from_millis(50),
    };
    let mut sandbox = Sandbox::with_limits(&library, limits).unwrap();
    let spin = library.function::<(), ()>("spin").unwrap();
    let started = Instant::now();
    match sandbox.call(&spin, ()) {
        Err(Error::Fault(fault)) => assert_eq!(fault.kind, FaultKind::Deadline),
        other => panic!("expected a deadline, got {other:?}"),
    }
    assert!(started.elapsed() >= Duration::from_millis(50));
    let ok = library.function::<(), i32>("ok").unwrap();
    assert_eq!(
        sandbox.call(&ok, ()).unwrap().verify_eq(7, "ok").unwrap(),
        7
    );
}
