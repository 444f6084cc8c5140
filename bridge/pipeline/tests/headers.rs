//! Generated headers from templates: the manifest's replacements are made, and a pattern the
//! template no longer contains fails the build, naming it.

mod answer;

use std::fs;
use std::path::PathBuf;

use answer::{build, call_answer};
use cordon_build::BuildError;

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

#[test]
fn a_template_header_is_made_and_a_missing_pattern_fails_the_build() {
    let artifact = build(&folder("header-template", "@ANSWER@")).expect("the library builds");
    let got = call_answer(&artifact);
    assert_eq!(got, 42, "the header was made from the template");

    match build(&folder("header-template-stale", "@QUESTION@")) {
        Err(BuildError::Manifest(message)) => {
            assert!(message.contains("@QUESTION@"), "{message}");
            assert!(message.contains("answer.h"), "{message}");
        }
        other => panic!("a missing pattern must fail the build: {other:?}"),
    }
}
