//! The sandbox: one instance of a library with its own memory, limits and fault recovery.

use std::any::{Any, TypeId};
use std::sync::atomic::{AtomicU64, Ordering};

use wasmtime::{Extern, Instance, Memory, Store, Table, TypedFunc, WasmParams, WasmResults};

use crate::call::{invoke, GuestState, MessageBuffer};
use crate::callback::{Callback, CallbackContext, CallbackParams, CallbackResult, Registration};
use crate::error::{escape_guest_text, Error, Fault};
use crate::library::{Function, Library};
use crate::limits::Limits;
use crate::probe::ProbeCell;
use crate::runtime::{ticks_for, SlotClaim};
use crate::tainted::Tainted;

/// Longest guest message read after a fault, in bytes (the guest's buffer size).
const MAX_GUEST_MESSAGE: usize = 256;

/// An isolated instance of a [`Library`].
///
/// Everything the library does happens in the sandbox's own linear memory; it has no imports,
/// so no files, clock, network or host memory. Calls return [`Tainted`] values. A fault (trap,
/// deadline, memory cap, stack overflow) is returned as [`Error::Fault`], the faulted instance
/// is discarded, and the next use transparently starts a fresh one.
///
/// `Send` (move it to another thread), not `Sync` (one call at a time).
///
/// ```
/// use cordon_sandbox::{Library, Runtime, Sandbox};
/// let wat = r#"(module (memory (export "memory") 1)
///                (func (export "add") (param i32 i32) (result i32)
///                  local.get 0 local.get 1 i32.add))"#;
/// let library = Library::compile(Runtime::shared(), "adder", wat.as_bytes())?;
/// let add = library.function::<(u32, u32), u32>("add")?;
/// let mut sandbox = Sandbox::new(&library)?;
/// let sum = sandbox.call(&add, (2, 3))?.verify_range(0..=10, "sum")?;
/// assert_eq!(sum, 5);
/// # Ok::<(), cordon_sandbox::Error>(())
/// ```
pub struct Sandbox {
    library: Library,
    /// `library`'s id, kept here so that a call checks its handle without following the `Arc`.
    library_id: u64,
    limits: Limits,
    deadline_ticks: u64,
    live: Option<Live>,
    callbacks: Vec<Registration>,
    instances_created: u64,
    faults: u64,
    last_fault: Option<Fault>,
}

/// A live instance. Dropping it returns its slot to the runtime's pool.
pub(crate) struct Live {
    pub(crate) store: Store<GuestState>,
    pub(crate) instance: Instance,
    pub(crate) memory: Memory,
    table: Option<Table>,
    pub(crate) id: u64,
    pub(crate) functions: Vec<Option<CachedFunc>>,
    pub(crate) alloc: Option<TypedFunc<u32, u32>>,
    pub(crate) free: Option<TypedFunc<u32, ()>>,
    /// This instance's place among the runtime's live sandboxes (dropped after the store).
    _claim: SlotClaim,
}

/// A function handle cached in an instance: a `TypedFunc<P, R>` (or a dynamic call's handles)
/// with the type it was stored as, so that a call finds it without `dyn Any`'s virtual
/// `type_id` (a tenth of an empty call).
pub(crate) struct CachedFunc {
    type_id: TypeId,
    value: Box<dyn Any + Send + Sync>,
}

impl CachedFunc {
    pub(crate) fn new<T: Any + Send + Sync>(value: T) -> CachedFunc {
        CachedFunc {
            type_id: TypeId::of::<T>(),
            value: Box::new(value),
        }
    }

    /// The cached value if it is a `T`.
    #[inline]
    pub(crate) fn get<T: Any>(&self) -> Option<&T> {
        if self.type_id != TypeId::of::<T>() {
            return None;
        }
        // SAFETY: `new`, the only constructor, records the `TypeId` of the very `T` it boxes
        // and both fields are private and never changed, so the box holds a `T`: the cast is
        // the one `<dyn Any>::downcast_ref` makes after its own (virtual) type check.
        Some(unsafe { &*(self.value.as_ref() as *const (dyn Any + Send + Sync) as *const T) })
    }
}

static NEXT_INSTANCE_ID: AtomicU64 = AtomicU64::new(1);

impl std::fmt::Debug for Sandbox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sandbox")
            .field("library", &self.library.name())
            .field("limits", &self.limits)
            .field("live", &self.live.is_some())
            .field("faults", &self.faults)
            .finish()
    }
}

impl Sandbox {
    /// Create a sandbox with default [`Limits`].
    pub fn new(library: &Library) -> Result<Sandbox, Error> {
        Sandbox::with_limits(library, Limits::default())
    }

    /// Create a sandbox with the given limits. The instance is created (and the library's
    /// `_initialize` run) right away, so setup errors surface here.
    pub fn with_limits(library: &Library, limits: Limits) -> Result<Sandbox, Error> {
        let mut sandbox = Sandbox {
            library: library.clone(),
            library_id: library.inner.id,
            limits,
            deadline_ticks: ticks_for(limits.deadline),
            live: None,
            callbacks: Vec::new(),
            instances_created: 0,
            faults: 0,
            last_fault: None,
        };
        sandbox.live()?;
        Ok(sandbox)
    }

    /// The library this sandbox runs.
    pub fn library(&self) -> &Library {
        &self.library
    }

    /// The current limits.
    pub fn limits(&self) -> Limits {
        self.limits
    }

    /// Change the limits; they apply from the next call. A lower memory cap does not shrink
    /// memory already in use.
    pub fn set_limits(&mut self, limits: Limits) {
        self.limits = limits;
        self.deadline_ticks = ticks_for(limits.deadline);
        if let Some(live) = &mut self.live {
            live.store.data_mut().limiter.max_memory = limits.max_memory;
        }
    }

    /// Discard the current instance (if any); the next use starts a fresh one. Pointers into
    /// the old instance become stale.
    pub fn reset(&mut self) {
        self.live = None;
    }

    /// Whether an instance is live right now (false after a fault or [`Sandbox::reset`] until
    /// the next use).
    pub fn is_live(&self) -> bool {
        self.live.is_some()
    }

    /// How many instances this sandbox has created (1 + the number of recoveries and resets
    /// that were followed by another use).
    pub fn instances_created(&self) -> u64 {
        self.instances_created
    }

    /// How many faults this sandbox has recovered from.
    pub fn faults(&self) -> u64 {
        self.faults
    }

    /// Whether the memory cap refused a `memory.grow` during the most recent call, including
    /// a call that faulted (its instance is gone, the answer is kept). Bridges use it to
    /// attribute a library's own "out of memory" error to the limit.
    pub fn memory_limit_reached(&self) -> bool {
        match &self.live {
            Some(live) => live.store.data().limiter.hit,
            None => self
                .last_fault
                .as_ref()
                .is_some_and(|fault| fault.memory_limit_hit),
        }
    }

    /// The most recent fault this sandbox recovered from, if any.
    pub fn last_fault(&self) -> Option<&Fault> {
        self.last_fault.as_ref()
    }

    /// Current size of the live instance's linear memory in bytes (creating an instance if
    /// none is live).
    pub fn memory_size(&mut self) -> Result<usize, Error> {
        let live = self.live()?;
        Ok(live.memory.data_size(&live.store))
    }

    /// Call an exported function. Arguments are plain wasm values (pass pointers with
    /// [`Sandbox::guest_addr`]); the result comes back [`Tainted`].
    #[inline]
    pub fn call<P, R>(&mut self, function: &Function<P, R>, args: P) -> Result<Tainted<R>, Error>
    where
        P: WasmParams + 'static,
        R: WasmResults + 'static,
    {
        // The hot path (an empty call is ~1.5x bare wasmtime's, so every branch counts): the
        // handle is this library's, an instance is live and the function already cached.
        // Everything else goes through the out-of-line `call_slow`.
        let ticks = self.deadline_ticks;
        let cached = match &mut self.live {
            Some(live) if function.library == self.library_id => live
                .functions
                .get(function.slot)
                .and_then(|f| f.as_ref()?.get::<TypedFunc<P, R>>())
                .map(|typed| (&mut live.store, typed)),
            _ => None,
        };
        let Some((store, typed)) = cached else {
            return self.call_slow(function, args);
        };
        match invoke(store, typed, args, ticks) {
            Ok(result) => Ok(Tainted::new(result)),
            Err(e) => Err(self.fault(e)),
        }
    }

    /// [`Sandbox::call`] when the handle must be checked, an instance created or the function
    /// looked up first.
    #[cold]
    #[inline(never)]
    fn call_slow<P, R>(&mut self, function: &Function<P, R>, args: P) -> Result<Tainted<R>, Error>
    where
        P: WasmParams + 'static,
        R: WasmResults + 'static,
    {
        self.check_library(function.library, &function.name)?;
        let ticks = self.deadline_ticks;
        let live = self.live()?;
        if !live.is_cached(function) {
            live.cache(function)?;
        }
        let Live {
            store, functions, ..
        } = live;
        let typed = functions
            .get(function.slot)
            .and_then(|f| f.as_ref()?.get::<TypedFunc<P, R>>())
            .ok_or_else(|| Error::Setup(format!("`{}` is not cached", function.name)))?;
        invoke(store, typed, args, ticks)
            .map(Tainted::new)
            .map_err(|e| self.fault(e))
    }

    /// Register `f` as a callback the library may call through the returned
    /// [`Callback::function_pointer`]. See [`crate::callback`] for the rules.
    ///
    /// Fails with [`Error::Setup`] unless the library was built to accept callbacks.
    pub fn register_callback<P, R, F>(&mut self, f: F) -> Result<Callback<P, R>, Error>
    where
        P: CallbackParams,
        R: CallbackResult,
        F: Fn(&mut CallbackContext<'_>, Tainted<P>) -> Result<R, Error> + Send + Sync + 'static,
    {
        let name = self.library.name().to_string();
        let live = self.live()?;
        let Some(table) = live.table else {
            return Err(Error::Setup(format!(
                "`{name}` was not built to accept callbacks (GuestLibrary::allow_callbacks)"
            )));
        };
        let mut registration = Registration::new(0, f);
        registration.slot = registration.install(&mut live.store, &table)?;
        let handle = registration.handle();
        self.callbacks.push(registration);
        Ok(handle)
    }

    /// The live instance, creating one if the last was discarded.
    pub(crate) fn live(&mut self) -> Result<&mut Live, Error> {
        if self.live.is_none() {
            let live = self.instantiate()?;
            self.live = Some(live);
        }
        Ok(self.live.as_mut().expect("instance was just created"))
    }

    /// The live instance if it is the one with `id` (that produced a pointer).
    pub(crate) fn live_instance(&mut self, id: u64) -> Result<&mut Live, Error> {
        match &mut self.live {
            Some(live) if live.id == id => Ok(live),
            _ => Err(Error::StalePointer),
        }
    }

    pub(crate) fn live_id(&self) -> u64 {
        self.live.as_ref().map_or(0, |live| live.id)
    }

    /// The identity of the live instance (unique in the process), or `None` between a fault
    /// or [`Sandbox::reset`] and the next use. For bindings that hand guest addresses out
    /// and must refuse them once their instance is gone (the C++ face's pointers carry it).
    ///
    /// ```
    /// use cordon_sandbox::{Library, Runtime, Sandbox};
    /// let wat = r#"(module (memory (export "memory") 1) (func (export "nop")))"#;
    /// let library = Library::compile(Runtime::shared(), "nop", wat.as_bytes())?;
    /// let nop = library.function::<(), ()>("nop")?;
    /// let mut sandbox = Sandbox::new(&library)?;
    /// let first = sandbox.instance_id().expect("live after new");
    /// sandbox.reset();
    /// assert_eq!(sandbox.instance_id(), None);
    /// sandbox.call(&nop, ())?; // the next use starts a fresh instance
    /// assert!(sandbox.instance_id().is_some_and(|id| id != first));
    /// # Ok::<(), cordon_sandbox::Error>(())
    /// ```
    pub fn instance_id(&self) -> Option<u64> {
        self.live.as_ref().map(|live| live.id)
    }

    /// Refuse a function handle looked up in another library than this sandbox's.
    pub(crate) fn check_library(&self, library: u64, function: &str) -> Result<(), Error> {
        if library == self.library.inner.id {
            return Ok(());
        }
        Err(Error::Setup(format!(
            "`{function}` is a function of another library than `{}`",
            self.library.name()
        )))
    }

    pub(crate) fn deadline_ticks(&self) -> u64 {
        self.deadline_ticks
    }

    fn instantiate(&mut self) -> Result<Live, Error> {
        let inner = &self.library.inner;
        let name = &inner.name;
        let claim = inner.runtime.claim_slot()?;
        let id = NEXT_INSTANCE_ID.fetch_add(1, Ordering::Relaxed);
        let state = GuestState::new(self.limits.max_memory, id, inner.id);
        let mut store = Store::new(inner.runtime.engine(), state);
        store.limiter(|state| &mut state.limiter);
        store.set_epoch_deadline(self.deadline_ticks);
        let instance = inner.pre.instantiate(&mut store).map_err(|e| {
            if e.downcast_ref::<wasmtime::PoolConcurrencyLimitError>()
                .is_some()
            {
                // The runtime's count (which includes this claim) keeps it below the pool's
                // size, so this is not expected; report it in the same words all the same.
                Error::PoolExhausted {
                    live: inner.runtime.live_sandboxes().saturating_sub(1),
                    max: inner.runtime.config().max_live_sandboxes,
                }
            } else if store.data().limiter.hit {
                Error::Setup(format!(
                    "`{name}` needs more initial memory than the {}-byte cap",
                    self.limits.max_memory
                ))
            } else {
                Error::Setup(format!("cannot instantiate `{name}`: {e:#}"))
            }
        })?;
        let memory = instance
            .get_module_export(&mut store, &inner.memory)
            .and_then(Extern::into_memory)
            .ok_or_else(|| Error::Setup(format!("`{name}` has no linear memory")))?;
        store.data_mut().memory = Some(memory);
        if let Some(clock) = inner.runtime.clock() {
            let cell = ProbeCell::new(clock, memory.data_ptr(&store)).map_err(Error::Setup)?;
            store.data_mut().probe = Some(cell);
        }
        let table = match &inner.table {
            Some(export) => instance
                .get_module_export(&mut store, export)
                .and_then(Extern::into_table),
            None => None,
        };
        for registration in &self.callbacks {
            let Some(table) = &table else {
                return Err(Error::Setup(format!("`{name}` lost its function table")));
            };
            let slot = registration.install(&mut store, table)?;
            if slot != registration.slot {
                return Err(Error::Setup(format!(
                    "callback landed in slot {slot}, expected {}",
                    registration.slot
                )));
            }
        }
        let mut typed = |export: &Option<wasmtime::ModuleExport>, what: &str| {
            let Some(export) = export else {
                return Ok(None);
            };
            let func = instance
                .get_module_export(&mut store, export)
                .and_then(Extern::into_func)
                .ok_or_else(|| Error::Setup(format!("`{name}` lost its `{what}` export")))?;
            Ok::<_, Error>(Some(func))
        };
        let initialize = typed(&inner.initialize, "_initialize")?;
        let alloc = typed(&inner.alloc, "cordon_alloc")?;
        let free = typed(&inner.free, "cordon_free")?;
        let message = typed(&inner.message, "cordon_message")?;
        let signature = |e: wasmtime::Error, what: &str| {
            Error::Setup(format!(
                "`{name}` exports `{what}` with the wrong signature: {e}"
            ))
        };
        let message = message
            .map(|f| f.typed::<(), u32>(&store))
            .transpose()
            .map_err(|e| signature(e, "cordon_message"))?;
        let mut live = Live {
            alloc: alloc
                .map(|f| f.typed(&store))
                .transpose()
                .map_err(|e| signature(e, "cordon_alloc"))?,
            free: free
                .map(|f| f.typed(&store))
                .transpose()
                .map_err(|e| signature(e, "cordon_free"))?,
            store,
            instance,
            memory,
            table,
            id,
            functions: Vec::new(),
            _claim: claim,
        };
        self.instances_created += 1;
        // The message buffer is located first, so that a message `_initialize` leaves on
        // its way to a trap is reported with that trap.
        if let Some(message) = message {
            match invoke(&mut live.store, &message, (), self.deadline_ticks) {
                Ok(addr) => {
                    let buffer = MessageBuffer::new(&mut live.store, memory, addr);
                    live.store.data_mut().message = buffer;
                }
                Err(e) => return Err(self.record(live.into_fault(&e))),
            }
        }
        if let Some(initialize) = initialize {
            let initialize = initialize
                .typed::<(), ()>(&live.store)
                .map_err(|e| signature(e, "_initialize"))?;
            if let Err(e) = invoke(&mut live.store, &initialize, (), self.deadline_ticks) {
                return Err(self.record(live.into_fault(&e)));
            }
        }
        Ok(live)
    }

    /// Turn a failed wasm call into a typed fault and discard the instance.
    #[cold]
    #[inline(never)]
    pub(crate) fn fault(&mut self, error: wasmtime::Error) -> Error {
        let fault = match self.live.take() {
            Some(live) => live.into_fault(&error),
            None => Fault::classify(&error, false, false),
        };
        self.record(fault)
    }

    /// Count a fault and remember it for [`Sandbox::last_fault`].
    fn record(&mut self, fault: Fault) -> Error {
        self.faults += 1;
        self.last_fault = Some(fault.clone());
        Error::Fault(fault)
    }
}

impl Live {
    /// Whether `function` already has a handle in this instance.
    fn is_cached<P, R>(&self, function: &Function<P, R>) -> bool {
        matches!(self.functions.get(function.slot), Some(Some(_)))
    }

    /// Look up and type-check `function` in this instance on first use; calls then borrow the
    /// cached handle (cloning a `TypedFunc` costs atomic reference-count updates, a large
    /// share of an empty call).
    fn cache<P, R>(&mut self, function: &Function<P, R>) -> Result<(), Error>
    where
        P: WasmParams + 'static,
        R: WasmResults + 'static,
    {
        let typed = self
            .instance
            .get_module_export(&mut self.store, &function.export)
            .and_then(Extern::into_func)
            .ok_or_else(|| Error::Setup(format!("no function `{}`", function.name)))?
            .typed::<P, R>(&self.store)
            .map_err(|e| {
                Error::Setup(format!(
                    "`{}` does not have the signature the host expects: {e}",
                    function.name
                ))
            })?;
        if self.functions.len() <= function.slot {
            self.functions.resize_with(function.slot + 1, || None);
        }
        self.functions[function.slot] = Some(CachedFunc::new(typed));
        Ok(())
    }

    /// Classify the fault and collect the library's last message before the instance goes.
    fn into_fault(self, error: &wasmtime::Error) -> Fault {
        let state = self.store.data();
        let mut fault = Fault::classify(error, state.limiter.hit, state.deadline_fired);
        fault.message = self.guest_message();
        fault
    }

    /// Read the NUL-terminated message the guest left in its message buffer during the last
    /// call, if any, escaped to printable ASCII (it is only ever shown, never interpreted).
    pub(crate) fn guest_message(&self) -> Option<String> {
        let addr = self.store.data().message.as_ref()?.addr;
        let data = self.memory.data(&self.store);
        let end = addr.saturating_add(MAX_GUEST_MESSAGE).min(data.len());
        let text = escape_guest_text(data.get(addr..end)?);
        (!text.is_empty()).then_some(text)
    }
}
