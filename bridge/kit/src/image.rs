//! What decoders return: images, their header information, and animation frames.

use std::fmt;
use std::time::Duration;

use crate::error::Format;

/// How the bytes of an [`Image`] are laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PixelFormat {
    /// 8 bits per channel, RGBA, not premultiplied: 4 bytes per pixel.
    Rgba8,
    /// 16 bits per channel, RGBA, not premultiplied, native-endian `u16`s: 8 bytes per pixel.
    Rgba16,
}

impl PixelFormat {
    /// Bytes per pixel.
    pub fn bytes_per_pixel(self) -> usize {
        match self {
            PixelFormat::Rgba8 => 4,
            PixelFormat::Rgba16 => 8,
        }
    }
}

/// A decoded image: rows top to bottom, `width * bytes_per_pixel` bytes per row, no padding.
#[derive(Clone, PartialEq, Eq)]
pub struct Image {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// Layout of [`Image::pixels`].
    pub format: PixelFormat,
    /// `width * height * bytes_per_pixel` bytes.
    pub pixels: Vec<u8>,
}

impl Image {
    /// An 8-bit RGBA image; `pixels` must hold `width * height * 4` bytes.
    pub fn rgba8(width: u32, height: u32, pixels: Vec<u8>) -> Image {
        debug_assert_eq!(
            pixels.len() as u64,
            u64::from(width) * u64::from(height) * 4
        );
        Image {
            width,
            height,
            format: PixelFormat::Rgba8,
            pixels,
        }
    }
}

impl Image {
    /// An opaque 8-bit RGBA image from packed 8-bit RGB: each pixel gets alpha 255. `rgb`
    /// must hold `width * height * 3` bytes. Decoders whose libraries write RGB for opaque
    /// images use it to add the alpha channel while taking the pixels out of the sandbox, in
    /// the one pass the copy makes anyway.
    ///
    /// ```
    /// let image = cordon_kit::Image::rgba8_from_rgb8(2, 1, &[1, 2, 3, 4, 5, 6]);
    /// assert_eq!(image.pixels, [1, 2, 3, 255, 4, 5, 6, 255]);
    /// ```
    pub fn rgba8_from_rgb8(width: u32, height: u32, rgb: &[u8]) -> Image {
        let count = width as usize * height as usize;
        debug_assert_eq!(rgb.len(), count * 3);
        let mut pixels = vec![0u8; count * 4];
        // Four pixels a step as 32-bit words: each word is read from the pixel's 3 bytes and
        // the next one (all inside the step's 12), its top byte then set to 255. LLVM keeps
        // this to a load, an OR and a store per pixel; byte-wise it was about twice the time.
        const OPAQUE: u32 = 0xff00_0000;
        let word = |b: &[u8]| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) | OPAQUE;
        let mut rgba_steps = pixels.chunks_exact_mut(16);
        let mut rgb_steps = rgb.chunks_exact(12);
        for (rgba, rgb) in (&mut rgba_steps).zip(&mut rgb_steps) {
            let last = u32::from_le_bytes([rgb[9], rgb[10], rgb[11], 0]) | OPAQUE;
            for (k, w) in [word(&rgb[0..]), word(&rgb[3..]), word(&rgb[6..]), last]
                .into_iter()
                .enumerate()
            {
                rgba[k * 4..k * 4 + 4].copy_from_slice(&w.to_le_bytes());
            }
        }
        let rest = rgba_steps.into_remainder();
        for (rgba, rgb) in rest
            .chunks_exact_mut(4)
            .zip(rgb_steps.remainder().chunks_exact(3))
        {
            rgba[..3].copy_from_slice(rgb);
            rgba[3] = 0xff;
        }
        Image::rgba8(width, height, pixels)
    }
}

impl fmt::Debug for Image {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Image({}x{} {:?})", self.width, self.height, self.format)
    }
}

/// Header information common to every format, verified by the host.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImageInfo {
    /// The file's format.
    pub format: Format,
    /// Width in pixels (of the full image, before any scaling).
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// Bits per sample as stored.
    pub bit_depth: u8,
    /// Whether the image can have transparency (alpha channel or transparency chunk).
    pub has_alpha: bool,
    /// EXIF orientation (1 to 8) when the file has one; decoders never apply it.
    pub orientation: Option<u8>,
    /// Number of frames, for animation formats.
    pub frames: Option<u32>,
}

/// One frame of an animation, composited to the full canvas.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Frame {
    /// The canvas after this frame (RGBA8, the animation's full size).
    pub image: Image,
    /// How long it is shown, as the file says (a GIF's 0 is 0 here; players often show such a
    /// frame for 100 ms).
    pub delay: Duration,
}

/// An animation: its frames in order and how often it plays.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Animation {
    /// Canvas width.
    pub width: u32,
    /// Canvas height.
    pub height: u32,
    /// Frames in display order.
    pub frames: Vec<Frame>,
    /// How many times the animation plays in all; `None` forever. A GIF without a
    /// NETSCAPE2.0 loop extension plays once; with loop count `n > 0` it plays `n + 1` times
    /// (as browsers do); a WebP's loop count `n > 0` plays `n` times; 0 is forever in both.
    pub loops: Option<u32>,
}

#[cfg(test)]
mod tests {
    use super::Image;

    #[test]
    fn rgb8_gains_opaque_alpha_at_every_pixel_count() {
        // Whole four-pixel steps, the remainder, and both together.
        for count in 0..=13u32 {
            let rgb: Vec<u8> = (0..count * 3).map(|i| (i * 7 + 1) as u8).collect();
            let image = Image::rgba8_from_rgb8(count, 1, &rgb);
            let expected: Vec<u8> = rgb
                .chunks_exact(3)
                .flat_map(|p| [p[0], p[1], p[2], 255])
                .collect();
            assert_eq!(image.pixels, expected, "{count} pixels");
        }
    }
}
