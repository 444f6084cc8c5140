//! `MemoryReader` against a guest that pulls its input through a function pointer, as giflib
//! does: chunked reads, end of input, bad lengths and addresses, reuse after a fault.

use cordon_kit::MemoryReader;
use cordon_sandbox::{Error, FaultKind, Library, Runtime, Sandbox};

const PULLER: &str = r#"(module (memory (export "memory") 1)
  (table (export "__indirect_function_table") 1 funcref)
  (type $read (func (param i32 i32 i32) (result i32)))
  (func (export "pull") (param $f i32) (param $dst i32) (param $len i32) (result i32)
    (call_indirect (type $read) (i32.const 0) (local.get $dst) (local.get $len) (local.get $f)))
  (func (export "divide") (param i32) (result i32) i32.const 1 local.get 0 i32.div_u))"#;

#[test]
fn a_guest_reads_the_host_input_in_pieces() {
    let library = Library::compile(Runtime::shared(), "puller", PULLER.as_bytes()).unwrap();
    let pull = library.function::<(u32, u32, i32), i32>("pull").unwrap();
    let mut sandbox = Sandbox::new(&library).unwrap();
    let reader = MemoryReader::register(&mut sandbox).unwrap();
    let input: Vec<u8> = (0..100u8).collect();
    reader.set_input(input.clone());
    let fp = reader.function_pointer();
    let mut got = Vec::new();
    loop {
        let n = sandbox
            .call(&pull, (fp, 4096, 33))
            .unwrap()
            .verify_range(0..=33, "read")
            .unwrap();
        if n == 0 {
            break;
        }
        let ptr = sandbox
            .pointer::<u8>(cordon_sandbox::Tainted::from_host(4096))
            .unwrap();
        got.extend(
            sandbox
                .read_bytes(ptr, n as usize)
                .unwrap()
                .unverified_because("test"),
        );
    }
    assert_eq!(got, input);
    assert_eq!(reader.position(), 100);

    // A negative length is the library's error, not the host's.
    assert_eq!(
        sandbox
            .call(&pull, (fp, 4096, -5))
            .unwrap()
            .verify_eq(-1, "read"),
        Ok(-1)
    );
    // A destination outside the sandbox's memory is refused by the copy: the call faults.
    reader.set_input(&b"abc"[..]);
    let err = sandbox.call(&pull, (fp, u32::MAX - 1, 3)).unwrap_err();
    assert_eq!(err.fault_kind(), Some(FaultKind::Callback), "{err}");
    // After that fault (and any other) the registration still works in the fresh instance.
    let divide = library.function::<u32, u32>("divide").unwrap();
    assert!(matches!(sandbox.call(&divide, 0), Err(Error::Fault(_))));
    reader.set_input(&b"again"[..]);
    assert_eq!(
        sandbox
            .call(&pull, (fp, 64, 16))
            .unwrap()
            .verify_eq(5, "read"),
        Ok(5)
    );
}
