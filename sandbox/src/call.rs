//! The call protocol: the host state each instance's store carries, and what happens around
//! every call into the library (the memory-limit flag and the message buffer cleared, the
//! deadline armed and disarmed, an instance left unsound turned into a fault).

use std::ptr::NonNull;
use std::sync::Arc;

use wasmtime::{Memory, Store, TypedFunc, WasmParams, WasmResults};

use crate::limits::MemoryLimiter;
use crate::probe::{Disarmed, ProbeCell};
use crate::sandbox::CachedFunc;

/// Host state of one instance. Deliberately holds no capabilities: the library is linked with
/// no host functions at all, so this is the memory limiter and where the guest's message is.
pub(crate) struct GuestState {
    pub(crate) limiter: MemoryLimiter,
    /// The identity of the instance this store runs, for pointers made inside callbacks.
    pub(crate) instance: u64,
    /// The library's message buffer (`cordon_message()`), emptied before every call so that a
    /// message seen after a trap was written by the call that trapped.
    pub(crate) message: Option<MessageBuffer>,
    /// The id of the instance's library, which callbacks' re-entrant calls check their
    /// function handles against.
    pub(crate) library: u64,
    /// The instance's linear memory, for callbacks.
    pub(crate) memory: Option<Memory>,
    /// The exports callbacks have called back into, looked up and type-checked on first use
    /// (by [`crate::Function`] slot, as `Live::functions`).
    pub(crate) reentry: Vec<Option<CachedFunc>>,
    /// The instance's deadline probe page (`None` where the engine uses epoch checks).
    pub(crate) probe: Option<Arc<ProbeCell>>,
    /// Whether the last call's deadline fired.
    pub(crate) deadline_fired: bool,
    /// A re-entrant call from a callback trapped: C frames were unwound mid-call (the stack
    /// pointer, locks, half-made structures), so the instance is unsound even if the callback
    /// carried on and the outer call returns.
    pub(crate) reentry_unwound: bool,
}

impl GuestState {
    /// The state of a new instance of library `library`, whose memory may grow to
    /// `max_memory` bytes.
    pub(crate) fn new(max_memory: usize, instance: u64, library: u64) -> GuestState {
        GuestState {
            limiter: MemoryLimiter {
                max_memory,
                hit: false,
            },
            instance,
            message: None,
            library,
            memory: None,
            reentry: Vec::new(),
            probe: None,
            deadline_fired: false,
            reentry_unwound: false,
        }
    }
}

impl Drop for GuestState {
    fn drop(&mut self) {
        if let Some(cell) = &self.probe {
            cell.retire();
        }
    }
}

/// Where the library's message buffer is: its guest address (to read a message after a trap)
/// and a host pointer to its first byte (to empty it before every call without going through
/// `Memory::data_mut`, which was a third of an empty call's time).
pub(crate) struct MessageBuffer {
    pub(crate) addr: usize,
    first: NonNull<u8>,
}

// SAFETY: `first` points into the linear memory owned by the very `Store` whose data holds
// this value, and is only written through `&mut Store` (see `prepare_call`); moving the store to
// another thread moves the pointer's only user with it.
unsafe impl Send for MessageBuffer {}

impl MessageBuffer {
    /// The buffer at guest address `addr` of `memory`, if `addr` lies inside it.
    pub(crate) fn new(
        store: &mut Store<GuestState>,
        memory: Memory,
        addr: u32,
    ) -> Option<MessageBuffer> {
        let addr = addr as usize;
        if addr >= memory.data_size(&*store) {
            return None;
        }
        // From the memory's base pointer, not from a borrow of its bytes, which later
        // borrows (`Memory::data`) would end.
        let first = NonNull::new(memory.data_ptr(&*store).wrapping_add(addr))?;
        Some(MessageBuffer { addr, first })
    }
}

/// Call `func` with the per-call deadline, after clearing the memory-limit flag and the
/// library's message buffer. Always inlined: the caller then reads the call's result where
/// wasmtime wrote it instead of copying it whole (an empty call 28.2-28.9 ns against
/// 29.2-31.8 ns, four alternating criterion runs each).
#[inline(always)]
pub(crate) fn invoke<P, R>(
    store: &mut Store<GuestState>,
    func: &TypedFunc<P, R>,
    args: P,
    deadline_ticks: u64,
) -> wasmtime::Result<R>
where
    P: WasmParams,
    R: WasmResults,
{
    prepare_call(store, deadline_ticks);
    let result = func.call(&mut *store, args);
    finish_call(store, result)
}

/// Before every call: clear the memory-limit flag and the library's message buffer, and arm
/// the deadline.
#[inline]
pub(crate) fn prepare_call(store: &mut Store<GuestState>, deadline_ticks: u64) {
    let state = store.data_mut();
    state.limiter.hit = false;
    if let Some(message) = &state.message {
        // SAFETY: `first` was taken from this store's linear memory at an address inside it
        // (`MessageBuffer::new`). The memory cannot move (pool slots are fixed and the engine
        // is configured with `memory_may_move(false)`) or shrink (wasm memories only grow),
        // and it lives as long as the store that owns this state, so the pointer is valid. No
        // wasm runs while the host holds `&mut Store`, and the memory is not shared, so nothing
        // else accesses the byte.
        unsafe { message.first.as_ptr().write(0) };
    }
    state.deadline_fired = false;
    match &state.probe {
        Some(cell) => cell.arm(deadline_ticks),
        None => store.set_epoch_deadline(deadline_ticks),
    }
}

/// After every call: disarm the deadline and note whether it fired. A call that returned
/// from an instance it left unsound (a re-entrant call trapped, or the probe page is lost)
/// becomes an [`InstanceUnsound`] error, so that the instance is discarded like after a fault.
#[inline]
pub(crate) fn finish_call<T>(
    store: &mut Store<GuestState>,
    result: wasmtime::Result<T>,
) -> wasmtime::Result<T> {
    let state = store.data_mut();
    let mut page_lost = false;
    if let Some(cell) = &state.probe {
        let disarmed = cell.disarm();
        state.deadline_fired = disarmed != Disarmed::Quiet;
        page_lost = disarmed == Disarmed::FiredPageLost;
    }
    match result {
        Ok(_) if state.reentry_unwound || page_lost => Err(wasmtime::Error::new(if page_lost {
            InstanceUnsound("the deadline probe page could not be made readable again")
        } else {
            InstanceUnsound("a re-entrant call from a callback trapped and the callback went on")
        })),
        result => result,
    }
}

/// Why a call that returned is reported as a fault all the same (see [`finish_call`]).
#[derive(Debug)]
pub(crate) struct InstanceUnsound(pub(crate) &'static str);

impl std::fmt::Display for InstanceUnsound {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)
    }
}

impl std::error::Error for InstanceUnsound {}
