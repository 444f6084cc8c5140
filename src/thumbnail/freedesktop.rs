//! The freedesktop.org Thumbnail Managing Standard: thumbnails in
//! `$XDG_CACHE_HOME/thumbnails/{normal,large,x-large,xx-large}/` named by the MD5 of the
//! file's URI, with `Thumb::URI` and `Thumb::MTime` (plus `Thumb::Size` and
//! `Thumb::Image::{Width,Height,Mimetype}`) text chunks, failures recorded under
//! `fail/cordon-<version>/`, current thumbnails left alone and stale ones replaced, every file
//! written to a temporary name and renamed, readable by the user only (0600, folders 0700).

use std::collections::HashMap;
use std::fs::{self, File, OpenOptions};
use std::io::{self, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::UNIX_EPOCH;

use md5::{Digest, Md5};

use super::Thumbnail;
use crate::Image;

/// The standard's thumbnail sizes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavor {
    /// 128 x 128, `normal/`.
    Normal,
    /// 256 x 256, `large/`.
    Large,
    /// 512 x 512, `x-large/`.
    XLarge,
    /// 1024 x 1024, `xx-large/`.
    XxLarge,
}

impl Flavor {
    /// The smallest flavour that holds a `size` thumbnail (file managers ask for any size).
    pub fn for_size(size: u32) -> Flavor {
        match size {
            0..=128 => Flavor::Normal,
            129..=256 => Flavor::Large,
            257..=512 => Flavor::XLarge,
            _ => Flavor::XxLarge,
        }
    }

    /// Its edge in pixels.
    pub fn size(self) -> u32 {
        match self {
            Flavor::Normal => 128,
            Flavor::Large => 256,
            Flavor::XLarge => 512,
            Flavor::XxLarge => 1024,
        }
    }

    /// Its folder name.
    pub fn dir_name(self) -> &'static str {
        match self {
            Flavor::Normal => "normal",
            Flavor::Large => "large",
            Flavor::XLarge => "x-large",
            Flavor::XxLarge => "xx-large",
        }
    }
}

/// The `file://` URI of an absolute path, escaped as GLib's `g_filename_to_uri` does (so the
/// MD5 names match those GNOME and KDE compute).
///
/// ```
/// use cordon::thumbnail::freedesktop::file_uri;
/// assert_eq!(file_uri("/home/ann/My Photos/ç.jpg".as_ref()), "file:///home/ann/My%20Photos/%C3%A7.jpg");
/// ```
pub fn file_uri(path: &Path) -> String {
    use std::os::unix::ffi::OsStrExt;
    let mut uri = String::from("file://");
    for &b in path.as_os_str().as_bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' => uri.push(b as char),
            b'!' | b'$' | b'&' | b'\'' | b'(' | b')' | b'*' | b'+' | b',' | b'-' | b'.' | b'/'
            | b':' | b'=' | b'@' | b'_' | b'~' => uri.push(b as char),
            _ => uri.push_str(&format!("%{b:02X}")),
        }
    }
    uri
}

/// A source file as the standard identifies it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// Its absolute path.
    pub path: PathBuf,
    /// Its `file://` URI.
    pub uri: String,
    /// Modification time, whole seconds since 1970 (`Thumb::MTime`).
    pub mtime: u64,
    /// Size in bytes (`Thumb::Size`).
    pub size: u64,
}

impl Source {
    /// Describe the file at `path`. The URI is made from the absolute path with `.` and `..`
    /// removed but symbolic links kept, as GLib (and so file managers) name files.
    pub fn of(path: &Path) -> io::Result<Source> {
        let path = lexically_absolute(path)?;
        let meta = fs::metadata(&path)?;
        let mtime = meta
            .modified()?
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Ok(Source {
            uri: file_uri(&path),
            path,
            mtime,
            size: meta.len(),
        })
    }

    /// The thumbnail's file name: the MD5 of the URI in hex, `.png`.
    pub fn hashed_name(&self) -> String {
        let digest = Md5::digest(self.uri.as_bytes());
        let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
        format!("{hex}.png")
    }
}

fn lexically_absolute(path: &Path) -> io::Result<PathBuf> {
    use std::path::Component;
    let mut out = PathBuf::new();
    for component in std::path::absolute(path)?.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    Ok(out)
}

/// What the cache holds for a source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// A thumbnail of the file as it is now.
    Current,
    /// A failure entry of this version of Cordon for the file as it is now.
    KnownFailure,
    /// Nothing, or something made from an older version of the file.
    Missing,
}

/// A thumbnail cache folder (`$XDG_CACHE_HOME/thumbnails`, or any folder for tests).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cache {
    root: PathBuf,
}

impl Cache {
    /// The cache at `root` (the folder that holds `normal/`, `large/`, ... and `fail/`).
    pub fn at(root: impl Into<PathBuf>) -> Cache {
        Cache { root: root.into() }
    }

    /// The user's cache: `$XDG_CACHE_HOME/thumbnails`, else `$HOME/.cache/thumbnails`.
    pub fn from_env() -> Option<Cache> {
        let base = std::env::var_os("XDG_CACHE_HOME")
            .filter(|v| Path::new(v).is_absolute())
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))?;
        Some(Cache::at(base.join("thumbnails")))
    }

    /// The folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Where the `flavor` thumbnail of `source` lives.
    pub fn thumbnail_path(&self, flavor: Flavor, source: &Source) -> PathBuf {
        self.root.join(flavor.dir_name()).join(source.hashed_name())
    }

    /// Where this version of Cordon records that `source` cannot be thumbnailed.
    pub fn failure_path(&self, source: &Source) -> PathBuf {
        self.root
            .join("fail")
            .join(concat!("cordon-", env!("CARGO_PKG_VERSION")))
            .join(source.hashed_name())
    }

    /// Whether a current thumbnail (or failure entry) exists: its `Thumb::URI` and
    /// `Thumb::MTime` must match the file as it is now.
    pub fn state(&self, flavor: Flavor, source: &Source) -> State {
        let current = |path: &Path| {
            read_text(path).is_some_and(|text| {
                text.get("Thumb::URI") == Some(&source.uri)
                    && text.get("Thumb::MTime") == Some(&source.mtime.to_string())
            })
        };
        if current(&self.thumbnail_path(flavor, source)) {
            State::Current
        } else if current(&self.failure_path(source)) {
            State::KnownFailure
        } else {
            State::Missing
        }
    }

    /// Store `thumbnail` of `source` as its `flavor` thumbnail; returns where.
    pub fn store(
        &self,
        flavor: Flavor,
        source: &Source,
        thumbnail: &Thumbnail,
    ) -> io::Result<PathBuf> {
        let path = self.thumbnail_path(flavor, source);
        let mut text = base_text(source);
        text.extend([
            ("Thumb::Image::Width", thumbnail.source.width.to_string()),
            ("Thumb::Image::Height", thumbnail.source.height.to_string()),
            (
                "Thumb::Image::Mimetype",
                thumbnail.source.format.mime_type().to_string(),
            ),
        ]);
        write_png_atomically(&path, &thumbnail.image, &text)?;
        Ok(path)
    }

    /// Record that `source` cannot be thumbnailed (a 1x1 PNG with the required keys).
    pub fn store_failure(&self, source: &Source) -> io::Result<PathBuf> {
        let path = self.failure_path(source);
        write_png_atomically(&path, &Image::rgba8(1, 1, vec![0; 4]), &base_text(source))?;
        Ok(path)
    }
}

fn base_text(source: &Source) -> Vec<(&'static str, String)> {
    vec![
        ("Thumb::URI", source.uri.clone()),
        ("Thumb::MTime", source.mtime.to_string()),
        ("Thumb::Size", source.size.to_string()),
        (
            "Software",
            concat!("cordon ", env!("CARGO_PKG_VERSION")).to_string(),
        ),
    ]
}

/// The tEXt chunks of the PNG at `path` (before its image data), or `None` if it is not one.
pub fn read_text(path: &Path) -> Option<HashMap<String, String>> {
    let file = File::open(path).ok()?;
    let reader = png::Decoder::new(BufReader::new(file)).read_info().ok()?;
    Some(
        reader
            .info()
            .uncompressed_latin1_text
            .iter()
            .map(|chunk| (chunk.keyword.clone(), chunk.text.clone()))
            .collect(),
    )
}

static TEMPORARY: AtomicU64 = AtomicU64::new(0);

/// Write `image` as an RGBA8 PNG with `text` chunks to a temporary file beside `path`
/// (mode 0600, folders 0700), then rename it into place: a reader never sees half a file,
/// and an interrupted run leaves at most a temporary file, never a broken thumbnail.
pub fn write_png_atomically(path: &Path, image: &Image, text: &[(&str, String)]) -> io::Result<()> {
    use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
    let dir = path
        .parent()
        .ok_or_else(|| io::Error::other("no parent folder"))?;
    fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)?;
    let temporary = dir.join(format!(
        ".{}.cordon-{}-{}.tmp",
        path.file_name()
            .map_or("thumbnail".into(), |n| n.to_string_lossy()),
        std::process::id(),
        TEMPORARY.fetch_add(1, Ordering::Relaxed)
    ));
    let result = (|| {
        let file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&temporary)?;
        let mut out = BufWriter::new(file);
        write_png(&mut out, image, text)?;
        out.flush()?;
        drop(out);
        fs::rename(&temporary, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    result
}

/// Encode `image` as an RGBA8 PNG with `text` chunks into `out`.
pub fn write_png(out: impl Write, image: &Image, text: &[(&str, String)]) -> io::Result<()> {
    let mut encoder = png::Encoder::new(out, image.width, image.height);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    for (key, value) in text {
        encoder
            .add_text_chunk(key.to_string(), value.clone())
            .map_err(io::Error::other)?;
    }
    let mut writer = encoder.write_header().map_err(io::Error::other)?;
    writer
        .write_image_data(&image.pixels)
        .map_err(io::Error::other)?;
    writer.finish().map_err(io::Error::other)
}
