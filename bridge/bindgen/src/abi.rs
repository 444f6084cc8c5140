//! The wasm32 C ABI as clang 22 implements it: which wasm value types a C signature becomes.
//!
//! Integers of 1, 2 or 4 bytes (including `long`, `size_t`, enums) and all pointers are `i32`;
//! 8-byte integers are `i64`; `float`/`double` are `f32`/`f64`; `long double` and `__int128`
//! are two `i64`s. A struct that flattens to exactly one scalar travels as that scalar; any other
//! struct or union is passed by address (`i32`) and returned through a hidden first `i32`
//! parameter. A variadic function takes one extra `i32` (its argument buffer). These rules were
//! checked against the exports of real clang-22 modules (zlib and test files).

use clang::{Type, TypeKind};

/// A wasm value type in a function signature.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WasmType {
    /// 32-bit integer (also every pointer on wasm32).
    I32,
    /// 64-bit integer.
    I64,
    /// 32-bit float.
    F32,
    /// 64-bit float.
    F64,
}

impl std::fmt::Display for WasmType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            WasmType::I32 => "i32",
            WasmType::I64 => "i64",
            WasmType::F32 => "f32",
            WasmType::F64 => "f64",
        })
    }
}

/// The wasm values a scalar C type occupies, or `None` for aggregates and `void`.
fn scalar(ty: &Type) -> Option<Vec<WasmType>> {
    let ty = ty.get_canonical_type();
    Some(match ty.get_kind() {
        TypeKind::Pointer | TypeKind::BlockPointer => vec![WasmType::I32],
        TypeKind::Float => vec![WasmType::F32],
        TypeKind::Double => vec![WasmType::F64],
        TypeKind::LongDouble | TypeKind::Int128 | TypeKind::UInt128 => {
            vec![WasmType::I64, WasmType::I64]
        }
        TypeKind::Enum => {
            let underlying = ty.get_declaration()?.get_enum_underlying_type()?;
            return scalar(&underlying);
        }
        TypeKind::Record | TypeKind::ConstantArray | TypeKind::Void => return None,
        _ => match ty.get_sizeof().ok()? {
            1 | 2 | 4 => vec![WasmType::I32],
            8 => vec![WasmType::I64],
            _ => return None,
        },
    })
}

/// The one scalar a struct or union flattens to, if it has exactly one non-empty member, as
/// clang's `isSingleElementStruct` decides: empty members (zero-sized, unnamed bitfields) are
/// skipped, a one-element array counts as its element, and padding beyond the element (an
/// over-aligned `struct { short s; }`) disqualifies it.
fn single_element<'a>(ty: &Type<'a>) -> Option<Type<'a>> {
    let ty = ty.get_canonical_type();
    let found = match ty.get_kind() {
        TypeKind::Record => {
            let mut found = None;
            for field in ty.get_fields()? {
                let field_ty = field.get_type()?.get_canonical_type();
                let unnamed_bitfield = field.is_bit_field() && field.get_name().is_none();
                if unnamed_bitfield || field_ty.get_sizeof().ok()? == 0 {
                    continue;
                }
                if found.is_some() {
                    return None;
                }
                found = Some(single_element(&field_ty)?);
            }
            found?
        }
        TypeKind::ConstantArray if ty.get_size() == Some(1) => {
            single_element(&ty.get_element_type()?)?
        }
        TypeKind::ConstantArray => return None,
        _ => return Some(ty),
    };
    (found.get_sizeof().ok()? == ty.get_sizeof().ok()?).then_some(found)
}

/// A by-value aggregate as a single wasm value, when it flattens to one.
fn aggregate_as_scalar(ty: &Type) -> Option<WasmType> {
    match single_element(ty).and_then(|s| scalar(&s)).as_deref() {
        Some([one]) => Some(*one),
        _ => None,
    }
}

/// The wasm parameters and results of a C function type, or a description of what could not
/// be mapped.
pub(crate) fn wasm_signature(function: &Type) -> Result<super::WasmSignature, String> {
    let mut params = Vec::new();
    let mut results = Vec::new();
    let result = function
        .get_result_type()
        .ok_or("no result type")?
        .get_canonical_type();
    match result.get_kind() {
        TypeKind::Void => {}
        TypeKind::Record | TypeKind::ConstantArray => match aggregate_as_scalar(&result) {
            Some(v) => results.push(v),
            None => params.push(WasmType::I32), // returned through a hidden pointer
        },
        _ => match scalar(&result).as_deref() {
            Some([one]) => results.push(*one),
            Some(_) => params.push(WasmType::I32),
            None => return Err(format!("result type `{}`", result.get_display_name())),
        },
    }
    for arg in function.get_argument_types().ok_or("no argument types")? {
        let arg = arg.get_canonical_type();
        match arg.get_kind() {
            TypeKind::Record => match aggregate_as_scalar(&arg) {
                Some(v) => params.push(v),
                None => params.push(WasmType::I32), // copied by the caller, passed by address
            },
            _ => params.extend(
                scalar(&arg)
                    .ok_or_else(|| format!("parameter type `{}`", arg.get_display_name()))?,
            ),
        }
    }
    if function.is_variadic() {
        params.push(WasmType::I32);
    }
    Ok((params, results))
}

/// How a C type looks to the host in generated bindings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HostType {
    /// `void` (results only).
    Void,
    /// An integer (also `_Bool`, `char` and enums) of `bytes` bytes.
    Int {
        /// Size in bytes on wasm32.
        bytes: u8,
        /// Whether it is signed.
        signed: bool,
    },
    /// `float` (4) or `double` (8).
    Float {
        /// Size in bytes.
        bytes: u8,
    },
    /// An enum: an integer of `bytes` bytes, `canonical` naming the enum type (e.g.
    /// `enum FT_Render_Mode_`) so a listed enum becomes a typed Rust enum.
    Enum {
        /// Canonical spelling of the enum type.
        canonical: String,
        /// Size in bytes of its underlying integer.
        bytes: u8,
        /// Whether the underlying integer is signed.
        signed: bool,
    },
    /// A struct or union passed or returned by value.
    Record {
        /// Canonical spelling (`struct FT_Vector_`, `union u`).
        canonical: String,
        /// The one wasm value it travels as when it flattens to a single scalar; `None` when it
        /// goes by address (arguments) or through a hidden result pointer (results).
        passed_as: Option<WasmType>,
    },
    /// A guest pointer. `pointee` is the C type it points to, canonical (e.g. `unsigned char`,
    /// `struct z_stream_s`), for the generator to map to a Rust type.
    Pointer {
        /// Canonical spelling of the pointee type.
        pointee: String,
        /// When the pointee is itself a pointer (`FT_Face *` is `struct FT_FaceRec_ **`): the
        /// canonical spelling of what that one points to.
        pointee_pointer: Option<String>,
        /// Size of the pointee in bytes, when it has one (not `void`, not a function).
        pointee_size: Option<u64>,
        /// The pointee's own host type when it is a scalar.
        pointee_scalar: Option<Box<HostType>>,
        /// Whether this is a function pointer (a function-table index on wasm32).
        to_function: bool,
    },
    /// An array, or something else the generator does not map.
    Aggregate,
}

impl HostType {
    /// The Rust type of a scalar (`i32`, `u8`, `f64`...), `None` for pointers and aggregates.
    pub fn rust_scalar(&self) -> Option<&'static str> {
        Some(match self {
            HostType::Int {
                bytes: 1,
                signed: true,
            } => "i8",
            HostType::Int {
                bytes: 1,
                signed: false,
            } => "u8",
            HostType::Int {
                bytes: 2,
                signed: true,
            } => "i16",
            HostType::Int {
                bytes: 2,
                signed: false,
            } => "u16",
            HostType::Int {
                bytes: 4,
                signed: true,
            } => "i32",
            HostType::Int {
                bytes: 4,
                signed: false,
            } => "u32",
            HostType::Int {
                bytes: 8,
                signed: true,
            } => "i64",
            HostType::Int {
                bytes: 8,
                signed: false,
            } => "u64",
            HostType::Float { bytes: 4 } => "f32",
            HostType::Float { bytes: 8 } => "f64",
            HostType::Enum { bytes, signed, .. } => {
                return HostType::Int {
                    bytes: *bytes,
                    signed: *signed,
                }
                .rust_scalar()
            }
            _ => return None,
        })
    }
}

/// Classify a C type for the host.
pub(crate) fn host_type(ty: &Type) -> HostType {
    let ty = ty.get_canonical_type();
    let int = |signed| match ty.get_sizeof() {
        Ok(bytes @ (1 | 2 | 4 | 8)) => HostType::Int {
            bytes: bytes as u8,
            signed,
        },
        _ => HostType::Aggregate,
    };
    match ty.get_kind() {
        TypeKind::Void => HostType::Void,
        TypeKind::Bool
        | TypeKind::CharU
        | TypeKind::UChar
        | TypeKind::UShort
        | TypeKind::UInt
        | TypeKind::ULong
        | TypeKind::ULongLong => int(false),
        TypeKind::CharS
        | TypeKind::SChar
        | TypeKind::Short
        | TypeKind::Int
        | TypeKind::Long
        | TypeKind::LongLong => int(true),
        TypeKind::Enum => match ty
            .get_declaration()
            .and_then(|d| d.get_enum_underlying_type())
            .map(|u| host_type(&u))
        {
            Some(HostType::Int { bytes, signed }) => HostType::Enum {
                canonical: ty.get_display_name(),
                bytes,
                signed,
            },
            _ => HostType::Aggregate,
        },
        TypeKind::Record => HostType::Record {
            canonical: ty.get_display_name(),
            passed_as: aggregate_as_scalar(&ty),
        },
        TypeKind::Float => HostType::Float { bytes: 4 },
        TypeKind::Double => HostType::Float { bytes: 8 },
        TypeKind::Pointer => {
            let pointee = ty.get_pointee_type().map(|p| p.get_canonical_type());
            match pointee {
                Some(p) => {
                    let scalar = match host_type(&p) {
                        s @ (HostType::Int { .. }
                        | HostType::Float { .. }
                        | HostType::Enum { .. }) => Some(Box::new(s)),
                        _ => None,
                    };
                    let pointee_pointer = (p.get_kind() == TypeKind::Pointer)
                        .then(|| p.get_pointee_type())
                        .flatten()
                        .map(|pp| pp.get_canonical_type().get_display_name());
                    HostType::Pointer {
                        pointee: p.get_display_name(),
                        pointee_pointer,
                        pointee_size: p.get_sizeof().ok().map(|s| s as u64),
                        pointee_scalar: scalar,
                        to_function: matches!(
                            p.get_kind(),
                            TypeKind::FunctionPrototype | TypeKind::FunctionNoPrototype
                        ),
                    }
                }
                None => HostType::Aggregate,
            }
        }
        _ => HostType::Aggregate,
    }
}
