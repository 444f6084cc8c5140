//! Reading a library's API for its generated bindings: the pipeline's side of
//! `cordon-bindgen` (it knows the flags the module is compiled with).

use std::path::Path;

use cordon_bindgen::{Api, Manifest};

use crate::{compile, BuildError, GuestLibrary, Toolchain};

/// Check that every function of `api` is exported by the module `wasm` with exactly the wasm
/// signature its C declaration has on wasm32 (see [`cordon_bindgen::check_exports`]).
pub fn check_exports(library: &str, api: &Api, wasm: &[u8]) -> Result<(), BuildError> {
    let exports = crate::audit::function_signatures(wasm)?;
    Ok(cordon_bindgen::check_exports(library, api, &exports)?)
}

impl GuestLibrary {
    /// Read the manifest's functions, structs and constants from the library's headers, with
    /// the library's include directories, defines and generated headers, for wasm32.
    pub fn read_api(&self, manifest: &Manifest, work_dir: &Path) -> Result<Api, BuildError> {
        let toolchain = Toolchain::find()?;
        let header_dir = compile::header_dir(work_dir);
        self.write_headers(&header_dir)?;
        self.check_headers_exist(manifest)?;
        let mut args = self.header_flags(&toolchain, &header_dir);
        args.extend([
            "-resource-dir".to_string(),
            toolchain.resource_dir()?,
            "-Wno-deprecated".to_string(),
        ]);
        Ok(cordon_bindgen::read_api(&self.name, manifest, &args)?)
    }

    /// A header the manifest names must be in one of the include directories: say which
    /// directories were searched, rather than letting it surface as a header mismatch.
    fn check_headers_exist(&self, manifest: &Manifest) -> Result<(), BuildError> {
        let generated: Vec<&str> = self.headers.iter().map(|(n, _)| n.as_str()).collect();
        for header in &manifest.headers {
            let found = generated.contains(&header.as_str())
                || self.includes.iter().any(|dir| dir.join(header).is_file())
                || compile::guest_support_dir()
                    .join("include")
                    .join(header)
                    .is_file();
            if !found {
                let searched: Vec<String> = self
                    .includes
                    .iter()
                    .map(|d| d.display().to_string())
                    .collect();
                return Err(BuildError::Manifest(format!(
                    "header `{header}` is in none of the include directories: {}",
                    if searched.is_empty() {
                        "(none given)".to_string()
                    } else {
                        searched.join(", ")
                    }
                )));
            }
        }
        Ok(())
    }
}
