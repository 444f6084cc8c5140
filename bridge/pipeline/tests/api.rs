//! Reading a library's API for wasm32 from its headers, and checking it against the module.

use std::path::PathBuf;

use cordon_build::bindgen::{ConstantValue, Manifest, WasmType::*};
use cordon_build::check_exports;
use cordon_build::{BuildError, GuestLibrary};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn work(test: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(test);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

const ZLIB: &[&str] = &[
    "adler32.c",
    "crc32.c",
    "deflate.c",
    "inffast.c",
    "inflate.c",
    "inftrees.c",
    "trees.c",
    "zutil.c",
    "compress.c",
    "uncompr.c",
];

fn zlib() -> GuestLibrary {
    GuestLibrary::new("zlib")
        .sources_in(root().join("../../third_party/zlib"), ZLIB)
        .include(root().join("../../third_party/zlib"))
}

#[test]
fn zlib_api_has_wasm32_layouts_signatures_and_constants() {
    let manifest = Manifest {
        headers: names(&["zlib.h"]),
        functions: names(&["compress", "uncompress", "crc32", "inflateInit_", "inflate"]),
        structs: names(&["z_stream"]),
        constants: names(&[
            "Z_OK",
            "Z_STREAM_END",
            "Z_ERRNO",
            "ZLIB_VERSION",
            "Z_FINISH",
        ]),
        callbacks: names(&["alloc_func"]),
        ..Default::default()
    };
    let api = zlib().read_api(&manifest, &work("zlib-api")).unwrap();

    let z_stream = &api.structs[0];
    assert_eq!(
        (z_stream.size, z_stream.align),
        (56, 4),
        "z_stream on wasm32"
    );
    let offsets: Vec<(&str, u64)> = z_stream
        .fields
        .iter()
        .map(|f| (f.name.as_str(), f.offset_bits / 8))
        .collect();
    assert_eq!(
        offsets,
        [
            ("next_in", 0),
            ("avail_in", 4),
            ("total_in", 8),
            ("next_out", 12),
            ("avail_out", 16),
            ("total_out", 20),
            ("msg", 24),
            ("state", 28),
            ("zalloc", 32),
            ("zfree", 36),
            ("opaque", 40),
            ("data_type", 44),
            ("adler", 48),
            ("reserved", 52),
        ]
    );
    assert!(z_stream.fields[0].is_pointer && z_stream.fields[0].size == 4);
    assert_eq!(z_stream.fields[2].size, 4, "uLong is 32 bits on wasm32");

    let sig = |name: &str| {
        let f = api.functions.iter().find(|f| f.name == name).unwrap();
        (f.params.clone(), f.results.clone())
    };
    assert_eq!(sig("compress"), (vec![I32, I32, I32, I32], vec![I32]));
    assert_eq!(sig("crc32"), (vec![I32, I32, I32], vec![I32]));
    assert_eq!(sig("inflateInit_"), (vec![I32, I32, I32], vec![I32]));

    let value = |name: &str| {
        api.constants
            .iter()
            .find(|c| c.name == name)
            .unwrap()
            .value
            .clone()
    };
    assert_eq!(value("Z_OK"), ConstantValue::Int(0));
    assert_eq!(value("Z_STREAM_END"), ConstantValue::Int(1));
    assert_eq!(value("Z_ERRNO"), ConstantValue::Int(-1));
    assert_eq!(value("Z_FINISH"), ConstantValue::Int(4));
    assert_eq!(value("ZLIB_VERSION"), ConstantValue::Str("1.3.2".into()));

    // alloc_func: voidpf (*)(voidpf opaque, uInt items, uInt size)
    let alloc = &api.callbacks[0];
    assert_eq!(
        (alloc.params.clone(), alloc.results.clone()),
        (vec![I32, I32, I32], vec![I32])
    );
}

#[test]
fn tricky_layouts_and_abi_rules() {
    let manifest = Manifest {
        headers: names(&["layouts.h"]),
        functions: names(&["scale", "swap"]),
        structs: names(&["struct tricky", "pair"]),
        constants: names(&["ANSWER", "GREETING", "NEGATIVE", "GREEN"]),
        ..Default::default()
    };
    let api = GuestLibrary::new("fixture")
        .include(root().join("tests/fixtures"))
        .read_api(&manifest, &work("tricky-api"))
        .unwrap();
    let tricky = &api.structs[0];
    assert_eq!((tricky.size, tricky.align), (32, 8));
    let field = |name: &str| tricky.fields.iter().find(|f| f.name == name).unwrap();
    assert_eq!(field("wide").offset_bits, 64);
    assert_eq!(
        (field("low").offset_bits, field("low").bit_width),
        (128, Some(3))
    );
    assert_eq!(
        (field("high").offset_bits, field("high").bit_width),
        (131, Some(5))
    );
    assert_eq!(
        (field("where").offset_bits / 8, field("where").size),
        (20, 4)
    );
    assert_eq!(
        (field("count").offset_bits / 8, field("count").size),
        (24, 4)
    );
    assert_eq!(
        (field("length").offset_bits / 8, field("length").size),
        (28, 4)
    );
    assert_eq!(api.structs[1].size, 8);

    // A one-float struct travels as f32; other structs by address; results via a hidden
    // pointer; variadic functions take their argument buffer as one more i32.
    assert_eq!(
        (
            api.functions[0].params.clone(),
            api.functions[0].results.clone()
        ),
        (vec![F32, I64], vec![F64])
    );
    assert_eq!(
        (
            api.functions[1].params.clone(),
            api.functions[1].results.clone()
        ),
        (vec![I32, I32, I32], vec![])
    );

    let values: Vec<ConstantValue> = api.constants.iter().map(|c| c.value.clone()).collect();
    assert_eq!(
        values[..3],
        [
            ConstantValue::Int(42),
            ConstantValue::Str("hello".into()),
            ConstantValue::Int(-7)
        ]
    );
    // In C an enumerator is an int constant.
    assert_eq!(values[3], ConstantValue::Int(5));
}

#[test]
fn unknown_names_in_the_manifest_are_errors() {
    let library = zlib();
    for (manifest, expected) in [
        (
            Manifest {
                headers: names(&["zlib.h"]),
                functions: names(&["inflate_everything"]),
                ..Default::default()
            },
            "inflate_everything",
        ),
        (
            Manifest {
                headers: names(&["zlib.h"]),
                structs: names(&["z_streem"]),
                ..Default::default()
            },
            "z_streem",
        ),
        (
            Manifest {
                headers: names(&["zlib.h"]),
                constants: names(&["Z_MAYBE"]),
                ..Default::default()
            },
            "Z_MAYBE",
        ),
        (
            Manifest {
                headers: names(&["zlib.h"]),
                functions: names(&["compress"]),
                outputs: names(&["compress.nothing"]),
                ..Default::default()
            },
            "compress.nothing",
        ),
        (
            Manifest {
                headers: names(&["zlib.h"]),
                enums: names(&["z_stream"]),
                ..Default::default()
            },
            "not an enum",
        ),
        (
            Manifest {
                headers: names(&["no_such_header.h"]),
                ..Default::default()
            },
            "no_such_header.h",
        ),
    ] {
        match library.read_api(&manifest, &work("unknown-api")) {
            Err(BuildError::Api(message)) => assert!(message.contains(expected), "{message}"),
            // A missing header is named with the directories that were searched.
            Err(BuildError::Manifest(message)) if expected.ends_with(".h") => {
                assert!(message.contains(expected), "{message}");
                assert!(message.contains("third_party/zlib"), "{message}");
            }
            other => panic!("expected an api error for {expected}, got {other:?}"),
        }
    }
}

#[test]
fn a_header_that_does_not_match_its_module_fails_the_build() {
    let built = zlib()
        .export(&["compress", "uncompress", "crc32"])
        .build_in(&work("zlib-module"), None)
        .unwrap();
    let wasm = std::fs::read(&built.wasm).unwrap();

    let manifest = Manifest {
        headers: names(&["zlib.h"]),
        functions: names(&["compress", "uncompress", "crc32"]),
        ..Default::default()
    };
    let api = zlib().read_api(&manifest, &work("zlib-api-ok")).unwrap();
    check_exports("zlib", &api, &wasm).expect("zlib.h matches the zlib module");

    let wrong = GuestLibrary::new("zlib")
        .include(root().join("tests/fixtures"))
        .read_api(
            &Manifest {
                headers: names(&["crc_wrong.h"]),
                functions: names(&["crc32", "not_in_zlib"]),
                ..Default::default()
            },
            &work("zlib-api-wrong"),
        )
        .unwrap();
    match check_exports("zlib", &wrong, &wasm) {
        Err(BuildError::Api(message)) => {
            assert!(
                message.contains("`crc32`") && message.contains("(i32, i32, i32) -> (i64)"),
                "{message}"
            );
            assert!(message.contains("(i32, i32, i32) -> (i32)"), "{message}");
            assert!(
                message.contains("`not_in_zlib` is not exported"),
                "{message}"
            );
        }
        other => panic!("expected a mismatch, got {other:?}"),
    }
}

#[test]
fn nested_structs_the_manifest_lists_are_typed_fields_and_the_rest_are_reported() {
    let manifest = Manifest {
        headers: names(&["layouts.h"]),
        structs: names(&["struct outer", "struct inner"]),
        ..Default::default()
    };
    let api = GuestLibrary::new("fixture")
        .include(root().join("tests/fixtures"))
        .read_api(&manifest, &work("nested-api"))
        .unwrap();
    let rust = cordon_build::bindgen::rust_bindings("fixture", &api).unwrap();
    assert!(rust.contains("pub in_: inner,"), "{rust}");
    assert!(
        rust.contains("pub const in_: ::cordon_sandbox::Field<outer, inner>"),
        "{rust}"
    );
    let unmapped = cordon_build::bindgen::unmapped_fields(&api);
    assert_eq!(unmapped.len(), 2, "{unmapped:?}");
    assert!(
        unmapped.iter().any(|f| f.starts_with("struct outer.u:")),
        "{unmapped:?}"
    );
    assert!(
        unmapped
            .iter()
            .any(|f| f.starts_with("struct outer.flags:")),
        "{unmapped:?}"
    );

    // Without `struct inner` in the manifest the nested member is reported too.
    let alone = Manifest {
        headers: names(&["layouts.h"]),
        structs: names(&["struct outer"]),
        ..Default::default()
    };
    let api = GuestLibrary::new("fixture")
        .include(root().join("tests/fixtures"))
        .read_api(&alone, &work("nested-api-alone"))
        .unwrap();
    assert_eq!(cordon_build::bindgen::unmapped_fields(&api).len(), 3);
}
