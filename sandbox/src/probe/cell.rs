//! A probe page per instance, and the clock thread that protects it when a call is due.

use std::sync::atomic::{AtomicU64, AtomicU8, Ordering};
use std::sync::{Arc, Mutex};

use super::PROBE_ADDRESS;

// A cell's states. Only the clock thread moves ARMED -> FIRING -> FIRED; only the owning
// sandbox moves IDLE -> ARMED, ARMED or FIRED -> IDLE, and IDLE -> GONE when its instance goes.
const IDLE: u8 = 0;
const ARMED: u8 = 1;
const FIRING: u8 = 2;
const FIRED: u8 = 3;
const GONE: u8 = 4;

/// How a call's deadline ended ([`ProbeCell::disarm`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Disarmed {
    /// It did not fire.
    Quiet,
    /// It fired; the probe page is readable again.
    Fired,
    /// It fired and the probe page could not be made readable again: the instance cannot run
    /// another call.
    FiredPageLost,
}

/// One sandbox instance's probe page and the deadline of the call it is running.
#[derive(Debug)]
pub(crate) struct ProbeCell {
    /// Host address of the probe page inside the instance's linear-memory reservation.
    page: usize,
    state: AtomicU8,
    /// Clock tick at which the running call's deadline passes.
    deadline: AtomicU64,
    /// The clock's tick count (not the clock itself, which holds this cell).
    ticks: Arc<AtomicU64>,
}

impl ProbeCell {
    /// Make the probe page of the linear memory at `base` readable and register it with
    /// `clock`. `base` must be the base of a linear memory in a slot of the runtime's instance
    /// pool (a 4 GiB reservation that never moves).
    pub(crate) fn new(clock: &Arc<Clock>, base: *mut u8) -> Result<Arc<ProbeCell>, String> {
        let page = base as usize + PROBE_ADDRESS as usize;
        protect(page, true).map_err(|e| format!("cannot map the deadline probe page: {e}"))?;
        let cell = Arc::new(ProbeCell {
            page,
            state: AtomicU8::new(IDLE),
            deadline: AtomicU64::new(u64::MAX),
            ticks: clock.ticks.clone(),
        });
        let mut cells = clock.cells.lock().unwrap_or_else(|e| e.into_inner());
        cells.push(cell.clone());
        Ok(cell)
    }

    /// The instance is gone: the clock forgets the cell at its next tick.
    pub(crate) fn retire(&self) {
        loop {
            let state = self.state.load(Ordering::Acquire);
            if state == FIRING {
                std::thread::yield_now(); // a firing in progress stores FIRED: outlast it
            } else if self
                .state
                .compare_exchange(state, GONE, Ordering::AcqRel, Ordering::Acquire)
                .is_ok()
            {
                return;
            }
        }
    }

    /// Before a call: its deadline passes `ticks` clock ticks from now.
    #[inline]
    pub(crate) fn arm(&self, ticks: u64) {
        // A call that did not end through `disarm` (a panic out of wasmtime) would leave a
        // state this store overwrites.
        debug_assert_eq!(self.state.load(Ordering::Relaxed), IDLE, "armed twice");
        let now = self.ticks.load(Ordering::Relaxed);
        self.deadline
            .store(now.saturating_add(ticks), Ordering::Relaxed);
        // Release: the clock thread that sees ARMED sees this call's deadline.
        self.state.store(ARMED, Ordering::Release);
    }

    /// After a call: whether its deadline fired, and if so whether the probe page is readable
    /// again.
    #[inline]
    pub(crate) fn disarm(&self) -> Disarmed {
        match self
            .state
            .compare_exchange(ARMED, IDLE, Ordering::AcqRel, Ordering::Acquire)
        {
            Ok(_) => Disarmed::Quiet,
            Err(_) => self.disarm_slow(),
        }
    }

    #[cold]
    #[inline(never)]
    fn disarm_slow(&self) -> Disarmed {
        let mut spins = 0u32;
        loop {
            match self.state.load(Ordering::Acquire) {
                // The clock thread is deciding or protecting: wait for it.
                FIRING => {
                    spins += 1;
                    if spins < 64 {
                        std::hint::spin_loop();
                    } else {
                        std::thread::yield_now();
                    }
                }
                // It found the deadline not due after all and gave the call back.
                ARMED => {
                    if self
                        .state
                        .compare_exchange(ARMED, IDLE, Ordering::AcqRel, Ordering::Acquire)
                        .is_ok()
                    {
                        return Disarmed::Quiet;
                    }
                }
                FIRED => {
                    // Restoring splits a kernel mapping in two again, which can fail at the
                    // process's limit of mappings (`vm.max_map_count`). The instance must
                    // then go (its next probe would fault); the next one in this slot maps
                    // the page again or fails to start with a setup error.
                    let restored = protect(self.page, true).is_ok();
                    self.state.store(IDLE, Ordering::Release);
                    return if restored {
                        Disarmed::Fired
                    } else {
                        Disarmed::FiredPageLost
                    };
                }
                _ => return Disarmed::Quiet, // not armed
            }
        }
    }

    /// On the clock thread: fire this cell if its call's deadline has passed.
    fn fire_if_due(&self, now: u64) {
        if self.begin_firing(now) {
            self.finish_firing(now);
        }
    }

    /// Take a call that looks due (ARMED -> FIRING); `false` if there is none. Its thread, if
    /// the call ends now, waits in [`ProbeCell::disarm`] for the decision.
    fn begin_firing(&self, now: u64) -> bool {
        self.state.load(Ordering::Acquire) == ARMED
            && self.deadline.load(Ordering::Relaxed) <= now
            && self
                .state
                .compare_exchange(ARMED, FIRING, Ordering::AcqRel, Ordering::Acquire)
                .is_ok()
    }

    /// After [`ProbeCell::begin_firing`]: protect the page (FIRED), or give the call back
    /// (ARMED) if it is not due after all. The call seen by `begin_firing`'s first look may
    /// have ended and a new one been armed before its exchange: the deadline is read again
    /// (the new call's, as the exchange saw its ARMED).
    fn finish_firing(&self, now: u64) {
        let due = self.deadline.load(Ordering::Relaxed) <= now;
        // If protecting fails the call runs on; the deadline is retried at the next tick.
        let fired = due && protect(self.page, false).is_ok();
        self.state
            .store(if fired { FIRED } else { ARMED }, Ordering::Release);
    }
}

/// A runtime's clock: ticks since it started and the probe cells to watch.
#[derive(Debug, Default)]
pub(crate) struct Clock {
    ticks: Arc<AtomicU64>,
    /// Every live instance's cell (a tick reads one byte of each: 10,000 idle sandboxes cost
    /// it microseconds).
    cells: Mutex<Vec<Arc<ProbeCell>>>,
}

impl Clock {
    /// One tick: fire every cell whose deadline has passed; forget retired cells.
    pub(crate) fn tick(&self) {
        let now = self.ticks.fetch_add(1, Ordering::Relaxed) + 1;
        let mut cells = self.cells.lock().unwrap_or_else(|e| e.into_inner());
        cells.retain(|cell| {
            cell.fire_if_due(now);
            cell.state.load(Ordering::Acquire) != GONE
        });
    }
}

/// Make the probe page at host address `page` readable, or inaccessible.
#[cfg(unix)]
fn protect(page: usize, readable: bool) -> std::io::Result<()> {
    let flags = if readable {
        rustix::mm::MprotectFlags::READ
    } else {
        rustix::mm::MprotectFlags::empty()
    };
    // SAFETY: `page` is one host page at `PROBE_ADDRESS` inside a linear-memory reservation of
    // the runtime's instance pool (`ProbeCell::new`), which wasmtime reserved with mmap and
    // keeps for the engine's lifetime; no Rust object lives there and neither the host nor
    // wasmtime reads or writes it (every host access to guest memory is checked against the
    // memory's size, which stays below `MAX_MEMORY`; wasmtime only remaps the whole slot
    // between instances, and every instance protects the page again). Changing its
    // protection only changes whether the library's probe loads fault, which wasmtime handles
    // as a trap of that call.
    unsafe {
        rustix::mm::mprotect(
            page as *mut std::ffi::c_void,
            rustix::param::page_size(),
            flags,
        )
    }
    .map_err(std::io::Error::from)
}

/// Probes are used on Unix only (`crate::runtime::deadline_settings`).
#[cfg(not(unix))]
fn protect(_page: usize, _readable: bool) -> std::io::Result<()> {
    Err(std::io::ErrorKind::Unsupported.into())
}

/// The protocol between a call's thread and the clock, step by step in the orders a race can
/// take, on a page of its own (no runtime, no clock thread).
#[cfg(all(test, unix))]
mod protocol {
    use super::*;
    use std::time::Duration;

    /// A cell on a fresh readable page (leaked: the tests are short).
    fn cell() -> Arc<ProbeCell> {
        let size = rustix::param::page_size();
        // SAFETY: a new anonymous private mapping at an address the kernel picks; nothing else
        // refers to it.
        let page = unsafe {
            rustix::mm::mmap_anonymous(
                std::ptr::null_mut(),
                size,
                rustix::mm::ProtFlags::READ,
                rustix::mm::MapFlags::PRIVATE,
            )
        }
        .expect("mmap");
        let base = (page as usize).wrapping_sub(PROBE_ADDRESS as usize) as *mut u8;
        ProbeCell::new(&Arc::new(Clock::default()), base).unwrap()
    }

    /// Reads the probe page from the host: crashes the test if it is still protected.
    fn readable(cell: &ProbeCell) -> bool {
        // SAFETY: `cell.page` is the page mapped in `cell()`; a volatile read of its first
        // byte (zero) is valid unless the page is protected, which is what is tested.
        unsafe { std::ptr::read_volatile(cell.page as *const u8) == 0 }
    }

    fn state(cell: &ProbeCell) -> u8 {
        cell.state.load(Ordering::Acquire)
    }

    #[test]
    fn a_due_call_is_fired_and_its_page_restored() {
        let cell = cell();
        cell.arm(0);
        cell.fire_if_due(0);
        assert_eq!(state(&cell), FIRED);
        assert_eq!(cell.disarm(), Disarmed::Fired, "the call was fired");
        assert!(readable(&cell));
    }

    #[test]
    fn a_call_not_due_or_ended_is_left_alone() {
        let cell = cell();
        cell.arm(5);
        cell.fire_if_due(4);
        assert_eq!(cell.disarm(), Disarmed::Quiet);
        cell.arm(0);
        assert_eq!(cell.disarm(), Disarmed::Quiet);
        cell.fire_if_due(10); // it ended before the clock looked
        assert_eq!(state(&cell), IDLE);
        assert!(readable(&cell));
    }

    /// Arm a due call, let the clock begin firing it, run `during` on another thread (the
    /// call's, ending or retiring), check it waits for the clock, finish firing, and return
    /// what `during` returned.
    fn while_firing<T: Send + 'static>(
        cell: &Arc<ProbeCell>,
        during: impl FnOnce(&ProbeCell) -> T + Send + 'static,
    ) -> T {
        cell.arm(0);
        assert!(cell.begin_firing(0), "due");
        let other = std::thread::spawn({
            let cell = cell.clone();
            move || during(&cell)
        });
        std::thread::sleep(Duration::from_millis(50));
        assert!(!other.is_finished(), "returned while the clock was firing");
        cell.finish_firing(0);
        other.join().unwrap()
    }

    #[test]
    fn a_call_that_ends_while_the_clock_fires_waits_and_is_reported_fired() {
        let cell = cell();
        assert_eq!(
            while_firing(&cell, ProbeCell::disarm),
            Disarmed::Fired,
            "the page was protected: reported"
        );
        assert_eq!(state(&cell), IDLE);
        assert!(readable(&cell));
    }

    #[test]
    fn a_later_call_taken_by_a_late_exchange_is_given_back() {
        let cell = cell();
        cell.arm(0);
        assert!(cell.begin_firing(0));
        // As if the due call had ended and a new one (due at tick 3) been armed between the
        // clock's first look and its exchange.
        cell.deadline.store(3, Ordering::Relaxed);
        cell.finish_firing(0);
        assert_eq!(state(&cell), ARMED, "given back");
        assert_eq!(cell.disarm(), Disarmed::Quiet);
        assert!(readable(&cell));
    }

    #[test]
    fn a_page_that_cannot_be_restored_is_reported_not_panicked_on() {
        let cell = cell();
        cell.arm(0);
        cell.fire_if_due(0);
        // As if the kernel refused the mapping change: the page is gone from under the cell.
        // SAFETY: the page mapped in `cell()`, which nothing reads after this.
        unsafe {
            rustix::mm::munmap(
                cell.page as *mut std::ffi::c_void,
                rustix::param::page_size(),
            )
        }
        .expect("munmap");
        assert_eq!(cell.disarm(), Disarmed::FiredPageLost);
        assert_eq!(state(&cell), IDLE);
    }

    #[test]
    fn retiring_waits_out_a_firing() {
        let cell = cell();
        while_firing(&cell, ProbeCell::retire);
        assert_eq!(state(&cell), GONE);
    }
}
