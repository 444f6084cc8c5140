//! # cordon-kit
//!
//! The host side every Cordon library bridge is built on, so that a new library is one small
//! folder: a `cordon.toml` manifest, optional guest glue, and a safe API of a few dozen lines
//! written with these pieces.
//!
//! - [`SharedLibrary`]: the library's precompiled module loaded once per process, with its
//!   generated bindings looked up once.
//! - [`GuestScope`]: the guest memory of one operation, freed on every path.
//! - Struct copy-out comes from the generator: every struct named in `[bindings]` is a plain
//!   Rust type that `Sandbox::read` copies out in one go (a `Tainted<S>`), its fields still
//!   to be verified; the constants of the glue header are generated too, so no offset, status
//!   code or flag is ever written again in Rust.
//! - [`library_text`]: a message from the library, escaped and capped.
//! - [`MemoryReader`]: the host's bytes served through a read callback, for libraries that
//!   pull their input (giflib, custom source managers).
//! - Common types: [`Image`], [`ImageInfo`], [`Frame`], [`Animation`], [`Limits`], and one
//!   [`Error`] whose variants a caller matches on.
//!
//! Bridges outside this repository use it the same way: depend on `cordon-kit` and
//! `cordon-sandbox`, build-depend on `cordon-build`, and write a `cordon.toml`.

mod error;
mod image;
mod limits;
mod reader;
mod scope;
mod shared;
mod text;

pub use error::{Error, Format, Limit};
pub use image::{Animation, Frame, Image, ImageInfo, PixelFormat};
pub use limits::Limits;
pub use reader::MemoryReader;
pub use scope::GuestScope;
pub use shared::{Loaded, SharedLibrary};
pub use text::library_text;
