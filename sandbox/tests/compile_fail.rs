//! The tainted API is enforced by the type system: these programs must not compile.
//! (`TRYBUILD=overwrite cargo test -p cordon-sandbox --test compile_fail` refreshes the
//! expected compiler output after a deliberate change.)

#[test]
fn tainted_values_cannot_be_used_unverified() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/ui/*.rs");
}
