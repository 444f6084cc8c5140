//! The low-level API, the RLBox way: a [`Sandbox`] of a [`Library`], guest memory allocated,
//! copied in and out, functions invoked by name with the signature the module declares.
//! Results leave as plain numbers and bytes; the C++ header `cordon/sandbox.hpp` wraps every
//! one of them in `cordon::tainted<T>`, whose only ways out are verifying functions.
//!
//! Guest addresses travel with their instance's *generation* (its process-wide identity):
//! after a fault the instance is replaced and addresses into the old one are refused instead
//! of silently pointing into the new one, and so are addresses from another sandbox.

use std::sync::OnceLock;
use std::time::Duration;

use cordon_sandbox::{DynamicFunction, Limits, Tainted, TaintedPtr, Value as Wasm};

use crate::error::Failure;
use crate::ffi::{Value, ValueType};

/// A library module loaded into the shared runtime.
pub struct Library(cordon_sandbox::Library);

/// The libraries bundled in this build, by the names [`open_library`] takes.
const BUNDLED: [&str; 5] = ["gif", "jpeg", "png", "webp", "zlib"];

/// The names of the bundled libraries.
pub fn bundled_libraries() -> Vec<String> {
    BUNDLED.iter().map(|s| s.to_string()).collect()
}

fn zlib() -> Result<cordon_sandbox::Library, cordon_sandbox::Error> {
    static ZLIB: OnceLock<Result<cordon_sandbox::Library, cordon_sandbox::Error>> = OnceLock::new();
    ZLIB.get_or_init(|| cordon_zlib::load().map(|(library, _)| library))
        .clone()
}

/// A bundled library by name ("png", "jpeg", "gif", "webp", "zlib"), loaded once per process.
pub fn open_library(name: &str) -> Result<Box<Library>, Failure> {
    let library = match name {
        "png" => cordon_png::PngLibrary::shared()?.library().clone(),
        "jpeg" => cordon_jpeg::library()?.clone(),
        "gif" => cordon_gif::library()?.clone(),
        "webp" => cordon_webp::library()?.clone(),
        "zlib" => zlib()?,
        _ => {
            return Err(Failure::usage(format!(
                "no bundled library `{name}` (there are: {})",
                BUNDLED.join(", ")
            )))
        }
    };
    Ok(Box::new(Library(library)))
}

/// Compile a module (wasm binary or WAT text) at run time: one built with cordon-build, or a
/// test module. It must import nothing, like every library.
#[cfg(feature = "compiler")]
pub fn compile_library(name: &str, wasm: &[u8]) -> Result<Box<Library>, Failure> {
    let runtime = cordon_sandbox::Runtime::try_shared()?;
    Ok(Box::new(Library(cordon_sandbox::Library::compile(
        runtime, name, wasm,
    )?)))
}

/// Without the `compiler` feature, only precompiled libraries load.
#[cfg(not(feature = "compiler"))]
pub fn compile_library(name: &str, _wasm: &[u8]) -> Result<Box<Library>, Failure> {
    Err(Failure::usage(format!(
        "cannot compile `{name}`: cordon-cxx was built without its `compiler` feature"
    )))
}

impl Library {
    pub(crate) fn inner(&self) -> &cordon_sandbox::Library {
        &self.0
    }

    /// The library's name.
    pub fn name(&self) -> String {
        self.0.name().to_string()
    }

    /// Look an exported function up; its signature comes from the module.
    pub fn function(&self, name: &str) -> Result<Box<Function>, Failure> {
        Function::look_up(&self.0, name)
    }
}

/// An exported function with its signature.
pub struct Function(DynamicFunction);

fn value_type(ty: cordon_sandbox::ValueType) -> ValueType {
    match ty {
        cordon_sandbox::ValueType::I32 => ValueType::I32,
        cordon_sandbox::ValueType::I64 => ValueType::I64,
        cordon_sandbox::ValueType::F32 => ValueType::F32,
        cordon_sandbox::ValueType::F64 => ValueType::F64,
    }
}

impl Function {
    fn look_up(library: &cordon_sandbox::Library, name: &str) -> Result<Box<Function>, Failure> {
        Ok(Box::new(Function(library.dynamic_function(name)?)))
    }

    /// Its name.
    pub fn name(&self) -> String {
        self.0.name().to_string()
    }

    /// Its parameter types.
    pub fn params(&self) -> Vec<ValueType> {
        self.0.params().iter().map(|t| value_type(*t)).collect()
    }

    /// Its result type (`Void` for none).
    pub fn result(&self) -> ValueType {
        self.0.result().map_or(ValueType::Void, value_type)
    }
}

/// One sandbox: an isolated instance of a library, rebuilt after a fault.
pub struct Sandbox(cordon_sandbox::Sandbox);

/// A sandbox of `library` with a memory cap and a per-call deadline (0 means the defaults).
pub fn new_sandbox(
    library: &Library,
    max_memory_bytes: u64,
    deadline_ms: u64,
) -> Result<Box<Sandbox>, Failure> {
    let mut limits = Limits::default();
    if max_memory_bytes != 0 {
        limits.max_memory = usize::try_from(max_memory_bytes).unwrap_or(usize::MAX);
    }
    if deadline_ms != 0 {
        limits.deadline = Duration::from_millis(deadline_ms);
    }
    Ok(Box::new(Sandbox(cordon_sandbox::Sandbox::with_limits(
        &library.0, limits,
    )?)))
}

fn to_wasm(value: &Value) -> Result<Wasm, Failure> {
    // Truncation to the low 32 bits is the C++ side's choice of encoding for i32/f32.
    Ok(match value.ty {
        ValueType::I32 => Wasm::I32(value.bits as u32 as i32),
        ValueType::I64 => Wasm::I64(value.bits as i64),
        ValueType::F32 => Wasm::F32(f32::from_bits(value.bits as u32)),
        ValueType::F64 => Wasm::F64(f64::from_bits(value.bits)),
        _ => return Err(Failure::usage("an argument cannot be void")),
    })
}

fn from_wasm(value: Option<Wasm>) -> Value {
    match value {
        None => Value {
            ty: ValueType::Void,
            bits: 0,
        },
        Some(Wasm::I32(v)) => Value {
            ty: ValueType::I32,
            bits: u64::from(v as u32),
        },
        Some(Wasm::I64(v)) => Value {
            ty: ValueType::I64,
            bits: v as u64,
        },
        Some(Wasm::F32(v)) => Value {
            ty: ValueType::F32,
            bits: u64::from(v.to_bits()),
        },
        Some(Wasm::F64(v)) => Value {
            ty: ValueType::F64,
            bits: v.to_bits(),
        },
    }
}

impl Sandbox {
    /// The instance guest addresses are tied to: its process-wide identity, 0 while none is
    /// live (after a fault or a reset), so a pointer into a faulted instance, or into another
    /// sandbox's, never matches.
    pub fn generation(&self) -> u64 {
        self.0.instance_id().unwrap_or(0)
    }

    /// Faults contained so far.
    pub fn faults(&self) -> u64 {
        self.0.faults()
    }

    /// A function of this sandbox's library.
    pub fn function(&self, name: &str) -> Result<Box<Function>, Failure> {
        Function::look_up(self.0.library(), name)
    }

    /// A guest pointer of the live instance, or a refusal if `generation` is gone.
    fn pointer(&mut self, generation: u64, addr: u32) -> Result<TaintedPtr<u8>, Failure> {
        if generation != self.generation() || !self.0.is_live() {
            return Err(Failure::usage(
                "a pointer into a sandbox instance that no longer exists (it faulted or was reset)",
            ));
        }
        Ok(self.0.pointer(Tainted::from_host(addr))?)
    }

    /// Call `function`. The result's bits leave untrusted: C++ receives them tainted.
    pub fn invoke(&mut self, function: &Function, args: &[Value]) -> Result<Value, Failure> {
        let mut inline = [Wasm::I32(0); 8];
        let spilled: Vec<Wasm>;
        let args: &[Wasm] = if args.len() <= inline.len() {
            for (slot, arg) in inline.iter_mut().zip(args) {
                *slot = to_wasm(arg)?;
            }
            &inline[..args.len()]
        } else {
            spilled = args.iter().map(to_wasm).collect::<Result<Vec<_>, _>>()?;
            &spilled
        };
        let result = self.0.call_dynamic(&function.0, args)?;
        Ok(from_wasm(result.unverified_because(
            "handed to C++ as cordon::tainted<T>, which verifies before use",
        )))
    }

    /// Allocate `bytes` in the sandbox (its `malloc`); the address is checked to lie inside
    /// its memory.
    pub fn malloc(&mut self, bytes: u32) -> Result<u32, Failure> {
        let ptr = self.0.alloc_bytes(bytes as usize)?;
        Ok(self.0.guest_addr(ptr)?)
    }

    /// Free what [`Sandbox::malloc`] returned.
    pub fn free(&mut self, generation: u64, addr: u32) -> Result<(), Failure> {
        let ptr = self.pointer(generation, addr)?;
        Ok(self.0.free(ptr)?)
    }

    /// Copy `bytes` to `addr` (bounds-checked).
    pub fn copy_in(&mut self, generation: u64, addr: u32, bytes: &[u8]) -> Result<(), Failure> {
        let ptr = self.pointer(generation, addr)?;
        Ok(self.0.write_bytes(ptr, bytes)?)
    }

    /// Copy `len` bytes out of `addr` (bounds-checked; C++ receives them tainted).
    pub fn copy_out(&mut self, generation: u64, addr: u32, len: u32) -> Result<Vec<u8>, Failure> {
        let ptr = self.pointer(generation, addr)?;
        let bytes = self.0.read_bytes(ptr, len as usize)?;
        Ok(bytes.unverified_because("handed to C++ as cordon::tainted<T>"))
    }

    /// Copy a NUL-terminated string of at most `max_len` bytes out of `addr`.
    pub fn read_c_string(
        &mut self,
        generation: u64,
        addr: u32,
        max_len: u32,
    ) -> Result<Vec<u8>, Failure> {
        let ptr = self.pointer(generation, addr)?;
        let text = self.0.read_c_string(ptr, max_len as usize)?;
        Ok(text.unverified_because("handed to C++ as cordon::tainted<T>"))
    }

    /// The live instance's memory size in bytes.
    pub fn memory_size(&mut self) -> Result<u64, Failure> {
        Ok(self.0.memory_size()? as u64)
    }
}
