//! Manifest patches: a vendored file is compiled with the unified diff a manifest lists for
//! it, the file itself untouched; a diff that no longer fits fails the build, naming it.

mod answer;

use std::fs;
use std::path::PathBuf;

use answer::{build, call_answer};
use cordon_build::BuildError;

const VENDORED: &str = "int answer(void) {\n    return 41;\n}\n";
const PATCH: &str = "--- a/answer.c\n+++ b/answer.c\n@@ -1,3 +1,3 @@\n int answer(void) {\n-    return 41;\n+    return 42;\n }\n";

/// A library folder: `vendor/answer.c`, a patch, and a manifest exporting `answer`.
fn folder(test: &str, patch: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(test);
    fs::create_dir_all(dir.join("vendor")).unwrap();
    fs::write(dir.join("vendor/answer.c"), VENDORED).unwrap();
    fs::write(dir.join("answer.patch"), patch).unwrap();
    fs::write(
        dir.join("cordon.toml"),
        "name = \"answer\"\nexports = [\"answer\"]\n\n[[sources]]\ndir = \"vendor\"\n\
         files = [\"answer.c\"]\npatches = { \"answer.c\" = \"answer.patch\" }\n",
    )
    .unwrap();
    dir
}

/// `vendor/sub/answer.c` including its neighbour `value.h`, patched, listed as `sub/answer.c`.
fn folder_with_subdirectory(test: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(test);
    fs::create_dir_all(dir.join("vendor/sub")).unwrap();
    fs::write(dir.join("vendor/sub/value.h"), "#define VALUE 41\n").unwrap();
    fs::write(
        dir.join("vendor/sub/answer.c"),
        "#include \"value.h\"\nint answer(void) {\n    return VALUE;\n}\n",
    )
    .unwrap();
    fs::write(
        dir.join("answer.patch"),
        "--- a/sub/answer.c\n+++ b/sub/answer.c\n@@ -1,4 +1,4 @@\n #include \"value.h\"\n \
         int answer(void) {\n-    return VALUE;\n+    return VALUE + 1;\n }\n",
    )
    .unwrap();
    fs::write(
        dir.join("cordon.toml"),
        "name = \"answer\"\nexports = [\"answer\"]\n\n[[sources]]\ndir = \"vendor\"\n\
         files = [\"sub/answer.c\"]\npatches = { \"sub/answer.c\" = \"answer.patch\" }\n",
    )
    .unwrap();
    dir
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
