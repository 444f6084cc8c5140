//! Generates the C++ side of the bridge (`cordon-cxx/src/lib.rs.h` and its `.cc`, under
//! `target/cxxbridge/` for C++ builds) and compiles it into this crate's static library.
//! The hand-written headers in `include/` are exported to dependents' build scripts as
//! `DEP_CORDON_CXX_INCLUDE`.

fn main() {
    cxx_build::bridge("src/lib.rs")
        .std("c++17")
        .compile("cordon-cxx-bridge");
    let include = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("include");
    println!("cargo:include={}", include.display());
    println!("cargo:rerun-if-changed=src/lib.rs");
}
