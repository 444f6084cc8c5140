//! Text a library wrote into a struct it returned (an error message), made safe to show.

/// The NUL-terminated text in `bytes` (a `char[N]` field copied out of the sandbox), escaped
/// to printable ASCII and capped ([`cordon_sandbox::escape_guest_text`]), or `fallback` when
/// the library left it empty.
///
/// ```
/// assert_eq!(cordon_kit::library_text(b"IDAT: CRC error\0\x01\x02", "no reason"), "IDAT: CRC error");
/// assert_eq!(cordon_kit::library_text(b"\0", "no reason"), "no reason");
/// assert_eq!(cordon_kit::library_text("bad \u{202e}fdp.exe\0".as_bytes(), ""), r"bad \u{202e}fdp.exe");
/// ```
pub fn library_text(bytes: &[u8], fallback: &str) -> String {
    let text = cordon_sandbox::escape_guest_text(bytes);
    if text.is_empty() {
        fallback.to_string()
    } else {
        text
    }
}
