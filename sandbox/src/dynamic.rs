//! Calls whose signature is known only at run time: for hosts that name functions by string
//! (the C++ face's `invoke`, tools, code being ported one call at a time). The signature is
//! read from the module when the function is looked up, and every call checks its arguments
//! against it; results come back [`Tainted`] like any other call.

use std::sync::Arc;

use wasmtime::{Extern, ExternType, ModuleExport, Val, ValType};

use crate::error::Error;
use crate::library::Library;
use crate::sandbox::{prepare_call, Sandbox};
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
    params: Arc<[ValueType]>,
    result: Option<ValueType>,
}

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
        Ok(DynamicFunction {
            name: Arc::from(name),
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
        if function.library != self.library().inner.id {
            return Err(Error::Setup(format!(
                "`{}` is a function of another library than `{}`",
                function.name,
                self.library().name()
            )));
        }
        let given: Vec<ValueType> = args.iter().map(Value::value_type).collect();
        if given[..] != function.params[..] {
            return Err(Error::Setup(format!(
                "`{}` takes {:?}, but was called with {:?}",
                function.name, function.params, given
            )));
        }
        let ticks = self.deadline_ticks();
        let live = self.live()?;
        let func = live
            .instance()
            .get_module_export(&mut live.store, &function.export)
            .and_then(Extern::into_func)
            .ok_or_else(|| Error::Setup(format!("no function `{}`", function.name)))?;
        let params: Vec<Val> = args.iter().map(|v| v.to_val()).collect();
        let mut results = [Val::I32(0)];
        let results = &mut results[..usize::from(function.result.is_some())];
        prepare_call(&mut live.store, ticks);
        match func.call(&mut live.store, &params, results) {
            Ok(()) => Ok(Tainted::new(results.first().and_then(Value::from_val))),
            Err(e) => Err(self.fault(e)),
        }
    }
}
