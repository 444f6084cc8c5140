//! The native backend: the same vendored libpng, zlib and glue compiled with the host's C
//! compiler and called directly, with no sandbox, behind the same checks as the sandboxed
//! decoder. For byte-for-byte comparisons, benchmarks and measuring the cost of isolation;
//! never use it on untrusted input.

use std::os::raw::c_void;

use cordon_kit::{Error, Format, Image, Limits};
use cordon_sandbox::{GuestStruct, GuestValue};

use crate::bindings::generated::cordon_png_header;
use crate::header;
use crate::image::PngInfo;

extern "C" {
    fn cordon_png_begin(data: *const u8, len: usize) -> *mut c_void;
    fn cordon_png_decode(decoder: *mut c_void, out: *mut u8, stride: u32) -> u32;
    fn cordon_png_end(decoder: *mut c_void);
}

/// A native decoder handle, ended on drop.
struct Decoder(*mut c_void);

impl Drop for Decoder {
    fn drop(&mut self) {
        // SAFETY: the pointer came from cordon_png_begin and is ended exactly once.
        unsafe { cordon_png_end(self.0) }
    }
}

impl Decoder {
    /// The header, decoded from its bytes exactly as the sandboxed decoder decodes its copy.
    fn header(&self) -> cordon_png_header {
        let mut bytes = [0u8; <cordon_png_header as GuestStruct>::SIZE];
        // SAFETY: a non-null decoder starts with `struct cordon_png_header`, whose fields are
        // all 32-bit integers and a char array: the same layout natively as on wasm32.
        unsafe {
            std::ptr::copy_nonoverlapping(self.0 as *const u8, bytes.as_mut_ptr(), bytes.len())
        };
        cordon_png_header::from_guest_bytes(&bytes)
    }
}

fn begin(png: &[u8], limits: &Limits) -> Result<(Decoder, header::Header), Error> {
    header::check_declared_size(png, limits)?;
    limits.check_input(png.len())?;
    // SAFETY: `png` outlives the decoder (it is only used inside `info`/`decode` below).
    let raw = unsafe { cordon_png_begin(png.as_ptr(), png.len()) };
    if raw.is_null() {
        return Err(Error::OutOfMemory {
            format: Format::Png,
            message: "no memory for the decoder".into(),
        });
    }
    let decoder = Decoder(raw);
    let header = header::verify(&decoder.header(), limits)?;
    Ok((decoder, header))
}

/// Read the header natively.
pub fn info(png: &[u8], limits: &Limits) -> Result<PngInfo, Error> {
    begin(png, limits).map(|(_, header)| header.info)
}

/// Decode natively to RGBA8, through the same glue and checks as the sandboxed decoder.
pub fn decode(png: &[u8], limits: &Limits) -> Result<Image, Error> {
    let (decoder, header) = begin(png, limits)?;
    let mut pixels = vec![0u8; header.output_len];
    // SAFETY: `pixels` holds height rows of `stride` bytes, and the verified header guarantees
    // libpng's output rows are exactly `stride` bytes.
    let status = unsafe { cordon_png_decode(decoder.0, pixels.as_mut_ptr(), header.stride) };
    let copy = decoder.header();
    header::check_status(status, &copy)?;
    header::verify_rowbytes(&copy, header.stride)?;
    Ok(Image::rgba8(header.info.width, header.info.height, pixels))
}
