//! The `image` crate, decoding in Cordon's sandboxes: after [`register`], `image::open`,
//! `image::load_from_memory` and `ImageReader::with_guessed_format` decode PNG, JPEG, GIF and
//! WebP with the sandboxed libpng, libjpeg-turbo, giflib and libwebp (image 0.25.8's decoding and format-detection
//! hooks; detection hooks are consulted before image's own signatures, and `image::open`
//! looks hooks up by the file's extension). `ImageReader::with_format` and
//! `load_from_memory_with_format` name a built-in format and so bypass hooks.
//!
//! ```
//! cordon::image_hooks::register();
//! let path = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/images/plasma-512.png");
//! let image = image::open(path).unwrap(); // decoded by libpng in a sandbox
//! assert_eq!((image.width(), image.height()), (512, 512));
//! ```
//!
//! An animation's first frame is what `image::open` gives; [`SandboxedAnimation`] is an
//! [`image::AnimationDecoder`] for all of them:
//!
//! ```
//! use image::AnimationDecoder;
//! let gif = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/images/spinner-48.gif")).unwrap();
//! let frames = cordon::image_hooks::SandboxedAnimation::decode(&gif)?.into_frames().collect_frames()?;
//! assert_eq!(frames.len(), 8);
//! assert_eq!(frames[0].buffer().dimensions(), (48, 48));
//! # Ok::<(), image::ImageError>(())
//! ```
//!
//! Errors come back as `image::ImageError::Decoding` whose source is the [`crate::Error`]
//! (a fault keeps its [`cordon_sandbox::Fault`]), or `ImageError::Limits` for images over the
//! limits.

use std::cell::RefCell;
use std::ffi::OsString;
use std::io::Read;
use std::sync::RwLock;

use image::error::{DecodingError, ImageFormatHint, LimitError, LimitErrorKind};
use image::metadata::Orientation;
use image::{
    AnimationDecoder, ColorType, Delay, ImageDecoder, ImageError, ImageFormat, ImageResult,
    RgbaImage,
};

use crate::{Animation, Decoder, Error, Format, Image, Limits};

static LIMITS: RwLock<Option<Limits>> = RwLock::new(None);

thread_local! {
    static DECODER: RefCell<Option<Decoder>> = const { RefCell::new(None) };
}

/// Register Cordon's PNG, JPEG, GIF and WebP decoders with the `image` crate (idempotent: returns
/// whether this call registered them).
pub fn register() -> bool {
    let formats: [(Format, &[&str]); 4] = [
        (Format::Png, &["png"]),
        (Format::Jpeg, &["jpg", "jpeg", "jpe", "jfif"]),
        (Format::Gif, &["gif"]),
        (Format::WebP, &["webp"]),
    ];
    let mut any = false;
    for (format, extensions) in formats {
        for (i, ext) in extensions.iter().enumerate() {
            let fresh = image::hooks::register_decoding_hook(
                OsString::from(ext),
                Box::new(|reader| {
                    // No more than the input limit (one byte over is refused by the decode).
                    let max = current_limits().input_limit() as u64;
                    let mut bytes = Vec::new();
                    reader
                        .take(max + 1)
                        .read_to_end(&mut bytes)
                        .map_err(ImageError::IoError)?;
                    Ok(Box::new(SandboxedDecoder::decode(&bytes)?))
                }),
            );
            // Content sniffing names the format's first extension, once per signature.
            if fresh && i == 0 {
                for signature in crate::SIGNATURES.iter().filter(|s| s.format == format) {
                    let mask = (!signature.mask.is_empty()).then_some(signature.mask);
                    image::hooks::register_format_detection_hook(
                        OsString::from(ext),
                        signature.bytes,
                        mask,
                    );
                }
            }
            any |= fresh;
        }
    }
    any
}

/// The limits hooked decodes use from now on, in every thread (default: [`Limits::default`]).
pub fn set_limits(limits: Limits) {
    *LIMITS.write().unwrap_or_else(|e| e.into_inner()) = Some(limits);
}

fn current_limits() -> Limits {
    LIMITS
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .unwrap_or_default()
}

fn with_decoder<T>(f: impl FnOnce(&mut Decoder) -> T) -> T {
    let limits = current_limits();
    DECODER.with(|cell| {
        let mut slot = cell.borrow_mut();
        if slot.as_ref().is_none_or(|d| d.limits() != limits) {
            *slot = Some(Decoder::with_limits(limits));
        }
        f(slot.as_mut().expect("just set"))
    })
}

/// An image Cordon decoded in a sandbox, handed to the `image` crate as an [`ImageDecoder`].
#[derive(Debug)]
pub struct SandboxedDecoder {
    image: Image,
    orientation: Option<u8>,
}

impl SandboxedDecoder {
    /// Decode `bytes` (any format Cordon supports) in this thread's sandboxes.
    pub fn decode(bytes: &[u8]) -> ImageResult<SandboxedDecoder> {
        let hint = hint(bytes);
        with_decoder(|d| {
            let info = d.info(bytes)?;
            let image = d.decode(bytes)?;
            Ok(SandboxedDecoder {
                image,
                orientation: info.orientation,
            })
        })
        .map_err(|e| image_error(hint, e))
    }
}

fn hint(bytes: &[u8]) -> ImageFormatHint {
    match crate::sniff(bytes) {
        Some(Format::Png) => ImageFormatHint::Exact(ImageFormat::Png),
        Some(Format::Jpeg) => ImageFormatHint::Exact(ImageFormat::Jpeg),
        Some(Format::Gif) => ImageFormatHint::Exact(ImageFormat::Gif),
        Some(Format::WebP) => ImageFormatHint::Exact(ImageFormat::WebP),
        _ => ImageFormatHint::Unknown,
    }
}

/// All frames of an image Cordon decoded in a sandbox (an animation's, or a still image's
/// one), handed to the `image` crate as an [`AnimationDecoder`].
#[derive(Debug)]
pub struct SandboxedAnimation {
    animation: Animation,
}

impl SandboxedAnimation {
    /// Decode every frame of `bytes` in this thread's sandboxes, under the hooks' limits.
    pub fn decode(bytes: &[u8]) -> ImageResult<SandboxedAnimation> {
        with_decoder(|d| d.animation(bytes))
            .map(|animation| SandboxedAnimation { animation })
            .map_err(|e| image_error(hint(bytes), e))
    }

    /// How many times the animation plays in all (`None`: forever).
    pub fn loops(&self) -> Option<u32> {
        self.animation.loops
    }
}

impl<'a> AnimationDecoder<'a> for SandboxedAnimation {
    fn into_frames(self) -> image::Frames<'a> {
        let frames = self.animation.frames.into_iter().map(|frame| {
            let (width, height) = (frame.image.width, frame.image.height);
            let buffer = RgbaImage::from_raw(width, height, frame.image.pixels)
                .expect("a verified RGBA8 image has width * height * 4 bytes");
            let delay = Delay::from_saturating_duration(frame.delay);
            Ok(image::Frame::from_parts(buffer, 0, 0, delay))
        });
        image::Frames::new(Box::new(frames))
    }
}

/// Cordon's error as the `image` crate's, keeping it as the source.
fn image_error(hint: ImageFormatHint, error: Error) -> ImageError {
    match error {
        Error::TooLarge { .. } | Error::LimitExceeded(_) => {
            ImageError::Limits(LimitError::from_kind(LimitErrorKind::DimensionError))
        }
        other => ImageError::Decoding(DecodingError::new(hint, other)),
    }
}

impl ImageDecoder for SandboxedDecoder {
    fn dimensions(&self) -> (u32, u32) {
        (self.image.width, self.image.height)
    }

    fn color_type(&self) -> ColorType {
        ColorType::Rgba8
    }

    fn orientation(&mut self) -> ImageResult<Orientation> {
        Ok(self
            .orientation
            .and_then(Orientation::from_exif)
            .unwrap_or(Orientation::NoTransforms))
    }

    fn read_image(self, buf: &mut [u8]) -> ImageResult<()> {
        if buf.len() != self.image.pixels.len() {
            return Err(ImageError::Limits(LimitError::from_kind(
                LimitErrorKind::DimensionError,
            )));
        }
        buf.copy_from_slice(&self.image.pixels);
        Ok(())
    }

    fn read_image_boxed(self: Box<Self>, buf: &mut [u8]) -> ImageResult<()> {
        (*self).read_image(buf)
    }
}
