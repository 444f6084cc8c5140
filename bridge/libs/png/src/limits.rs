//! Limits that protect the host from decompression bombs and oversized images.

use cordon_sandbox::Limits;

use crate::error::PngError;

/// Limits on the images a [`crate::PngDecoder`] accepts, checked against the verified header
/// before any pixel buffer is allocated, plus the sandbox's own limits.
///
/// ```
/// use cordon_png::PngLimits;
/// let thumbnails = PngLimits { max_pixels: 16 << 20, ..PngLimits::default() };
/// assert!(thumbnails.max_pixels < PngLimits::default().max_pixels);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PngLimits {
    /// Widest image accepted (default 32768).
    pub max_width: u32,
    /// Tallest image accepted (default 32768).
    pub max_height: u32,
    /// Most pixels accepted, `width * height` (default 64 Mi pixels = 256 MiB of RGBA8).
    pub max_pixels: u64,
    /// Memory cap and per-call deadline of the sandbox itself.
    pub sandbox: Limits,
}

impl Default for PngLimits {
    fn default() -> Self {
        PngLimits {
            max_width: 32_768,
            max_height: 32_768,
            max_pixels: 64 << 20,
            sandbox: Limits::default(),
        }
    }
}

impl PngLimits {
    /// Refuse an image the limits do not allow.
    pub(crate) fn check(&self, width: u32, height: u32) -> Result<(), PngError> {
        let pixels = u64::from(width) * u64::from(height);
        let reason = if width > self.max_width {
            format!("width exceeds {}", self.max_width)
        } else if height > self.max_height {
            format!("height exceeds {}", self.max_height)
        } else if pixels > self.max_pixels {
            format!("{pixels} pixels exceed {}", self.max_pixels)
        } else if pixels * 4 > self.sandbox.max_memory as u64 {
            format!(
                "its RGBA8 buffer would not fit the sandbox's {}-byte memory cap",
                self.sandbox.max_memory
            )
        } else {
            return Ok(());
        };
        Err(PngError::TooLarge {
            width,
            height,
            reason,
        })
    }
}
