//! Calls by name with run-time signatures: checked arguments, tainted results, and the same
//! containment as typed calls.

use std::time::Duration;

use cordon_sandbox::{Error, FaultKind, Library, Limits, Runtime, Sandbox, Value, ValueType};

const MODULE: &str = r#"
(module
  (memory (export "memory") 1)
  (func (export "mix") (param i32 i64 f32 f64) (result i64)
    local.get 1 local.get 0 i64.extend_i32_s i64.add)
  (func (export "nothing"))
  (func (export "spin") (loop br 0))
  (func (export "bad_store") i32.const -4 i32.const 1 i32.store)
  (func (export "pair") (result i32 i32) i32.const 1 i32.const 2)
  (func (export "ref") (param funcref))
  (func (export "sum6") (param i32 i32 i32 i32 i32 i32) (result i32)
    local.get 0 local.get 1 i32.add local.get 2 i32.add
    local.get 3 i32.add local.get 4 i32.add local.get 5 i32.add)
  (func (export "sum7") (param i32 i32 i32 i32 i32 i32 i32) (result i32)
    local.get 0 local.get 1 i32.add local.get 2 i32.add local.get 3 i32.add
    local.get 4 i32.add local.get 5 i32.add local.get 6 i32.add)
  (func (export "store") (param i32 i32) local.get 0 local.get 1 i32.store)
  (func (export "load") (param i32) (result i32) local.get 0 i32.load)
)
"#;

fn library() -> Library {
    Library::compile(Runtime::shared(), "dynamic", MODULE.as_bytes()).unwrap()
}

#[test]
fn signatures_come_from_the_module() {
    let library = library();
    let mix = library.dynamic_function("mix").unwrap();
    assert_eq!(
        mix.params(),
        [
            ValueType::I32,
            ValueType::I64,
            ValueType::F32,
            ValueType::F64
        ]
    );
    assert_eq!(mix.result(), Some(ValueType::I64));
    assert_eq!(library.dynamic_function("nothing").unwrap().result(), None);
    for refused in ["pair", "ref", "absent", "memory"] {
        assert!(
            matches!(library.dynamic_function(refused), Err(Error::Setup(_))),
            "{refused}"
        );
    }
}

#[test]
fn calls_check_their_arguments_and_taint_the_result() {
    let library = library();
    let mix = library.dynamic_function("mix").unwrap();
    let mut sandbox = Sandbox::new(&library).unwrap();
    let args = [
        Value::I32(-2),
        Value::I64(1 << 40),
        Value::F32(0.5),
        Value::F64(2.0),
    ];
    let sum = sandbox.call_dynamic(&mix, &args).unwrap();
    let sum = sum.verify(|v| v.ok_or("no result")).unwrap();
    assert_eq!(sum, Value::I64((1 << 40) - 2));
    let wrong = [
        Value::I64(1),
        Value::I64(1),
        Value::F32(0.5),
        Value::F64(2.0),
    ];
    let err = sandbox.call_dynamic(&mix, &wrong).unwrap_err();
    assert!(err.to_string().contains("was called with"), "{err}");
    let err = sandbox.call_dynamic(&mix, &args[..2]).unwrap_err();
    assert!(matches!(err, Error::Setup(_)), "{err}");
    assert_eq!(sandbox.faults(), 0);
}

#[test]
fn typed_shapes_and_others_give_the_same_answers() {
    // Six i32s or fewer take the typed path, seven the dynamic one: same results either way.
    let library = library();
    let mut sandbox = Sandbox::new(&library).unwrap();
    let ints = |n: i32| {
        (1..=n)
            .map(|i| Value::I32(i * 1000 - 7))
            .collect::<Vec<_>>()
    };
    for (name, n) in [("sum6", 6), ("sum7", 7)] {
        let f = library.dynamic_function(name).unwrap();
        let out = sandbox.call_dynamic(&f, &ints(n)).unwrap();
        let expected: i32 = (1..=n).map(|i| i * 1000 - 7).sum();
        assert_eq!(
            out.verify(|v| v.ok_or("none")).unwrap(),
            Value::I32(expected)
        );
    }
    let store = library.dynamic_function("store").unwrap();
    let load = library.dynamic_function("load").unwrap();
    let none = sandbox
        .call_dynamic(&store, &[Value::I32(64), Value::I32(-5)])
        .unwrap();
    assert!(none
        .verify(|v| v.is_none().then_some(()).ok_or("a result"))
        .is_ok());
    let back = sandbox.call_dynamic(&load, &[Value::I32(64)]).unwrap();
    assert_eq!(back.verify(|v| v.ok_or("none")).unwrap(), Value::I32(-5));
    // Out of bounds through the typed path is a fault like any other.
    let err = sandbox.call_dynamic(&load, &[Value::I32(-2)]).unwrap_err();
    assert!(
        matches!(&err, Error::Fault(f) if f.kind == FaultKind::MemoryOutOfBounds),
        "{err}"
    );
}

#[test]
fn faults_are_contained_and_the_next_call_works() {
    let library = library();
    let mut sandbox = Sandbox::with_limits(
        &library,
        Limits {
            deadline: Duration::from_millis(100),
            ..Limits::default()
        },
    )
    .unwrap();
    let spin = library.dynamic_function("spin").unwrap();
    let bad = library.dynamic_function("bad_store").unwrap();
    let nothing = library.dynamic_function("nothing").unwrap();
    let err = sandbox.call_dynamic(&spin, &[]).unwrap_err();
    assert!(
        matches!(&err, Error::Fault(f) if f.kind == FaultKind::Deadline),
        "{err}"
    );
    let err = sandbox.call_dynamic(&bad, &[]).unwrap_err();
    assert!(
        matches!(&err, Error::Fault(f) if f.kind == FaultKind::MemoryOutOfBounds),
        "{err}"
    );
    let none = sandbox.call_dynamic(&nothing, &[]).unwrap();
    assert_eq!(
        none.verify(|v| v.ok_or(()).err().ok_or("a result"))
            .unwrap(),
        ()
    );
    assert_eq!(sandbox.faults(), 2);
}

#[test]
fn a_function_of_another_library_is_refused() {
    let (a, b) = (library(), library());
    let mut sandbox = Sandbox::new(&a).unwrap();
    let nothing = b.dynamic_function("nothing").unwrap();
    assert!(matches!(
        sandbox.call_dynamic(&nothing, &[]),
        Err(Error::Setup(_))
    ));
}
