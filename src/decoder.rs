//! One decoder for every format: sniffs, dispatches to the format's sandboxed library (or its
//! native build), keeps one sandbox per format and reuses it.

use std::fmt;

use cordon_gif::{GifDecoder, GifInfo};
use cordon_jpeg::{JpegDecoder, JpegInfo, Scale};
use cordon_kit::{Animation, Error, Format, Image, ImageInfo, Limits};
use cordon_png::{PngDecoder, PngInfo};
use cordon_webp::{WebpDecoder, WebpInfo};

use crate::frames::Frames;
use crate::sniff::sniff;

/// Where the C libraries run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Backend {
    /// In Cordon sandboxes (the point of Cordon).
    #[default]
    Sandboxed,
    /// The same C built natively and called directly: no isolation, for measuring what
    /// isolation costs and for migrating step by step. Never for untrusted input.
    #[cfg(feature = "native")]
    Native,
}

/// Format-specific header details.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Details {
    /// A PNG's header.
    Png(PngInfo),
    /// A JPEG's header.
    Jpeg(JpegInfo),
    /// A GIF's screen and frame count.
    Gif(GifInfo),
    /// A WebP's canvas, encoding and frame count.
    WebP(WebpInfo),
}

impl Details {
    /// The information common to every format.
    pub fn info(&self) -> ImageInfo {
        match *self {
            Details::Png(info) => info.into(),
            Details::Jpeg(info) => info.into(),
            Details::Gif(info) => info.into(),
            Details::WebP(info) => info.into(),
        }
    }
}

impl fmt::Display for Details {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Details::Png(info) => write!(f, "PNG {info}"),
            Details::Jpeg(info) => write!(f, "JPEG {info}"),
            Details::Gif(info) => write!(f, "GIF {info}"),
            Details::WebP(info) => write!(f, "WebP {info}"),
        }
    }
}

/// Decodes any format Cordon supports, with one [`Limits`] and one [`Error`] type. Each
/// format's sandbox is created on first use and reused; after a fault the next image gets a
/// fresh instance.
///
/// ```
/// let mut decoder = cordon::Decoder::new();
/// let png = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/images/palette-icon-32.png")).unwrap();
/// let image = decoder.decode(&png)?;
/// assert_eq!((image.width, image.height), (32, 32));
/// assert!(matches!(decoder.decode(b"BM not a format we have"), Err(cordon::Error::UnknownFormat { .. })));
/// # Ok::<(), cordon::Error>(())
/// ```
#[derive(Debug, Default)]
pub struct Decoder {
    limits: Limits,
    backend: Backend,
    png: Option<PngDecoder>,
    jpeg: Option<JpegDecoder>,
    gif: Option<GifDecoder>,
    webp: Option<WebpDecoder>,
}

impl Decoder {
    /// A sandboxed decoder with default limits.
    pub fn new() -> Decoder {
        Decoder::with_limits(Limits::default())
    }

    /// A sandboxed decoder with `limits`.
    pub fn with_limits(limits: Limits) -> Decoder {
        Decoder {
            limits,
            ..Decoder::default()
        }
    }

    /// A decoder on `backend` with `limits`.
    pub fn with_backend(backend: Backend, limits: Limits) -> Decoder {
        Decoder {
            limits,
            backend,
            ..Decoder::default()
        }
    }

    /// The limits in force.
    pub fn limits(&self) -> Limits {
        self.limits
    }

    /// Faults recovered from, over every format's sandbox.
    pub fn faults(&mut self) -> u64 {
        self.png.as_mut().map_or(0, |d| d.sandbox().faults())
            + self.jpeg.as_mut().map_or(0, |d| d.sandbox().faults())
            + self.gif.as_mut().map_or(0, |d| d.sandbox().faults())
            + self.webp.as_mut().map_or(0, |d| d.sandbox().faults())
    }

    /// The header information common to every format.
    pub fn info(&mut self, bytes: &[u8]) -> Result<ImageInfo, Error> {
        self.details(bytes).map(|d| d.info())
    }

    /// The format-specific header.
    pub fn details(&mut self, bytes: &[u8]) -> Result<Details, Error> {
        match (format_of(bytes)?, self.backend) {
            (Format::Png, Backend::Sandboxed) => self.png()?.info(bytes).map(Details::Png),
            (Format::Jpeg, Backend::Sandboxed) => self.jpeg()?.info(bytes).map(Details::Jpeg),
            (Format::Gif, Backend::Sandboxed) => self.gif()?.info(bytes).map(Details::Gif),
            (Format::WebP, Backend::Sandboxed) => self.webp()?.info(bytes).map(Details::WebP),
            #[cfg(feature = "native")]
            (Format::Png, Backend::Native) => {
                cordon_png::native::info(bytes, &self.limits).map(Details::Png)
            }
            #[cfg(feature = "native")]
            (Format::Jpeg, Backend::Native) => {
                cordon_jpeg::native::info(bytes, &self.limits).map(Details::Jpeg)
            }
            #[cfg(feature = "native")]
            (Format::Gif, Backend::Native) => {
                cordon_gif::native::info(bytes, &self.limits).map(Details::Gif)
            }
            #[cfg(feature = "native")]
            (Format::WebP, Backend::Native) => {
                cordon_webp::native::info(bytes, &self.limits).map(Details::WebP)
            }
            (format, _) => Err(unsupported(format)),
        }
    }

    /// Decode to 8-bit RGBA at full size (an animation's first frame).
    pub fn decode(&mut self, bytes: &[u8]) -> Result<Image, Error> {
        self.decode_at_least(bytes, u32::MAX, u32::MAX)
    }

    /// Decode to 8-bit RGBA, at least `width` x `height` pixels when the image is that large:
    /// formats that can decode at a reduced size (JPEG's 1/2, 1/4, 1/8 DCT scaling) do so,
    /// which makes thumbnails of large photos several times faster. Others decode at full size.
    pub fn decode_at_least(
        &mut self,
        bytes: &[u8],
        width: u32,
        height: u32,
    ) -> Result<Image, Error> {
        self.decode_covering(bytes, None, width, height)
    }

    /// [`Decoder::decode_at_least`] for an image whose full size the caller already read
    /// (`full`, from [`Decoder::info`]), so a scaling format's header is not read again.
    pub(crate) fn decode_covering(
        &mut self,
        bytes: &[u8],
        full: Option<(u32, u32)>,
        width: u32,
        height: u32,
    ) -> Result<Image, Error> {
        // The JPEG scale: full size when asked for everything, else the strongest that covers.
        let scale = |info: &mut dyn FnMut() -> Result<JpegInfo, Error>| -> Result<Scale, Error> {
            if width == u32::MAX {
                return Ok(Scale::Full);
            }
            let (w, h) = match full {
                Some(size) => size,
                None => info().map(|i| (i.width, i.height))?,
            };
            Ok(Scale::at_least(w, h, width, height))
        };
        match (format_of(bytes)?, self.backend) {
            (Format::Png, Backend::Sandboxed) => self.png()?.decode(bytes),
            (Format::Jpeg, Backend::Sandboxed) => {
                let jpeg = self.jpeg()?;
                let scale = scale(&mut || jpeg.info(bytes))?;
                jpeg.decode_scaled(bytes, scale).map(|d| d.image)
            }
            (Format::Gif, Backend::Sandboxed) => self.gif()?.decode(bytes),
            (Format::WebP, Backend::Sandboxed) => self.webp()?.decode(bytes),
            #[cfg(feature = "native")]
            (Format::Png, Backend::Native) => cordon_png::native::decode(bytes, &self.limits),
            #[cfg(feature = "native")]
            (Format::Gif, Backend::Native) => cordon_gif::native::decode(bytes, &self.limits),
            #[cfg(feature = "native")]
            (Format::WebP, Backend::Native) => cordon_webp::native::decode(bytes, &self.limits),
            #[cfg(feature = "native")]
            (Format::Jpeg, Backend::Native) => {
                let scale = scale(&mut || cordon_jpeg::native::info(bytes, &self.limits))?;
                cordon_jpeg::native::decode_scaled(bytes, &self.limits, scale).map(|d| d.image)
            }
            (format, _) => Err(unsupported(format)),
        }
    }

    /// The frames of an animation (GIF, WebP), decoded lazily, each composited onto the full canvas;
    /// a still image of any format is one frame. [`Limits::max_frames`] and
    /// [`Limits::max_animation_pixels`] are checked before each frame.
    ///
    /// ```
    /// let gif = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/images/spinner-48.gif")).unwrap();
    /// let mut decoder = cordon::Decoder::new();
    /// let mut frames = decoder.frames(&gif)?;
    /// assert_eq!((frames.width(), frames.height()), (48, 48));
    /// let first = frames.next().unwrap()?;
    /// assert_eq!(first.image.pixels.len(), 48 * 48 * 4);
    /// # Ok::<(), cordon::Error>(())
    /// ```
    pub fn frames(&mut self, bytes: &[u8]) -> Result<Frames<'_>, Error> {
        match (format_of(bytes)?, self.backend) {
            (Format::Gif, Backend::Sandboxed) => Ok(Frames::gif(self.gif()?.frames(bytes)?)),
            (Format::WebP, Backend::Sandboxed) => Ok(Frames::webp(self.webp()?.frames(bytes)?)),
            #[cfg(feature = "native")]
            (Format::WebP, Backend::Native) => Ok(Frames::all(cordon_webp::native::animation(
                bytes,
                &self.limits,
            )?)),
            #[cfg(feature = "native")]
            (Format::Gif, Backend::Native) => Ok(Frames::all(cordon_gif::native::animation(
                bytes,
                &self.limits,
            )?)),
            _ => Ok(Frames::still(self.decode(bytes)?)),
        }
    }

    /// Every frame at once with the loop count (see [`Decoder::frames`]).
    pub fn animation(&mut self, bytes: &[u8]) -> Result<Animation, Error> {
        self.frames(bytes)?.collect_animation()
    }

    fn webp(&mut self) -> Result<&mut WebpDecoder, Error> {
        if self.webp.is_none() {
            self.webp = Some(WebpDecoder::with_limits(self.limits)?);
        }
        Ok(self.webp.as_mut().expect("just created"))
    }

    fn gif(&mut self) -> Result<&mut GifDecoder, Error> {
        if self.gif.is_none() {
            self.gif = Some(GifDecoder::with_limits(self.limits)?);
        }
        Ok(self.gif.as_mut().expect("just created"))
    }

    fn png(&mut self) -> Result<&mut PngDecoder, Error> {
        if self.png.is_none() {
            // libpng on zlib-ng, the default `Inflate`: the same pixels as on stock zlib,
            // 20-30% faster from 256x256 up, 1 us slower on a 16x16 icon (benches/png_decode.rs).
            self.png = Some(PngDecoder::with_limits(self.limits)?);
        }
        Ok(self.png.as_mut().expect("just created"))
    }

    fn jpeg(&mut self) -> Result<&mut JpegDecoder, Error> {
        if self.jpeg.is_none() {
            self.jpeg = Some(JpegDecoder::with_limits(self.limits)?);
        }
        Ok(self.jpeg.as_mut().expect("just created"))
    }
}

fn format_of(bytes: &[u8]) -> Result<Format, Error> {
    sniff(bytes).ok_or_else(|| Error::UnknownFormat {
        signature: bytes[..bytes.len().min(8)].to_vec(),
    })
}

fn unsupported(format: Format) -> Error {
    Error::Unsupported {
        format,
        feature: "no decoder for this format yet".into(),
    }
}
