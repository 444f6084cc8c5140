//! Callbacks: host closures the library may call through a C function pointer.
//!
//! A callback is an explicit grant. The library must be built with
//! `cordon_build::GuestLibrary::allow_callbacks` (which exports its function table); the host
//! registers a closure on a sandbox, gets back the slot index that *is* the C function pointer,
//! and hands it to the library. Arguments arrive [`Tainted`]. Slots that were never registered
//! are null and trap when called; a slot called with the wrong signature traps too.
//!
//! Lifetime: a registration belongs to its [`Sandbox`](crate::Sandbox) and lasts as long as it does. When the
//! sandbox is reset or recovers from a fault, its callbacks are installed again in the fresh
//! instance at the same slots, so function pointers the host handed out stay valid.
//! Limit: the runtime's table size (`RuntimeConfig`'s pool allows 20,000 table entries per
//! instance, shared with the library's own function pointers).
//!
//! A closure that returns an error or panics ends the call with a
//! [`crate::FaultKind::Callback`] fault: C frames were unwound mid-call, so the instance is
//! discarded like after any fault. A closure may call back into the sandbox (re-entrancy)
//! through its [`CallbackContext`]; such a call runs under the outer call's deadline, and if it
//! traps, the instance is discarded after the outer call even if the closure carries on (the
//! outer call then ends with a [`crate::FaultKind::Callback`] fault, or
//! [`crate::FaultKind::Deadline`] if that was the trap).

use std::fmt;
use std::marker::PhantomData;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;

use wasmtime::{
    Caller, Extern, Func, FuncType, Ref, Store, Table, TypedFunc, Val, ValType, WasmParams,
    WasmResults,
};

use crate::call::GuestState;
use crate::error::Error;
use crate::library::Function;
use crate::memory::guest_range;
use crate::sandbox::CachedFunc;
use crate::tainted::{GuestValue, Tainted};

/// The export through which the host installs callbacks.
pub(crate) const TABLE_EXPORT: &str = "__indirect_function_table";

/// A callback's failure, carried through wasmtime back to the call that triggered it.
#[derive(Debug)]
pub(crate) struct CallbackFailure(pub(crate) String);

impl fmt::Display for CallbackFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "callback failed: {}", self.0)
    }
}

impl std::error::Error for CallbackFailure {}

/// One wasm value a callback can take or return.
pub trait CallbackValue: Sized + Copy + 'static {
    /// Its wasm type.
    const TYPE: ValType;
    /// From a wasm value (`None` on a type mismatch, which the engine already prevents).
    fn from_val(val: &Val) -> Option<Self>;
    /// To a wasm value.
    fn into_val(self) -> Val;
}

macro_rules! callback_values {
    ($($t:ty => $vt:ident, $variant:ident, $as:ty);*) => {$(
        impl CallbackValue for $t {
            const TYPE: ValType = ValType::$vt;
            fn from_val(val: &Val) -> Option<Self> {
                match val { Val::$variant(v) => Some(*v as $t), _ => None }
            }
            fn into_val(self) -> Val { Val::$variant(self as $as) }
        }
    )*};
}

callback_values!(i32 => I32, I32, i32; u32 => I32, I32, i32; i64 => I64, I64, i64; u64 => I64, I64, i64);

impl CallbackValue for f32 {
    const TYPE: ValType = ValType::F32;
    fn from_val(val: &Val) -> Option<Self> {
        val.f32()
    }
    fn into_val(self) -> Val {
        Val::F32(self.to_bits())
    }
}

impl CallbackValue for f64 {
    const TYPE: ValType = ValType::F64;
    fn from_val(val: &Val) -> Option<Self> {
        val.f64()
    }
    fn into_val(self) -> Val {
        Val::F64(self.to_bits())
    }
}

/// The parameter list of a callback: a tuple of [`CallbackValue`]s.
pub trait CallbackParams: Sized + 'static {
    /// The wasm parameter types.
    fn types() -> Vec<ValType>;
    /// Decode the parameters.
    fn from_vals(vals: &[Val]) -> Option<Self>;
}

/// The result of a callback: `()` or one [`CallbackValue`].
pub trait CallbackResult: Sized + 'static {
    /// The wasm result types.
    fn types() -> Vec<ValType>;
    /// Encode the result.
    fn store(self, out: &mut [Val]);
}

impl CallbackResult for () {
    fn types() -> Vec<ValType> {
        Vec::new()
    }
    fn store(self, _: &mut [Val]) {}
}

impl<T: CallbackValue> CallbackResult for T {
    fn types() -> Vec<ValType> {
        vec![T::TYPE]
    }
    fn store(self, out: &mut [Val]) {
        if let Some(slot) = out.first_mut() {
            *slot = self.into_val();
        }
    }
}

macro_rules! callback_params {
    ($($name:ident),*) => {
        impl<$($name: CallbackValue),*> CallbackParams for ($($name,)*) {
            fn types() -> Vec<ValType> { vec![$($name::TYPE),*] }
            #[allow(non_snake_case, unused_mut, unused_variables)]
            fn from_vals(vals: &[Val]) -> Option<Self> {
                let mut it = vals.iter();
                $(let $name = $name::from_val(it.next()?)?;)*
                Some(($($name,)*))
            }
        }
    };
}

callback_params!();
callback_params!(A);
callback_params!(A, B);
callback_params!(A, B, C);
callback_params!(A, B, C, D);
callback_params!(A, B, C, D, E);
callback_params!(A, B, C, D, E, F);

/// A registered callback; its [`Callback::function_pointer`] is what the library calls.
pub struct Callback<P, R> {
    slot: u32,
    _signature: PhantomData<fn(P) -> R>,
}

impl<P, R> Callback<P, R> {
    /// The C function pointer value to hand to the library (an index into its function table).
    pub fn function_pointer(&self) -> u32 {
        self.slot
    }
}

impl<P, R> fmt::Debug for Callback<P, R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Callback(slot {})", self.slot)
    }
}

/// What a callback can do while the library waits for it: copy memory in and out, and call
/// the library again (re-entrantly).
pub struct CallbackContext<'a> {
    caller: Caller<'a, GuestState>,
}

impl CallbackContext<'_> {
    fn memory(&mut self) -> Result<wasmtime::Memory, Error> {
        self.caller
            .data()
            .memory
            .ok_or_else(|| Error::Setup("the library exports no memory".into()))
    }

    /// Copy `len` bytes at guest address `addr` out of the sandbox (null is refused).
    pub fn read_bytes(
        &mut self,
        addr: Tainted<u32>,
        len: usize,
    ) -> Result<Tainted<Vec<u8>>, Error> {
        let memory = self.memory()?;
        let data = memory.data(&self.caller);
        let addr = addr.unverified_because("only used through a bounds-checked copy");
        if addr == 0 {
            return Err(Error::NullPointer);
        }
        let range = guest_range(addr, len, data.len())?;
        Ok(Tainted::new(data[range].to_vec()))
    }

    /// Copy one value at guest address `addr` out of the sandbox.
    pub fn read<T: GuestValue>(&mut self, addr: Tainted<u32>) -> Result<Tainted<T>, Error> {
        let bytes = self.read_bytes(addr, T::SIZE)?;
        Ok(bytes.map(|b| T::from_guest_bytes(&b)))
    }

    /// Copy `bytes` into the sandbox at guest address `addr`.
    pub fn write_bytes(&mut self, addr: Tainted<u32>, bytes: &[u8]) -> Result<(), Error> {
        let memory = self.memory()?;
        let data = memory.data_mut(&mut self.caller);
        let addr = addr.unverified_because("only used through a bounds-checked copy");
        if addr == 0 {
            return Err(Error::NullPointer);
        }
        let range = guest_range(addr, bytes.len(), data.len())?;
        data[range].copy_from_slice(bytes);
        Ok(())
    }

    /// The guest address of `ptr`, to pass as an argument (it must belong to this instance).
    pub fn guest_addr<T>(&self, ptr: crate::TaintedPtr<T>) -> Result<u32, Error> {
        if ptr.instance() == self.caller.data().instance {
            Ok(ptr.raw_addr())
        } else {
            Err(Error::StalePointer)
        }
    }

    /// Treat a guest address as a tainted pointer into this instance; null is refused with
    /// [`Error::NullPointer`] (see [`crate::Sandbox::pointer`]).
    pub fn pointer<T>(&self, addr: Tainted<u32>) -> Result<crate::TaintedPtr<T>, Error> {
        crate::memory::non_null(self.raw_pointer(addr))
    }

    fn raw_pointer<T>(&self, addr: Tainted<u32>) -> crate::TaintedPtr<T> {
        crate::TaintedPtr::new(
            addr.unverified_because("a guest address is only used through bounds-checked copies"),
            self.caller.data().instance,
        )
    }

    /// Call one of the library's exports from inside the callback.
    pub fn call<P, R>(&mut self, function: &Function<P, R>, args: P) -> Result<Tainted<R>, Error>
    where
        P: WasmParams + 'static,
        R: WasmResults + 'static,
    {
        if function.library != self.caller.data().library {
            return Err(Error::Setup(format!(
                "`{}` is a function of another library",
                function.name
            )));
        }
        // The handle is taken out of the instance's cache for the call and put back after it
        // (a nested call of the same function from a deeper callback looks it up again).
        let slot = function.slot;
        let cached = match self
            .caller
            .data_mut()
            .reentry
            .get_mut(slot)
            .and_then(Option::take)
        {
            Some(cached) if cached.get::<TypedFunc<P, R>>().is_some() => cached,
            _ => CachedFunc::new(self.lookup::<P, R>(function)?),
        };
        let typed = cached
            .get::<TypedFunc<P, R>>()
            .expect("cached as this type just above");
        let result = typed.call(&mut self.caller, args);
        if result.is_err() {
            // Its C frames were unwound: whatever the callback does now, the instance goes
            // after the outer call (`finish_call`).
            self.caller.data_mut().reentry_unwound = true;
        }
        let reentry = &mut self.caller.data_mut().reentry;
        if reentry.len() <= slot {
            reentry.resize_with(slot + 1, || None);
        }
        reentry[slot] = Some(cached);
        result.map(Tainted::new).map_err(|e| {
            Error::Setup(format!(
                "re-entrant call to `{}` failed: {e}",
                function.name
            ))
        })
    }

    /// `function`'s export in this instance, type-checked.
    fn lookup<P, R>(&mut self, function: &Function<P, R>) -> Result<TypedFunc<P, R>, Error>
    where
        P: WasmParams + 'static,
        R: WasmResults + 'static,
    {
        let func = match self.caller.get_export(&function.name) {
            Some(Extern::Func(func)) => func,
            _ => return Err(Error::Setup(format!("no function `{}`", function.name))),
        };
        func.typed::<P, R>(&self.caller)
            .map_err(|e| Error::Setup(format!("`{}`: {e}", function.name)))
    }
}

type Handler =
    dyn Fn(Caller<'_, GuestState>, &[Val], &mut [Val]) -> wasmtime::Result<()> + Send + Sync;

/// A callback as the sandbox keeps it, to install it again in every new instance.
#[derive(Clone)]
pub(crate) struct Registration {
    ty: Vec<ValType>,
    results: Vec<ValType>,
    handler: Arc<Handler>,
    pub(crate) slot: u32,
}

impl Registration {
    pub(crate) fn new<P, R, F>(slot: u32, f: F) -> Registration
    where
        P: CallbackParams,
        R: CallbackResult,
        F: Fn(&mut CallbackContext<'_>, Tainted<P>) -> Result<R, Error> + Send + Sync + 'static,
    {
        let handler = move |caller: Caller<'_, GuestState>, vals: &[Val], out: &mut [Val]| {
            let params = P::from_vals(vals)
                .ok_or_else(|| wasmtime::Error::new(CallbackFailure("bad arguments".into())))?;
            let mut cx = CallbackContext { caller };
            match catch_unwind(AssertUnwindSafe(|| f(&mut cx, Tainted::new(params)))) {
                Ok(Ok(result)) => {
                    result.store(out);
                    Ok(())
                }
                Ok(Err(error)) => Err(wasmtime::Error::new(CallbackFailure(error.to_string()))),
                Err(panic) => {
                    let message = panic
                        .downcast_ref::<&str>()
                        .map(|s| s.to_string())
                        .or_else(|| panic.downcast_ref::<String>().cloned())
                        .unwrap_or_else(|| "unknown payload".into());
                    Err(wasmtime::Error::new(CallbackFailure(format!(
                        "panicked: {message}"
                    ))))
                }
            }
        };
        Registration {
            ty: P::types(),
            results: R::types(),
            handler: Arc::new(handler),
            slot,
        }
    }

    /// Put this callback into `table` of a fresh instance; returns the slot it landed in.
    pub(crate) fn install(
        &self,
        store: &mut Store<GuestState>,
        table: &Table,
    ) -> Result<u32, Error> {
        let ty = FuncType::new(
            store.engine(),
            self.ty.iter().cloned(),
            self.results.iter().cloned(),
        );
        let handler = self.handler.clone();
        let func = Func::new(&mut *store, ty, move |caller, vals, out| {
            handler(caller, vals, out)
        });
        let slot = table
            .grow(&mut *store, 1, Ref::Func(Some(func)))
            .map_err(|e| Error::Setup(format!("no room for another callback: {e}")))?;
        u32::try_from(slot).map_err(|_| Error::Setup("callback table overflow".into()))
    }

    /// Make a typed handle for a registration.
    pub(crate) fn handle<P, R>(&self) -> Callback<P, R> {
        Callback {
            slot: self.slot,
            _signature: PhantomData,
        }
    }
}

/// Where generated bindings can call the library: a [`crate::Sandbox`], or a callback's
/// [`CallbackContext`] while the library is waiting for the host.
pub trait Guest {
    /// Call an export.
    fn call_export<P, R>(
        &mut self,
        function: &Function<P, R>,
        args: P,
    ) -> Result<Tainted<R>, Error>
    where
        P: WasmParams + 'static,
        R: WasmResults + 'static;
    /// The guest address of `ptr` (checked to belong to this instance).
    fn address<T>(&self, ptr: crate::TaintedPtr<T>) -> Result<u32, Error>;
    /// A guest address as a tainted pointer into this instance. It may be null (C functions
    /// return null for "none"); every read or write through a null pointer is refused.
    fn tainted_pointer<T>(&self, addr: Tainted<u32>) -> crate::TaintedPtr<T>;
}

impl Guest for crate::Sandbox {
    fn call_export<P, R>(&mut self, function: &Function<P, R>, args: P) -> Result<Tainted<R>, Error>
    where
        P: WasmParams + 'static,
        R: WasmResults + 'static,
    {
        self.call(function, args)
    }
    fn address<T>(&self, ptr: crate::TaintedPtr<T>) -> Result<u32, Error> {
        self.guest_addr(ptr)
    }
    fn tainted_pointer<T>(&self, addr: Tainted<u32>) -> crate::TaintedPtr<T> {
        crate::TaintedPtr::new(
            addr.unverified_because("a guest address is only used through bounds-checked copies"),
            self.live_id(),
        )
    }
}

impl Guest for CallbackContext<'_> {
    fn call_export<P, R>(&mut self, function: &Function<P, R>, args: P) -> Result<Tainted<R>, Error>
    where
        P: WasmParams + 'static,
        R: WasmResults + 'static,
    {
        self.call(function, args)
    }
    fn address<T>(&self, ptr: crate::TaintedPtr<T>) -> Result<u32, Error> {
        self.guest_addr(ptr)
    }
    fn tainted_pointer<T>(&self, addr: Tainted<u32>) -> crate::TaintedPtr<T> {
        self.raw_pointer(addr)
    }
}
