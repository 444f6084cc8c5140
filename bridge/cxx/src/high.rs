//! `cordon::decode`, `cordon::info` and `cordon::Decoder` for C++: the facade's, so every
//! format the facade decodes is here too.

use std::time::Duration;

use crate::error::{format, Failure};
use crate::ffi::{Animation, Frame, Image, ImageInfo, Limits, PixelFormat};

pub(crate) fn image(image: cordon::Image) -> Image {
    Image {
        width: image.width,
        height: image.height,
        pixel_format: match image.format {
            cordon::PixelFormat::Rgba8 => PixelFormat::Rgba8,
            cordon::PixelFormat::Rgba16 => PixelFormat::Rgba16,
        },
        pixels: image.pixels,
    }
}

fn frames(animation: cordon::Animation) -> Animation {
    Animation {
        width: animation.width,
        height: animation.height,
        frames: animation
            .frames
            .into_iter()
            .map(|frame| Frame {
                image: image(frame.image),
                delay_ms: u32::try_from(frame.delay.as_millis()).unwrap_or(u32::MAX),
            })
            .collect(),
        plays: animation.loops.unwrap_or(0),
    }
}

pub(crate) fn image_info(info: cordon::ImageInfo) -> ImageInfo {
    ImageInfo {
        format: format(info.format),
        width: info.width,
        height: info.height,
        bit_depth: info.bit_depth,
        has_alpha: info.has_alpha,
        orientation: info.orientation.unwrap_or(0),
        frames: info.frames.unwrap_or(0),
    }
}

/// The default limits, as the C++ `cordon::Limits{}` starts from.
pub fn default_limits() -> Limits {
    let limits = cordon::Limits::default();
    Limits {
        max_width: limits.max_width,
        max_height: limits.max_height,
        max_pixels: limits.max_pixels,
        max_frames: limits.max_frames,
        max_animation_pixels: limits.max_animation_pixels,
        max_input_bytes: limits.max_input_bytes as u64,
        max_memory_bytes: limits.sandbox.max_memory as u64,
        deadline_ms: u64::try_from(limits.sandbox.deadline.as_millis()).unwrap_or(u64::MAX),
    }
}

pub(crate) fn limits(limits: &Limits) -> cordon::Limits {
    let mut out = cordon::Limits {
        max_width: limits.max_width,
        max_height: limits.max_height,
        max_pixels: limits.max_pixels,
        max_frames: limits.max_frames,
        max_animation_pixels: limits.max_animation_pixels,
        max_input_bytes: usize::try_from(limits.max_input_bytes).unwrap_or(usize::MAX),
        ..cordon::Limits::default()
    };
    out.sandbox.max_memory = usize::try_from(limits.max_memory_bytes).unwrap_or(usize::MAX);
    out.sandbox.deadline = Duration::from_millis(limits.deadline_ms);
    out
}

/// Decode any supported format with default limits in this thread's sandboxes.
pub fn decode(bytes: &[u8]) -> Result<Image, Failure> {
    Ok(image(cordon::decode(bytes)?))
}

/// Read any supported format's header in this thread's sandboxes.
pub fn info(bytes: &[u8]) -> Result<ImageInfo, Failure> {
    Ok(image_info(cordon::info(bytes)?))
}

/// Decode every frame in this thread's sandboxes.
pub fn animation(bytes: &[u8]) -> Result<Animation, Failure> {
    Ok(frames(cordon::animation(bytes)?))
}

/// A `cordon::Decoder` (one sandbox per format, reused; limits of its own).
pub struct Decoder(cordon::Decoder);

/// A decoder with `limits` (the C++ `cordon::Decoder` constructor).
pub fn new_decoder(limits: &Limits) -> Result<Box<Decoder>, Failure> {
    Ok(Box::new(Decoder(cordon::Decoder::with_limits(
        self::limits(limits),
    ))))
}

impl Decoder {
    /// Decode to RGBA8.
    pub fn decode(&mut self, bytes: &[u8]) -> Result<Image, Failure> {
        Ok(image(self.0.decode(bytes)?))
    }

    /// Decode to RGBA8 at a reduced size that still covers `width` x `height` (JPEG).
    pub fn decode_at_least(
        &mut self,
        bytes: &[u8],
        width: u32,
        height: u32,
    ) -> Result<Image, Failure> {
        Ok(image(self.0.decode_at_least(bytes, width, height)?))
    }

    /// Read the header.
    pub fn info(&mut self, bytes: &[u8]) -> Result<ImageInfo, Failure> {
        Ok(image_info(self.0.info(bytes)?))
    }

    /// Every frame (a still image is one).
    pub fn animation(&mut self, bytes: &[u8]) -> Result<Animation, Failure> {
        Ok(frames(self.0.animation(bytes)?))
    }

    /// Faults contained so far.
    pub fn faults(&mut self) -> u64 {
        self.0.faults()
    }
}
