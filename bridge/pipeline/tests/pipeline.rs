//! The build pipeline end to end on small C fixtures: compile, link, audit, precompile, load.

use std::path::PathBuf;

use cordon_build::{BuildError, GuestLibrary};
use cordon_sandbox::{FaultKind, Library, Precompiled, Runtime, Sandbox};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn out_dir(test: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(test);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn load(name: &'static str, artifact: &std::path::Path) -> Library {
    let bytes: &'static [u8] = Box::leak(std::fs::read(artifact).unwrap().into_boxed_slice());
    // SAFETY: the artifact was just produced by cordon-build in this test.
    let precompiled = unsafe { Precompiled::new(name, bytes) };
    Library::load(Runtime::shared(), &precompiled).unwrap()
}

#[test]
fn c_with_setjmp_stdio_and_getenv_builds_to_a_zero_import_module() {
    let built = GuestLibrary::new("jumps")
        .glue(fixture("jumps.c"))
        .require_exports(&["jump_depth", "environment_is_empty", "give_up", "recurse"])
        .build_in(&out_dir("jumps"), None)
        .expect("fixture builds");
    let wasm = std::fs::read(&built.wasm).unwrap();
    let interface = cordon_build::interface(&wasm).unwrap();
    assert_eq!(interface.imports, vec![], "the module must import nothing");
    assert!(interface.exports_memory);

    let library = load("jumps", &built.artifact);
    let mut sandbox = Sandbox::new(&library).unwrap();
    let jump = library.function::<i32, i32>("jump_depth").unwrap();
    for depth in [0, 1, 10, 500] {
        let v = sandbox
            .call(&jump, depth)
            .unwrap()
            .unverified_because("test");
        assert_eq!(v, 700 + depth, "longjmp from depth {depth}");
    }
    let empty_env = library.function::<(), i32>("environment_is_empty").unwrap();
    assert_eq!(
        sandbox
            .call(&empty_env, ())
            .unwrap()
            .unverified_because("test"),
        1
    );

    let give_up = library.function::<(), ()>("give_up").unwrap();
    match sandbox.call(&give_up, ()) {
        Err(cordon_sandbox::Error::Fault(fault)) => {
            assert_eq!(fault.kind, FaultKind::Abort);
            assert_eq!(fault.message.as_deref(), Some("abort called"));
        }
        other => panic!("abort must be a fault, got {other:?}"),
    }
    assert_eq!(
        sandbox.call(&jump, 3).unwrap().unverified_because("test"),
        703
    );
}

#[test]
fn an_undeclared_import_fails_the_build_naming_it() {
    let err = GuestLibrary::new("capability")
        .glue(fixture("capability.c"))
        .build_in(&out_dir("capability"), None)
        .unwrap_err();
    match err {
        BuildError::Audit(message) => {
            assert!(message.contains("env::read_host_secret"), "{message}")
        }
        other => panic!("expected an audit failure, got {other}"),
    }
    // Declaring it makes the audit pass (a bridge would then have to grant it explicitly).
    GuestLibrary::new("capability")
        .glue(fixture("capability.c"))
        .allow_import("env::read_host_secret")
        .build_in(&out_dir("capability-allowed"), None)
        .expect("declared import passes the audit");
}

#[test]
fn a_compile_error_is_reported_with_the_file() {
    let dir = out_dir("broken");
    let source = dir.join("broken.c");
    std::fs::write(&source, "int broken(void) { return undeclared_thing; }\n").unwrap();
    let err = GuestLibrary::new("broken")
        .glue(&source)
        .build_in(&dir, None)
        .unwrap_err();
    match err {
        BuildError::Compile(message) => {
            assert!(message.contains("broken.c"), "{message}");
            assert!(message.contains("undeclared_thing"), "{message}");
        }
        other => panic!("expected a compile error, got {other}"),
    }
}

#[test]
fn a_missing_toolchain_says_how_to_install_it() {
    for (clang, include) in [
        ("/nonexistent/clang-22", "/usr/include/wasm32-wasi"),
        ("/usr/lib/llvm-22/bin/clang", "/nonexistent/wasm32-wasi"),
    ] {
        let err = cordon_build::Toolchain::at(clang.into(), include.into()).unwrap_err();
        let text = err.to_string();
        assert!(text.contains("scripts/bootstrap.sh"), "{text}");
        assert_eq!(text.lines().count(), 1, "one clear line: {text}");
    }
}

#[test]
fn granted_callbacks_let_c_call_a_host_closure() {
    let built = GuestLibrary::new("sorter")
        .glue(fixture("sorter.c"))
        .allow_callbacks()
        .build_in(&out_dir("sorter"), None)
        .expect("fixture builds");
    let library = load("sorter", &built.artifact);
    let sort = library
        .function::<(u32, u32, u32), ()>("sort_ints")
        .unwrap();
    let mut sandbox = Sandbox::new(&library).unwrap();
    // Descending order, decided by the host: the comparator reads both ints from guest memory.
    let descending = sandbox
        .register_callback(|cx, args: cordon_sandbox::Tainted<(u32, u32)>| {
            let (a, b) = args.unverified_because("addresses only used for bounds-checked reads");
            let a = cx.read::<i32>(cordon_sandbox::Tainted::from_host(a))?;
            let b = cx.read::<i32>(cordon_sandbox::Tainted::from_host(b))?;
            let (a, b) = (
                a.unverified_because("compared"),
                b.unverified_because("compared"),
            );
            Ok(b.cmp(&a) as i32)
        })
        .unwrap();
    let values: Vec<u8> = [5i32, -3, 17, 0, 8]
        .iter()
        .flat_map(|v| v.to_le_bytes())
        .collect();
    let ptr = sandbox.copy_to_sandbox(&values).unwrap();
    let addr = sandbox.guest_addr(ptr).unwrap();
    let _ = sandbox
        .call(&sort, (addr, 5, descending.function_pointer()))
        .unwrap();
    let sorted = sandbox
        .read_slice(ptr.cast::<i32>(), 5)
        .unwrap()
        .unverified_because("test");
    assert_eq!(sorted, [17, 8, 5, 0, -3]);

    // Without the grant, no callback can be registered at all.
    let jumps = GuestLibrary::new("sorter-no-grant")
        .glue(fixture("sorter.c"))
        .build_in(&out_dir("sorter-no-grant"), None)
        .unwrap();
    let library = load("sorter-no-grant", &jumps.artifact);
    let mut sandbox = Sandbox::new(&library).unwrap();
    assert!(sandbox
        .register_callback(|_, _: cordon_sandbox::Tainted<(u32, u32)>| Ok(0i32))
        .is_err());
}
