//! Containment: hostile guest code written in WAT. Each fault must come back as a typed error,
//! the host must be unaffected, and the same `Sandbox` must serve the next call.

use std::time::{Duration, Instant};

use cordon_sandbox::{Error, FaultKind, Library, Limits, Runtime, Sandbox};

/// A module with every kind of misbehaviour behind its own export, plus a well-behaved `ok`.
const HOSTILE: &str = r#"
(module
  (memory (export "memory") 1)
  (data (i32.const 16) "the library gave up\00")
  (func (export "cordon_message") (result i32) i32.const 16)
  (func (export "ok") (param i32) (result i32) local.get 0 i32.const 1 i32.add)
  (func (export "spin") (loop br 0))
  (func (export "grow_forever") (result i32)
    (loop
      i32.const 16 memory.grow i32.const -1 i32.ne br_if 0)
    unreachable)
  (func (export "grow_until_refused") (result i32)
    (loop
      i32.const 16 memory.grow i32.const -1 i32.ne br_if 0)
    memory.size)
  (func $recurse (export "recurse") (param i32) (result i32)
    local.get 0 i32.const 1 i32.add call $recurse)
  (func (export "abort_with_message")
    i32.const 16 i32.const 84 i32.store8  ;; "The library gave up"
    unreachable)
  (func (export "abort_silently")
    i32.const 16 i32.const 0 i32.store8
    unreachable)
  (func (export "bad_store") i32.const -4 i32.const 1 i32.store)
  (func (export "divide") (param i32) (result i32) i32.const 1 local.get 0 i32.div_u)
  (func (export "bad_pointer") (result i32) i32.const 0xfffffff0)
  (func (export "bad_length") (result i32) i32.const 0x7fffffff)
  (table 2 funcref)
  (type $t (func))
  (func (export "call_null") i32.const 1 call_indirect (type $t))
)
"#;

fn hostile() -> Library {
    Library::compile(Runtime::shared(), "hostile", HOSTILE.as_bytes()).expect("WAT compiles")
}

fn short_limits() -> Limits {
    Limits {
        max_memory: 8 << 20,
        deadline: Duration::from_millis(200),
    }
}

/// After any fault: the instance was discarded and a fresh one answers correctly.
fn assert_recovers(sandbox: &mut Sandbox, library: &Library) {
    assert!(!sandbox.is_live(), "a faulted instance must be discarded");
    let ok = library.function::<u32, u32>("ok").unwrap();
    let v = sandbox.call(&ok, 41).unwrap().verify_eq(42, "ok").unwrap();
    assert_eq!(v, 42);
    assert!(sandbox.is_live());
}

fn fault_of(result: Result<impl std::fmt::Debug, Error>) -> cordon_sandbox::Fault {
    match result {
        Err(Error::Fault(fault)) => fault,
        other => panic!("expected a fault, got {other:?}"),
    }
}

#[test]
fn endless_loop_hits_the_deadline() {
    let library = hostile();
    let mut sandbox = Sandbox::with_limits(&library, short_limits()).unwrap();
    let spin = library.function::<(), ()>("spin").unwrap();
    let started = Instant::now();
    let fault = fault_of(sandbox.call(&spin, ()));
    assert_eq!(fault.kind, FaultKind::Deadline);
    assert!(started.elapsed() >= Duration::from_millis(200));
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "deadline far overshot"
    );
    assert_recovers(&mut sandbox, &library);
    assert_eq!(sandbox.faults(), 1);
    assert_eq!(sandbox.instances_created(), 2);
}

#[test]
fn unbounded_memory_growth_is_capped() {
    let library = hostile();
    let limits = short_limits();
    let mut sandbox = Sandbox::with_limits(&library, limits).unwrap();

    // A library that checks for failure sees memory.grow return -1 at the cap.
    let polite = library.function::<(), u32>("grow_until_refused").unwrap();
    let pages = sandbox
        .call(&polite, ())
        .unwrap()
        .unverified_because("compared only");
    assert!(pages as usize * 65536 <= limits.max_memory);
    assert!(sandbox.memory_limit_reached());
    assert!(sandbox.memory_size().unwrap() <= limits.max_memory);

    // One that then dies is reported as a memory-limit fault.
    let greedy = library.function::<(), u32>("grow_forever").unwrap();
    let fault = fault_of(sandbox.call(&greedy, ()));
    assert_eq!(fault.kind, FaultKind::MemoryLimit);
    assert_recovers(&mut sandbox, &library);
}

#[test]
fn deep_recursion_overflows_the_stack() {
    let library = hostile();
    let mut sandbox = Sandbox::with_limits(&library, short_limits()).unwrap();
    let recurse = library.function::<u32, u32>("recurse").unwrap();
    let fault = fault_of(sandbox.call(&recurse, 0));
    assert_eq!(fault.kind, FaultKind::StackOverflow);
    assert_recovers(&mut sandbox, &library);
}

#[test]
fn traps_are_classified_and_carry_the_library_message() {
    let library = hostile();
    let mut sandbox = Sandbox::with_limits(&library, short_limits()).unwrap();

    let abort = library.function::<(), ()>("abort_with_message").unwrap();
    let fault = fault_of(sandbox.call(&abort, ()));
    assert_eq!(fault.kind, FaultKind::Abort);
    assert_eq!(fault.message.as_deref(), Some("The library gave up"));
    assert!(fault.to_string().contains("The library gave up"));
    assert_recovers(&mut sandbox, &library);

    let silent = library.function::<(), ()>("abort_silently").unwrap();
    let fault = fault_of(sandbox.call(&silent, ()));
    assert_eq!(fault.kind, FaultKind::Abort);
    assert_eq!(fault.message, None);
    assert_recovers(&mut sandbox, &library);

    let store = library.function::<(), ()>("bad_store").unwrap();
    assert_eq!(
        fault_of(sandbox.call(&store, ())).kind,
        FaultKind::MemoryOutOfBounds
    );
    assert_recovers(&mut sandbox, &library);

    let divide = library.function::<u32, u32>("divide").unwrap();
    assert_eq!(
        fault_of(sandbox.call(&divide, 0)).kind,
        FaultKind::Arithmetic
    );
    assert_recovers(&mut sandbox, &library);

    let call_null = library.function::<(), ()>("call_null").unwrap();
    assert_eq!(
        fault_of(sandbox.call(&call_null, ())).kind,
        FaultKind::BadIndirectCall
    );
    assert_recovers(&mut sandbox, &library);
    assert_eq!(sandbox.faults(), 5);
}

#[test]
fn out_of_bounds_pointers_and_lengths_are_rejected() {
    let library = hostile();
    let mut sandbox = Sandbox::new(&library).unwrap();
    let bad_pointer = library.function::<(), u32>("bad_pointer").unwrap();
    let bad_length = library.function::<(), u32>("bad_length").unwrap();

    let ptr = sandbox.call(&bad_pointer, ()).unwrap();
    let ptr = sandbox.pointer::<u8>(ptr).unwrap();
    assert!(matches!(
        sandbox.read_bytes(ptr, 64),
        Err(Error::OutOfBounds { .. })
    ));
    assert!(matches!(
        sandbox.read::<u64>(ptr.cast()),
        Err(Error::OutOfBounds { .. })
    ));
    assert!(matches!(
        sandbox.write_bytes(ptr, &[0; 32]),
        Err(Error::OutOfBounds { .. })
    ));
    assert!(matches!(
        sandbox.read_c_string(ptr, 1024),
        Err(Error::OutOfBounds { .. })
    ));

    // A length is verified against what the host can accept before anything is copied.
    let len = sandbox.call(&bad_length, ()).unwrap();
    let memory = sandbox.memory_size().unwrap() as u32;
    let err = len.verify_range(0..=memory, "buffer length").unwrap_err();
    assert!(matches!(err, Error::Verification(_)), "{err}");
    assert!(err.to_string().contains("buffer length"));

    // Even a length that passed a sloppy check is still bounds-checked by the copy.
    let start = sandbox
        .pointer::<u8>(cordon_sandbox::Tainted::from_host(16))
        .unwrap();
    assert!(matches!(
        sandbox.read_bytes(start, memory as usize),
        Err(Error::OutOfBounds { .. })
    ));

    // Returned pointers are verified before use: in bounds, non-null, aligned.
    let ptr = sandbox.call(&bad_pointer, ()).unwrap();
    assert!(sandbox.verify_pointer::<u32>(ptr, 4, 4).is_err());
    let ok = sandbox
        .verify_pointer::<u32>(cordon_sandbox::Tainted::from_host(16), 4, 4)
        .unwrap();
    assert_eq!(
        sandbox
            .read_slice(ok, 4)
            .unwrap()
            .unverified_because("test")
            .len(),
        4
    );
    let null = sandbox.verify_pointer::<u32>(cordon_sandbox::Tainted::from_host(0), 1, 4);
    assert_eq!(null.unwrap_err(), Error::NullPointer);
    for (addr, align) in [(18, 4), (16, 3)] {
        let err = sandbox
            .verify_pointer::<u32>(cordon_sandbox::Tainted::from_host(addr), 1, align)
            .unwrap_err();
        assert!(
            matches!(err, Error::Verification(_)),
            "{addr} {align}: {err}"
        );
    }
    let past_end = memory - 8;
    assert!(sandbox
        .verify_pointer::<u64>(cordon_sandbox::Tainted::from_host(past_end), 2, 8)
        .is_err());

    // None of that faulted the instance.
    assert!(sandbox.is_live());
    assert_eq!(sandbox.faults(), 0);
}

#[test]
fn pointers_are_bound_to_their_instance() {
    let library = Library::compile(
        Runtime::shared(),
        "bump",
        br#"(module (memory (export "memory") 1)
              (global $next (mut i32) (i32.const 4096))
              (func (export "cordon_alloc") (param i32) (result i32)
                (local $p i32)
                global.get $next local.set $p
                global.get $next local.get 0 i32.add global.set $next
                local.get $p)
              (func (export "cordon_free") (param i32)))"#,
    )
    .unwrap();
    let mut a = Sandbox::new(&library).unwrap();
    let mut b = Sandbox::new(&library).unwrap();
    let ptr = a.copy_to_sandbox(b"hello").unwrap();
    assert_eq!(
        a.read_bytes(ptr, 5).unwrap().unverified_because("test"),
        b"hello"
    );
    assert!(matches!(b.read_bytes(ptr, 5), Err(Error::StalePointer)));
    assert_eq!(b.guest_addr(ptr), Err(Error::StalePointer));
    a.reset();
    assert!(matches!(a.read_bytes(ptr, 5), Err(Error::StalePointer)));
    // Allocating again works in the fresh instance.
    let again = a.copy_to_sandbox(b"world").unwrap();
    let err = a.read_c_string(again, 4).unwrap_err();
    assert!(err.to_string().contains("NUL"), "{err}");
}

#[test]
fn modules_with_imports_are_refused() {
    let err = Library::compile(
        Runtime::shared(),
        "sneaky",
        br#"(module (import "wasi_snapshot_preview1" "fd_write"
                      (func (param i32 i32 i32 i32) (result i32)))
                    (memory (export "memory") 1))"#,
    )
    .unwrap_err();
    assert!(
        err.to_string().contains("wasi_snapshot_preview1::fd_write"),
        "{err}"
    );
}

#[test]
fn signature_mismatch_is_a_setup_error() {
    let library = hostile();
    let mut sandbox = Sandbox::new(&library).unwrap();
    let wrong = library.function::<(u32, u32), u32>("ok").unwrap();
    assert!(matches!(sandbox.call(&wrong, (1, 2)), Err(Error::Setup(_))));
    assert!(library.function::<(), ()>("missing").is_err());
    // The sandbox is untouched by a setup error.
    assert!(sandbox.is_live());
}

#[test]
fn a_thousand_live_sandboxes() {
    let library = hostile();
    let ok = library.function::<u32, u32>("ok").unwrap();
    let mut sandboxes: Vec<Sandbox> = (0..1_000)
        .map(|_| Sandbox::new(&library).unwrap())
        .collect();
    for (i, sandbox) in sandboxes.iter_mut().enumerate() {
        let v = sandbox
            .call(&ok, i as u32)
            .unwrap()
            .unverified_because("test");
        assert_eq!(v, i as u32 + 1);
    }
}

#[test]
fn sandboxes_on_many_threads() {
    let library = hostile();
    let threads: Vec<_> = (0..4)
        .map(|t| {
            let library = library.clone();
            std::thread::spawn(move || {
                let ok = library.function::<u32, u32>("ok").unwrap();
                let divide = library.function::<u32, u32>("divide").unwrap();
                let mut sandbox = Sandbox::new(&library).unwrap();
                for i in 0..200u32 {
                    if i % 50 == 0 {
                        assert!(sandbox.call(&divide, 0).is_err());
                    }
                    let v = sandbox
                        .call(&ok, t * 1000 + i)
                        .unwrap()
                        .unverified_because("test");
                    assert_eq!(v, t * 1000 + i + 1);
                }
                sandbox.faults()
            })
        })
        .collect();
    for t in threads {
        assert_eq!(t.join().unwrap(), 4);
    }
    // A sandbox moves between threads.
    let mut sandbox = Sandbox::new(&library).unwrap();
    let ok = library.function::<u32, u32>("ok").unwrap();
    let v = std::thread::spawn(move || sandbox.call(&ok, 1).unwrap().unverified_because("test"))
        .join()
        .unwrap();
    assert_eq!(v, 2);
}
