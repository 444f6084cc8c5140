//! The import audit: a library module may import only what its manifest allows (for decoders:
//! nothing). This is the nanoprocess promise that no dependency quietly gains a capability.

use std::collections::HashMap;
use std::fmt;

use wasmparser::{Parser, Payload};

use crate::BuildError;
use cordon_bindgen::{WasmSignature, WasmType};

/// One import of a wasm module.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Import {
    /// The import's module namespace, e.g. `wasi_snapshot_preview1`.
    pub module: String,
    /// The imported item's name, e.g. `fd_write`.
    pub name: String,
}

impl fmt::Display for Import {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}::{}", self.module, self.name)
    }
}

/// What a module imports and exports, read with wasmparser.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Interface {
    /// Every import, in module order.
    pub imports: Vec<Import>,
    /// Names of exported functions.
    pub function_exports: Vec<String>,
    /// Whether the module exports a memory named `memory`.
    pub exports_memory: bool,
}

/// Parse a module's imports and exports.
pub fn interface(wasm: &[u8]) -> Result<Interface, BuildError> {
    let mut found = Interface::default();
    for payload in Parser::new(0).parse_all(wasm) {
        let payload = payload.map_err(|e| BuildError::Audit(format!("not a valid module: {e}")))?;
        match payload {
            Payload::ImportSection(reader) => {
                for import in reader.into_imports() {
                    let import =
                        import.map_err(|e| BuildError::Audit(format!("bad import: {e}")))?;
                    found.imports.push(Import {
                        module: import.module.to_string(),
                        name: import.name.to_string(),
                    });
                }
            }
            Payload::ExportSection(reader) => {
                for export in reader {
                    let export =
                        export.map_err(|e| BuildError::Audit(format!("bad export: {e}")))?;
                    match export.kind {
                        wasmparser::ExternalKind::Func => {
                            found.function_exports.push(export.name.to_string())
                        }
                        wasmparser::ExternalKind::Memory if export.name == "memory" => {
                            found.exports_memory = true
                        }
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    Ok(found)
}

/// Every exported function's wasm signature, by export name.
pub(crate) fn function_signatures(
    wasm: &[u8],
) -> Result<HashMap<String, WasmSignature>, BuildError> {
    let bad =
        |e: wasmparser::BinaryReaderError| BuildError::Audit(format!("not a valid module: {e}"));
    let mut types = Vec::new();
    let mut functions = Vec::new(); // type index of every function, imported ones first
    let mut exports = Vec::new();
    for payload in Parser::new(0).parse_all(wasm) {
        match payload.map_err(bad)? {
            Payload::TypeSection(reader) => {
                for group in reader {
                    for ty in group.map_err(bad)?.into_types() {
                        types.push(ty.unwrap_func().clone());
                    }
                }
            }
            Payload::ImportSection(reader) => {
                for import in reader.into_imports() {
                    if let wasmparser::TypeRef::Func(ty) = import.map_err(bad)?.ty {
                        functions.push(ty);
                    }
                }
            }
            Payload::FunctionSection(reader) => {
                for ty in reader {
                    functions.push(ty.map_err(bad)?);
                }
            }
            Payload::ExportSection(reader) => {
                for export in reader {
                    let export = export.map_err(bad)?;
                    if export.kind == wasmparser::ExternalKind::Func {
                        exports.push((export.name.to_string(), export.index));
                    }
                }
            }
            _ => {}
        }
    }
    let convert = |types: &[wasmparser::ValType]| -> Vec<WasmType> {
        types
            .iter()
            .filter_map(|t| match t {
                wasmparser::ValType::I32 => Some(WasmType::I32),
                wasmparser::ValType::I64 => Some(WasmType::I64),
                wasmparser::ValType::F32 => Some(WasmType::F32),
                wasmparser::ValType::F64 => Some(WasmType::F64),
                _ => None,
            })
            .collect()
    };
    let mut signatures = HashMap::new();
    for (name, index) in exports {
        let ty = functions
            .get(index as usize)
            .and_then(|&t| types.get(t as usize))
            .ok_or_else(|| BuildError::Audit(format!("export `{name}` has no type")))?;
        signatures.insert(name, (convert(ty.params()), convert(ty.results())));
    }
    Ok(signatures)
}

/// Check a module against its manifest: every import must be in `allowed` (written
/// `"module::name"`), and every name in `required_exports` must be an exported function.
/// Returns the allowed imports the module does not use, so a stale manifest can be reported.
pub fn audit(
    library: &str,
    wasm: &[u8],
    allowed: &[String],
    required_exports: &[String],
) -> Result<Vec<String>, BuildError> {
    let interface = interface(wasm)?;
    let undeclared: Vec<String> = interface
        .imports
        .iter()
        .map(Import::to_string)
        .filter(|import| !allowed.contains(import))
        .collect();
    if !undeclared.is_empty() {
        return Err(BuildError::Audit(format!(
            "library `{library}` imports {} that its manifest does not allow: {} \
             (a sandboxed library gets no capability it was not granted; remove the dependency \
             or stub it inside the module)",
            if undeclared.len() == 1 {
                "a host function"
            } else {
                "host functions"
            },
            undeclared.join(", ")
        )));
    }
    if !interface.exports_memory {
        return Err(BuildError::Audit(format!(
            "library `{library}` does not export its linear memory as `memory`"
        )));
    }
    let missing: Vec<&String> = required_exports
        .iter()
        .filter(|name| !interface.function_exports.contains(name))
        .collect();
    if !missing.is_empty() {
        return Err(BuildError::Audit(format!(
            "library `{library}` is missing exports its bridge calls: {}",
            missing
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
    let used: Vec<String> = interface.imports.iter().map(Import::to_string).collect();
    Ok(allowed
        .iter()
        .filter(|a| !used.contains(a))
        .cloned()
        .collect())
}
