//! `max_live_sandboxes` means live sandboxes, for libraries that use wasm exceptions (and so
//! take a GC heap as well as a linear memory from the pool) as much as for those that do not.
//! Its own test binary, so that no other test's sandboxes share the runtime's count.

use cordon_sandbox::{Error, Library, Runtime, RuntimeConfig, Sandbox};

/// A library that catches its own exception, like C code built with setjmp/longjmp.
const WITH_EXCEPTIONS: &str = r#"
(module
  (memory (export "memory") 1)
  (tag $jump (param i32))
  (func $throw (param i32) local.get 0 throw $jump)
  (func (export "catch") (param i32) (result i32)
    (block $caught (result i32)
      (try_table (catch $jump $caught)
        local.get 0 call $throw)
      i32.const -1))
)
"#;

const PLAIN: &str = r#"(module (memory (export "memory") 1)
  (func (export "ok") (param i32) (result i32) local.get 0 i32.const 1 i32.add))"#;

fn fill(library: &Library, n: usize) -> Vec<Sandbox> {
    (0..n)
        .map(|i| Sandbox::new(library).unwrap_or_else(|e| panic!("sandbox {i}: {e}")))
        .collect()
}

#[test]
fn the_configured_number_of_sandboxes_fits_and_one_more_is_pool_exhausted() {
    let runtime = Runtime::new(RuntimeConfig {
        max_live_sandboxes: 40,
        ..RuntimeConfig::default()
    })
    .unwrap();
    let throwing = Library::compile(&runtime, "throwing", WITH_EXCEPTIONS.as_bytes()).unwrap();
    let plain = Library::compile(&runtime, "plain", PLAIN.as_bytes()).unwrap();
    let catch = throwing.function::<i32, i32>("catch").unwrap();

    let mut live = fill(&throwing, 30);
    live.extend(fill(&plain, 10));
    assert_eq!(runtime.live_sandboxes(), 40);
    for sandbox in live.iter_mut().take(30) {
        let v = sandbox
            .call(&catch, 7)
            .unwrap()
            .verify_eq(7, "caught")
            .unwrap();
        assert_eq!(v, 7);
    }
    let err = Sandbox::new(&throwing).unwrap_err();
    assert_eq!(err, Error::PoolExhausted { live: 40, max: 40 });
    assert!(err.to_string().contains("pool is full"), "{err}");

    live.truncate(39);
    assert_eq!(runtime.live_sandboxes(), 39);
    let mut again = Sandbox::new(&throwing).unwrap();
    assert!(again.call(&catch, 1).is_ok());
    // A reset gives the place back until the next use.
    again.reset();
    assert_eq!(runtime.live_sandboxes(), 39);
}

/// The documented default, on the shared runtime. A few seconds in a debug build;
/// `examples/live_sandboxes.rs` reports creation time and memory per sandbox.
#[test]
fn ten_thousand_live_sandboxes_on_the_shared_runtime() {
    let runtime = Runtime::shared();
    assert_eq!(runtime.config().max_live_sandboxes, 10_000);
    let library = Library::compile(runtime, "throwing", WITH_EXCEPTIONS.as_bytes()).unwrap();
    let catch = library.function::<i32, i32>("catch").unwrap();
    let mut live = fill(&library, 10_000);
    for (i, sandbox) in live.iter_mut().enumerate().step_by(997) {
        let v = sandbox
            .call(&catch, i as i32)
            .unwrap()
            .verify_eq(i as i32, "caught");
        assert_eq!(v, Ok(i as i32));
    }
    assert!(matches!(
        Sandbox::new(&library),
        Err(Error::PoolExhausted {
            live: 10_000,
            max: 10_000
        })
    ));
}

/// Two runtimes with the default pool in one process: the second fits (smaller) instead of
/// failing for address space, and both run sandboxes.
#[test]
fn a_second_default_runtime_fits_beside_the_shared_one() {
    let wat = r#"(module (memory (export "memory") 1)
        (func (export "one") (result i32) i32.const 1))"#;
    let shared = Runtime::shared();
    let second = Runtime::new(RuntimeConfig::default()).expect("a second runtime fits");
    assert!(second.config().max_live_sandboxes >= 100);
    for runtime in [shared, &second] {
        let library = Library::compile(runtime, "one", wat.as_bytes()).unwrap();
        let one = library.function::<(), u32>("one").unwrap();
        let mut sandbox = Sandbox::new(&library).unwrap();
        assert_eq!(
            sandbox.call(&one, ()).unwrap().verify_eq(1, "one").unwrap(),
            1
        );
    }
}
