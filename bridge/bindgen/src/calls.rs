//! One generated method per function (arguments in, tainted results out) and one typed
//! registration per callback type.
//!
//! A method takes scalars and enums as Rust values and pointers as `TaintedPtr`s. What the C ABI
//! passes through memory the method stages in the sandbox itself: a struct passed by value is
//! copied into a slot whose address is the argument (or travels as its one scalar when it
//! flattens to one), a struct returned by value comes back through a hidden result slot, and an
//! out-parameter named in the manifest gets a zeroed slot whose contents are returned, tainted.
//! Slots are freed after the call whatever happened; such methods need the `Sandbox` itself (to
//! allocate), the others take any `Guest` (also a callback's context).

use std::fmt::Write;

use super::{Api, FunctionSig, HostType, StructLayout, WasmType};
use crate::emit::{ident, pointee, rust_type_name, wasm_rust};
use crate::Error;

pub(crate) fn functions(w: &mut String, library: &str, api: &Api) -> Result<(), Error> {
    let _ = writeln!(
        w,
        "\n/// `{library}`'s functions, looked up once per loaded library.\n\
         #[derive(Clone, Debug)]\n#[allow(non_snake_case)]\npub struct Functions {{"
    );
    for f in &api.functions {
        let params: Vec<&str> = f.params.iter().map(|t| wasm_rust(*t)).collect();
        let result = match f.results.as_slice() {
            [] => "()".to_string(),
            [one] => wasm_rust(*one).to_string(),
            _ => unsupported(library, f, "several results")?,
        };
        let _ = writeln!(
            w,
            "    {}: ::cordon_sandbox::Function<({}), {result}>,",
            ident(&f.name, String::new()),
            params.iter().map(|p| format!("{p},")).collect::<String>()
        );
    }
    let _ = writeln!(
        w,
        "}}\n\n#[allow(non_snake_case, clippy::too_many_arguments, clippy::unnecessary_cast, clippy::needless_question_mark)]\nimpl Functions {{\n    \
         /// Look up every function in `library`.\n    \
         pub fn load(library: &::cordon_sandbox::Library) -> Result<Self, ::cordon_sandbox::Error> {{\n        Ok(Functions {{"
    );
    for f in &api.functions {
        let _ = writeln!(
            w,
            "            {}: library.function({:?})?,",
            ident(&f.name, String::new()),
            f.name
        );
    }
    let _ = writeln!(w, "        }})\n    }}");
    for f in &api.functions {
        method(w, library, api, f)?;
    }
    let _ = writeln!(w, "}}");
    Ok(())
}

fn unsupported<T>(library: &str, f: &FunctionSig, what: &str) -> Result<T, Error> {
    Err(Error::Api(format!(
        "`{library}`: `{}` ({}) takes or returns {what}, which generated bindings do not support yet",
        f.name, f.c_type
    )))
}

/// The layout of a by-value record, which the manifest must list.
fn record<'a>(
    library: &str,
    api: &'a Api,
    f: &FunctionSig,
    canonical: &str,
) -> Result<&'a StructLayout, Error> {
    match api.structs.iter().find(|s| s.canonical == canonical) {
        Some(s) => Ok(s),
        None => unsupported(
            library,
            f,
            &format!("`{canonical}` by value; list it in the manifest's structs"),
        ),
    }
}

/// A C function's method name: a Rust keyword or `load` (the constructor) gets a `_`.
fn method_name(name: &str) -> String {
    match ident(name, String::new()) {
        load if load == "load" => "load_".to_string(),
        name => name,
    }
}

/// The generated struct for a record passed by value, which must carry every byte of it: a
/// field the struct does not hold (a bitfield, an unlisted nested struct) would reach the
/// library as zeros.
fn by_value_argument(
    library: &str,
    api: &Api,
    f: &FunctionSig,
    canonical: &str,
) -> Result<String, Error> {
    let layout = record(library, api, f, canonical)?;
    let lost: Vec<&str> = layout
        .fields
        .iter()
        .filter(|field| !layout.is_union && crate::emit::field_type(api, field).is_none())
        .map(|field| field.name.as_str())
        .collect();
    if !lost.is_empty() {
        return unsupported(
            library,
            f,
            &format!(
                "`{canonical}` by value, whose fields {lost:?} the generated struct does not hold"
            ),
        );
    }
    Ok(rust_type_name(&layout.name))
}

/// The pieces of one generated method.
#[derive(Default)]
struct Method {
    /// Method parameters after `guest`.
    params: Vec<String>,
    /// Statements before the guarded part (the slots' declarations).
    setup: Vec<String>,
    /// Statements inside the guarded part, before the call (slot allocations and writes).
    writes: Vec<String>,
    /// The wasm arguments.
    args: Vec<String>,
    /// Values read after the call: (expression, Rust type).
    outputs: Vec<(String, String)>,
    /// Slots to free afterwards.
    slots: Vec<String>,
}

impl Method {
    /// A slot in the sandbox for one value of `rust`, allocated inside the guarded part (so a
    /// failed allocation still frees the slots before it) and passed as the next argument.
    fn slot(&mut self, name: &str, rust: &str) {
        self.setup.push(format!(
            "let mut {name}: Option<::cordon_sandbox::TaintedPtr<{rust}>> = None;"
        ));
        self.writes.push(format!(
            "let {name} = *{name}.insert(guest.alloc_value::<{rust}>()?);"
        ));
        self.args.push(format!(
            "::cordon_sandbox::Guest::address(guest, {name})? as i32"
        ));
        self.slots.push(name.to_string());
    }
}

fn method(w: &mut String, library: &str, api: &Api, f: &FunctionSig) -> Result<(), Error> {
    // A record result that is not one scalar comes back through a hidden first parameter.
    let hidden_result = match &f.c_result {
        HostType::Record {
            canonical,
            passed_as: None,
        } => Some(rust_type_name(&record(library, api, f, canonical)?.name)),
        _ => None,
    };
    if f.params.len() != f.c_params.len() + usize::from(hidden_result.is_some()) {
        return unsupported(library, f, "a variadic list or a 128-bit value");
    }
    let mut m = Method::default();
    if let Some(rust) = &hidden_result {
        m.slot("__cordon_return", rust);
    }
    for (i, (name, host)) in f.c_params.iter().enumerate() {
        let name = match ident(name, format!("arg{i}")) {
            // The generated method's own parameter.
            reserved if reserved == "guest" => format!("{reserved}_"),
            name => name,
        };
        let wasm = f.params[i + usize::from(hidden_result.is_some())];
        if api.outputs.iter().any(|(g, p)| *g == f.name && *p == i) {
            let rust = pointee(api, host);
            if let HostType::Pointer {
                pointee_size: Some(size),
                ..
            } = host
            {
                // The slot must hold exactly what the library writes there.
                if rust == "u8" && *size != 1 {
                    return unsupported(
                        library,
                        f,
                        &format!("an out-parameter `{name}` of {size} bytes of a type bindings cannot hold (list its struct)"),
                    );
                }
                m.writes.push(format!(
                    "const _: () = assert!(<{rust} as ::cordon_sandbox::GuestValue>::SIZE == {size});"
                ));
            }
            let slot = format!("__cordon_out_{name}");
            m.slot(&slot, &rust);
            m.outputs.push((format!("guest.read({slot})?"), rust));
            continue;
        }
        match host {
            HostType::Pointer {
                to_function: true, ..
            } => {
                // A C function pointer: the function-table slot of a registered callback.
                m.params.push(format!("{name}: u32"));
                m.args.push(format!("{name} as i32"));
            }
            HostType::Pointer { .. } => {
                m.params.push(format!(
                    "{name}: ::cordon_sandbox::TaintedPtr<{}>",
                    pointee(api, host)
                ));
                m.args.push(format!(
                    "::cordon_sandbox::Guest::address(guest, {name})? as i32"
                ));
            }
            HostType::Enum { canonical, .. } => {
                // A listed enum is its Rust enum; any other its underlying integer.
                let listed = api.enums.iter().find(|e| e.canonical == *canonical);
                let (rust, arg) = match listed {
                    Some(e) => (rust_type_name(&e.name), format!("{name}.raw()")),
                    None => (
                        host.rust_scalar().unwrap_or("i32").to_string(),
                        name.clone(),
                    ),
                };
                m.params.push(format!("{name}: {rust}"));
                m.args.push(format!("{arg} as {}", wasm_rust(wasm)));
            }
            HostType::Int { .. } | HostType::Float { .. } => {
                let rust = host.rust_scalar().unwrap_or("i32");
                m.params.push(format!("{name}: {rust}"));
                m.args.push(format!("{name} as {}", wasm_rust(wasm)));
            }
            HostType::Record {
                canonical,
                passed_as: Some(scalar),
            } => {
                let rust = by_value_argument(library, api, f, canonical)?;
                m.params.push(format!("{name}: {rust}"));
                m.args.push(format!(
                    "::cordon_sandbox::struct_as_scalar::<{rust}, {}>({name})",
                    wasm_rust(*scalar)
                ));
            }
            HostType::Record {
                canonical,
                passed_as: None,
            } => {
                // Copied by the caller, passed by address: a slot holding the value.
                let rust = by_value_argument(library, api, f, canonical)?;
                m.params.push(format!("{name}: {rust}"));
                let slot = format!("__cordon_arg_{name}");
                m.slot(&slot, &rust);
                m.writes.push(format!("guest.write({slot}, {name})?;"));
            }
            HostType::Void | HostType::Aggregate => {
                return unsupported(library, f, "an array or unknown type")
            }
        }
    }
    let (result_type, result) = match &f.c_result {
        HostType::Void => ("()".to_string(), "()".to_string()),
        HostType::Pointer { .. } => (
            format!(
                "::cordon_sandbox::TaintedPtr<{}>",
                pointee(api, &f.c_result)
            ),
            "::cordon_sandbox::Guest::tainted_pointer(guest, __cordon_result.map(|v| v as u32))"
                .to_string(),
        ),
        host @ (HostType::Int { .. } | HostType::Float { .. } | HostType::Enum { .. }) => {
            let rust = host.rust_scalar().unwrap_or("i32");
            (
                format!("::cordon_sandbox::Tainted<{rust}>"),
                format!("__cordon_result.map(|v| v as {rust})"),
            )
        }
        HostType::Record {
            canonical,
            passed_as,
        } => {
            let rust = rust_type_name(&record(library, api, f, canonical)?.name);
            let read = match passed_as {
                None => "guest.read(__cordon_return)?".to_string(),
                Some(scalar) => format!(
                    "__cordon_result.map(::cordon_sandbox::scalar_as_struct::<{}, {rust}>)",
                    wasm_rust(*scalar)
                ),
            };
            (format!("::cordon_sandbox::Tainted<{rust}>"), read)
        }
        HostType::Aggregate => return unsupported(library, f, "an array or unknown type"),
    };
    // The result, then each out-parameter's value (a void result is left out when there are
    // any): one value, or a tuple.
    let mut parts = Vec::new();
    if f.c_result != HostType::Void || m.outputs.is_empty() {
        parts.push((result, result_type));
    }
    for (read, rust) in &m.outputs {
        parts.push((read.clone(), format!("::cordon_sandbox::Tainted<{rust}>")));
    }
    let (value, result_type) = match parts.as_slice() {
        [(value, ty)] => (value.clone(), ty.clone()),
        _ => {
            let (values, types): (Vec<String>, Vec<String>) = parts.into_iter().unzip();
            (
                format!("({})", values.join(", ")),
                format!("({})", types.join(", ")),
            )
        }
    };
    let guest_type = if m.slots.is_empty() {
        "impl ::cordon_sandbox::Guest"
    } else {
        "::cordon_sandbox::Sandbox"
    };
    let call = format!(
        "let __cordon_result = ::cordon_sandbox::Guest::call_export(guest, &self.{}, ({}))?;",
        ident(&f.name, String::new()),
        m.args.iter().map(|a| format!("{a},")).collect::<String>()
    );
    let body = if m.slots.is_empty() {
        format!("{call}\n        Ok({value})")
    } else {
        // Every slot is freed whatever the call did (a slot of an instance that faulted went
        // with it); the call's own error comes first.
        let frees: String = m
            .slots
            .iter()
            .map(|s| {
                format!(
                    "\n        if let Some(slot) = {s} {{\n            __cordon_freed = __cordon_freed.and(guest.free(slot));\n        }}"
                )
            })
            .collect();
        format!(
            "{}\n        let __cordon_outcome = (|| -> Result<_, ::cordon_sandbox::Error> {{\n            {}{call}\n            Ok({value})\n        }})();\n        \
             let mut __cordon_freed = Ok(());{frees}\n        let __cordon_value = __cordon_outcome?;\n        __cordon_freed?;\n        Ok(__cordon_value)",
            m.setup.join("\n        "),
            m.writes.iter().map(|s| format!("{s}\n            ")).collect::<String>(),
        )
    };
    let _ = writeln!(
        w,
        "\n    /// `{}`: C type `{}`.\n    pub fn {}(&self, guest: &mut {guest_type}{}) -> Result<{result_type}, ::cordon_sandbox::Error> {{\n        {body}\n    }}",
        f.name,
        f.c_type,
        method_name(&f.name),
        m.params.iter().map(|p| format!(", {p}")).collect::<String>(),
    );
    Ok(())
}

/// The Rust type a callback sees for one wasm value of host type `host`.
fn callback_value(host: &HostType, wasm: WasmType) -> &'static str {
    match (host, wasm) {
        (HostType::Int { signed: false, .. } | HostType::Pointer { .. }, WasmType::I32) => "u32",
        (HostType::Int { signed: false, .. }, WasmType::I64) => "u64",
        (_, w) => wasm_rust(w),
    }
}

pub(crate) fn callback_registration(
    w: &mut String,
    library: &str,
    f: &FunctionSig,
) -> Result<(), Error> {
    if f.params.len() != f.c_params.len() || f.results.len() > 1 {
        return unsupported(
            library,
            f,
            "a struct by value, a variadic list or a 128-bit value",
        );
    }
    let params: Vec<&str> = f
        .c_params
        .iter()
        .zip(&f.params)
        .map(|((_, host), wasm)| callback_value(host, *wasm))
        .collect();
    let params = format!(
        "({})",
        params.iter().map(|p| format!("{p},")).collect::<String>()
    );
    let result = match f.results.first() {
        Some(wasm) => callback_value(&f.c_result, *wasm),
        None => "()",
    };
    let _ = writeln!(
        w,
        "\n/// Register a host closure as a `{0}` (C type `{1}`); pass\n\
         /// [`Callback::function_pointer`](::cordon_sandbox::Callback::function_pointer) to the library.\n\
         /// Arguments arrive tainted (pointers as guest addresses).\n\
         #[allow(non_snake_case, dead_code)]\n\
         pub fn register_{0}<F>(sandbox: &mut ::cordon_sandbox::Sandbox, f: F) -> Result<::cordon_sandbox::Callback<{params}, {result}>, ::cordon_sandbox::Error>\n\
         where\n    F: Fn(&mut ::cordon_sandbox::CallbackContext<'_>, ::cordon_sandbox::Tainted<{params}>) -> Result<{result}, ::cordon_sandbox::Error> + Send + Sync + 'static,\n\
         {{\n    sandbox.register_callback(f)\n}}",
        f.name, f.c_type
    );
    Ok(())
}
