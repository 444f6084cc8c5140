//! Manifest patches: a vendored file is compiled with the unified diff a manifest lists for
//! it, the file itself untouched; a diff that no longer fits fails the build, naming it.

mod answer;

use std::fs;
use std::path::PathBuf;

use answer::{build, call_answer};
use cordon_build::BuildError;

const VENDORED: &str = "int answer(void) {\n    return 41;\n}\n";
const PATCH: &str = "--- a/answer.c\n+++ b/answer.c\n@@ -1,3 +1,3 @@\n int answer(void) {\n-    return 41;\n+    return 42;\n }\n";

/// A library folder: `vendored` files under `vendor/`, `answer.patch`, and a manifest listing
/// `listed` (patched by it) and exporting `answer`.
fn library(test: &str, vendored: &[(&str, &str)], listed: &str, patch: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(test);
    for (path, text) in vendored {
        let path = dir.join("vendor").join(path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
    fs::write(dir.join("answer.patch"), patch).unwrap();
    fs::write(
        dir.join("cordon.toml"),
        format!(
            "name = \"answer\"\nexports = [\"answer\"]\n\n[[sources]]\ndir = \"vendor\"\n\
             files = [\"{listed}\"]\npatches = {{ \"{listed}\" = \"answer.patch\" }}\n"
        ),
    )
    .unwrap();
    dir
}

/// `vendor/answer.c`, patched by `patch`.
fn folder(test: &str, patch: &str) -> PathBuf {
    library(test, &[("answer.c", VENDORED)], "answer.c", patch)
}

/// `vendor/sub/answer.c` including its neighbour `value.h`, patched, listed as `sub/answer.c`.
fn folder_with_subdirectory(test: &str) -> PathBuf {
    library(
        test,
        &[
            ("sub/value.h", "#define VALUE 41\n"),
            (
                "sub/answer.c",
                "#include \"value.h\"\nint answer(void) {\n    return VALUE;\n}\n",
            ),
        ],
        "sub/answer.c",
        "--- a/sub/answer.c\n+++ b/sub/answer.c\n@@ -1,4 +1,4 @@\n #include \"value.h\"\n \
         int answer(void) {\n-    return VALUE;\n+    return VALUE + 1;\n }\n",
    )
}

#[test]
fn a_listed_patch_is_compiled_and_a_stale_one_fails_the_build() {
    // Patched copies go under OUT_DIR, as in a build script. (One test sets it, so no other
    // test in this binary can race on it.)
    std::env::set_var("OUT_DIR", env!("CARGO_TARGET_TMPDIR"));

    let dir = folder("patch-applies", PATCH);
    let artifact = build(&dir).expect("the patched library builds");
    let got = call_answer(&artifact);
    assert_eq!(got, 42, "the patched source was compiled");
    assert_eq!(
        fs::read_to_string(dir.join("vendor/answer.c")).unwrap(),
        VENDORED,
        "the vendored file is untouched"
    );

    let stale = PATCH.replace(" int answer(void) {", " int question(void) {");
    match build(&folder("patch-stale", &stale)) {
        Err(BuildError::Manifest(message)) => {
            assert!(message.contains("answer.patch"), "{message}");
            assert!(message.contains("answer.c"), "{message}");
        }
        other => panic!("a stale patch must fail the build: {other:?}"),
    }

    // A patched file in a subdirectory of its group still finds its neighbours.
    let artifact = build(&folder_with_subdirectory("patch-subdirectory"))
        .expect("the patched file's quoted include resolves");
    assert_eq!(call_answer(&artifact), 42);
}
