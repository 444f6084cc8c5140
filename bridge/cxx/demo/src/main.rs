//! The cargo route to Cordon's C++ face: this crate's C++ (`src/decode_folder.cc`) includes
//! `<cordon/cordon.hpp>` from its `cordon-cxx` dependency and is compiled by `cxx-build` in
//! `build.rs`; no CMake involved. `cargo run -p cordon-cxx-demo -- examples/images`.

#[cxx::bridge]
mod ffi {
    unsafe extern "C++" {
        include!("cordon-cxx-demo/include/decode_folder.h");

        /// Decode every file in `folder` through Cordon's C++ API; how many decoded. A C++
        /// exception (a folder that cannot be listed) comes back as an `Err`.
        fn decode_folder(folder: &str) -> Result<u32>;
    }
}

// Linked for its C++ symbols (the C++ above calls them); nothing is used from Rust.
use cordon_cxx as _;

fn main() {
    let folder = std::env::args()
        .nth(1)
        .unwrap_or_else(|| concat!(env!("CARGO_MANIFEST_DIR"), "/../../../examples/images").into());
    match ffi::decode_folder(&folder) {
        Ok(decoded) => println!("{decoded} images decoded from C++"),
        Err(e) => {
            eprintln!("cordon-cxx-demo: {folder}: {e}");
            std::process::exit(1);
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn cpp_built_by_cargo_decodes_the_samples() {
        let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../examples/images");
        // Seven of the eleven samples are valid images (PNG, JPEG, GIF, WebP); the four hostile
        // ones are refused.
        assert_eq!(super::ffi::decode_folder(folder).unwrap(), 7);
    }

    #[test]
    fn a_folder_that_cannot_be_listed_is_an_error_not_an_abort() {
        assert!(super::ffi::decode_folder("/nonexistent/cordon-demo-folder").is_err());
    }
}
