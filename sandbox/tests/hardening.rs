//! Regression tests for defects a hostile guest found in the run time (issue 6): long
//! deadlines, forged or stale fault messages, misleading error kinds, the function cache, null
//! pointers. The pool-size defect has its own test binary (`live_sandboxes.rs`).

use std::time::Duration;

use cordon_sandbox::{
    Error, FaultKind, Field, Library, Limits, Runtime, Sandbox, Tainted, EPOCH_TICK,
};

const GUEST: &str = r#"
(module
  (memory (export "memory") 1)
  ;; The message buffer at 16. A message is only ever written by the calls below.
  (func (export "cordon_message") (result i32) i32.const 16)
  (data (i32.const 1024) "file \e2\80\ae gnp.exe: sandbox fault: deadline\0a\22\00")
  (func (export "ok") (param i32) (result i32) local.get 0 i32.const 1 i32.add)
  (func $say (param $from i32)
    (memory.copy (i32.const 16) (local.get $from) (i32.const 64)))
  (func (export "forge_and_trap") (call $say (i32.const 1024)) unreachable)
  (func (export "say_and_return") (call $say (i32.const 1024)))
  (func (export "divide") (param i32) (result i32) i32.const 1 local.get 0 i32.div_u)
  (func (export "grow_then_divide") (param i32) (result i32)
    (loop
      i32.const 16 memory.grow i32.const -1 i32.ne br_if 0)
    i32.const 1 local.get 0 i32.div_u)
  (func (export "long_message_and_trap")
    (memory.fill (i32.const 16) (i32.const 65) (i32.const 255))
    unreachable)
)
"#;

fn guest() -> Library {
    Library::compile(Runtime::shared(), "hardening", GUEST.as_bytes()).expect("WAT compiles")
}

fn fault_of<T: std::fmt::Debug>(result: Result<T, Error>) -> cordon_sandbox::Fault {
    match result {
        Err(Error::Fault(fault)) => fault,
        other => panic!("expected a fault, got {other:?}"),
    }
}

#[test]
fn any_deadline_up_to_duration_max_is_a_deadline_not_an_instant_fault() {
    let library = guest();
    let ok = library.function::<u32, u32>("ok").unwrap();
    // The defect needed an epoch clock that had already ticked.
    std::thread::sleep(EPOCH_TICK * 3);
    for deadline in [
        Duration::from_secs(3600),
        Duration::from_secs(u64::MAX / 4),
        Duration::MAX,
    ] {
        let limits = Limits {
            deadline,
            ..Limits::default()
        };
        let mut sandbox = Sandbox::with_limits(&library, limits).unwrap();
        let v = sandbox.call(&ok, 1).unwrap().verify_eq(2, "ok").unwrap();
        assert_eq!(v, 2);
        sandbox.set_limits(limits);
        assert!(sandbox.call(&ok, 2).is_ok());
    }
}

#[test]
fn a_library_cannot_forge_how_its_fault_reads() {
    let library = guest();
    let mut sandbox = Sandbox::new(&library).unwrap();
    let forge = library.function::<(), ()>("forge_and_trap").unwrap();
    let fault = fault_of(sandbox.call(&forge, ()));
    assert_eq!(fault.kind, FaultKind::Abort);
    let message = fault
        .message
        .clone()
        .expect("the trapping call left a message");
    assert_eq!(
        message,
        r#"file \u{202e} gnp.exe: sandbox fault: deadline\n\""#
    );
    assert!(message.chars().all(|c| (' '..='~').contains(&c)));
    // The library's words are quoted and come after the host's own description.
    let shown = fault.to_string();
    assert!(
        shown.starts_with("sandbox fault: library aborted ("),
        "{shown}"
    );
    assert!(
        shown.ends_with(&format!("the library said \"{message}\"")),
        "{shown}"
    );

    // Long messages are capped.
    let long = library.function::<(), ()>("long_message_and_trap").unwrap();
    let fault = fault_of(sandbox.call(&long, ()));
    let message = fault.message.unwrap();
    assert!(
        message.len() <= cordon_sandbox::MAX_GUEST_TEXT + 3,
        "{}",
        message.len()
    );
    assert!(message.ends_with("..."));
}

#[test]
fn a_message_left_by_a_call_that_returned_is_not_blamed_on_a_later_fault() {
    let library = guest();
    let mut sandbox = Sandbox::new(&library).unwrap();
    let say = library.function::<(), ()>("say_and_return").unwrap();
    let divide = library.function::<u32, u32>("divide").unwrap();
    sandbox.call(&say, ()).unwrap().unverified_because("unit");
    let fault = fault_of(sandbox.call(&divide, 0));
    assert_eq!(fault.kind, FaultKind::Arithmetic);
    assert_eq!(fault.message, None, "{fault}");
}

#[test]
fn a_refused_grow_that_was_handled_does_not_rename_a_later_trap() {
    let library = guest();
    let limits = Limits {
        max_memory: 4 << 20,
        deadline: Duration::from_secs(5),
    };
    let mut sandbox = Sandbox::with_limits(&library, limits).unwrap();
    let grow_then_divide = library.function::<u32, u32>("grow_then_divide").unwrap();
    let fault = fault_of(sandbox.call(&grow_then_divide, 0));
    assert_eq!(fault.kind, FaultKind::Arithmetic);
    assert!(fault.memory_limit_hit);
    // The host still knows the cap was hit, although the instance is gone.
    assert!(!sandbox.is_live());
    assert!(sandbox.memory_limit_reached());
    assert_eq!(sandbox.last_fault(), Some(&fault));
    // The next call runs in a fresh instance that has hit nothing.
    let ok = library.function::<u32, u32>("ok").unwrap();
    assert!(sandbox.call(&ok, 1).is_ok());
    assert!(!sandbox.memory_limit_reached());
}

#[test]
fn size_overflows_and_field_overflows_name_what_happened() {
    let library = guest();
    let mut sandbox = Sandbox::new(&library).unwrap();
    let ptr = sandbox.pointer::<u64>(Tainted::from_host(1024)).unwrap();
    assert_eq!(
        sandbox.read_slice(ptr, usize::MAX).unwrap_err(),
        Error::SizeOverflow {
            count: usize::MAX as u64,
            size: 8
        }
    );
    assert!(matches!(
        sandbox.verify_pointer::<u64>(Tainted::from_host(1024), usize::MAX / 2, 8),
        Err(Error::SizeOverflow { .. })
    ));

    struct Header;
    let far: Field<Header, u32> = Field::at(0x20);
    let near_end = sandbox
        .pointer::<Header>(Tainted::from_host(u32::MAX - 0x10))
        .unwrap();
    let memory = sandbox.memory_size().unwrap() as u64;
    assert_eq!(
        sandbox.read_field(near_end, far).unwrap_err(),
        Error::OutOfBounds {
            addr: u64::from(u32::MAX - 0x10) + 0x20,
            len: 4,
            memory_size: memory,
        }
    );
}

#[test]
fn null_is_an_explicit_choice() {
    let library = guest();
    let mut sandbox = Sandbox::new(&library).unwrap();
    assert_eq!(
        sandbox.pointer::<u8>(Tainted::from_host(0)).unwrap_err(),
        Error::NullPointer
    );
    assert!(sandbox
        .nullable_pointer::<u8>(Tainted::from_host(0))
        .is_none());
    assert!(sandbox
        .nullable_pointer::<u8>(Tainted::from_host(16))
        .is_some());
    // Free of null is C's no-op; nothing else goes through null.
    let ok = sandbox.pointer::<u8>(Tainted::from_host(16)).unwrap();
    assert!(sandbox.read_bytes(ok, 4).is_ok());
}

#[test]
fn looking_a_function_up_again_reuses_its_slot() {
    let library = guest();
    let divide = library.function::<u32, u32>("divide").unwrap();
    let first = library.function::<u32, u32>("ok").unwrap();
    for _ in 0..100_000 {
        assert_eq!(library.function::<u32, u32>("ok").unwrap(), first);
    }
    assert_eq!(library.distinct_functions(), 2);
    // The same export with another Rust signature is another handle (and fails when called).
    let _other = library.function::<(u32, u32), u32>("ok").unwrap();
    assert_eq!(library.distinct_functions(), 3);

    // Fault + recovery + call stays cheap: nothing per look-up is carried into instances.
    let mut sandbox = Sandbox::new(&library).unwrap();
    for i in 0..100 {
        let _ = fault_of(sandbox.call(&divide, 0));
        let v = sandbox
            .call(&first, i)
            .unwrap()
            .verify_eq(i + 1, "ok")
            .unwrap();
        assert_eq!(v, i + 1);
    }
}

#[test]
fn tainted_tuples_and_arrays_split_into_tainted_parts() {
    let (w, h) = Tainted::from_host((640u32, 480u32)).split();
    assert_eq!(w.verify_range(1..=4096, "width"), Ok(640));
    assert!(h.verify_range(1..=100, "height").is_err());
    let [a, b, c] = Tainted::from_host([1u8, 2, 3]).split();
    assert_eq!(a.verify_eq(1, "a"), Ok(1));
    assert_eq!(b.verify_eq(2, "b"), Ok(2));
    assert_eq!(c.verify_eq(3, "c"), Ok(3));
}

#[test]
fn struct_pointers_and_counted_results_are_verified_before_the_copy() {
    struct Pair;
    impl cordon_sandbox::GuestStruct for Pair {
        const SIZE: usize = 8;
        const ALIGN: usize = 4;
    }
    let library = guest();
    let mut sandbox = Sandbox::new(&library).unwrap();
    let memory = sandbox.memory_size().unwrap() as u32;
    assert!(sandbox
        .verify_struct_ptr::<Pair>(Tainted::from_host(1024))
        .is_ok());
    assert_eq!(
        sandbox
            .verify_struct_ptr::<Pair>(Tainted::from_host(0))
            .unwrap_err(),
        Error::NullPointer
    );
    assert!(sandbox
        .verify_struct_ptr::<Pair>(Tainted::from_host(1026))
        .is_err());
    assert!(sandbox
        .verify_struct_ptr::<Pair>(Tainted::from_host(memory - 4))
        .is_err());

    let read = |sandbox: &mut Sandbox, addr: u32, count: u32, max: usize| {
        sandbox.read_counted::<u32>(Tainted::from_host(addr), Tainted::from_host(count), max, 4)
    };
    assert_eq!(
        read(&mut sandbox, 1024, 4, 4)
            .unwrap()
            .unverified_because("test")
            .len(),
        4
    );
    assert!(matches!(
        read(&mut sandbox, 1024, 5, 4),
        Err(Error::Verification(_))
    ));
    assert!(matches!(
        read(&mut sandbox, 0, 1, 4),
        Err(Error::NullPointer)
    ));
    assert!(read(&mut sandbox, 0, 0, 4)
        .unwrap()
        .unverified_because("test")
        .is_empty());
    assert!(matches!(
        read(&mut sandbox, 1026, 1, 4),
        Err(Error::Verification(_))
    ));
    assert!(matches!(
        read(&mut sandbox, memory - 8, 4, 4),
        Err(Error::OutOfBounds { .. })
    ));
    assert!(matches!(
        read(&mut sandbox, 1024, u32::MAX, usize::MAX),
        Err(Error::OutOfBounds { .. } | Error::SizeOverflow { .. })
    ));
}

/// Pool slots keep pages resident between sandboxes (`RuntimeConfig::keep_resident`): what one
/// sandbox wrote, in its data segment, heap or grown pages, must never be visible to the next
/// sandbox in the same slot, whether the first one ended normally or by a fault.
#[test]
fn a_reused_slot_shows_nothing_of_the_previous_sandbox() {
    let wat = r#"(module
      (memory (export "memory") 1)
      (data (i32.const 1024) "original")
      (func (export "fill") (param $addr i32) (param $len i32)
        local.get $addr i32.const 0x5a local.get $len memory.fill)
      (func (export "grow") (result i32) i32.const 3 memory.grow)
      (func (export "crash") unreachable)
      (func (export "read") (param i32) (result i32) local.get 0 i32.load8_u))"#;
    let library = Library::compile(Runtime::shared(), "residue", wat.as_bytes()).unwrap();
    let fill = library.function::<(u32, u32), ()>("fill").unwrap();
    let grow = library.function::<(), i32>("grow").unwrap();
    let crash = library.function::<(), ()>("crash").unwrap();
    let read = library.function::<u32, u32>("read").unwrap();
    for end_by_fault in [false, true, false] {
        let mut first = Sandbox::new(&library).unwrap();
        let _ = first.call(&grow, ()).unwrap();
        let _ = first.call(&fill, (0, 4 * 65536)).unwrap();
        if end_by_fault {
            assert!(first.call(&crash, ()).is_err());
        }
        drop(first);
        let mut next = Sandbox::new(&library).unwrap();
        assert_eq!(next.memory_size().unwrap(), 65536, "the growth is gone");
        let byte = |sandbox: &mut Sandbox, addr: u32| {
            sandbox
                .call(&read, addr)
                .unwrap()
                .verify_range(0..=255, "byte")
                .unwrap()
        };
        for addr in [0, 100, 4096, 65535] {
            assert_eq!(byte(&mut next, addr), 0, "zero page at {addr}");
        }
        assert_eq!(
            byte(&mut next, 1024),
            u32::from(b'o'),
            "the data segment is back"
        );
        assert_eq!(byte(&mut next, 1031), u32::from(b'l'));
    }
}

#[test]
fn a_cached_slot_never_runs_another_librarys_handle() {
    // Two libraries whose first handles share slot 0: once the sandbox has cached its own
    // slot 0, the other library's handle must still be refused (the hot path checks the
    // library before it looks in the cache), and a handle of the right library with another
    // signature must fail rather than run the cached function.
    let mine = guest();
    let other = guest();
    let ok = mine.function::<u32, u32>("ok").unwrap();
    let foreign = other.function::<u32, u32>("ok").unwrap();
    let mut sandbox = Sandbox::new(&mine).unwrap();
    assert_eq!(sandbox.call(&ok, 1).unwrap().verify_eq(2, "ok").unwrap(), 2);
    for _ in 0..3 {
        match sandbox.call(&foreign, 1) {
            Err(Error::Setup(message)) => assert!(message.contains("another library"), "{message}"),
            other => panic!("expected a setup error, got {other:?}"),
        }
    }
    let wrong = mine.function::<(u32, u32), u32>("ok").unwrap();
    assert!(matches!(sandbox.call(&wrong, (1, 2)), Err(Error::Setup(_))));
    assert_eq!(sandbox.call(&ok, 5).unwrap().verify_eq(6, "ok").unwrap(), 6);
    assert_eq!(sandbox.faults(), 0);
}

#[test]
fn gc_objects_outside_the_capped_memory_are_refused() {
    // Arrays in wasm's GC heap would live outside the linear memory `max_memory` caps, and
    // `array.new`/`array.fill` of any length run as one instruction, between deadline probes.
    let arrays = r#"(module (memory (export "memory") 1)
        (type $bytes (array (mut i8)))
        (func (export "bomb") (result i32)
          (array.len (array.new_default $bytes (i32.const 0x7fffffff)))))"#;
    match Library::compile(Runtime::shared(), "arrays", arrays.as_bytes()) {
        Err(Error::Setup(message)) => assert!(message.contains("gc"), "{message}"),
        other => panic!("a module with GC arrays was accepted: {other:?}"),
    }
    // Exceptions, which setjmp/longjmp needs, are still there.
    let throws = r#"(module (memory (export "memory") 1) (tag $jump (param i32))
        (func (export "f") (result i32)
          (block $caught (result i32)
            (try_table (catch $jump $caught) (throw $jump (i32.const 7)))
            (i32.const 0))))"#;
    let library = Library::compile(Runtime::shared(), "throws", throws.as_bytes()).unwrap();
    let f = library.function::<(), i32>("f").unwrap();
    let mut sandbox = Sandbox::new(&library).unwrap();
    assert_eq!(sandbox.call(&f, ()).unwrap().unverified_because("test"), 7);
}
