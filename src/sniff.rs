//! Which format a file is, from its first bytes (never from its name).

use cordon_kit::Format;

/// The signatures Cordon knows, with the format each starts.
pub const SIGNATURES: &[(Format, &[u8])] = &[
    (Format::Png, b"\x89PNG\r\n\x1a\n"),
    (Format::Jpeg, b"\xff\xd8\xff"),
    (Format::Gif, b"GIF87a"),
    (Format::Gif, b"GIF89a"),
];

/// The format of `bytes`, or `None` when no decoder Cordon has recognises it.
///
/// ```
/// use cordon::{sniff, Format};
/// assert_eq!(sniff(b"\x89PNG\r\n\x1a\n...."), Some(Format::Png));
/// assert_eq!(sniff(b"\xff\xd8\xff\xe0..JFIF"), Some(Format::Jpeg));
/// assert_eq!(sniff(b"GIF89a\x10\0"), Some(Format::Gif));
/// assert_eq!(sniff(b"BM6\0"), None);
/// ```
pub fn sniff(bytes: &[u8]) -> Option<Format> {
    SIGNATURES
        .iter()
        .find(|(_, signature)| bytes.starts_with(signature))
        .map(|&(format, _)| format)
}
