//! A library module loaded into a runtime, ready to be instantiated into sandboxes.

use std::any::TypeId;
use std::collections::HashMap;
use std::marker::PhantomData;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use wasmtime::{ExternType, InstancePre, Linker, Module, ModuleExport, WasmParams, WasmResults};

use crate::call::GuestState;
use crate::error::Error;
use crate::runtime::Runtime;

/// A precompiled library artifact embedded by the build pipeline (`cordon-build`).
#[derive(Clone, Copy)]
pub struct Precompiled {
    name: &'static str,
    bytes: &'static [u8],
}

impl Precompiled {
    /// Wrap an artifact produced by `cordon-build` (normally via `include_bytes!` in code the
    /// build pipeline generates).
    ///
    /// # Safety
    /// `bytes` must be a wasmtime artifact produced by this project's own build pipeline
    /// (`cordon_sandbox::precompile`). Loading runs the machine code inside it, so bytes from
    /// anywhere else (a file, the network) must never be passed here.
    pub const unsafe fn new(name: &'static str, bytes: &'static [u8]) -> Self {
        Precompiled { name, bytes }
    }

    /// The library's name.
    pub fn name(&self) -> &'static str {
        self.name
    }
}

impl std::fmt::Debug for Precompiled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Precompiled({}, {} bytes)", self.name, self.bytes.len())
    }
}

/// A library module loaded into a [`Runtime`]: validated to import nothing, pre-linked with an
/// empty linker, and ready to be instantiated cheaply into any number of sandboxes.
///
/// Cheap to clone; `Send + Sync`.
#[derive(Clone)]
pub struct Library {
    pub(crate) inner: Arc<LibraryInner>,
}

pub(crate) struct LibraryInner {
    pub(crate) name: String,
    pub(crate) id: u64,
    pub(crate) runtime: Runtime,
    pub(crate) pre: InstancePre<GuestState>,
    pub(crate) memory: ModuleExport,
    pub(crate) initialize: Option<ModuleExport>,
    pub(crate) alloc: Option<ModuleExport>,
    pub(crate) free: Option<ModuleExport>,
    pub(crate) message: Option<ModuleExport>,
    pub(crate) table: Option<ModuleExport>,
    /// Cache slot of every function handle handed out, by export name and Rust signature:
    /// looking the same function up again returns the same slot, so each instance's cache
    /// holds one entry per distinct function, however often `function()` is called.
    slots: Mutex<HashMap<(Arc<str>, TypeId), usize>>,
    /// Size of the precompiled artifact it was loaded from (machine code and data).
    artifact_bytes: Option<usize>,
}

impl std::fmt::Debug for Library {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Library")
            .field("name", &self.inner.name)
            .finish()
    }
}

static NEXT_LIBRARY_ID: AtomicU64 = AtomicU64::new(1);

impl Library {
    /// Load a precompiled artifact into `runtime`. No compiler runs; this takes well under a
    /// millisecond for a decoder-sized module.
    pub fn load(runtime: &Runtime, artifact: &Precompiled) -> Result<Library, Error> {
        // SAFETY: `Precompiled` can only be constructed through its unsafe constructor, whose
        // contract is that the bytes were produced by this project's own build pipeline
        // (`cordon_sandbox::precompile`: `code_config()` and the deadline probes), which is
        // exactly what `Module::deserialize` requires. Any engine-settings mismatch is reported as an error.
        let module = unsafe { Module::deserialize(runtime.engine(), artifact.bytes) }.map_err(
            |e| {
                Error::Setup(format!(
                    "cannot load the `{}` artifact (was it built by this version of cordon-build?): {e:#}",
                    artifact.name
                ))
            },
        )?;
        let mut library = Library::from_module(runtime, artifact.name, module)?;
        if let Some(inner) = Arc::get_mut(&mut library.inner) {
            inner.artifact_bytes = Some(artifact.bytes.len());
        }
        Ok(library)
    }

    /// Compile a wasm module (binary or WAT text) at run time. Meant for tests and tools;
    /// applications load artifacts precompiled at build time with [`Library::load`].
    #[cfg(feature = "compiler")]
    pub fn compile(runtime: &Runtime, name: &str, wasm: &[u8]) -> Result<Library, Error> {
        let setup = |e: wasmtime::Error| Error::Setup(format!("cannot compile `{name}`: {e:#}"));
        let wasm = crate::probe::prepare(wasm, runtime.clock().is_some()).map_err(setup)?;
        let module = Module::new(runtime.engine(), &wasm).map_err(setup)?;
        Library::from_module(runtime, name, module)
    }

    fn from_module(runtime: &Runtime, name: &str, module: Module) -> Result<Library, Error> {
        if let Some(import) = module.imports().next() {
            return Err(Error::Setup(format!(
                "`{name}` imports `{}::{}`, but sandboxes are given no host functions",
                import.module(),
                import.name()
            )));
        }
        if runtime.clock().is_some()
            && !matches!(
                module.get_export(crate::probe::MARK),
                Some(ExternType::Memory(_))
            )
        {
            return Err(Error::Setup(format!(
                "`{name}` has no deadline probes, so its calls could not be stopped (build \
                 artifacts with `cordon_sandbox::precompile`)"
            )));
        }
        let linker: Linker<GuestState> = Linker::new(runtime.engine());
        let pre = linker
            .instantiate_pre(&module)
            .map_err(|e| Error::Setup(format!("cannot prepare `{name}`: {e:#}")))?;
        let memory = match module.get_export("memory") {
            Some(ExternType::Memory(_)) => module.get_export_index("memory"),
            _ => None,
        }
        .ok_or_else(|| Error::Setup(format!("`{name}` does not export its linear memory")))?;
        let func = |export: &str| match module.get_export(export) {
            Some(ExternType::Func(_)) => module.get_export_index(export),
            _ => None,
        };
        Ok(Library {
            inner: Arc::new(LibraryInner {
                name: name.to_string(),
                id: NEXT_LIBRARY_ID.fetch_add(1, Ordering::Relaxed),
                runtime: runtime.clone(),
                initialize: func("_initialize"),
                alloc: func("cordon_alloc"),
                free: func("cordon_free"),
                message: func("cordon_message"),
                table: match module.get_export(crate::callback::TABLE_EXPORT) {
                    Some(ExternType::Table(_)) => {
                        module.get_export_index(crate::callback::TABLE_EXPORT)
                    }
                    _ => None,
                },
                memory,
                pre,
                slots: Mutex::new(HashMap::new()),
                artifact_bytes: None,
            }),
        })
    }

    /// The library's name.
    pub fn name(&self) -> &str {
        &self.inner.name
    }

    /// The runtime this library is loaded into.
    pub fn runtime(&self) -> &Runtime {
        &self.inner.runtime
    }

    /// The per-instance cache slot of the function `name` looked up as `kind`: the same slot
    /// for the same pair, so each instance caches one handle per distinct function.
    pub(crate) fn slot(&self, name: &Arc<str>, kind: TypeId) -> usize {
        // A poisoned lock only means another thread panicked between two map operations,
        // which leave the map consistent; keep using it.
        let mut slots = self.inner.slots.lock().unwrap_or_else(|e| e.into_inner());
        let next = slots.len();
        *slots.entry((name.clone(), kind)).or_insert(next)
    }

    /// Look up an exported function; calls through the returned handle skip the name
    /// lookup. The wasm signature is checked against `P` and `R` on the first call in each
    /// instance (a mismatch is an [`Error::Setup`]). Looking the same function up again (with
    /// the same signature) returns an equivalent handle that shares its per-instance cache.
    pub fn function<P, R>(&self, name: &str) -> Result<Function<P, R>, Error>
    where
        P: WasmParams + 'static,
        R: WasmResults + 'static,
    {
        let module = self.inner.pre.module();
        let export = match module.get_export(name) {
            Some(ExternType::Func(_)) => module.get_export_index(name),
            _ => None,
        }
        .ok_or_else(|| {
            Error::Setup(format!(
                "`{}` exports no function named `{name}`",
                self.inner.name
            ))
        })?;
        let name: Arc<str> = Arc::from(name);
        let slot = self.slot(&name, TypeId::of::<fn(P) -> R>());
        Ok(Function {
            name,
            export,
            library: self.inner.id,
            slot,
            _signature: PhantomData,
        })
    }
}

/// What a loaded module holds and may do, for audits (`cordon audit`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LibraryFacts {
    /// Every import of the module, `module::name` (always empty: [`Library::load`] refuses
    /// any, since sandboxes are linked with no host functions).
    pub imports: Vec<String>,
    /// Every exported function.
    pub functions: Vec<String>,
    /// Whether the module exports its function table: the host may install callbacks.
    pub accepts_callbacks: bool,
    /// The module's initial linear memory, in bytes.
    pub initial_memory: u64,
    /// Size of the precompiled artifact (`None` for a module compiled at run time).
    pub artifact_bytes: Option<usize>,
}

impl Library {
    /// What the module imports, exports and may be granted.
    pub fn facts(&self) -> LibraryFacts {
        let module = self.inner.pre.module();
        let imports = module
            .imports()
            .map(|i| format!("{}::{}", i.module(), i.name()))
            .collect();
        let mut functions = Vec::new();
        let mut initial_memory = 0;
        for export in module.exports() {
            match export.ty() {
                ExternType::Func(_) => functions.push(export.name().to_string()),
                ExternType::Memory(m) => initial_memory = m.minimum() * m.page_size(),
                _ => {}
            }
        }
        LibraryFacts {
            imports,
            functions,
            accepts_callbacks: self.inner.table.is_some(),
            initial_memory,
            artifact_bytes: self.inner.artifact_bytes,
        }
    }

    /// How many distinct functions (export name and Rust signature) have been looked up with
    /// [`Library::function`]; each sandbox instance caches at most this many handles.
    pub fn distinct_functions(&self) -> usize {
        self.inner
            .slots
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .len()
    }
}

/// A handle to one exported function of a [`Library`], with its Rust signature `P -> R`.
/// Call it with [`crate::Sandbox::call`].
pub struct Function<P, R> {
    pub(crate) name: Arc<str>,
    pub(crate) export: ModuleExport,
    pub(crate) library: u64,
    pub(crate) slot: usize,
    _signature: PhantomData<fn(P) -> R>,
}

impl<P, R> Function<P, R> {
    /// The export's name.
    pub fn name(&self) -> &str {
        &self.name
    }
}

impl<P, R> Clone for Function<P, R> {
    fn clone(&self) -> Self {
        Function {
            name: self.name.clone(),
            export: self.export,
            library: self.library,
            slot: self.slot,
            _signature: PhantomData,
        }
    }
}

/// Two handles are equal when they name the same function of the same loaded library.
impl<P, R> PartialEq for Function<P, R> {
    fn eq(&self, other: &Self) -> bool {
        self.library == other.library && self.slot == other.slot
    }
}

impl<P, R> Eq for Function<P, R> {}

impl<P, R> std::fmt::Debug for Function<P, R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Function({})", self.name)
    }
}
