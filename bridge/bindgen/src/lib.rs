//! A library's public C API as the sandbox sees it: function signatures in wasm value types,
//! struct layouts and constant values **for wasm32**, read with libclang from the library's own
//! headers with exactly the flags its module is compiled with (so pointers are 4 bytes and
//! `long` is 32 bits, as inside the sandbox). The bindings generator is built on this model;
//! [`check_exports`] compares it with a built module.
//!
//! libclang is used directly (the `clang` crate) rather than through bindgen: it reports field
//! offsets (also of bitfields and anonymous members), sizes and evaluated constants for the
//! target, keeps hidden-visibility functions (bindgen drops them unless `-fvisibility=default`),
//! and parses zlib.h + png.h in ~50 ms instead of ~500 ms.

mod abi;
mod calls;
mod emit;

use std::collections::HashMap;
use std::fmt;
use std::sync::Mutex;

use clang::{Clang, EntityKind, EvaluationResult, Index, TypeKind, Unsaved};

pub use abi::{HostType, WasmType};
pub use emit::{rust_bindings, unmapped_fields};

/// Why a library's API could not be read or turned into bindings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// libclang could not be loaded.
    Libclang(String),
    /// The headers do not declare what the manifest names, declare something the generator
    /// cannot express, or disagree with the module.
    Api(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Libclang(e) => write!(f, "libclang: {e}"),
            Error::Api(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for Error {}

/// A wasm function signature: parameter types, result types.
pub type WasmSignature = (Vec<WasmType>, Vec<WasmType>);

/// What a bridge exposes from its library: the headers to read and the names it uses.
#[derive(Debug, Clone, Default)]
pub struct Manifest {
    /// Headers to `#include`, as the library's users write them (e.g. `"zlib.h"`).
    pub headers: Vec<String>,
    /// Functions the host calls.
    pub functions: Vec<String>,
    /// Struct and union types (typedef names, `struct tag` or `union tag`) the host reads or
    /// writes.
    pub structs: Vec<String>,
    /// `#define` constants and enumerators the host uses.
    pub constants: Vec<String>,
    /// Function-pointer typedefs the library may call back through (e.g. zlib's
    /// `alloc_func`). Listing any grants the library callbacks (its function table is exported)
    /// and generates a typed `register_<name>` for each.
    pub callbacks: Vec<String>,
    /// Enum types (typedef names or `enum tag`) that become Rust enums: parameters of those
    /// types take the Rust enum; values read back (results, fields) stay integers, to check
    /// with the enum's `TryFrom`.
    pub enums: Vec<String>,
    /// Out-parameters, as `function.parameter` (`FT_New_Memory_Face.aface`): the generated
    /// method allocates the slot, passes it, and returns what the library stored there
    /// (a pointer as a `cordon_sandbox::GuestPtr` to follow, a struct or a number, tainted).
    pub outputs: Vec<String>,
}

/// A function's C declaration and the wasm signature clang gives it on wasm32.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FunctionSig {
    /// The C name (and wasm export name).
    pub name: String,
    /// The C type, as clang prints it (e.g. `int (Bytef *, uLongf *, const Bytef *, uLong)`).
    pub c_type: String,
    /// wasm parameter types.
    pub params: Vec<WasmType>,
    /// wasm result types.
    pub results: Vec<WasmType>,
    /// C parameters: name (empty when the header gives none) and host type.
    pub c_params: Vec<(String, HostType)>,
    /// The C result's host type.
    pub c_result: HostType,
}

/// One field of a struct, at its wasm32 position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldLayout {
    /// Field name (anonymous members are skipped).
    pub name: String,
    /// The field's C type as written.
    pub c_type: String,
    /// The field's canonical C type (e.g. `struct inner`), to recognise nested structs.
    pub canonical_type: String,
    /// Offset from the start of the struct, in bits (a multiple of 8 except for bitfields).
    pub offset_bits: u64,
    /// Size in bytes of the field's type.
    pub size: u64,
    /// Width in bits, for bitfields.
    pub bit_width: Option<u32>,
    /// Whether the field is a pointer (a 32-bit guest address).
    pub is_pointer: bool,
    /// The field's host type.
    pub host_type: HostType,
    /// For a fixed-size array field: element count (its element type is `array_element`).
    pub array_len: Option<u64>,
    /// For an array field: the element's host type.
    pub array_element: Option<HostType>,
}

/// A struct's (or union's) wasm32 size, alignment and fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StructLayout {
    /// The name as listed in the manifest.
    pub name: String,
    /// Whether it is a union (every member at offset 0).
    pub is_union: bool,
    /// Size in bytes.
    pub size: u64,
    /// Alignment in bytes.
    pub align: u64,
    /// The canonical C spelling (e.g. `struct z_stream_s`), to recognise pointers to it.
    pub canonical: String,
    /// Named fields in declaration order.
    pub fields: Vec<FieldLayout>,
}

/// An enum type and its enumerators.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnumLayout {
    /// The name as listed in the manifest.
    pub name: String,
    /// The canonical C spelling (`enum FT_Render_Mode_`), to recognise parameters of it.
    pub canonical: String,
    /// The underlying integer (an [`HostType::Int`]).
    pub repr: HostType,
    /// Enumerators in declaration order, with their values.
    pub variants: Vec<(String, i64)>,
}

/// The value of a constant, evaluated for wasm32.
#[derive(Debug, Clone, PartialEq)]
pub enum ConstantValue {
    /// A signed integer.
    Int(i64),
    /// An unsigned integer.
    UInt(u64),
    /// A floating-point number.
    Float(f64),
    /// A string literal (without its NUL).
    Str(String),
}

/// A named constant and its value.
#[derive(Debug, Clone, PartialEq)]
pub struct Constant {
    /// The name as listed in the manifest.
    pub name: String,
    /// The C type of the expression.
    pub c_type: String,
    /// Its value on wasm32.
    pub value: ConstantValue,
}

/// Everything the manifest asked for, read from the headers.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Api {
    /// Functions, in manifest order.
    pub functions: Vec<FunctionSig>,
    /// Structs, in manifest order.
    pub structs: Vec<StructLayout>,
    /// Constants, in manifest order.
    pub constants: Vec<Constant>,
    /// Callback types, in manifest order (`c_params` and `c_result` describe the pointee
    /// function type).
    pub callbacks: Vec<FunctionSig>,
    /// Enums, in manifest order.
    pub enums: Vec<EnumLayout>,
    /// Out-parameters: (function, parameter index).
    pub outputs: Vec<(String, usize)>,
}

/// libclang allows one `Clang` per process at a time.
static LIBCLANG: Mutex<()> = Mutex::new(());

const PROBE_PREFIX: &str = "__cordon_constant_";

fn probe_source(manifest: &Manifest) -> String {
    let mut source: String = manifest
        .headers
        .iter()
        .map(|h| format!("#include \"{h}\"\n"))
        .collect();
    // Each constant (macro or enumerator) becomes a typed static that libclang evaluates; an
    // unknown name is an "undeclared identifier" error naming it.
    for name in &manifest.constants {
        source += &format!("static const __typeof__({name}) {PROBE_PREFIX}{name} = {name};\n");
    }
    source
}

/// Read what `manifest` names from its headers with libclang, parsing with `args` (the
/// compile flags of the library's module: target, include directories, defines), so every
/// size, offset and constant is the one the module was built with.
pub fn read_api(library: &str, manifest: &Manifest, args: &[String]) -> Result<Api, Error> {
    let _only_one = LIBCLANG.lock().unwrap_or_else(|p| p.into_inner());
    let clang = Clang::new().map_err(|e| Error::Libclang(format!("libclang: {e}")))?;
    let index = Index::new(&clang, false, false);
    let source = probe_source(manifest);
    let unit = index
        .parser("cordon_api.c")
        .arguments(args)
        .unsaved(&[Unsaved::new("cordon_api.c", &source)])
        .skip_function_bodies(true)
        .parse()
        .map_err(|e| {
            Error::Api(format!(
                "`{library}`: libclang cannot parse the headers: {e}"
            ))
        })?;
    let errors: Vec<String> = unit
        .get_diagnostics()
        .iter()
        .filter(|d| d.get_severity() >= clang::diagnostic::Severity::Error)
        .map(|d| d.get_text())
        .collect();
    if !errors.is_empty() {
        return Err(Error::Api(format!(
            "`{library}`: the manifest does not match its headers: {}",
            errors.join("; ")
        )));
    }

    let mut api = Api::default();
    let top = unit.get_entity().get_children();
    for name in &manifest.functions {
        let decl = top
            .iter()
            .find(|e| {
                e.get_kind() == EntityKind::FunctionDecl && e.get_name().as_deref() == Some(name)
            })
            .ok_or_else(|| {
                Error::Api(format!("`{library}`: no function `{name}` in the headers"))
            })?;
        let ty = decl
            .get_type()
            .ok_or_else(|| Error::Api(format!("`{name}` has no type")))?;
        let (params, results) = abi::wasm_signature(&ty).map_err(|what| {
            Error::Api(format!("`{library}`: `{name}`: cannot map {what} to wasm"))
        })?;
        let c_params = decl
            .get_arguments()
            .unwrap_or_default()
            .iter()
            .map(|arg| {
                let host = arg
                    .get_type()
                    .map_or(HostType::Aggregate, |t| abi::host_type(&t));
                (arg.get_name().unwrap_or_default(), host)
            })
            .collect();
        let c_result = ty
            .get_result_type()
            .map_or(HostType::Aggregate, |t| abi::host_type(&t));
        api.functions.push(FunctionSig {
            name: name.clone(),
            c_type: ty.get_display_name(),
            params,
            results,
            c_params,
            c_result,
        });
    }
    for name in &manifest.structs {
        api.structs.push(struct_layout(library, name, &top)?);
    }
    for name in &manifest.callbacks {
        api.callbacks.push(callback_type(library, name, &top)?);
    }
    for name in &manifest.enums {
        api.enums.push(enum_layout(library, name, &top)?);
    }
    for output in &manifest.outputs {
        api.outputs
            .push(output_param(library, output, &api.functions)?);
    }
    for name in &manifest.constants {
        let probe = format!("{PROBE_PREFIX}{name}");
        let entity = top
            .iter()
            .find(|e| e.get_name().as_deref() == Some(probe.as_str()))
            .ok_or_else(|| Error::Api(format!("`{library}`: no constant `{name}`")))?;
        let value = match entity.evaluate() {
            Some(EvaluationResult::SignedInteger(v)) => ConstantValue::Int(v),
            Some(EvaluationResult::UnsignedInteger(v)) => ConstantValue::UInt(v),
            Some(EvaluationResult::Float(v)) => ConstantValue::Float(v),
            Some(EvaluationResult::String(s)) => {
                ConstantValue::Str(s.to_string_lossy().into_owned())
            }
            _ => {
                return Err(Error::Api(format!(
                    "`{library}`: `{name}` is not a constant expression"
                )))
            }
        };
        let c_type = entity
            .get_type()
            .map(|t| t.get_display_name())
            .unwrap_or_default();
        api.constants.push(Constant {
            name: name.clone(),
            c_type: c_type.trim_start_matches("const ").to_string(),
            value,
        });
    }
    Ok(api)
}

/// The function type behind a function-pointer typedef.
fn callback_type(library: &str, name: &str, top: &[clang::Entity]) -> Result<FunctionSig, Error> {
    let error = |what: &str| Error::Api(format!("`{library}`: callback `{name}`: {what}"));
    let typedef = top
        .iter()
        .find(|e| e.get_kind() == EntityKind::TypedefDecl && e.get_name().as_deref() == Some(name))
        .ok_or_else(|| error("no such typedef in the headers"))?;
    let pointer = typedef
        .get_typedef_underlying_type()
        .ok_or_else(|| error("no underlying type"))?
        .get_canonical_type();
    let function = match pointer.get_kind() {
        TypeKind::Pointer => pointer.get_pointee_type().map(|t| t.get_canonical_type()),
        _ => None,
    }
    .filter(|t| t.get_kind() == TypeKind::FunctionPrototype)
    .ok_or_else(|| error("not a pointer to a function with a prototype"))?;
    let (params, results) =
        abi::wasm_signature(&function).map_err(|what| error(&format!("cannot map {what}")))?;
    let c_params = function
        .get_argument_types()
        .unwrap_or_default()
        .iter()
        .map(|t| (String::new(), abi::host_type(t)))
        .collect();
    let c_result = function
        .get_result_type()
        .map_or(HostType::Aggregate, |t| abi::host_type(&t));
    Ok(FunctionSig {
        name: name.to_string(),
        c_type: function.get_display_name(),
        params,
        results,
        c_params,
        c_result,
    })
}

/// `function.parameter` as (function, parameter index): the parameter must be a pointer to
/// something of known size (the slot the generated method allocates).
fn output_param(
    library: &str,
    output: &str,
    functions: &[FunctionSig],
) -> Result<(String, usize), Error> {
    let error = |what: &str| Error::Api(format!("`{library}`: output `{output}`: {what}"));
    let (function, param) = output
        .split_once('.')
        .ok_or_else(|| error("write it as `function.parameter`"))?;
    let sig = functions
        .iter()
        .find(|f| f.name == function)
        .ok_or_else(|| error("the function is not among the manifest's functions"))?;
    let index = sig
        .c_params
        .iter()
        .position(|(name, _)| name == param)
        .ok_or_else(|| error("the function has no parameter of that name"))?;
    match &sig.c_params[index].1 {
        HostType::Pointer {
            pointee_size: Some(_),
            to_function: false,
            ..
        } => Ok((function.to_string(), index)),
        _ => Err(error("not a pointer to a value of known size")),
    }
}

/// The enumerators of `name`: a typedef name or `enum tag`.
fn enum_layout(library: &str, name: &str, top: &[clang::Entity]) -> Result<EnumLayout, Error> {
    let error = |what: &str| Error::Api(format!("`{library}`: enum `{name}`: {what}"));
    let tag = name.strip_prefix("enum ");
    let ty = top
        .iter()
        .find_map(|e| match (e.get_kind(), tag) {
            (EntityKind::TypedefDecl, None) if e.get_name().as_deref() == Some(name) => {
                e.get_typedef_underlying_type()
            }
            (EntityKind::EnumDecl, Some(tag))
                if e.get_name().as_deref() == Some(tag) && e.is_definition() =>
            {
                e.get_type()
            }
            _ => None,
        })
        .ok_or_else(|| error("not in the headers"))?
        .get_canonical_type();
    let declaration = ty
        .get_declaration()
        .filter(|_| ty.get_kind() == TypeKind::Enum)
        .ok_or_else(|| error("not an enum"))?;
    let repr = match abi::host_type(&ty) {
        HostType::Enum { bytes, signed, .. } => HostType::Int { bytes, signed },
        _ => return Err(error("no integer underlying type")),
    };
    // An unsigned enum's values are read unsigned (0x80000000 stays positive).
    let signed = matches!(repr, HostType::Int { signed: true, .. });
    let variants = declaration
        .get_children()
        .iter()
        .filter(|c| c.get_kind() == EntityKind::EnumConstantDecl)
        .filter_map(|c| {
            let (as_signed, as_unsigned) = c.get_enum_constant_value()?;
            let value = if signed {
                as_signed
            } else {
                as_unsigned as i64
            };
            Some((c.get_name()?, value))
        })
        .collect();
    Ok(EnumLayout {
        name: name.to_string(),
        canonical: ty.get_display_name(),
        repr,
        variants,
    })
}

/// The layout of `name`: a typedef name or `struct tag`.
fn struct_layout(library: &str, name: &str, top: &[clang::Entity]) -> Result<StructLayout, Error> {
    let not_found = || Error::Api(format!("`{library}`: no struct `{name}` in the headers"));
    let tag = name.strip_prefix("struct ");
    let ty = top
        .iter()
        .find_map(|e| match (e.get_kind(), tag) {
            (EntityKind::TypedefDecl, None) if e.get_name().as_deref() == Some(name) => {
                e.get_typedef_underlying_type()
            }
            (EntityKind::StructDecl, Some(tag))
                if e.get_name().as_deref() == Some(tag) && e.is_definition() =>
            {
                e.get_type()
            }
            (EntityKind::UnionDecl, _)
                if name
                    .strip_prefix("union ")
                    .is_some_and(|t| e.get_name().as_deref() == Some(t))
                    && e.is_definition() =>
            {
                e.get_type()
            }
            _ => None,
        })
        .ok_or_else(not_found)?
        .get_canonical_type();
    let is_union = ty
        .get_declaration()
        .is_some_and(|d| d.get_kind() == EntityKind::UnionDecl);
    if ty.get_kind() != TypeKind::Record {
        return Err(Error::Api(format!("`{library}`: `{name}` is not a struct")));
    }
    let size = ty.get_sizeof().map_err(|e| {
        Error::Api(format!(
            "`{library}`: `{name}` has no size ({e}): incomplete type?"
        ))
    })?;
    let align = ty
        .get_alignof()
        .map_err(|e| Error::Api(format!("`{name}`: {e}")))?;
    let mut fields = Vec::new();
    for field in ty.get_fields().unwrap_or_default() {
        let Some(field_name) = field.get_name() else {
            continue;
        };
        let Some(field_ty) = field.get_type() else {
            continue;
        };
        let offset_bits = field
            .get_offset_of_field()
            .map_err(|e| Error::Api(format!("`{name}.{field_name}`: {e}")))?;
        let canonical_field = field_ty.get_canonical_type();
        let (array_len, array_element) = match canonical_field.get_kind() {
            TypeKind::ConstantArray => (
                canonical_field.get_size().map(|n| n as u64),
                canonical_field
                    .get_element_type()
                    .map(|e| abi::host_type(&e)),
            ),
            _ => (None, None),
        };
        fields.push(FieldLayout {
            host_type: abi::host_type(&field_ty),
            array_len,
            array_element,
            c_type: field_ty.get_display_name(),
            canonical_type: canonical_field.get_display_name(),
            size: field_ty.get_sizeof().unwrap_or(0) as u64,
            bit_width: field.get_bit_field_width().map(|w| w as u32),
            is_pointer: field_ty.get_canonical_type().get_kind() == TypeKind::Pointer,
            offset_bits: offset_bits as u64,
            name: field_name,
        });
    }
    Ok(StructLayout {
        name: name.to_string(),
        is_union,
        canonical: ty.get_display_name(),
        size: size as u64,
        align: align as u64,
        fields,
    })
}

/// Check that every function of `api` is among a module's `exports` with exactly the wasm signature
/// its C declaration has on wasm32. A header that does not match its module fails here, at
/// build time, naming each function and both signatures.
pub fn check_exports(
    library: &str,
    api: &Api,
    exports: &HashMap<String, WasmSignature>,
) -> Result<(), Error> {
    let mut problems = Vec::new();
    for function in &api.functions {
        let expected: WasmSignature = (function.params.clone(), function.results.clone());
        match exports.get(&function.name) {
            None => problems.push(format!("`{}` is not exported by the module", function.name)),
            Some(actual) if *actual != expected => problems.push(format!(
                "`{}` is `{}` in the header, i.e. {} on wasm32, but the module exports {}",
                function.name,
                function.c_type,
                describe(&expected),
                describe(actual)
            )),
            Some(_) => {}
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::Api(format!(
            "`{library}`: header and module disagree: {}",
            problems.join("; ")
        )))
    }
}

fn describe((params, results): &WasmSignature) -> String {
    let list = |v: &[WasmType]| {
        v.iter()
            .map(|t| t.to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };
    format!("({}) -> ({})", list(params), list(results))
}
