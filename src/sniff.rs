//! Which format a file is, from its first bytes (never from its name).

use cordon_kit::Format;

/// The first bytes of a format's files: `bytes`, compared under `mask` (bits set in the mask
/// must match; an empty mask compares every byte).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Signature {
    /// The format the signature starts.
    pub format: Format,
    /// The leading bytes.
    pub bytes: &'static [u8],
    /// Which bits of `bytes` count (empty: all).
    pub mask: &'static [u8],
}

impl Signature {
    const fn exact(format: Format, bytes: &'static [u8]) -> Signature {
        Signature {
            format,
            bytes,
            mask: &[],
        }
    }

    /// Whether `data` starts with this signature.
    pub fn matches(&self, data: &[u8]) -> bool {
        data.len() >= self.bytes.len()
            && self.bytes.iter().enumerate().all(|(i, &b)| {
                let mask = self.mask.get(i).copied().unwrap_or(0xff);
                data[i] & mask == b & mask
            })
    }
}

/// The signatures Cordon knows.
pub const SIGNATURES: &[Signature] = &[
    Signature::exact(Format::Png, b"\x89PNG\r\n\x1a\n"),
    Signature::exact(Format::Jpeg, b"\xff\xd8\xff"),
    Signature::exact(Format::Gif, b"GIF87a"),
    Signature::exact(Format::Gif, b"GIF89a"),
    // RIFF, any chunk size, WEBP.
    Signature {
        format: Format::WebP,
        bytes: b"RIFF\0\0\0\0WEBP",
        mask: b"\xff\xff\xff\xff\0\0\0\0\xff\xff\xff\xff",
    },
];

/// The format of `bytes`, or `None` when no decoder Cordon has recognises it.
///
/// ```
/// use cordon::{sniff, Format};
/// assert_eq!(sniff(b"\x89PNG\r\n\x1a\n...."), Some(Format::Png));
/// assert_eq!(sniff(b"\xff\xd8\xff\xe0..JFIF"), Some(Format::Jpeg));
/// assert_eq!(sniff(b"GIF89a\x10\0"), Some(Format::Gif));
/// assert_eq!(sniff(b"RIFF\x24\0\0\0WEBPVP8 "), Some(Format::WebP));
/// assert_eq!(sniff(b"RIFF\x24\0\0\0WAVEfmt "), None);
/// assert_eq!(sniff(b"BM6\0"), None);
/// ```
pub fn sniff(bytes: &[u8]) -> Option<Format> {
    SIGNATURES
        .iter()
        .find(|signature| signature.matches(bytes))
        .map(|signature| signature.format)
}
