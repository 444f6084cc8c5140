//! Compiles this crate's C++ (`src/decode_folder.cc`), which includes `<cordon/cordon.hpp>`
//! from the cordon-cxx dependency, the way any cargo-built C++ would.

fn main() {
    cxx_build::bridge("src/main.rs")
        .file("src/decode_folder.cc")
        .std("c++17")
        .compile("cordon-cxx-demo");
    println!("cargo:rerun-if-changed=src/main.rs");
    println!("cargo:rerun-if-changed=src/decode_folder.cc");
    println!("cargo:rerun-if-changed=include/decode_folder.h");
}
