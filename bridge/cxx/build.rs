//! Generates the C++ side of the bridge (`cordon-cxx/src/lib.rs.h` and its `.cc`, under
//! `target/cxxbridge/` for C++ builds) and compiles it into this crate's static library.
//! The hand-written headers in `include/` are exported to dependents' build scripts as
//! `DEP_CORDON_CXX_INCLUDE`.

fn main() {
    // Direct dependents' C++ (compiled by cxx-build) may `#include <cordon/cordon.hpp>`.
    let include: &'static std::path::Path = Box::leak(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("include")
            .into_boxed_path(),
    );
    cxx_build::CFG.exported_header_dirs.push(include);
    cxx_build::bridge("src/lib.rs")
        .std("c++17")
        .compile("cordon-cxx-bridge");
    println!("cargo:include={}", include.display());
    println!("cargo:rerun-if-changed=src/lib.rs");
}
