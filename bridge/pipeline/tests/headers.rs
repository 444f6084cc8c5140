//! Generated headers from templates: the manifest's replacements are made, and a pattern the
//! template no longer contains fails the build, naming it.

use std::fs;
use std::path::{Path, PathBuf};

use cordon_build::{BuildError, LibraryManifest};
use cordon_sandbox::{Library, Precompiled, Runtime, Sandbox};

/// A library folder whose `answer.c` returns `ANSWER` from a header made from `answer.h.in`.
fn folder(test: &str, pattern: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(test);
    fs::create_dir_all(dir.join("vendor")).unwrap();
    fs::write(
        dir.join("vendor/answer.c"),
        "#include \"answer.h\"\nint answer(void) { return ANSWER; }\n",
    )
    .unwrap();
    fs::write(dir.join("vendor/answer.h.in"), "#define ANSWER @ANSWER@\n").unwrap();
    fs::write(
        dir.join("cordon.toml"),
        format!(
            "name = \"answer\"\nexports = [\"answer\"]\n\n[headers]\n\"answer.h\" = {{ template = \
             \"vendor/answer.h.in\", replace = {{ \"{pattern}\" = \"42\" }} }}\n\n[[sources]]\n\
             dir = \"vendor\"\nfiles = [\"answer.c\"]\n"
        ),
    )
    .unwrap();
    dir
}

fn build(dir: &Path) -> Result<PathBuf, BuildError> {
    let library = LibraryManifest::load(dir)?.library()?;
    Ok(library.build_in(&dir.join("out"), None)?.artifact)
}

#[test]
fn a_template_header_is_made_and_a_missing_pattern_fails_the_build() {
    let artifact = build(&folder("header-template", "@ANSWER@")).expect("the library builds");
    let bytes: &'static [u8] = Box::leak(fs::read(&artifact).unwrap().into_boxed_slice());
    // SAFETY: the artifact was just produced by cordon-build in this test.
    let precompiled = unsafe { Precompiled::new("answer", bytes) };
    let library = Library::load(Runtime::shared(), &precompiled).unwrap();
    let answer = library.function::<(), i32>("answer").unwrap();
    let got = Sandbox::new(&library)
        .unwrap()
        .call(&answer, ())
        .unwrap()
        .unverified_because("test");
    assert_eq!(got, 42, "the header was made from the template");

    match build(&folder("header-template-stale", "@QUESTION@")) {
        Err(BuildError::Manifest(message)) => {
            assert!(message.contains("@QUESTION@"), "{message}");
            assert!(message.contains("answer.h"), "{message}");
        }
        other => panic!("a missing pattern must fail the build: {other:?}"),
    }
}
