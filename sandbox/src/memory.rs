//! Copies across the boundary and allocation inside the sandbox. Every access is bounds-checked
//! against the instance's current linear memory; reads return [`Tainted`] copies.

use std::ops::Range;

use crate::call::invoke;
use crate::error::Error;
use crate::sandbox::Sandbox;
use crate::tainted::{GuestValue, Tainted, TaintedPtr};

/// The host range `[addr, addr + len)` of a memory of `size` bytes, or an out-of-bounds error.
pub(crate) fn guest_range(addr: u32, len: usize, size: usize) -> Result<Range<usize>, Error> {
    let start = addr as usize;
    match start.checked_add(len) {
        Some(end) if end <= size => Ok(start..end),
        _ => Err(Error::OutOfBounds {
            addr: addr.into(),
            len: len as u64,
            memory_size: size as u64,
        }),
    }
}

fn byte_len<T: GuestValue>(count: usize) -> Result<usize, Error> {
    count.checked_mul(T::SIZE).ok_or(Error::SizeOverflow {
        count: count as u64,
        size: T::SIZE as u64,
    })
}

/// Refuse the null guest pointer for a read or write.
pub(crate) fn non_null<T>(ptr: TaintedPtr<T>) -> Result<TaintedPtr<T>, Error> {
    if ptr.is_null() {
        Err(Error::NullPointer)
    } else {
        Ok(ptr)
    }
}

impl Sandbox {
    /// The guest address of `ptr`, to pass as a call argument. Fails with
    /// [`Error::StalePointer`] if the pointer belongs to another instance.
    pub fn guest_addr<T>(&self, ptr: TaintedPtr<T>) -> Result<u32, Error> {
        if ptr.instance() == self.live_id() && ptr.instance() != 0 {
            Ok(ptr.raw_addr())
        } else {
            Err(Error::StalePointer)
        }
    }

    /// Treat a guest address the library returned as a tainted pointer into this instance.
    /// Nothing is trusted: every access through it is bounds-checked. Null is refused with
    /// [`Error::NullPointer`]; use [`Sandbox::nullable_pointer`] where null is a valid answer.
    pub fn pointer<T>(&self, addr: Tainted<u32>) -> Result<TaintedPtr<T>, Error> {
        non_null(TaintedPtr::new(
            addr.unverified_because("a guest address is only used through bounds-checked copies"),
            self.live_id(),
        ))
    }

    /// Like [`Sandbox::pointer`], for addresses where null means "none": `None` for null.
    pub fn nullable_pointer<T>(&self, addr: Tainted<u32>) -> Option<TaintedPtr<T>> {
        self.pointer(addr).ok()
    }

    /// Verify that a guest address the library returned points at `count` values of `T` that
    /// lie entirely inside the sandbox's memory right now, non-null and aligned to `align`
    /// (a power of two). The result is still a [`TaintedPtr`]: the memory it points to is the
    /// library's, and reads through it are copies to be verified in turn.
    pub fn verify_pointer<T: GuestValue>(
        &mut self,
        addr: Tainted<u32>,
        count: usize,
        align: u32,
    ) -> Result<TaintedPtr<T>, Error> {
        let len = byte_len::<T>(count)?;
        let instance = self.live_id();
        let live = self.live_instance(instance)?;
        let size = live.memory.data_size(&live.store);
        let addr = addr.unverified_because("checked for null, alignment and bounds right here");
        if addr == 0 {
            return Err(Error::NullPointer);
        }
        if !align.is_power_of_two() || !addr.is_multiple_of(align) {
            return Err(Error::Verification(format!(
                "pointer {addr:#x} is not {align}-byte aligned"
            )));
        }
        guest_range(addr, len, size)?;
        Ok(TaintedPtr::new(addr, instance))
    }

    /// Verify a struct pointer the library returned: non-null, aligned to the struct's wasm32
    /// alignment, and the whole struct inside memory. Reads through it are still copies.
    pub fn verify_struct_ptr<S: crate::GuestStruct>(
        &mut self,
        addr: Tainted<u32>,
    ) -> Result<TaintedPtr<S>, Error> {
        let align = u32::try_from(S::ALIGN).unwrap_or(u32::MAX);
        self.verify_pointer::<u8>(addr, S::SIZE, align)
            .map(TaintedPtr::cast)
    }

    /// The common "pointer plus length" result, verified and copied in one step: `count`
    /// must be at most `max` (the host's own bound, checked before anything else), and
    /// `count` values of `T` at `addr` must be non-null (unless `count` is 0), aligned to
    /// `align` (a power of two: the C type's alignment) and inside memory. Returns the host's
    /// copy, whose values are still tainted.
    ///
    /// ```
    /// # use cordon_sandbox::{Library, Runtime, Sandbox, Tainted};
    /// # let wat = br#"(module (memory (export "memory") 1) (data (i32.const 64) "\01\00\02\00\03\00"))"#;
    /// # let library = Library::compile(Runtime::shared(), "counted", wat)?;
    /// # let mut sandbox = Sandbox::new(&library)?;
    /// // (addr, len) as a library returned them:
    /// let (addr, len) = (Tainted::from_host(64u32), Tainted::from_host(3u32));
    /// let values = sandbox.read_counted::<u16>(addr.clone(), len.clone(), 16, 2)?;
    /// assert_eq!(values.unverified_because("doc"), [1, 2, 3]);
    /// assert!(sandbox.read_counted::<u16>(addr, len, 2, 2).is_err()); // more than the host allows
    /// # Ok::<(), cordon_sandbox::Error>(())
    /// ```
    pub fn read_counted<T: GuestValue>(
        &mut self,
        addr: Tainted<u32>,
        count: Tainted<u32>,
        max: usize,
        align: u32,
    ) -> Result<Tainted<Vec<T>>, Error> {
        let max = u32::try_from(max).unwrap_or(u32::MAX);
        let count = count.verify_range(0..=max, "element count")? as usize;
        if count == 0 {
            return Ok(Tainted::new(Vec::new()));
        }
        let ptr = self.verify_pointer::<T>(addr, count, align)?;
        self.read_slice(ptr, count)
    }

    /// Allocate room for `count` values of `T` with the library's own allocator
    /// (`cordon_alloc`). The returned pointer is verified to be non-null and in bounds.
    pub fn alloc<T: GuestValue>(&mut self, count: usize) -> Result<TaintedPtr<T>, Error> {
        let len = byte_len::<T>(count)?;
        self.alloc_bytes(len).map(TaintedPtr::cast)
    }

    /// Allocate `len` bytes inside the sandbox.
    pub fn alloc_bytes(&mut self, len: usize) -> Result<TaintedPtr<u8>, Error> {
        let request = u32::try_from(len.max(1)).map_err(|_| Error::Allocation(len as u64))?;
        let ticks = self.deadline_ticks();
        let live = self.live()?;
        let Some(alloc) = &live.alloc else {
            return Err(Error::Setup(
                "the library exports no `cordon_alloc` allocator".into(),
            ));
        };
        let addr = match invoke(&mut live.store, alloc, request, ticks) {
            Ok(addr) => addr,
            Err(e) => return Err(self.fault(e)),
        };
        let live = self.live()?;
        let size = live.memory.data_size(&live.store);
        if addr == 0 || guest_range(addr, len, size).is_err() {
            return Err(Error::Allocation(len as u64));
        }
        Ok(TaintedPtr::new(addr, live.id))
    }

    /// Free memory obtained from [`Sandbox::alloc`] or [`Sandbox::copy_to_sandbox`]. Freeing a
    /// pointer of an instance that is already gone is a no-op (its memory went with it).
    pub fn free<T>(&mut self, ptr: TaintedPtr<T>) -> Result<(), Error> {
        if ptr.instance() != self.live_id() || ptr.is_null() {
            return Ok(());
        }
        let ticks = self.deadline_ticks();
        let live = self.live()?;
        let Some(free) = &live.free else {
            return Err(Error::Setup(
                "the library exports no `cordon_free` deallocator".into(),
            ));
        };
        match invoke(&mut live.store, free, ptr.raw_addr(), ticks) {
            Ok(()) => Ok(()),
            Err(e) => Err(self.fault(e)),
        }
    }

    /// Allocate a buffer in the sandbox and copy `bytes` into it.
    pub fn copy_to_sandbox(&mut self, bytes: &[u8]) -> Result<TaintedPtr<u8>, Error> {
        let ptr = self.alloc_bytes(bytes.len())?;
        self.write_bytes(ptr, bytes)?;
        Ok(ptr)
    }

    /// Copy `bytes` into the sandbox at `ptr`.
    pub fn write_bytes(&mut self, ptr: TaintedPtr<u8>, bytes: &[u8]) -> Result<(), Error> {
        let live = self.live_instance(non_null(ptr)?.instance())?;
        let data = live.memory.data_mut(&mut live.store);
        let range = guest_range(ptr.raw_addr(), bytes.len(), data.len())?;
        data[range].copy_from_slice(bytes);
        Ok(())
    }

    /// Write one value into the sandbox at `ptr`.
    pub fn write<T: GuestValue>(&mut self, ptr: TaintedPtr<T>, value: T) -> Result<(), Error> {
        let live = self.live_instance(non_null(ptr)?.instance())?;
        let data = live.memory.data_mut(&mut live.store);
        let range = guest_range(ptr.raw_addr(), T::SIZE, data.len())?;
        value.write_guest_bytes(&mut data[range]);
        Ok(())
    }

    /// Copy one value out of the sandbox.
    pub fn read<T: GuestValue>(&mut self, ptr: TaintedPtr<T>) -> Result<Tainted<T>, Error> {
        let live = self.live_instance(non_null(ptr)?.instance())?;
        let data = live.memory.data(&live.store);
        let range = guest_range(ptr.raw_addr(), T::SIZE, data.len())?;
        Ok(Tainted::new(T::from_guest_bytes(&data[range])))
    }

    /// Copy `count` consecutive values out of the sandbox.
    pub fn read_slice<T: GuestValue>(
        &mut self,
        ptr: TaintedPtr<T>,
        count: usize,
    ) -> Result<Tainted<Vec<T>>, Error> {
        let len = byte_len::<T>(count)?;
        let live = self.live_instance(non_null(ptr)?.instance())?;
        let data = live.memory.data(&live.store);
        let range = guest_range(ptr.raw_addr(), len, data.len())?;
        let values = data[range]
            .chunks_exact(T::SIZE)
            .map(T::from_guest_bytes)
            .collect();
        Ok(Tainted::new(values))
    }

    /// Copy `len` bytes out of the sandbox.
    pub fn read_bytes(
        &mut self,
        ptr: TaintedPtr<u8>,
        len: usize,
    ) -> Result<Tainted<Vec<u8>>, Error> {
        let live = self.live_instance(non_null(ptr)?.instance())?;
        let data = live.memory.data(&live.store);
        let range = guest_range(ptr.raw_addr(), len, data.len())?;
        Ok(Tainted::new(data[range].to_vec()))
    }

    /// Run `f` on `len` bytes of the sandbox's memory at `ptr`, in place: for a host that
    /// transforms a large result as it takes it out (adds an alpha channel, converts), so the
    /// bytes are not first copied into a `Vec` of their own. No guest code runs while `f`
    /// holds the bytes, so they cannot change under it.
    ///
    /// ```
    /// # use cordon_sandbox::{Library, Runtime, Sandbox};
    /// # let wat = r#"(module (memory (export "memory") 1)
    /// #   (func (export "cordon_alloc") (param i32) (result i32) i32.const 1024)
    /// #   (func (export "cordon_free") (param i32)))"#;
    /// # let library = Library::compile(Runtime::shared(), "toy", wat.as_bytes())?;
    /// # let mut sandbox = Sandbox::new(&library)?;
    /// let at = sandbox.copy_to_sandbox(b"guest bytes")?;
    /// let sum = sandbox.with_bytes(at, 5, |bytes| {
    ///     let bytes = bytes.unverified_because("summed as data");
    ///     bytes.iter().map(|&b| u32::from(b)).sum::<u32>()
    /// })?;
    /// assert_eq!(sum, b"guest".iter().map(|&b| u32::from(b)).sum::<u32>());
    /// # Ok::<(), cordon_sandbox::Error>(())
    /// ```
    pub fn with_bytes<R>(
        &mut self,
        ptr: TaintedPtr<u8>,
        len: usize,
        f: impl FnOnce(Tainted<&[u8]>) -> R,
    ) -> Result<R, Error> {
        let live = self.live_instance(non_null(ptr)?.instance())?;
        let data = live.memory.data(&live.store);
        let range = guest_range(ptr.raw_addr(), len, data.len())?;
        Ok(f(Tainted::new(&data[range])))
    }

    /// Copy a NUL-terminated string (without its NUL) of at most `max_len` bytes out of the
    /// sandbox. A string that does not end within `max_len` bytes or within memory is an error.
    pub fn read_c_string(
        &mut self,
        ptr: TaintedPtr<u8>,
        max_len: usize,
    ) -> Result<Tainted<Vec<u8>>, Error> {
        let live = self.live_instance(non_null(ptr)?.instance())?;
        let data = live.memory.data(&live.store);
        let start = ptr.raw_addr() as usize;
        let window = data
            .get(start..)
            .map(|rest| &rest[..rest.len().min(max_len.saturating_add(1))])
            .ok_or(Error::OutOfBounds {
                addr: start as u64,
                len: 1,
                memory_size: data.len() as u64,
            })?;
        match window.iter().position(|&b| b == 0) {
            Some(nul) => Ok(Tainted::new(window[..nul].to_vec())),
            None => Err(Error::Verification(format!(
                "string at guest address {start:#x} is not NUL-terminated within {max_len} bytes"
            ))),
        }
    }
}
