//! Calls whose signature is known only at run time: for hosts that name functions by string
//! (the C++ face's `invoke`, tools, code being ported one call at a time). The signature is
//! read from the module when the function is looked up, and every call checks its arguments
//! against it; results come back [`Tainted`] like any other call.

use std::any::TypeId;
use std::sync::Arc;

use wasmtime::{Extern, ExternType, Func, ModuleExport, Store, TypedFunc, Val, ValType};

use crate::call::{finish_call, prepare_call, GuestState};
use crate::error::Error;
use crate::library::Library;
use crate::sandbox::{CachedFunc, Live, Sandbox};
use crate::tainted::Tainted;

/// The wasm value types a C function's parameters and result lower to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ValueType {
    /// `i32`: C `int`, `unsigned`, `long`, pointers, `size_t` on wasm32.
    I32,
    /// `i64`: C `long long`, `int64_t`.
    I64,
    /// `f32`: C `float`.
    F32,
    /// `f64`: C `double`.
    F64,
}

/// A wasm value passed to or returned from a [`DynamicFunction`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value {
    /// An `i32` (pointers are guest addresses passed as `i32`).
    I32(i32),
    /// An `i64`.
    I64(i64),
    /// An `f32`.
    F32(f32),
    /// An `f64`.
    F64(f64),
}

impl Value {
    /// This value's type.
    pub fn value_type(&self) -> ValueType {
        match self {
            Value::I32(_) => ValueType::I32,
            Value::I64(_) => ValueType::I64,
            Value::F32(_) => ValueType::F32,
            Value::F64(_) => ValueType::F64,
        }
    }

    fn to_val(self) -> Val {
        match self {
            Value::I32(v) => Val::I32(v),
            Value::I64(v) => Val::I64(v),
            Value::F32(v) => Val::F32(v.to_bits()),
            Value::F64(v) => Val::F64(v.to_bits()),
        }
    }

    fn from_val(val: &Val) -> Option<Value> {
        Some(match val {
            Val::I32(v) => Value::I32(*v),
            Val::I64(v) => Value::I64(*v),
            Val::F32(v) => Value::F32(f32::from_bits(*v)),
            Val::F64(v) => Value::F64(f64::from_bits(*v)),
            _ => return None,
        })
    }
}

fn value_type(ty: &ValType) -> Option<ValueType> {
    Some(match ty {
        ValType::I32 => ValueType::I32,
        ValType::I64 => ValueType::I64,
        ValType::F32 => ValueType::F32,
        ValType::F64 => ValueType::F64,
        _ => return None,
    })
}

/// A handle to an exported function whose signature was read from the module: numeric
/// parameters and at most one numeric result (what a C function compiles to).
#[derive(Clone)]
pub struct DynamicFunction {
    name: Arc<str>,
    export: ModuleExport,
    library: u64,
    slot: usize,
    params: Arc<[ValueType]>,
    result: Option<ValueType>,
}

/// The cache key kind of dynamic handles (distinct from every typed signature).
struct Dynamic;

impl std::fmt::Debug for DynamicFunction {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "DynamicFunction({}: {:?} -> {:?})",
            self.name, self.params, self.result
        )
    }
}

impl DynamicFunction {
    /// The export's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Its parameter types, in order.
    pub fn params(&self) -> &[ValueType] {
        &self.params
    }

    /// Its result type (`None` for a `void` function).
    pub fn result(&self) -> Option<ValueType> {
        self.result
    }
}

/// What an instance caches for a [`DynamicFunction`]: the function handle, and for the
/// common C shapes (up to six `i32` parameters, an `i32` result or none) a typed handle,
/// which calls without the dynamic type checks of `Func::call` (about 130 ns of them).
pub(crate) struct CachedDynamic {
    pub(crate) func: Func,
    pub(crate) fast: Option<Fast>,
}

macro_rules! fast_paths {
    ($( $void:ident, $int:ident, $n:literal: ($($p:ident),*) ),* $(,)?) => {
        /// A typed handle for an all-`i32` signature.
        pub(crate) enum Fast {
            $( $void(TypedFunc<($($p,)*), ()>), $int(TypedFunc<($($p,)*), i32>), )*
        }

        impl Fast {
            /// The typed handle for `func`'s signature, if it is one of the fast shapes.
            fn new(store: &Store<GuestState>, func: Func, params: &[ValueType], result: Option<ValueType>) -> Option<Fast> {
                if params.iter().any(|p| *p != ValueType::I32) {
                    return None;
                }
                #[allow(unused_variables, non_snake_case)]
                match (params.len(), result) {
                    $(
                        ($n, None) => {
                            func.typed::<($($p,)*), ()>(store).ok().map(Fast::$void)
                        }
                        ($n, Some(ValueType::I32)) => {
                            func.typed::<($($p,)*), i32>(store).ok().map(Fast::$int)
                        }
                    )*
                    _ => None,
                }
            }

            /// Call with `args`, already checked to be `i32`s of the right count.
            fn call(&self, store: &mut Store<GuestState>, args: &[Value]) -> wasmtime::Result<Option<i32>> {
                let mut ints = [0i32; 6];
                for (slot, arg) in ints.iter_mut().zip(args) {
                    if let Value::I32(v) = arg {
                        *slot = *v;
                    }
                }
                #[allow(unused_mut, unused_variables)]
                match self {
                    $(
                        Fast::$void(f) => {
                            let mut it = ints.iter().copied();
                            f.call(store, ($( fast_paths!(@next it $p), )*)).map(|()| None)
                        }
                        Fast::$int(f) => {
                            let mut it = ints.iter().copied();
                            f.call(store, ($( fast_paths!(@next it $p), )*)).map(Some)
                        }
                    )*
                }
            }
        }
    };
    (@next $it:ident $p:ident) => { $it.next().unwrap_or(0) };
}

fast_paths! {
    V0, I0, 0: (),
    V1, I1, 1: (i32),
    V2, I2, 2: (i32, i32),
    V3, I3, 3: (i32, i32, i32),
    V4, I4, 4: (i32, i32, i32, i32),
    V5, I5, 5: (i32, i32, i32, i32, i32),
    V6, I6, 6: (i32, i32, i32, i32, i32, i32),
}

impl Live {
    /// Cache `function`'s handles in `slot` of this instance on first use.
    fn cache_dynamic(&mut self, function: &DynamicFunction) -> Result<(), Error> {
        let slot = function.slot;
        if matches!(self.functions.get(slot), Some(Some(f)) if f.get::<CachedDynamic>().is_some()) {
            return Ok(());
        }
        let func = self
            .instance
            .get_module_export(&mut self.store, &function.export)
            .and_then(Extern::into_func)
            .ok_or_else(|| Error::Setup(format!("no function `{}`", function.name)))?;
        let fast = Fast::new(&self.store, func, &function.params, function.result);
        if self.functions.len() <= slot {
            self.functions.resize_with(slot + 1, || None);
        }
        self.functions[slot] = Some(CachedFunc::new(CachedDynamic { func, fast }));
        Ok(())
    }
}

impl Library {
    /// Look up an exported function by name, reading its signature from the module. For
    /// signatures known at compile time, [`Library::function`] is faster and checked
    /// statically.
    ///
    /// ```
    /// use cordon_sandbox::{Library, Runtime, Sandbox, Value};
    /// let wat = r#"(module (memory (export "memory") 1)
    ///                (func (export "scale") (param i32 f64) (result f64)
    ///                  local.get 0 f64.convert_i32_s local.get 1 f64.mul))"#;
    /// let library = Library::compile(Runtime::shared(), "scaler", wat.as_bytes())?;
    /// let scale = library.dynamic_function("scale")?;
    /// let mut sandbox = Sandbox::new(&library)?;
    /// let out = sandbox.call_dynamic(&scale, &[Value::I32(3), Value::F64(1.5)])?;
    /// let out = out.verify(|v| match v {
    ///     Some(Value::F64(x)) if x.is_finite() => Ok(x),
    ///     other => Err(format!("not a finite f64: {other:?}")),
    /// })?;
    /// assert_eq!(out, 4.5);
    /// # Ok::<(), cordon_sandbox::Error>(())
    /// ```
    pub fn dynamic_function(&self, name: &str) -> Result<DynamicFunction, Error> {
        let module = self.inner.pre.module();
        let (ty, export) = match (module.get_export(name), module.get_export_index(name)) {
            (Some(ExternType::Func(ty)), Some(export)) => (ty, export),
            _ => {
                return Err(Error::Setup(format!(
                    "`{}` exports no function named `{name}`",
                    self.inner.name
                )))
            }
        };
        let unsupported = || {
            Error::Setup(format!(
                "`{name}` has the signature {ty}, which is not a C function's (numbers in, at most one number out)"
            ))
        };
        let params = ty
            .params()
            .map(|p| value_type(&p))
            .collect::<Option<Arc<[ValueType]>>>()
            .ok_or_else(unsupported)?;
        let mut results = ty.results();
        let result = match (results.next(), results.next()) {
            (None, _) => None,
            (Some(r), None) => Some(value_type(&r).ok_or_else(unsupported)?),
            (Some(_), Some(_)) => return Err(unsupported()),
        };
        let name: Arc<str> = Arc::from(name);
        Ok(DynamicFunction {
            slot: self.slot(&name, TypeId::of::<Dynamic>()),
            name,
            export,
            library: self.inner.id,
            params,
            result,
        })
    }
}

impl Sandbox {
    /// Call a [`DynamicFunction`] with `args`, which must match its parameter types exactly
    /// (an [`Error::Setup`] otherwise, before anything runs). Deadline, memory cap and fault
    /// recovery are those of [`Sandbox::call`].
    pub fn call_dynamic(
        &mut self,
        function: &DynamicFunction,
        args: &[Value],
    ) -> Result<Tainted<Option<Value>>, Error> {
        self.check_library(function.library, &function.name)?;
        if args.len() != function.params.len()
            || args
                .iter()
                .zip(function.params.iter())
                .any(|(arg, ty)| arg.value_type() != *ty)
        {
            let given: Vec<ValueType> = args.iter().map(Value::value_type).collect();
            return Err(Error::Setup(format!(
                "`{}` takes {:?}, but was called with {:?}",
                function.name, function.params, given
            )));
        }
        let ticks = self.deadline_ticks();
        let live = self.live()?;
        live.cache_dynamic(function)?;
        let Live {
            store, functions, ..
        } = live;
        let entry = functions
            .get(function.slot)
            .and_then(|f| f.as_ref()?.get::<CachedDynamic>())
            .ok_or_else(|| Error::Setup(format!("`{}` is not cached", function.name)))?;
        prepare_call(store, ticks);
        if let Some(fast) = &entry.fast {
            let result = fast.call(&mut *store, args);
            let result = finish_call(store, result);
            return match result {
                Ok(result) => Ok(Tainted::new(result.map(Value::I32))),
                Err(e) => Err(self.fault(e)),
            };
        }
        let func = entry.func;
        // C functions take a handful of parameters: no allocation for up to eight.
        let mut inline = [Val::I32(0); 8];
        let spilled: Vec<Val>;
        let params: &[Val] = if args.len() <= inline.len() {
            for (slot, arg) in inline.iter_mut().zip(args) {
                *slot = arg.to_val();
            }
            &inline[..args.len()]
        } else {
            spilled = args.iter().map(|v| v.to_val()).collect();
            &spilled
        };
        let mut results = [Val::I32(0)];
        let results = &mut results[..usize::from(function.result.is_some())];
        let result = func.call(&mut *store, params, results);
        let result = finish_call(store, result);
        match result {
            Ok(()) => Ok(Tainted::new(results.first().and_then(Value::from_val))),
            Err(e) => Err(self.fault(e)),
        }
    }
}
