//! Helpers shared by the cordon-png integration tests: the vendored test data, an independent
//! reference decoder (the pure-Rust `png` crate), result comparison, a deterministic PRNG and a
//! hand-written CRC-32 for building PNGs byte by byte.
#![allow(dead_code)] // each test crate uses a different subset

use std::io::Cursor;
use std::path::{Path, PathBuf};

use cordon_png::{ColorType, Image, PngError, PngInfo};

/// Root of the vendored libpng test data.
pub const TESTDATA: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../third_party/libpng-testdata"
);

/// Read one test file, e.g. `data("pngsuite/basn0g01.png")`.
pub fn data(relative: &str) -> Vec<u8> {
    let path = Path::new(TESTDATA).join(relative);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every `.png` under `dir` (recursively), sorted, skipping directories named in `skip`.
pub fn pngs_under(dir: &Path, skip: &[&str]) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        for entry in entries {
            let path = entry.expect("directory entry").path();
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            if path.is_dir() {
                if !skip.contains(&name.as_ref()) {
                    pending.push(path);
                }
            } else if name.ends_with(".png") {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// Every valid PNG of the test data: PngSuite (with `interlaced/`) and libpng's `testpngs/`
/// matrix, without the `crashers/`.
pub fn valid_pngs() -> Vec<PathBuf> {
    let root = Path::new(TESTDATA);
    let mut all = pngs_under(&root.join("pngsuite"), &[]);
    all.extend(pngs_under(&root.join("testpngs"), &["crashers"]));
    all
}

/// The file name relative to the test data root, for messages.
pub fn short_name(path: &Path) -> String {
    path.strip_prefix(TESTDATA)
        .unwrap_or(path)
        .display()
        .to_string()
}

/// 16 to 8 bits as the bridge documents it: `(v * 255 + 32895) >> 16`, i.e. `round(v / 257)`.
/// (`conformance.rs` checks for all 65536 values that this is exactly what libpng's
/// `png_do_scale_16_to_8` computes.)
pub fn scale_16(v: u16) -> u8 {
    ((u32::from(v) * 255 + 32895) >> 16) as u8
}

/// Decode with the pure-Rust `png` crate (an implementation independent of libpng) and convert
/// to the bridge's documented output: RGBA8, grey replicated, alpha 255 where absent, 16-bit
/// samples scaled with [`scale_16`], no gamma.
pub fn png_crate_rgba(bytes: &[u8]) -> Result<(png::Info<'static>, Vec<u8>), String> {
    let mut decoder = png::Decoder::new(Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::EXPAND);
    let mut reader = decoder.read_info().map_err(|e| e.to_string())?;
    let mut buf = vec![0; reader.output_buffer_size().ok_or("output size overflows")?];
    let out = reader.next_frame(&mut buf).map_err(|e| e.to_string())?;
    let info = reader.info().clone();
    let buf = &buf[..out.buffer_size()];
    let samples: Vec<u8> = match out.bit_depth {
        png::BitDepth::Eight => buf.to_vec(),
        png::BitDepth::Sixteen => buf
            .chunks_exact(2)
            .map(|s| scale_16(u16::from_be_bytes([s[0], s[1]])))
            .collect(),
        other => return Err(format!("png crate left {other:?}-bit samples after EXPAND")),
    };
    let channels = out.color_type.samples();
    let mut rgba = Vec::with_capacity(samples.len() / channels * 4);
    for px in samples.chunks_exact(channels) {
        rgba.extend_from_slice(&match out.color_type {
            png::ColorType::Grayscale => [px[0], px[0], px[0], 255],
            png::ColorType::GrayscaleAlpha => [px[0], px[0], px[0], px[1]],
            png::ColorType::Rgb => [px[0], px[1], px[2], 255],
            png::ColorType::Rgba => [px[0], px[1], px[2], px[3]],
            png::ColorType::Indexed => return Err("png crate left palette indices".into()),
        });
    }
    Ok((info, rgba))
}

/// Differences between our header information and the `png` crate's, empty when they agree.
pub fn info_differences(ours: &PngInfo, theirs: &png::Info<'_>) -> Vec<String> {
    let color_type = match theirs.color_type {
        png::ColorType::Grayscale => ColorType::Grayscale,
        png::ColorType::Rgb => ColorType::Rgb,
        png::ColorType::Indexed => ColorType::Palette,
        png::ColorType::GrayscaleAlpha => ColorType::GrayscaleAlpha,
        png::ColorType::Rgba => ColorType::Rgba,
    };
    let mut diffs = Vec::new();
    let mut check = |what: &str, ours: String, theirs: String| {
        if ours != theirs {
            diffs.push(format!("{what}: ours {ours}, png crate {theirs}"));
        }
    };
    check("width", ours.width.to_string(), theirs.width.to_string());
    check("height", ours.height.to_string(), theirs.height.to_string());
    check(
        "bit depth",
        ours.bit_depth.to_string(),
        (theirs.bit_depth as u8).to_string(),
    );
    check(
        "colour type",
        ours.color_type.to_string(),
        color_type.to_string(),
    );
    check(
        "interlaced",
        ours.interlaced.to_string(),
        theirs.interlaced.to_string(),
    );
    check(
        "gAMA",
        format!("{:?}", ours.gamma),
        format!("{:?}", theirs.gama_chunk.map(|g| g.into_scaled())),
    );
    check(
        "sRGB",
        ours.srgb.to_string(),
        theirs.srgb.is_some().to_string(),
    );
    check(
        "iCCP",
        ours.icc_profile.to_string(),
        theirs.icc_profile.is_some().to_string(),
    );
    check(
        "tRNS",
        ours.transparency_chunk.to_string(),
        theirs.trns.is_some().to_string(),
    );
    diffs
}

/// Why two decode results differ, or `None` when they are the same: both `Ok` with identical
/// images, or both `Err` with the same variant (and the same libpng message for `Invalid`, the
/// same limit for `TooLarge`). A sandbox fault never counts as agreement: the native build
/// cannot fault, so a fault means the two diverged.
pub fn outcome_difference<T: PartialEq + std::fmt::Debug>(
    sandboxed: &Result<T, PngError>,
    native: &Result<T, PngError>,
) -> Option<String> {
    use cordon_kit::Error::*;
    let same = match (sandboxed, native) {
        (Ok(a), Ok(b)) => a == b,
        (Err(a @ Invalid { .. }), Err(b @ Invalid { .. })) => a == b,
        (Err(a @ TooLarge { .. }), Err(b @ TooLarge { .. })) => a == b,
        (Err(a @ LimitExceeded(_)), Err(b @ LimitExceeded(_))) => a == b,
        (Err(OutOfMemory { .. }), Err(OutOfMemory { .. })) => true,
        (Err(Verification(a)), Err(Verification(b))) => a == b,
        _ => false,
    };
    (!same).then(|| {
        let show = |r: &Result<T, PngError>| match r {
            Ok(v) => format!("Ok({v:?})"),
            Err(e) => format!("Err({e:?})"),
        };
        let pixels_only = matches!((sandboxed, native), (Ok(_), Ok(_)));
        format!(
            "sandboxed {} vs native {}{}",
            show(sandboxed),
            show(native),
            if pixels_only { " (pixels differ)" } else { "" }
        )
    })
}

/// A small deterministic PRNG (xorshift64), so every run tests the same inputs.
pub struct Rng(u64);

impl Rng {
    /// A generator from a non-zero seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    /// Uniform-enough value in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    pub fn bytes(&mut self, len: usize) -> Vec<u8> {
        (0..len).map(|_| self.next_u64() as u8).collect()
    }
}

/// CRC-32 (ISO-HDLC, the PNG chunk CRC), bit by bit.
pub fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in data {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// One PNG chunk: length, type, data, CRC over type and data.
pub fn chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() + 12);
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    out.extend_from_slice(&crc32(&out[4..]).to_be_bytes());
    out
}

pub const SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1a, b'\n'];

/// An IHDR chunk.
pub fn ihdr(width: u32, height: u32, bit_depth: u8, color_type: u8) -> Vec<u8> {
    let mut data = Vec::with_capacity(13);
    data.extend_from_slice(&width.to_be_bytes());
    data.extend_from_slice(&height.to_be_bytes());
    data.extend_from_slice(&[bit_depth, color_type, 0, 0, 0]);
    chunk(b"IHDR", &data)
}

/// Recompute every chunk CRC of a (possibly mutated) PNG whose chunk lengths still fit the
/// file, so mutations reach libpng's and zlib's parsers instead of stopping at a CRC check.
pub fn fix_crcs(png: &mut [u8]) {
    let mut at = 8;
    while at + 12 <= png.len() {
        let len = u32::from_be_bytes([png[at], png[at + 1], png[at + 2], png[at + 3]]) as usize;
        let Some(end) = (at + 8)
            .checked_add(len)
            .filter(|&end| end + 4 <= png.len())
        else {
            return;
        };
        let crc = crc32(&png[at + 4..end]);
        png[end..end + 4].copy_from_slice(&crc.to_be_bytes());
        at = end + 4;
    }
}

/// Encode an image with the `png` crate.
pub fn encode(
    width: u32,
    height: u32,
    color: png::ColorType,
    depth: png::BitDepth,
    palette: Option<(&[u8], &[u8])>,
    data: &[u8],
) -> Vec<u8> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(color);
    encoder.set_depth(depth);
    if let Some((plte, trns)) = palette {
        encoder.set_palette(plte.to_vec());
        if !trns.is_empty() {
            encoder.set_trns(trns.to_vec());
        }
    }
    let mut writer = encoder.write_header().expect("png header");
    writer.write_image_data(data).expect("png data");
    writer.finish().expect("png finish");
    out
}

/// Decode `bytes` with the native build of the same C, default limits.
pub fn native_decode(bytes: &[u8]) -> Result<Image, PngError> {
    cordon_png::native::decode(bytes, &cordon_png::PngLimits::default())
}

/// Header with the native build of the same C, default limits.
pub fn native_info(bytes: &[u8]) -> Result<PngInfo, PngError> {
    cordon_png::native::info(bytes, &cordon_png::PngLimits::default())
}
