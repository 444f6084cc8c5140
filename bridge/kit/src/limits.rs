//! Limits every decoder enforces before it allocates anything for an image.

use crate::error::{Error, Limit};

/// What a decoder accepts. Checked against verified header values before any pixel buffer
/// exists, plus the sandbox's own memory cap and deadline. The defaults are safe for
/// untrusted files.
///
/// ```
/// use cordon_kit::Limits;
/// let thumbnails = Limits { max_pixels: 16 << 20, ..Limits::default() };
/// assert!(thumbnails.check_size(4000, 4000).is_ok());
/// assert!(thumbnails.check_size(8000, 8000).is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Widest image accepted (default 32768).
    pub max_width: u32,
    /// Tallest image accepted (default 32768).
    pub max_height: u32,
    /// Most pixels accepted, `width * height` (default 64 Mi pixels = 256 MiB of RGBA8).
    pub max_pixels: u64,
    /// Most frames of an animation decoded (default 1,000).
    pub max_frames: u32,
    /// Most pixels of an animation's frames together, `frames * canvas width * height`
    /// (default 256 Mi pixels = 1 GiB of RGBA8 frames), so an animation of many large frames
    /// is stopped by a limit before the host holds them all.
    pub max_animation_pixels: u64,
    /// Largest input accepted, in bytes (default 256 MiB; never more than the sandbox holds).
    pub max_input_bytes: usize,
    /// Memory cap and per-call deadline of the sandbox itself.
    pub sandbox: cordon_sandbox::Limits,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_width: 32_768,
            max_height: 32_768,
            max_pixels: 64 << 20,
            max_frames: 1_000,
            max_animation_pixels: 256 << 20,
            max_input_bytes: 256 << 20,
            sandbox: cordon_sandbox::Limits::default(),
        }
    }
}

impl Limits {
    /// Refuse an image of `width` x `height` that the limits do not allow, including one whose
    /// RGBA8 pixels could not fit in the sandbox's memory: for bridges whose library writes
    /// the whole image into guest memory.
    pub fn check_size(&self, width: u32, height: u32) -> Result<(), Error> {
        self.check_dimensions(width, height)?;
        // Saturating: with the width and height limits raised to u32::MAX, the product of
        // two guest-reported sides times four would wrap.
        let bytes = (u64::from(width) * u64::from(height)).saturating_mul(4);
        if bytes > self.sandbox.max_memory as u64 {
            return Err(Error::TooLarge {
                width,
                height,
                limit: Limit::Memory(self.sandbox.max_memory),
            });
        }
        Ok(())
    }

    /// Refuse an image of `width` x `height` beyond the width, height or pixel limits, whatever
    /// the sandbox's memory: for bridges that take the output out in bands through a small
    /// guest buffer (they budget the memory the decode needs with [`Limits::check_memory`]).
    ///
    /// ```
    /// use cordon_kit::{Error, Limit, Limits};
    /// let mut limits = Limits::default();
    /// limits.sandbox.max_memory = 8 << 20;
    /// assert!(limits.check_dimensions(2048, 2048).is_ok()); // 16 MiB of RGBA8
    /// assert!(matches!(limits.check_size(2048, 2048),
    ///     Err(Error::TooLarge { limit: Limit::Memory(_), .. })));
    /// limits.max_pixels = 1 << 20;
    /// assert!(matches!(limits.check_dimensions(2048, 2048),
    ///     Err(Error::TooLarge { limit: Limit::Pixels(_), .. })));
    /// ```
    pub fn check_dimensions(&self, width: u32, height: u32) -> Result<(), Error> {
        let pixels = u64::from(width) * u64::from(height);
        let limit = if width > self.max_width {
            Limit::Width(self.max_width)
        } else if height > self.max_height {
            Limit::Height(self.max_height)
        } else if pixels > self.max_pixels {
            Limit::Pixels(self.max_pixels)
        } else {
            return Ok(());
        };
        Err(Error::TooLarge {
            width,
            height,
            limit,
        })
    }

    /// Refuse a `width` x `height` image whose decode needs `bytes` of sandbox memory in all
    /// (output, the library's own buffers, the input) when that exceeds the sandbox's memory
    /// cap: [`Error::TooLarge`] with [`Limit::Memory`], before anything is allocated. Each
    /// bridge estimates `bytes` from verified header values.
    ///
    /// ```
    /// use cordon_kit::{Error, Limit, Limits};
    /// let mut limits = Limits::default();
    /// limits.sandbox.max_memory = 64 << 20;
    /// assert!(limits.check_memory(1000, 1000, 8 << 20).is_ok());
    /// assert!(matches!(limits.check_memory(4000, 4000, 128 << 20),
    ///     Err(Error::TooLarge { limit: Limit::Memory(_), .. })));
    /// ```
    pub fn check_memory(&self, width: u32, height: u32, bytes: u64) -> Result<(), Error> {
        if bytes > self.sandbox.max_memory as u64 {
            Err(Error::TooLarge {
                width,
                height,
                limit: Limit::Memory(self.sandbox.max_memory),
            })
        } else {
            Ok(())
        }
    }

    /// The most input bytes accepted: [`Limits::max_input_bytes`], and less than the sandbox's
    /// memory and 4 GiB (the copy in has to fit the guest).
    ///
    /// ```
    /// let limits = cordon_kit::Limits { max_input_bytes: 1000, ..Default::default() };
    /// assert_eq!(limits.input_limit(), 1000);
    /// ```
    pub fn input_limit(&self) -> usize {
        self.max_input_bytes
            .min(self.sandbox.max_memory.saturating_sub(1))
            .min(u32::MAX as usize)
    }

    /// Refuse an input larger than [`Limits::max_input_bytes`], than the sandbox's memory
    /// cap, or than a 32-bit sandbox can address.
    pub fn check_input(&self, len: usize) -> Result<(), Error> {
        let max = self.input_limit();
        if len > max {
            Err(Error::LimitExceeded(Limit::InputBytes(max)))
        } else {
            Ok(())
        }
    }

    /// Refuse a frame beyond [`Limits::max_frames`] (`index` counts from 0).
    pub fn check_frame(&self, index: u32) -> Result<(), Error> {
        if index >= self.max_frames {
            Err(Error::LimitExceeded(Limit::Frames(self.max_frames)))
        } else {
            Ok(())
        }
    }

    /// Refuse frame `index` (from 0) of an animation whose canvas is `width` x `height`
    /// when it is beyond [`Limits::max_frames`] or would take the frames decoded so far past
    /// [`Limits::max_animation_pixels`]. Checked before the frame is decoded.
    ///
    /// ```
    /// use cordon_kit::{Error, Limit, Limits};
    /// let limits = Limits { max_frames: 10, max_animation_pixels: 1_000_000, ..Limits::default() };
    /// assert!(limits.check_animation(0, 500, 500).is_ok());
    /// assert_eq!(limits.check_animation(4, 500, 500), Err(Error::LimitExceeded(Limit::AnimationPixels(1_000_000))));
    /// assert_eq!(limits.check_animation(10, 1, 1), Err(Error::LimitExceeded(Limit::Frames(10))));
    /// ```
    pub fn check_animation(&self, index: u32, width: u32, height: u32) -> Result<(), Error> {
        self.check_frame(index)?;
        let total = (u64::from(index) + 1).saturating_mul(u64::from(width) * u64::from(height));
        if total > self.max_animation_pixels {
            Err(Error::LimitExceeded(Limit::AnimationPixels(
                self.max_animation_pixels,
            )))
        } else {
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Limits as high as they go: only the arithmetic stands between a guest's sizes and a
    /// wrapped product.
    fn unlimited() -> Limits {
        Limits {
            max_width: u32::MAX,
            max_height: u32::MAX,
            max_pixels: u64::MAX,
            max_frames: u32::MAX,
            max_animation_pixels: u64::MAX - 1,
            max_input_bytes: usize::MAX,
            sandbox: cordon_sandbox::Limits {
                max_memory: 1 << 32,
                ..Default::default()
            },
        }
    }

    #[test]
    fn sizes_at_the_top_of_the_range_do_not_wrap_past_the_checks() {
        let limits = unlimited();
        // 2^31 x 2^31 x 4 bytes is 2^64: wrapped, it was 0 and passed.
        assert!(matches!(
            limits.check_size(1 << 31, 1 << 31),
            Err(Error::TooLarge { .. })
        ));
        assert!(limits.check_size(u32::MAX, u32::MAX).is_err());
        assert_eq!(
            limits.check_animation(u32::MAX - 1, u32::MAX, u32::MAX),
            Err(Error::LimitExceeded(Limit::AnimationPixels(u64::MAX - 1)))
        );
    }
}
