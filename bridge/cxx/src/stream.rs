//! Progressive PNG decoding for C++: `cordon::PngStream` (libpng's progressive reader in a
//! sandbox of its own), the `cordon-png` crate's stream behind the same error model.

use crate::error::Failure;
use crate::ffi::{ImageInfo, Limits};

/// A PNG decode fed in pieces (the C++ `cordon::PngStream`); empty once finished or failed.
pub struct PngStream(Option<cordon::png::PngStream<'static>>);

/// A stream with `limits`, ready for the file's first bytes.
pub fn new_png_stream(limits: &Limits) -> Result<Box<PngStream>, Failure> {
    let stream = cordon::png::PngStream::new(crate::high::limits(limits))?;
    Ok(Box::new(PngStream(Some(stream))))
}

/// The stream's misuse, as libpng's own complaints are reported: `InvalidImage`.
fn invalid(message: &str) -> Failure {
    Failure::from(cordon::Error::Invalid {
        format: cordon::Format::Png,
        message: message.into(),
    })
}

/// The stream was finished, or ended by an error.
fn ended() -> Failure {
    invalid("stream ended")
}

impl PngStream {
    /// Feed the next bytes of the file; an error ends the stream.
    pub fn push(&mut self, bytes: &[u8]) -> Result<(), Failure> {
        let stream = self.0.as_mut().ok_or_else(ended)?;
        stream.push(bytes).map_err(|error| {
            self.0 = None;
            Failure::from(error)
        })
    }

    /// Whether libpng has seen (and the limits accepted) the header.
    pub fn has_info(&self) -> bool {
        self.0.as_ref().is_some_and(|s| s.info().is_some())
    }

    /// The header, once seen.
    pub fn stream_info(&self) -> Result<ImageInfo, Failure> {
        let stream = self.0.as_ref().ok_or_else(ended)?;
        let info = stream
            .info()
            .ok_or_else(|| invalid("the header has not arrived yet"))?;
        Ok(crate::high::image_info(info.into()))
    }

    /// After the whole file was pushed: the image, RGBA8. Ends the stream.
    pub fn finish(&mut self) -> Result<crate::ffi::Image, Failure> {
        let stream = self.0.take().ok_or_else(ended)?;
        Ok(crate::high::image(stream.finish()?))
    }
}
