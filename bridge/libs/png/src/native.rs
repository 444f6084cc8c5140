//! The native baseline: the same vendored libpng, zlib and glue compiled with the host's C
//! compiler and called directly, with no sandbox. For byte-for-byte comparisons and benchmarks
//! only; never use it on untrusted input.

use std::os::raw::c_void;

use crate::error::PngError;
use crate::header::{self, HEADER_SIZE};
use crate::image::{Image, PngInfo};
use crate::limits::PngLimits;

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
    fn header(&self) -> [u8; HEADER_SIZE] {
        let mut copy = [0u8; HEADER_SIZE];
        // SAFETY: a non-null decoder starts with `struct cordon_png_header`, HEADER_SIZE bytes
        // of 32-bit fields and a char array (same layout natively as in wasm32).
        unsafe {
            std::ptr::copy_nonoverlapping(self.0 as *const u8, copy.as_mut_ptr(), HEADER_SIZE)
        };
        copy
    }
}

fn begin(png: &[u8], limits: &PngLimits) -> Result<(Decoder, header::Header), PngError> {
    header::check_declared_size(png, limits)?;
    // SAFETY: `png` outlives the decoder (it is only used inside `info`/`decode` below).
    let raw = unsafe { cordon_png_begin(png.as_ptr(), png.len()) };
    if raw.is_null() {
        return Err(PngError::OutOfMemory("no memory for the decoder".into()));
    }
    let decoder = Decoder(raw);
    let header = header::verify(&decoder.header(), limits)?;
    Ok((decoder, header))
}

/// Read the header natively.
pub fn info(png: &[u8], limits: &PngLimits) -> Result<PngInfo, PngError> {
    begin(png, limits).map(|(_, header)| header.info)
}

/// Decode natively to RGBA8, through the same glue and checks as the sandboxed decoder.
pub fn decode(png: &[u8], limits: &PngLimits) -> Result<Image, PngError> {
    let (decoder, header) = begin(png, limits)?;
    let mut pixels = vec![0u8; header.output_len];
    // SAFETY: `pixels` holds height rows of `stride` bytes, and the verified header guarantees
    // libpng's output rows are exactly `stride` bytes.
    let status = unsafe { cordon_png_decode(decoder.0, pixels.as_mut_ptr(), header.stride) };
    let copy = decoder.header();
    header::check_status(status, &copy)?;
    header::verify_rowbytes(&copy, header.stride)?;
    Ok(Image {
        width: header.info.width,
        height: header.info.height,
        pixels,
    })
}
