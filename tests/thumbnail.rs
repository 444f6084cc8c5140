//! `cordon thumbnail` end to end on a folder of valid, corrupt and hostile files: every output
//! checked (freedesktop names, text chunks, dimensions, pixels equal to the same pipeline on
//! the native backend), failure entries, skip-when-current, regenerate-when-stale, exit status,
//! the single-file mode a `.thumbnailer` entry calls, and a contained fault costing one line.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use cordon::thumbnail::freedesktop::{read_text, Cache, Flavor, Source};
use cordon::thumbnail::{fit, Thumbnailer};
use cordon::{Backend, Decoder, Limits};

fn cordon(cache: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_cordon"));
    command.env("XDG_CACHE_HOME", cache);
    command
}

fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

fn samples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/images")
}

/// A folder with every sample, a nested folder, and a file that is no image.
fn mixed_folder(root: &Path) -> PathBuf {
    let dir = root.join("pictures");
    fs::create_dir_all(dir.join("nested")).unwrap();
    for entry in fs::read_dir(samples()).unwrap() {
        let entry = entry.unwrap();
        fs::copy(entry.path(), dir.join(entry.file_name())).unwrap();
    }
    fs::rename(
        dir.join("photo-227x149.jpg"),
        dir.join("nested/photo 227x149.jpg"),
    )
    .unwrap();
    fs::write(dir.join("notes.txt"), "not an image").unwrap();
    dir
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn decode_png(path: &Path) -> (u32, u32, Vec<u8>) {
    let image = cordon_png::native::decode(&fs::read(path).unwrap(), &Limits::default()).unwrap();
    (image.width, image.height, image.pixels)
}

#[test]
fn a_folder_into_the_freedesktop_cache() {
    let root = scratch("thumbnail-freedesktop");
    let pictures = mixed_folder(&root);
    let cache_home = root.join("cache");
    let run = |extra: &[&str]| {
        cordon(&cache_home)
            .args(["thumbnail", "--freedesktop", "-s", "128"])
            .args(extra)
            .arg(&pictures)
            .output()
            .unwrap()
    };
    let first = run(&[]);
    assert_eq!(first.status.code(), Some(1), "{}", stdout(&first));
    assert!(
        stdout(&first).contains("thumbnails: 7 made, 0 current, 3 failed, 2 not images"),
        "{}",
        stdout(&first)
    );
    assert!(
        stdout(&first).contains("2 corrupt") && stdout(&first).contains("1 too large"),
        "{}",
        stdout(&first)
    );

    let cache = Cache::at(cache_home.join("thumbnails"));
    let mut native =
        Thumbnailer::with_decoder(Decoder::with_backend(Backend::Native, Limits::default()));
    let mut thumbnails = 0;
    for entry in walkdir::WalkDir::new(&pictures) {
        let path = entry.unwrap().into_path();
        if !path.is_file() {
            continue;
        }
        let source = Source::of(&path).unwrap();
        let bytes = fs::read(&path).unwrap();
        let thumb = cache.thumbnail_path(Flavor::Normal, &source);
        let failure = cache.failure_path(&source);
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.starts_with("hostile-bomb") {
            // Too large for this run's limits: no thumbnail, and no failure recorded (a run
            // with higher limits could make one).
            assert!(!thumb.exists() && !failure.exists(), "{name}");
            continue;
        }
        if name.starts_with("hostile-") && name != "hostile-not-a-png.png" {
            // Failure entry with the required keys, and no thumbnail.
            let text = read_text(&failure).expect("failure entry");
            assert_eq!(text["Thumb::URI"], source.uri);
            assert_eq!(text["Thumb::MTime"], source.mtime.to_string());
            assert!(!thumb.exists(), "{name}");
            continue;
        }
        if cordon::sniff(&bytes).is_none() {
            assert!(!thumb.exists() && !failure.exists(), "{name}");
            continue;
        }
        let text = read_text(&thumb).unwrap_or_else(|| panic!("no thumbnail for {name}"));
        let reference = native.thumbnail(&bytes, 128).unwrap();
        assert_eq!(text["Thumb::URI"], source.uri);
        assert!(
            source.uri.starts_with("file:///") && !source.uri.contains(' '),
            "{}",
            source.uri
        );
        assert_eq!(text["Thumb::MTime"], source.mtime.to_string());
        assert_eq!(text["Thumb::Size"], source.size.to_string());
        assert_eq!(
            text["Thumb::Image::Width"],
            reference.source.width.to_string()
        );
        assert_eq!(
            text["Thumb::Image::Height"],
            reference.source.height.to_string()
        );
        assert_eq!(
            text["Thumb::Image::Mimetype"],
            reference.source.format.mime_type()
        );
        let (w, h, pixels) = decode_png(&thumb);
        assert_eq!(
            (w, h),
            fit(reference.source.width, reference.source.height, 128),
            "{name}"
        );
        assert_eq!(
            pixels, reference.image.pixels,
            "{name}: sandboxed and native thumbnails differ"
        );
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            fs::metadata(&thumb).unwrap().permissions().mode() & 0o777,
            0o600
        );
        thumbnails += 1;
    }
    assert_eq!(thumbnails, 7);
    // No temporary files left behind.
    let leftovers = walkdir::WalkDir::new(&cache_home)
        .into_iter()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .ends_with(".tmp")
        })
        .count();
    assert_eq!(leftovers, 0);

    // Thumbnails current now. The corrupt files' failures are recorded, so they are not
    // tried again but still reported (no thumbnail exists); the one too large for this run's
    // limits is not recorded (a run with higher limits could make it) and fails again.
    let second = run(&[]);
    assert_eq!(second.status.code(), Some(1), "{}", stdout(&second));
    assert!(
        stdout(&second).contains("0 made, 7 current, 3 failed")
            && stdout(&second).contains("2 failed before")
            && stdout(&second).contains("1 too large"),
        "{}",
        stdout(&second)
    );

    // A file changed since: its thumbnail is stale and made again.
    let changed = pictures.join("plasma-512.png");
    let later = std::time::SystemTime::now() + std::time::Duration::from_secs(5);
    fs::File::options()
        .write(true)
        .open(&changed)
        .unwrap()
        .set_modified(later)
        .unwrap();
    let third = run(&["-v"]);
    assert!(
        stdout(&third).contains("1 made, 6 current"),
        "{}",
        stdout(&third)
    );
    let source = Source::of(&changed).unwrap();
    assert_eq!(
        read_text(&cache.thumbnail_path(Flavor::Normal, &source)).unwrap()["Thumb::MTime"],
        source.mtime.to_string()
    );
    assert!(String::from_utf8_lossy(&third.stderr).contains("plasma-512.png ->"));
}

#[test]
fn the_single_file_mode_of_a_thumbnailer_entry() {
    let root = scratch("thumbnail-single");
    let out = root.join("out.png");
    let status = cordon(&root)
        .args(["thumbnail", "-s", "64"])
        .arg(samples().join("plasma-512.png"))
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success());
    let (w, h, _) = decode_png(&out);
    assert_eq!((w, h), (64, 64));
    let failed = cordon(&root)
        .args(["thumbnail", "-s", "64"])
        .arg(samples().join("hostile-truncated.png"))
        .arg(root.join("never.png"))
        .output()
        .unwrap();
    assert_eq!(failed.status.code(), Some(1));
    assert!(!root.join("never.png").exists());
    // The entry file names the single-file mode and the formats Cordon decodes.
    let entry = fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/cordon.thumbnailer"),
    )
    .unwrap();
    assert!(
        entry.contains("Exec=cordon thumbnail -s %s %i %o"),
        "{entry}"
    );
    assert!(
        entry.contains("image/png;")
            && entry.contains("image/jpeg;")
            && entry.contains("image/gif;")
            && entry.contains("image/webp;")
            && entry.contains("font/ttf;")
            && entry.contains("font/otf;")
            && entry.contains("font/woff;"),
        "{entry}"
    );
}

#[test]
fn a_font_gets_a_specimen_thumbnail_and_a_broken_font_an_error() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("bridge/libs/font/testdata");
    let mut thumbnailer = Thumbnailer::new(Limits::default());
    for name in [
        "DejaVuSans-subset.ttf",
        "DejaVuSans-subset.woff",
        "DejaVuSans-cff.otf",
    ] {
        let bytes = fs::read(dir.join(name)).unwrap();
        let thumb = thumbnailer.thumbnail(&bytes, 128).unwrap();
        assert_eq!(
            (thumb.image.width, thumb.image.height),
            (128, 128),
            "{name}"
        );
        assert_eq!(thumb.source.format, cordon::Format::Font);
        // Paper at the corner, ink (dark grey) in the middle where "Aa" is drawn.
        let px = |x: usize, y: usize| thumb.image.pixels[(y * 128 + x) * 4];
        assert_eq!(px(0, 0), 255, "{name}");
        let ink = thumb
            .image
            .pixels
            .chunks_exact(4)
            .filter(|p| p[0] < 64)
            .count();
        assert!(ink > 300, "{name}: {ink} dark pixels");
    }
    let bytes = fs::read(dir.join("DejaVuSans-subset.ttf")).unwrap();
    let broken = thumbnailer.thumbnail(&bytes[..2000], 128);
    assert!(
        matches!(broken, Err(cordon::Error::Invalid { .. })),
        "{broken:?}"
    );
}

#[test]
fn a_fault_in_one_file_costs_one_failure_line_and_nothing_else() {
    let root = scratch("thumbnail-fault");
    let pictures = root.join("in");
    fs::create_dir_all(&pictures).unwrap();
    for name in ["palette-icon-32.png", "photo-227x149.jpg"] {
        fs::copy(samples().join(name), pictures.join(name)).unwrap();
    }
    // A 3072x3072 PNG of noise in 64 levels (no long matches for inflate to copy, every byte a
    // Huffman-coded literal) takes the sandboxed libpng well over 100 ms of CPU, far beyond a
    // 30 ms deadline (16 epoch ticks: a deadline never fires early, and fires late when the
    // machine is loaded, so the margin is wide); the small files take well under 1 ms per
    // call: one contained fault. (A repeating pattern no longer does: zlib-ng's 16-byte match
    // copies decode it in under 30 ms.)
    let side = 3072u32;
    let mut state = 0x2545_f491u32;
    let pixels: Vec<u8> = (0..side * side * 3)
        .map(|_| {
            state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            (state >> 16) as u8 & 63
        })
        .collect();
    let mut encoder = png::Encoder::new(
        fs::File::create(pictures.join("huge.png")).unwrap(),
        side,
        side,
    );
    encoder.set_color(png::ColorType::Rgb);
    encoder
        .write_header()
        .unwrap()
        .write_image_data(&pixels)
        .unwrap();
    let output = cordon(&root)
        .args(["thumbnail", "-j", "1", "--deadline-ms", "30", "-o"])
        .arg(root.join("out"))
        .arg(&pictures)
        .output()
        .unwrap();
    let out = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{out}");
    assert!(
        out.contains("thumbnails: 2 made, 0 current, 1 failed"),
        "{out}"
    );
    assert!(out.contains("1 contained fault"), "{out}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("huge.png: contained fault: sandbox fault: deadline exceeded"),
        "{stderr}"
    );
    assert!(
        root.join("out/palette-icon-32.png.png").exists()
            && root.join("out/photo-227x149.jpg.png").exists()
    );
}

#[test]
fn ctrl_c_finishes_the_files_in_progress_and_leaves_no_partial_file() {
    let root = scratch("thumbnail-interrupt");
    let pictures = root.join("in");
    fs::create_dir_all(&pictures).unwrap();
    let plasma = fs::read(samples().join("plasma-512.png")).unwrap();
    for i in 0..400 {
        fs::write(pictures.join(format!("{i:03}.png")), &plasma).unwrap();
    }
    let out = root.join("out");
    let child = cordon(&root)
        .args(["thumbnail", "-j", "1", "-s", "200", "-o"])
        .arg(&out)
        .arg(&pictures)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Wait until it is making thumbnails, then interrupt it as a terminal's Ctrl-C would.
    let started = std::time::Instant::now();
    while fs::read_dir(&out).map_or(0, |d| d.count()) < 3 {
        assert!(started.elapsed().as_secs() < 60, "no thumbnails appeared");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let killed = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let output = child.wait_with_output().unwrap();
    let summary = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{summary}");
    assert!(summary.contains("not reached (stopped)"), "{summary}");
    let written: Vec<PathBuf> = fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert!(written.len() < 400, "the run was not stopped: {summary}");
    for path in &written {
        let name = path.file_name().unwrap().to_string_lossy();
        assert!(
            name.ends_with(".png.png") && !name.starts_with('.'),
            "left behind: {name}"
        );
        assert_eq!(decode_png(path).0, 200, "{name} is not a whole thumbnail");
    }
    assert!(
        summary.contains(&format!("thumbnails: {} made", written.len())),
        "{summary}"
    );
}

#[test]
fn inputs_whose_thumbnails_would_share_a_name_or_sit_among_them_are_refused() {
    let root = scratch("thumbnail-clash");
    for dir in ["a", "b"] {
        fs::create_dir_all(root.join(dir)).unwrap();
        fs::copy(
            samples().join("photo-227x149.jpg"),
            root.join(dir).join("x.jpg"),
        )
        .unwrap();
    }
    // `a/x.jpg` and `b/x.jpg` would both be `out/x.jpg.png`: the second is refused.
    let output = cordon(&root)
        .args(["thumbnail", "-j", "1", "-o"])
        .arg(root.join("out"))
        .arg(root.join("a/x.jpg"))
        .arg(root.join("b/x.jpg"))
        .output()
        .unwrap();
    let out = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{out}");
    assert!(out.contains("1 made, 0 current, 1 failed"), "{out}");
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("would have the name of"),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    // A folder inside the output folder: refused with a reason, not silently empty.
    let output = cordon(&root)
        .args(["thumbnail", "-o"])
        .arg(&root)
        .arg(root.join("a"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("is inside the output folder"),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
