//! Tainted values: everything that comes out of a sandbox is wrapped until the host verifies it.
//!
//! In the spirit of RLBox's `tainted<T>`: a [`Tainted<T>`] is a *copy* already taken out of the
//! sandbox (so the library cannot change it between the check and the use), and the only ways to
//! get the `T` are a verification closure the caller writes ([`Tainted::verify`] and its
//! helpers) or the explicit, greppable escape hatch [`Tainted::unverified_because`].
//!
//! A [`TaintedPtr<T>`] is a 32-bit guest address, never a host pointer, bound to the sandbox
//! instance that produced it: using it with another sandbox, or after the sandbox was reset,
//! is an [`Error::StalePointer`].

use std::fmt;
use std::marker::PhantomData;
use std::ops::{Bound, RangeBounds};

use crate::error::Error;

/// A value copied out of a sandbox that has not been verified yet.
///
/// ```
/// use cordon_sandbox::Tainted;
/// # fn width_from_library() -> Tainted<u32> { Tainted::from_host(640) }
/// let width: u32 = width_from_library().verify_range(1..=16_384, "image width")?;
/// assert_eq!(width, 640);
/// # Ok::<(), cordon_sandbox::Error>(())
/// ```
///
/// It deliberately implements no `Deref`, no arithmetic and no comparison (not even with
/// another `Tainted`), so the compiler rejects any use of the value, including branching on
/// it, before a verification step; `tests/ui/` holds the compile-fail proofs.
#[must_use = "a tainted value must be verified before it is used"]
#[derive(Clone)]
pub struct Tainted<T>(T);

impl<T> Tainted<T> {
    /// Wrap a value the sandbox produced.
    pub(crate) fn new(value: T) -> Self {
        Tainted(value)
    }

    /// Wrap a host value as if it came from a sandbox (for tests and host-side plumbing that
    /// wants one code path for both).
    pub fn from_host(value: T) -> Self {
        Tainted(value)
    }

    /// Verify the value with a check the caller writes; on success the checked (possibly
    /// converted) value is returned, on failure an [`Error::Verification`] carrying the
    /// message.
    ///
    /// ```
    /// use cordon_sandbox::Tainted;
    /// let even = Tainted::from_host(8u32).verify(|v| if v % 2 == 0 { Ok(v / 2) } else { Err("odd") });
    /// assert_eq!(even, Ok(4));
    /// assert!(Tainted::from_host(7u32).verify(|v| if v % 2 == 0 { Ok(v) } else { Err("odd") }).is_err());
    /// ```
    pub fn verify<U, E: fmt::Display>(
        self,
        check: impl FnOnce(T) -> Result<U, E>,
    ) -> Result<U, Error> {
        check(self.0).map_err(|e| Error::Verification(e.to_string()))
    }

    /// Transform the value and keep the result tainted (a numeric cast, picking a field): used
    /// by generated bindings to give wasm results their C types. The closure must not smuggle
    /// the value out; [`Tainted::verify`] is the way out.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Tainted<U> {
        Tainted(f(self.0))
    }

    /// The escape hatch: take the value without verifying it, stating why that is safe.
    ///
    /// Use it only where no value of `T` can hurt the host (for example pixel bytes, which
    /// are copied and never interpreted as sizes or addresses). Every use is greppable.
    pub fn unverified_because(self, reason: &'static str) -> T {
        let _ = reason;
        self.0
    }
}

impl<T: PartialOrd + Copy + fmt::Debug> Tainted<T> {
    /// Verify that the value lies in `range`; `what` names it in the error.
    pub fn verify_range(self, range: impl RangeBounds<T>, what: &str) -> Result<T, Error> {
        let v = self.0;
        if range.contains(&v) {
            Ok(v)
        } else {
            Err(Error::Verification(format!(
                "{what} is {v:?}, expected {}",
                describe_range(&range)
            )))
        }
    }

    /// Verify that the value equals what the host expected.
    pub fn verify_eq(self, expected: T, what: &str) -> Result<T, Error> {
        let v = self.0;
        if v == expected {
            Ok(v)
        } else {
            Err(Error::Verification(format!(
                "{what} is {v:?}, expected {expected:?}"
            )))
        }
    }
}

impl<T: Copy + fmt::Debug> Tainted<T> {
    /// Convert into a host type that only accepts valid values, typically a Rust enum with a
    /// `TryFrom<u32>` impl for a C enum: anything outside the known set is an error.
    ///
    /// ```
    /// use cordon_sandbox::Tainted;
    /// #[derive(Debug, PartialEq)]
    /// enum Mode { Fast, Small }
    /// impl TryFrom<u32> for Mode {
    ///     type Error = ();
    ///     fn try_from(v: u32) -> Result<Self, ()> {
    ///         match v { 0 => Ok(Mode::Fast), 1 => Ok(Mode::Small), _ => Err(()) }
    ///     }
    /// }
    /// assert_eq!(Tainted::from_host(1u32).verify_into::<Mode>("mode"), Ok(Mode::Small));
    /// assert!(Tainted::from_host(7u32).verify_into::<Mode>("mode").is_err());
    /// ```
    pub fn verify_into<U: TryFrom<T>>(self, what: &str) -> Result<U, Error> {
        let v = self.0;
        U::try_from(v).map_err(|_| {
            Error::Verification(format!(
                "{what} is {v:?}, not a valid {}",
                std::any::type_name::<U>()
            ))
        })
    }
}

impl Tainted<Vec<u8>> {
    /// Verify that the bytes are UTF-8 text.
    pub fn verify_utf8(self, what: &str) -> Result<String, Error> {
        String::from_utf8(self.0)
            .map_err(|e| Error::Verification(format!("{what} is not UTF-8: {e}")))
    }
}

macro_rules! split_tuples {
    ($(($($name:ident),+)),*) => {$(
        impl<$($name),+> Tainted<($($name,)+)> {
            /// Split a tainted tuple (a multi-value result, say) into its tainted parts.
            #[allow(non_snake_case)]
            pub fn split(self) -> ($(Tainted<$name>,)+) {
                let ($($name,)+) = self.0;
                ($(Tainted($name),)+)
            }
        }
    )*};
}

split_tuples!(
    (A, B),
    (A, B, C),
    (A, B, C, D),
    (A, B, C, D, E),
    (A, B, C, D, E, F)
);

impl<T, const N: usize> Tainted<[T; N]> {
    /// Split a tainted array into tainted elements.
    ///
    /// ```
    /// use cordon_sandbox::Tainted;
    /// let [w, h] = Tainted::from_host([640u32, 480]).split();
    /// assert_eq!(h.verify_range(1..=4096, "height"), Ok(480));
    /// # let _ = w;
    /// ```
    pub fn split(self) -> [Tainted<T>; N] {
        self.0.map(Tainted)
    }
}

impl<T> Tainted<Vec<T>> {
    /// Split a tainted vector into tainted elements.
    pub fn into_elements(self) -> Vec<Tainted<T>> {
        self.0.into_iter().map(Tainted).collect()
    }
}

fn describe_range<T: fmt::Debug>(range: &impl RangeBounds<T>) -> String {
    let start = match range.start_bound() {
        Bound::Included(v) => format!("{v:?} <= "),
        Bound::Excluded(v) => format!("{v:?} < "),
        Bound::Unbounded => String::new(),
    };
    let end = match range.end_bound() {
        Bound::Included(v) => format!(" <= {v:?}"),
        Bound::Excluded(v) => format!(" < {v:?}"),
        Bound::Unbounded => String::new(),
    };
    format!("{start}value{end}")
}

impl<T: fmt::Debug> fmt::Debug for Tainted<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Tainted({:?})", self.0)
    }
}

/// A typed pointer into one sandbox instance's linear memory: a 32-bit guest address plus the
/// identity of the instance it belongs to. It cannot be dereferenced by the host; read and
/// write through it with the sandbox's bounds-checked copies.
pub struct TaintedPtr<T> {
    addr: u32,
    instance: u64,
    _type: PhantomData<fn() -> T>,
}

impl<T> TaintedPtr<T> {
    pub(crate) fn new(addr: u32, instance: u64) -> Self {
        TaintedPtr {
            addr,
            instance,
            _type: PhantomData,
        }
    }

    /// Whether this is the null guest pointer.
    pub fn is_null(&self) -> bool {
        self.addr == 0
    }

    /// The guest address, still tainted (useful for diagnostics and comparisons).
    pub fn addr(&self) -> Tainted<u32> {
        Tainted(self.addr)
    }

    pub(crate) fn raw_addr(&self) -> u32 {
        self.addr
    }

    pub(crate) fn instance(&self) -> u64 {
        self.instance
    }

    /// The same address viewed as a pointer to another type.
    pub fn cast<U>(self) -> TaintedPtr<U> {
        TaintedPtr::new(self.addr, self.instance)
    }

    /// The address `count` elements of `T` further on, or `None` if that leaves the 32-bit
    /// guest address space.
    pub fn offset(self, count: u32) -> Option<TaintedPtr<T>>
    where
        T: GuestValue,
    {
        let bytes = u32::try_from(T::SIZE).ok()?.checked_mul(count)?;
        Some(TaintedPtr::new(
            self.addr.checked_add(bytes)?,
            self.instance,
        ))
    }

    /// The address `bytes` bytes further on, or `None` on overflow.
    pub fn byte_add(self, bytes: u32) -> Option<TaintedPtr<T>> {
        Some(TaintedPtr::new(
            self.addr.checked_add(bytes)?,
            self.instance,
        ))
    }
}

impl<T> Clone for TaintedPtr<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for TaintedPtr<T> {}
impl<T> PartialEq for TaintedPtr<T> {
    fn eq(&self, other: &Self) -> bool {
        self.addr == other.addr && self.instance == other.instance
    }
}
impl<T> Eq for TaintedPtr<T> {}
impl<T> fmt::Debug for TaintedPtr<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "TaintedPtr<{}>({:#x} in instance {})",
            std::any::type_name::<T>(),
            self.addr,
            self.instance
        )
    }
}

/// Plain data with a fixed wasm32 layout that can be copied across the boundary: fixed size,
/// little-endian, and every bit pattern is a valid value (so a copy out can never produce an
/// invalid host value; meaning is still for the caller to verify).
pub trait GuestValue: Copy {
    /// Size in guest memory, in bytes.
    const SIZE: usize;
    /// Decode from exactly [`Self::SIZE`] little-endian bytes.
    fn from_guest_bytes(bytes: &[u8]) -> Self;
    /// Encode into exactly [`Self::SIZE`] little-endian bytes.
    fn write_guest_bytes(self, out: &mut [u8]);
}

macro_rules! guest_value_for_numbers {
    ($($t:ty),*) => {$(
        impl GuestValue for $t {
            const SIZE: usize = std::mem::size_of::<$t>();
            // Inlined into the generated struct readers of other crates: out of line, reading
            // a header with a 128-byte message was 128 calls (3% of a 16x16 PNG decode).
            #[inline]
            fn from_guest_bytes(bytes: &[u8]) -> Self {
                let mut raw = [0u8; std::mem::size_of::<$t>()];
                raw.copy_from_slice(bytes);
                <$t>::from_le_bytes(raw)
            }
            #[inline]
            fn write_guest_bytes(self, out: &mut [u8]) {
                out.copy_from_slice(&self.to_le_bytes());
            }
        }
    )*};
}

guest_value_for_numbers!(u8, i8, u16, i16, u32, i32, u64, i64, f32, f64);

impl<T: GuestValue, const N: usize> GuestValue for [T; N] {
    const SIZE: usize = T::SIZE * N;
    fn from_guest_bytes(bytes: &[u8]) -> Self {
        std::array::from_fn(|i| T::from_guest_bytes(&bytes[i * T::SIZE..(i + 1) * T::SIZE]))
    }
    fn write_guest_bytes(self, out: &mut [u8]) {
        for (i, v) in self.into_iter().enumerate() {
            v.write_guest_bytes(&mut out[i * T::SIZE..(i + 1) * T::SIZE]);
        }
    }
}
