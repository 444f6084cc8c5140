//! The import audit on hand-written modules.

use cordon_build::{audit, interface, BuildError, Import};

fn wasm(wat: &str) -> Vec<u8> {
    wat::parse_str(wat).expect("valid WAT")
}

const TWO_IMPORTS: &str = r#"(module
  (import "wasi_snapshot_preview1" "fd_write" (func (param i32 i32 i32 i32) (result i32)))
  (import "env" "clock" (func (result i64)))
  (memory (export "memory") 1)
  (func (export "run")))"#;

fn allowed(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

#[test]
fn a_module_without_imports_passes_an_empty_manifest() {
    let module = wasm(r#"(module (memory (export "memory") 1) (func (export "run")))"#);
    assert_eq!(audit("pure", &module, &[], &allowed(&["run"])), Ok(vec![]));
}

#[test]
fn every_undeclared_import_is_named() {
    let module = wasm(TWO_IMPORTS);
    let found = interface(&module).unwrap();
    assert_eq!(
        found.imports,
        vec![
            Import {
                module: "wasi_snapshot_preview1".into(),
                name: "fd_write".into()
            },
            Import {
                module: "env".into(),
                name: "clock".into()
            },
        ]
    );
    // A manifest that declares fewer imports than the module has fails, naming the rest.
    match audit("leaky", &module, &allowed(&["env::clock"]), &[]) {
        Err(BuildError::Audit(message)) => {
            assert!(
                message.contains("wasi_snapshot_preview1::fd_write"),
                "{message}"
            );
            assert!(!message.contains("env::clock"), "{message}");
            assert!(message.contains("leaky"), "{message}");
        }
        other => panic!("expected an audit failure, got {other:?}"),
    }
    match audit("leaky", &module, &[], &[]) {
        Err(BuildError::Audit(message)) => {
            assert!(
                message.contains("fd_write") && message.contains("env::clock"),
                "{message}"
            )
        }
        other => panic!("expected an audit failure, got {other:?}"),
    }
    let all = allowed(&["env::clock", "wasi_snapshot_preview1::fd_write"]);
    assert_eq!(audit("leaky", &module, &all, &[]), Ok(vec![]));
}

#[test]
fn allowed_but_unused_imports_are_reported() {
    let module = wasm(r#"(module (memory (export "memory") 1))"#);
    assert_eq!(
        audit("pure", &module, &allowed(&["env::clock"]), &[]),
        Ok(allowed(&["env::clock"]))
    );
}

#[test]
fn missing_exports_and_memory_fail() {
    let module = wasm(r#"(module (memory (export "memory") 1) (func (export "run")))"#);
    match audit("lib", &module, &[], &allowed(&["run", "decode"])) {
        Err(BuildError::Audit(message)) => assert!(message.contains("decode"), "{message}"),
        other => panic!("expected a missing-export failure, got {other:?}"),
    }
    let no_memory = wasm(r#"(module (func (export "run")))"#);
    assert!(matches!(
        audit("lib", &no_memory, &[], &[]),
        Err(BuildError::Audit(_))
    ));
    assert!(matches!(
        audit("lib", b"not wasm", &[], &[]),
        Err(BuildError::Audit(_))
    ));
}
