//! The native backend: the same libjpeg-turbo and glue compiled natively and called directly,
//! with the same checks as the sandboxed decoder. For comparisons, benchmarks and measuring
//! the cost of isolation; never for untrusted input.

use std::os::raw::c_void;

use cordon_kit::{Error, Format, Limits};
use cordon_sandbox::{GuestStruct, GuestValue};

use crate::bindings::cordon_jpeg_header;
use crate::header::{self, Header};
use crate::{Decoded, JpegInfo, Scale};

extern "C" {
    fn cordon_jpeg_begin(data: *const u8, len: usize, scale_denom: u32) -> *mut c_void;
    fn cordon_jpeg_decode(decoder: *mut c_void, out: *mut u8, stride: u32) -> u32;
    fn cordon_jpeg_end(decoder: *mut c_void);
}

struct Decoder(*mut c_void);

impl Drop for Decoder {
    fn drop(&mut self) {
        // SAFETY: the pointer came from cordon_jpeg_begin and is ended exactly once.
        unsafe { cordon_jpeg_end(self.0) }
    }
}

impl Decoder {
    fn header(&self) -> cordon_jpeg_header {
        let mut bytes = [0u8; <cordon_jpeg_header as GuestStruct>::SIZE];
        // SAFETY: a non-null decoder starts with `struct cordon_jpeg_header`, whose fields are
        // all uint32_t and char arrays: the same layout natively as on wasm32.
        unsafe {
            std::ptr::copy_nonoverlapping(self.0 as *const u8, bytes.as_mut_ptr(), bytes.len())
        };
        cordon_jpeg_header::from_guest_bytes(&bytes)
    }
}

fn begin(jpeg: &[u8], limits: &Limits, scale: Scale) -> Result<(Decoder, Header), Error> {
    limits.check_input(jpeg.len())?;
    // SAFETY: `jpeg` outlives the decoder, which is dropped before this module returns.
    let raw = unsafe { cordon_jpeg_begin(jpeg.as_ptr(), jpeg.len(), scale.denominator()) };
    if raw.is_null() {
        return Err(Error::OutOfMemory {
            format: Format::Jpeg,
            message: "no memory for the decoder".into(),
        });
    }
    let decoder = Decoder(raw);
    let header = header::verify(&decoder.header(), limits, scale, jpeg.len())?;
    Ok((decoder, header))
}

/// Read the header natively.
pub fn info(jpeg: &[u8], limits: &Limits) -> Result<JpegInfo, Error> {
    begin(jpeg, limits, Scale::Full).map(|(_, header)| header.info)
}

/// Decode natively, through the same glue and checks as [`crate::JpegDecoder::decode_scaled`].
pub fn decode_scaled(jpeg: &[u8], limits: &Limits, scale: Scale) -> Result<Decoded, Error> {
    let (decoder, header) = begin(jpeg, limits, scale)?;
    let mut pixels = vec![0u8; header.output_len];
    // SAFETY: `pixels` holds out_height rows of `stride` bytes; the glue writes exactly that.
    let status = unsafe { cordon_jpeg_decode(decoder.0, pixels.as_mut_ptr(), header.stride) };
    header::finish(status, &decoder.header(), header, pixels)
}
