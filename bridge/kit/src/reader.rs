//! An in-memory input for libraries that pull their input through a read callback (giflib's
//! `InputFunc`, a custom libjpeg source manager, a glue-defined reader), so no bridge writes
//! its own.

use std::sync::{Arc, Mutex, MutexGuard};

use cordon_sandbox::{Callback, Sandbox, Tainted};

use crate::error::Error;

/// The input the host serves and how far the library has read.
#[derive(Default)]
struct Input {
    bytes: Arc<[u8]>,
    position: usize,
}

/// A read callback `int read(void *context, uint8_t *dst, int len)` registered on a sandbox:
/// each call copies up to `len` bytes of the current input to `dst` in guest memory (bounds
/// checked) and returns how many it copied, 0 at the end, or -1 for a negative `len`. The
/// context argument is not interpreted (it is the library's). Set the input before each
/// decode with [`MemoryReader::set_input`]; the registration lasts as long as the sandbox,
/// across fault recoveries.
///
/// ```
/// use cordon_kit::MemoryReader;
/// use cordon_sandbox::{Library, Runtime, Sandbox};
/// // A "library" that asks its read callback for `len` bytes at address 64.
/// let wat = br#"(module (memory (export "memory") 1)
///   (table (export "__indirect_function_table") 1 funcref)
///   (type $read (func (param i32 i32 i32) (result i32)))
///   (func (export "pull") (param $f i32) (param $len i32) (result i32)
///     (call_indirect (type $read) (i32.const 0) (i32.const 64) (local.get $len) (local.get $f))))"#;
/// let library = Library::compile(Runtime::shared(), "puller", wat)?;
/// let pull = library.function::<(u32, i32), i32>("pull")?;
/// let mut sandbox = Sandbox::new(&library)?;
/// let reader = MemoryReader::register(&mut sandbox)?;
/// reader.set_input(&b"GIF89a..."[..]);
/// let got = sandbox.call(&pull, (reader.function_pointer(), 6))?.verify_range(0..=6, "read")?;
/// assert_eq!(got, 6);
/// assert_eq!(reader.position(), 6);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct MemoryReader {
    input: Arc<Mutex<Input>>,
    callback: Callback<(u32, u32, i32), i32>,
}

fn lock(input: &Mutex<Input>) -> MutexGuard<'_, Input> {
    input.lock().unwrap_or_else(|e| e.into_inner())
}

impl MemoryReader {
    /// Register the callback on `sandbox` (which must have been built with a callback grant).
    pub fn register(sandbox: &mut Sandbox) -> Result<MemoryReader, Error> {
        let input = Arc::new(Mutex::new(Input::default()));
        let served = input.clone();
        let callback = sandbox.register_callback(move |cx, args: Tainted<(u32, u32, i32)>| {
            let (_context, dst, len) = args.split();
            let Ok(len) = len.verify_range(0.., "read length") else {
                return Ok(-1);
            };
            let mut input = lock(&served);
            let start = input.position.min(input.bytes.len());
            let n = (len as usize).min(input.bytes.len() - start);
            if n > 0 {
                let bytes = input.bytes.clone();
                cx.write_bytes(dst, &bytes[start..start + n])?;
            }
            input.position = start + n;
            Ok(n as i32) // n <= len <= i32::MAX
        })?;
        Ok(MemoryReader { input, callback })
    }

    /// Serve `bytes` from the start.
    pub fn set_input(&self, bytes: impl Into<Arc<[u8]>>) {
        *lock(&self.input) = Input {
            bytes: bytes.into(),
            position: 0,
        };
    }

    /// How many bytes the library has read.
    pub fn position(&self) -> usize {
        lock(&self.input).position
    }

    /// The C function pointer to hand to the library.
    pub fn function_pointer(&self) -> u32 {
        self.callback.function_pointer()
    }
}

impl std::fmt::Debug for MemoryReader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "MemoryReader(at {})", self.position())
    }
}
