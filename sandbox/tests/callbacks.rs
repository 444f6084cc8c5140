//! Callbacks as explicit grants: host closures called through C function pointers (function
//! table slots), with tainted arguments, re-entrancy, and errors and panics contained.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::Duration;

use cordon_sandbox::{Error, FaultKind, Library, Limits, Runtime, Sandbox, Tainted};

/// A library that calls the function pointers it is given, like a decoder with row callbacks.
const LIBRARY: &str = r#"
(module
  (memory (export "memory") 1)
  (table (export "__indirect_function_table") 1 funcref)
  (type $binary (func (param i32 i32) (result i32)))
  (type $unary (func (param i32)))
  (func (export "apply") (param $fn i32) (param $a i32) (param $b i32) (result i32)
    local.get $a local.get $b local.get $fn call_indirect (type $binary))
  (func (export "notify") (param $fn i32) (param $v i32)
    local.get $v local.get $fn call_indirect (type $unary))
  (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)
  (func (export "store") (param i32 i32) local.get 0 local.get 1 i32.store)
  (func (export "spin") (param i32 i32) (result i32) (loop br 0) i32.const 0)
  (func (export "crash") (param i32 i32) (result i32) unreachable)
)
"#;

fn library() -> Library {
    Library::compile(Runtime::shared(), "callbacks", LIBRARY.as_bytes()).unwrap()
}

fn fault_kind<T: std::fmt::Debug>(result: Result<T, Error>) -> FaultKind {
    match result {
        Err(Error::Fault(fault)) => fault.kind,
        other => panic!("expected a fault, got {other:?}"),
    }
}

#[test]
fn a_registered_closure_is_called_through_its_function_pointer() {
    let library = library();
    let apply = library.function::<(u32, i32, i32), i32>("apply").unwrap();
    let mut sandbox = Sandbox::new(&library).unwrap();
    let multiply = sandbox
        .register_callback(|_, args: Tainted<(i32, i32)>| {
            let (a, b) = args.verify(|(a, b)| {
                if a.abs() < 1 << 15 && b.abs() < 1 << 15 {
                    Ok((a, b))
                } else {
                    Err("too big")
                }
            })?;
            Ok(a * b)
        })
        .unwrap();
    let product = sandbox
        .call(&apply, (multiply.function_pointer(), 6, 7))
        .unwrap();
    assert_eq!(product.unverified_because("test"), 42);
    // The closure's own verification failing is an error of the call, contained.
    assert_eq!(
        fault_kind(sandbox.call(&apply, (multiply.function_pointer(), 1 << 20, 2))),
        FaultKind::Callback
    );
}

#[test]
fn errors_and_panics_are_faults_and_callbacks_survive_recovery() {
    let library = library();
    let notify = library.function::<(u32, i32), ()>("notify").unwrap();
    let mut sandbox = Sandbox::new(&library).unwrap();
    let seen = Arc::new(AtomicU32::new(0));
    let seen_in_callback = seen.clone();
    let picky = sandbox
        .register_callback(move |_, v: Tainted<(i32,)>| {
            let (v,) = v.unverified_because("test: only compared");
            match v {
                0 => Err(Error::Verification("zero is not allowed".into())),
                1 => panic!("the callback fell over"),
                _ => {
                    seen_in_callback.fetch_add(1, Ordering::SeqCst);
                    Ok(())
                }
            }
        })
        .unwrap();
    let ptr = picky.function_pointer();

    let fault = match sandbox.call(&notify, (ptr, 0)) {
        Err(Error::Fault(fault)) => fault,
        other => panic!("{other:?}"),
    };
    assert_eq!(fault.kind, FaultKind::Callback);
    assert!(
        fault.detail.contains("zero is not allowed"),
        "{}",
        fault.detail
    );

    let fault = match sandbox.call(&notify, (ptr, 1)) {
        Err(Error::Fault(fault)) => fault,
        other => panic!("{other:?}"),
    };
    assert_eq!(fault.kind, FaultKind::Callback);
    assert!(
        fault.detail.contains("the callback fell over"),
        "{}",
        fault.detail
    );

    // Each fault discarded the instance; the fresh one has the callback at the same slot.
    let _ = sandbox.call(&notify, (ptr, 5)).unwrap();
    assert_eq!(seen.load(Ordering::SeqCst), 1);
    assert_eq!(sandbox.faults(), 2);
    assert_eq!(sandbox.instances_created(), 3);
}

#[test]
fn callbacks_may_reenter_the_sandbox() {
    let library = library();
    let apply = library.function::<(u32, i32, i32), i32>("apply").unwrap();
    let add = library.function::<(i32, i32), i32>("add").unwrap();
    let mut sandbox = Sandbox::new(&library).unwrap();
    let add_in_callback = add.clone();
    let via_library = sandbox
        .register_callback(move |cx, args: Tainted<(i32, i32)>| {
            let (a, b) = args.unverified_because("test: passed straight back to the library");
            if a == 99 {
                return Err(Error::Verification("99 ends the call".into()));
            }
            let sum = cx.call(&add_in_callback, (a, b))?;
            Ok(sum.unverified_because("test") * 10)
        })
        .unwrap();
    let ptr = via_library.function_pointer();
    // Repeated calls go through the instance's cached handle; a fault replaces the instance
    // (and its cache), and the next instance looks the export up again.
    for round in 0..3 {
        for a in 0..5 {
            let v = sandbox.call(&apply, (ptr, a, 3)).unwrap();
            assert_eq!(v.unverified_because("test"), (a + 3) * 10);
        }
        assert_eq!(sandbox.instances_created(), round + 1);
        assert_eq!(
            fault_kind(sandbox.call(&apply, (ptr, 99, 0))),
            FaultKind::Callback
        );
    }
}

#[test]
fn reentrant_calls_nest_and_refuse_another_librarys_functions() {
    let library = library();
    let apply = library.function::<(u32, i32, i32), i32>("apply").unwrap();
    let other = Library::compile(Runtime::shared(), "other", LIBRARY.as_bytes()).unwrap();
    let foreign_add = other.function::<(i32, i32), i32>("add").unwrap();
    let mut sandbox = Sandbox::new(&library).unwrap();
    // The callback calls `apply` (the export that called it) with itself until `a` runs out:
    // the same function re-entered four deep.
    let own = Arc::new(AtomicU32::new(0));
    let (apply_in_callback, own_in_callback) = (apply.clone(), own.clone());
    let countdown = sandbox
        .register_callback(move |cx, args: Tainted<(i32, i32)>| {
            let (a, b) = args.unverified_because("test: a countdown");
            if a == 0 {
                return Ok(b);
            }
            let me = own_in_callback.load(Ordering::SeqCst);
            let v = cx.call(&apply_in_callback, (me, a - 1, b + 2))?;
            Ok(v.unverified_because("test") + 1)
        })
        .unwrap();
    own.store(countdown.function_pointer(), Ordering::SeqCst);
    for _ in 0..2 {
        let v = sandbox
            .call(&apply, (countdown.function_pointer(), 4, 0))
            .unwrap();
        assert_eq!(v.unverified_because("test"), 8 + 4);
    }
    // A handle of another library (same name, same signature) is refused, not looked up by
    // name in this instance.
    let foreign = sandbox
        .register_callback(move |cx, args: Tainted<(i32, i32)>| {
            let (a, b) = args.unverified_because("test");
            Ok(cx.call(&foreign_add, (a, b))?.unverified_because("test"))
        })
        .unwrap();
    let fault = match sandbox.call(&apply, (foreign.function_pointer(), 1, 2)) {
        Err(Error::Fault(fault)) => fault,
        other => panic!("{other:?}"),
    };
    assert_eq!(fault.kind, FaultKind::Callback);
    assert!(fault.detail.contains("another library"), "{}", fault.detail);
}

#[test]
fn unregistered_and_mismatched_slots_trap() {
    let library = library();
    let apply = library.function::<(u32, i32, i32), i32>("apply").unwrap();
    let notify = library.function::<(u32, i32), ()>("notify").unwrap();
    let mut sandbox = Sandbox::new(&library).unwrap();
    // Slot 0 exists but was never registered; slot 99 does not exist.
    assert_eq!(
        fault_kind(sandbox.call(&apply, (0, 1, 2))),
        FaultKind::BadIndirectCall
    );
    assert_eq!(
        fault_kind(sandbox.call(&apply, (99, 1, 2))),
        FaultKind::BadIndirectCall
    );
    // A registered callback called with another signature.
    let unary = sandbox
        .register_callback(|_, _: Tainted<(i32,)>| Ok(()))
        .unwrap();
    assert_eq!(
        fault_kind(sandbox.call(&apply, (unary.function_pointer(), 1, 2))),
        FaultKind::BadIndirectCall
    );
    let _ = sandbox
        .call(&notify, (unary.function_pointer(), 1))
        .unwrap();
}

#[test]
fn a_library_without_a_table_grants_no_callbacks() {
    let plain = Library::compile(
        Runtime::shared(),
        "plain",
        br#"(module (memory (export "memory") 1))"#,
    )
    .unwrap();
    let mut sandbox = Sandbox::new(&plain).unwrap();
    let err = sandbox
        .register_callback(|_, _: Tainted<()>| Ok(()))
        .unwrap_err();
    assert!(matches!(err, Error::Setup(_)), "{err}");
}

#[test]
fn double_fetch_the_host_acts_on_its_one_copy() {
    // The host copies a length out, the library changes it behind the host's back (here from
    // a callback, as a malicious library could at any call), and the host's verified value is
    // the copy it checked: the change cannot slip in between check and use.
    let library = library();
    let notify = library.function::<(u32, i32), ()>("notify").unwrap();
    let store = library.function::<(u32, u32), ()>("store").unwrap();
    let mut sandbox = Sandbox::new(&library).unwrap();
    let len_ptr = sandbox.pointer::<u32>(Tainted::from_host(64)).unwrap();
    sandbox.write(len_ptr, 16).unwrap();

    let store_in_callback = store.clone();
    let checked = Arc::new(AtomicU32::new(0));
    let checked_in_callback = checked.clone();
    let callback = sandbox
        .register_callback(move |cx, _: Tainted<(i32,)>| {
            let copy = cx.read::<u32>(Tainted::from_host(64))?;
            // The library rewrites the length after the host's read...
            let _ = cx.call(&store_in_callback, (64, 1_000_000))?;
            // ...and the host checks and uses its own copy.
            let len = copy.verify_range(0..=64, "length")?;
            checked_in_callback.store(len, Ordering::SeqCst);
            // A second fetch would see the new value, and fail verification.
            let again = cx.read::<u32>(Tainted::from_host(64))?;
            assert!(again.verify_range(0..=64, "length").is_err());
            Ok(())
        })
        .unwrap();
    let _ = sandbox
        .call(&notify, (callback.function_pointer(), 0))
        .unwrap();
    assert_eq!(checked.load(Ordering::SeqCst), 16);
}

#[test]
fn a_deadline_met_inside_a_reentrant_call_is_reported_as_the_deadline() {
    let library = library();
    let apply = library.function::<(u32, i32, i32), i32>("apply").unwrap();
    let spin = library.function::<(i32, i32), i32>("spin").unwrap();
    let mut sandbox = Sandbox::new(&library).unwrap();
    sandbox.set_limits(Limits {
        deadline: Duration::from_millis(50),
        ..Limits::default()
    });
    let via_spin = sandbox
        .register_callback(move |cx, args: Tainted<(i32, i32)>| {
            let args = args.unverified_because("test: passed straight back to the library");
            Ok(cx.call(&spin, args)?.unverified_because("never returns"))
        })
        .unwrap();
    let fault = match sandbox.call(&apply, (via_spin.function_pointer(), 1, 2)) {
        Err(Error::Fault(fault)) => fault,
        other => panic!("expected a fault, got {other:?}"),
    };
    assert_eq!(fault.kind, FaultKind::Deadline, "{fault}");
}

#[test]
fn a_reentrant_trap_the_callback_ignores_still_discards_the_instance() {
    let library = library();
    let apply = library.function::<(u32, i32, i32), i32>("apply").unwrap();
    let add = library.function::<(i32, i32), i32>("add").unwrap();
    let crash = library.function::<(i32, i32), i32>("crash").unwrap();
    let mut sandbox = Sandbox::new(&library).unwrap();
    let shrug = sandbox
        .register_callback(move |cx, args: Tainted<(i32, i32)>| {
            let args = args.unverified_because("test: passed straight back to the library");
            // The library's frames below this call are unwound; the callback carries on.
            assert!(cx.call(&crash, args).is_err());
            Ok(7)
        })
        .unwrap();
    assert_eq!(
        fault_kind(sandbox.call(&apply, (shrug.function_pointer(), 1, 2))),
        FaultKind::Callback
    );
    assert_eq!(sandbox.faults(), 1);
    // The next call runs in a fresh instance.
    let sum = sandbox.call(&add, (2, 3)).unwrap();
    assert_eq!(sum.unverified_because("test"), 5);
    assert_eq!(sandbox.instances_created(), 2);
}
