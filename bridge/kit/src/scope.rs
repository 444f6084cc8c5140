//! Guest memory of one operation, freed on every path.

use std::ops::{Deref, DerefMut};

use cordon_sandbox::{Sandbox, TaintedPtr};

use crate::error::{Error, Format};

type Cleanup<'s> = Box<dyn FnOnce(&mut Sandbox) + 's>;

/// Borrows a sandbox for one operation and frees everything allocated or adopted through it
/// when dropped, whether the operation succeeded, failed or faulted (after a fault the
/// instance and its memory are already gone, and the frees are no-ops). Derefs to the
/// [`Sandbox`] for calls and copies.
///
/// ```
/// use cordon_kit::GuestScope;
/// use cordon_sandbox::{Library, Runtime, Sandbox};
/// let wat = br#"(module (memory (export "memory") 1)
///   (global $next (mut i32) (i32.const 1024)) (global $live (mut i32) (i32.const 0))
///   (func (export "cordon_alloc") (param i32) (result i32) (local $p i32)
///     global.get $next local.set $p
///     global.get $next local.get 0 i32.add global.set $next
///     global.get $live i32.const 1 i32.add global.set $live  local.get $p)
///   (func (export "cordon_free") (param i32)
///     global.get $live i32.const 1 i32.sub global.set $live)
///   (func (export "live") (result i32) global.get $live))"#;
/// let library = Library::compile(Runtime::shared(), "bump", wat)?;
/// let live = library.function::<(), i32>("live")?;
/// let mut sandbox = Sandbox::new(&library)?;
/// {
///     let mut scope = GuestScope::new(&mut sandbox);
///     scope.copy_in(b"input")?;
///     scope.alloc_bytes(64)?;
///     assert_eq!(scope.call(&live, ())?.verify_eq(2, "live"), Ok(2));
/// } // both freed here
/// assert_eq!(sandbox.call(&live, ())?.verify_eq(0, "live"), Ok(0));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct GuestScope<'s> {
    sandbox: &'s mut Sandbox,
    cleanups: Vec<Cleanup<'s>>,
}

impl<'s> GuestScope<'s> {
    /// Start an operation on `sandbox`.
    pub fn new(sandbox: &'s mut Sandbox) -> GuestScope<'s> {
        GuestScope {
            sandbox,
            cleanups: Vec::new(),
        }
    }

    /// Copy `bytes` into a new guest buffer freed with the scope. An input the sandbox has no
    /// room for is [`crate::Limit::InputBytes`].
    pub fn copy_in(&mut self, bytes: &[u8]) -> Result<TaintedPtr<u8>, Error> {
        let ptr = self.sandbox.copy_to_sandbox(bytes).map_err(|e| match e {
            cordon_sandbox::Error::Allocation(_) => {
                Error::LimitExceeded(crate::Limit::InputBytes(self.sandbox.limits().max_memory))
            }
            other => other.into(),
        })?;
        self.free_on_exit(ptr);
        Ok(ptr)
    }

    /// Allocate `len` guest bytes freed with the scope. No room is
    /// [`cordon_sandbox::Error::Allocation`] (a bridge usually reports it as out of memory).
    pub fn alloc_bytes(&mut self, len: usize) -> Result<TaintedPtr<u8>, cordon_sandbox::Error> {
        let ptr = self.sandbox.alloc_bytes(len)?;
        self.free_on_exit(ptr);
        Ok(ptr)
    }

    /// Allocate the `len`-byte output buffer of a `format` decode, freed with the scope. No
    /// room under the memory cap is [`Error::OutOfMemory`].
    pub fn alloc_output(&mut self, len: usize, format: Format) -> Result<TaintedPtr<u8>, Error> {
        self.alloc_bytes(len).map_err(|e| match e {
            cordon_sandbox::Error::Allocation(n) => Error::OutOfMemory {
                format,
                message: format!("no room for the {n}-byte output buffer under the memory cap"),
            },
            other => other.into(),
        })
    }

    /// Free `ptr` (from the library's allocator) when the scope ends.
    pub fn free_on_exit<T: 'static>(&mut self, ptr: TaintedPtr<T>) {
        self.cleanups.push(Box::new(move |sandbox| {
            let _ = sandbox.free(ptr);
        }));
    }

    /// Run `cleanup` when the scope ends (before the frees of anything allocated earlier):
    /// for objects the library must destroy itself, such as a decoder handle.
    pub fn on_exit(&mut self, cleanup: impl FnOnce(&mut Sandbox) + 's) {
        self.cleanups.push(Box::new(cleanup));
    }
}

impl Deref for GuestScope<'_> {
    type Target = Sandbox;
    fn deref(&self) -> &Sandbox {
        self.sandbox
    }
}

impl DerefMut for GuestScope<'_> {
    fn deref_mut(&mut self) -> &mut Sandbox {
        self.sandbox
    }
}

impl Drop for GuestScope<'_> {
    fn drop(&mut self) {
        while let Some(cleanup) = self.cleanups.pop() {
            cleanup(self.sandbox);
        }
    }
}
