//! Thumbnails: decode in the sandbox at the smallest size that still covers the thumbnail (JPEG
//! scales by 1/2 to 1/8 inside libjpeg), then resample with a Lanczos-3 filter
//! (`fast_image_resize`, alpha-aware), keeping the aspect ratio and never enlarging, and turn
//! it upright as the EXIF orientation says. Built on
//! [`crate::Decoder`], so every format Cordon decodes gets thumbnails with no change here.
//! A font file (TrueType, OpenType, Type 1, WOFF) gets a specimen instead: "Aa" rendered by the
//! sandboxed FreeType, dark on white, centred in a square thumbnail.
//!
//! ```
//! let jpeg = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/images/photo-227x149.jpg")).unwrap();
//! let mut thumbnailer = cordon::thumbnail::Thumbnailer::new(cordon::Limits::default());
//! let thumb = thumbnailer.thumbnail(&jpeg, 128)?;
//! assert_eq!((thumb.image.width, thumb.image.height), (128, 84));
//! assert_eq!((thumb.source.width, thumb.source.height), (227, 149));
//! # Ok::<(), cordon::Error>(())
//! ```

pub mod batch;
pub mod freedesktop;

use fast_image_resize::images::Image as ResizeImage;
use fast_image_resize::{FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer};

use crate::{Decoder, Error, Image, ImageInfo, Limits};

/// A thumbnail and what it was made from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Thumbnail {
    /// The thumbnail, RGBA8.
    pub image: Image,
    /// The source image's header (full size, format, orientation).
    pub source: ImageInfo,
}

/// The size of a `width` x `height` image scaled to fit a `size` x `size` box with its aspect
/// ratio kept, never enlarged, never 0.
///
/// ```
/// use cordon::thumbnail::fit;
/// assert_eq!(fit(4000, 3000, 256), (256, 192));
/// assert_eq!(fit(100, 5000, 256), (5, 256));
/// assert_eq!(fit(64, 48, 256), (64, 48)); // small images are not enlarged
/// ```
pub fn fit(width: u32, height: u32, size: u32) -> (u32, u32) {
    let size = size.max(1);
    if width <= size && height <= size {
        return (width.max(1), height.max(1));
    }
    let scale = |a: u32, b: u32| {
        ((u64::from(a) * u64::from(size) + u64::from(b) / 2) / u64::from(b)).max(1) as u32
    };
    if width >= height {
        (size, scale(height, width))
    } else {
        (scale(width, height), size)
    }
}

/// `image` turned upright as its EXIF `orientation` (1 to 8) says: cameras store pixels as
/// the sensor saw them and record how to show them. Other values leave it as is.
///
/// ```
/// use cordon::{thumbnail::orient, Image};
/// // 2x1: red, blue. Orientation 6 (rotate 90 degrees clockwise) gives 1x2: red above blue.
/// let wide = Image::rgba8(2, 1, vec![255, 0, 0, 255, 0, 0, 255, 255]);
/// let tall = orient(wide, 6);
/// assert_eq!((tall.width, tall.height), (1, 2));
/// assert_eq!(tall.pixels, [255, 0, 0, 255, 0, 0, 255, 255]);
/// ```
pub fn orient(image: Image, orientation: u8) -> Image {
    if !(2..=8).contains(&orientation) {
        return image;
    }
    let (w, h) = (image.width as usize, image.height as usize);
    let transposed = orientation >= 5;
    let (out_w, out_h) = if transposed { (h, w) } else { (w, h) };
    let mut pixels = vec![0u8; image.pixels.len()];
    for y in 0..out_h {
        for x in 0..out_w {
            // The source pixel shown at (x, y), per the EXIF definitions.
            let (sx, sy) = match orientation {
                2 => (w - 1 - x, y),
                3 => (w - 1 - x, h - 1 - y),
                4 => (x, h - 1 - y),
                5 => (y, x),
                6 => (y, h - 1 - x),
                7 => (w - 1 - y, h - 1 - x),
                _ => (w - 1 - y, x), // 8
            };
            let (from, to) = ((sy * w + sx) * 4, (y * out_w + x) * 4);
            pixels[to..to + 4].copy_from_slice(&image.pixels[from..from + 4]);
        }
    }
    Image::rgba8(out_w as u32, out_h as u32, pixels)
}

/// Makes thumbnails with its own sandboxes (one per format, reused; a fresh instance after any
/// fault). One per worker thread.
#[derive(Debug, Default)]
pub struct Thumbnailer {
    decoder: Decoder,
    resizer: Resizer,
    fonts: Option<crate::font::FontRenderer>,
}

impl Thumbnailer {
    /// A thumbnailer decoding in sandboxes with `limits`.
    pub fn new(limits: Limits) -> Thumbnailer {
        Thumbnailer {
            decoder: Decoder::with_limits(limits),
            resizer: Resizer::new(),
            fonts: None,
        }
    }

    /// A thumbnailer on the given decoder (for example one with the native backend).
    pub fn with_decoder(decoder: Decoder) -> Thumbnailer {
        Thumbnailer {
            decoder,
            resizer: Resizer::new(),
            fonts: None,
        }
    }

    /// The decoder (fault counts, limits).
    pub fn decoder(&mut self) -> &mut Decoder {
        &mut self.decoder
    }

    /// A thumbnail of at most `size` x `size` pixels of the image in `bytes`.
    pub fn thumbnail(&mut self, bytes: &[u8], size: u32) -> Result<Thumbnail, Error> {
        if crate::sniff(bytes).is_none() && crate::font::looks_like_font(bytes) {
            return self.specimen(bytes, size);
        }
        let source = self.decoder.info(bytes)?;
        let (width, height) = fit(source.width, source.height, size);
        let full = Some((source.width, source.height));
        let decoded = self.decoder.decode_covering(bytes, full, width, height)?;
        let image = if (decoded.width, decoded.height) == (width, height) {
            decoded
        } else {
            self.resize(decoded, width, height)?
        };
        let image = orient(image, source.orientation.unwrap_or(1));
        Ok(Thumbnail { image, source })
    }

    /// A font's thumbnail: "Aa" at half the size (smaller if that is too wide), centred on a
    /// white `size` x `size` square.
    fn specimen(&mut self, bytes: &[u8], size: u32) -> Result<Thumbnail, Error> {
        let fonts = match &mut self.fonts {
            Some(fonts) => fonts,
            None => self.fonts.insert(crate::font::FontRenderer::with_limits(
                self.decoder.limits(),
            )?),
        };
        let size = size.max(8);
        let mut face = fonts.open(bytes, 0)?;
        let mut options = crate::font::TextOptions::px(size / 2);
        let mut line = face.render_line("Aa", &options)?;
        if line.width > size || line.height > size {
            let scale = f64::from(size) / f64::from(line.width.max(line.height));
            options.size_px = ((f64::from(options.size_px) * scale * 0.9) as u32).max(1);
            line = face.render_line("Aa", &options)?;
        }
        let mut pixels = vec![255u8; size as usize * size as usize * 4];
        let (x0, y0) = (
            size.saturating_sub(line.width) / 2,
            size.saturating_sub(line.height) / 2,
        );
        for y in 0..line.height.min(size - y0) {
            for x in 0..line.width.min(size - x0) {
                let a = u32::from(line.coverage[(y * line.width + x) as usize]);
                let at = (((y0 + y) * size + x0 + x) * 4) as usize;
                let ink = (255 - a * 223 / 255) as u8; // 255 (paper) to 32 (ink)
                pixels[at..at + 3].copy_from_slice(&[ink, ink, ink]);
            }
        }
        let source = ImageInfo {
            format: crate::Format::Font,
            width: size,
            height: size,
            bit_depth: 8,
            has_alpha: false,
            orientation: None,
            frames: None,
        };
        Ok(Thumbnail {
            image: Image::rgba8(size, size, pixels),
            source,
        })
    }

    fn resize(&mut self, image: Image, width: u32, height: u32) -> Result<Image, Error> {
        let failed =
            |e: &dyn std::fmt::Display| Error::Verification(format!("resampling failed: {e}"));
        let src =
            ResizeImage::from_vec_u8(image.width, image.height, image.pixels, PixelType::U8x4)
                .map_err(|e| failed(&e))?;
        let mut dst = ResizeImage::new(width, height, PixelType::U8x4);
        let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3));
        self.resizer
            .resize(&src, &mut dst, &options)
            .map_err(|e| failed(&e))?;
        Ok(Image::rgba8(width, height, dst.into_vec()))
    }
}
