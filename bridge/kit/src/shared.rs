//! A library's precompiled module loaded once per process, with its bindings looked up once.

use std::sync::OnceLock;

use cordon_sandbox::{Library, Precompiled, Runtime};

use crate::error::Error;

/// A library loaded into a runtime together with its bindings (the generated `Functions`, or
/// whatever the bridge looks up once per library).
#[derive(Debug, Clone)]
pub struct Loaded<B> {
    library: Library,
    bindings: B,
}

impl<B> Loaded<B> {
    /// The loaded module (to create sandboxes from).
    pub fn library(&self) -> &Library {
        &self.library
    }

    /// The bindings looked up in it.
    pub fn bindings(&self) -> &B {
        &self.bindings
    }
}

/// The per-library handle every bridge keeps in a `static`: loaded into
/// [`Runtime::shared`] on first use, then shared by every decoder of that library.
///
/// ```
/// use cordon_kit::SharedLibrary;
/// # let wat = br#"(module (memory (export "memory") 1))"#;
/// # let bytes: &'static [u8] = Box::leak(cordon_sandbox::precompile(wat, None).unwrap().into_boxed_slice());
/// # let artifact: &'static cordon_sandbox::Precompiled =
/// #     Box::leak(Box::new(unsafe { cordon_sandbox::Precompiled::new("empty", bytes) }));
/// // In a bridge: `static LIBRARY: SharedLibrary<Functions> = SharedLibrary::new(&ARTIFACT, Functions::load);`
/// let shared: &'static SharedLibrary<()> = Box::leak(Box::new(SharedLibrary::new(artifact, |_| Ok(()))));
/// let loaded = shared.get()?;
/// assert_eq!(loaded.library().name(), "empty");
/// assert!(std::ptr::eq(loaded, shared.get()?)); // loaded once
/// # Ok::<(), cordon_kit::Error>(())
/// ```
pub struct SharedLibrary<B: 'static> {
    artifact: &'static Precompiled,
    bind: fn(&Library) -> Result<B, cordon_sandbox::Error>,
    shared: OnceLock<Result<Loaded<B>, Error>>,
}

impl<B> SharedLibrary<B> {
    /// A handle for `artifact` (the `ARTIFACT` the build pipeline generated) whose bindings
    /// `bind` looks up (typically the generated `Functions::load`).
    pub const fn new(
        artifact: &'static Precompiled,
        bind: fn(&Library) -> Result<B, cordon_sandbox::Error>,
    ) -> Self {
        SharedLibrary {
            artifact,
            bind,
            shared: OnceLock::new(),
        }
    }

    /// Load the module into `runtime` (well under a millisecond; no compiler runs).
    pub fn load(&self, runtime: &Runtime) -> Result<Loaded<B>, Error> {
        self.bind(Library::load(runtime, self.artifact)?)
    }

    /// Bind an already loaded library: the same module compiled another way (for example
    /// from the library's `WASM` for wasmtime's Pulley interpreter, to measure it).
    pub fn bind(&self, library: Library) -> Result<Loaded<B>, Error> {
        let bindings = (self.bind)(&library)?;
        Ok(Loaded { library, bindings })
    }

    /// The module loaded into the process-wide runtime, loaded on first use.
    pub fn get(&'static self) -> Result<&'static Loaded<B>, Error>
    where
        B: Send + Sync,
    {
        self.shared
            .get_or_init(|| self.load(Runtime::try_shared()?))
            .as_ref()
            .map_err(Clone::clone)
    }
}

impl<B> std::fmt::Debug for SharedLibrary<B> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SharedLibrary({:?})", self.artifact)
    }
}
