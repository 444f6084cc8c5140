//! The frames of any image: an animation's, decoded lazily, or a still image's one.

use std::time::Duration;

use cordon_kit::{Animation, Error, Frame, Image};

/// The frames of an image (see [`crate::Decoder::frames`]): each item is the full canvas
/// after one frame, or the error that ended the sequence.
pub struct Frames<'d> {
    width: u32,
    height: u32,
    loops: Option<u32>,
    source: Source<'d>,
}

enum Source<'d> {
    Gif(cordon_gif::Frames<'d>),
    WebP(cordon_webp::Frames<'d>),
    Decoded(std::vec::IntoIter<Frame>),
}

impl<'d> Frames<'d> {
    pub(crate) fn gif(frames: cordon_gif::Frames<'d>) -> Self {
        Frames {
            width: frames.width(),
            height: frames.height(),
            loops: frames.loops(),
            source: Source::Gif(frames),
        }
    }

    pub(crate) fn webp(frames: cordon_webp::Frames<'d>) -> Self {
        Frames {
            width: frames.width(),
            height: frames.height(),
            loops: frames.loops(),
            source: Source::WebP(frames),
        }
    }

    /// Frames decoded already (the native backend decodes them all at once).
    #[cfg_attr(not(feature = "native"), allow(dead_code))]
    pub(crate) fn all(animation: Animation) -> Self {
        Frames {
            width: animation.width,
            height: animation.height,
            loops: animation.loops,
            source: Source::Decoded(animation.frames.into_iter()),
        }
    }

    /// A still image: one frame, shown once, no delay.
    pub(crate) fn still(image: Image) -> Self {
        Frames::all(Animation {
            width: image.width,
            height: image.height,
            frames: vec![Frame {
                image,
                delay: Duration::ZERO,
            }],
            loops: Some(1),
        })
    }

    /// Canvas width.
    pub fn width(&self) -> u32 {
        self.width
    }

    /// Canvas height.
    pub fn height(&self) -> u32 {
        self.height
    }

    /// How many times the animation plays in all (`None`: forever; a still image: once).
    pub fn loops(&self) -> Option<u32> {
        self.loops
    }

    /// Every remaining frame, with the canvas size and loop count.
    pub fn collect_animation(self) -> Result<Animation, Error> {
        let (width, height, loops) = (self.width, self.height, self.loops);
        Ok(Animation {
            width,
            height,
            frames: self.collect::<Result<_, _>>()?,
            loops,
        })
    }
}

impl Iterator for Frames<'_> {
    type Item = Result<Frame, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        match &mut self.source {
            Source::Gif(frames) => frames.next(),
            Source::WebP(frames) => frames.next(),
            Source::Decoded(frames) => frames.next().map(Ok),
        }
    }
}

impl std::fmt::Debug for Frames<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Frames({}x{})", self.width, self.height)
    }
}
