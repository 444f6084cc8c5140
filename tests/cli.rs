//! The `cordon` command-line program on the bundled samples: valid files decode to PNGs whose
//! pixels equal the library's, hostile files are refused with a message and exit status 1.

use std::path::PathBuf;
use std::process::Command;

fn cordon() -> Command {
    Command::new(env!("CARGO_BIN_EXE_cordon"))
}

fn sample(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("examples/images")
        .join(name)
}

#[test]
fn decode_writes_the_sandboxed_pixels() {
    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cli-plasma.png");
    let status = cordon()
        .arg("decode")
        .arg(sample("plasma-512.png"))
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success());
    let input = std::fs::read(sample("plasma-512.png")).unwrap();
    let expected = cordon_png::PngDecoder::new()
        .unwrap()
        .decode(&input)
        .unwrap();
    let written = cordon_png::PngDecoder::new()
        .unwrap()
        .decode(&std::fs::read(&out).unwrap())
        .unwrap();
    assert_eq!(written, expected);
}

#[test]
fn info_prints_headers_and_hostile_files_fail_cleanly() {
    let output = cordon()
        .arg("info")
        .arg(sample("palette-icon-32.png"))
        .arg(sample("hostile-bomb-100000x100000.png"))
        .arg(sample("hostile-truncated.png"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stdout.contains("PNG 32x32 4-bit palette, tRNS"), "{stdout}");
    assert!(
        stderr.contains("image too large: 100000x100000"),
        "{stderr}"
    );
    assert_eq!(
        output.status.code(),
        Some(1),
        "a refused file makes the run fail"
    );

    let output = cordon()
        .args(["decode", "--max-pixels", "100"])
        .arg(sample("palette-icon-32.png"))
        .arg(PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("never.png"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("more than 100 pixels"));
    for (hostile, why) in [
        ("hostile-truncated.png", "invalid PNG"),
        ("hostile-not-a-png.png", "unsupported format"),
        (
            "hostile-bad-huffman.jpg",
            "invalid JPEG: Bogus Huffman table definition",
        ),
    ] {
        let output = cordon()
            .arg("decode")
            .arg(sample(hostile))
            .arg(PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("never.png"))
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1), "{hostile}");
        assert!(
            String::from_utf8_lossy(&output.stderr).contains(why),
            "{hostile}"
        );
    }
}

#[test]
fn jpeg_files_are_read_and_decoded_by_the_sandboxed_libjpeg() {
    let output = cordon()
        .arg("info")
        .arg(sample("photo-227x149.jpg"))
        .arg(sample("progressive-227x149.jpg"))
        .output()
        .unwrap();
    assert!(output.status.success());
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("photo-227x149.jpg: JPEG 227x149 YCbCr\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("JPEG 227x149 YCbCr, progressive"),
        "{stdout}"
    );

    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cli-photo.png");
    let status = cordon()
        .arg("decode")
        .arg(sample("photo-227x149.jpg"))
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success());
    let expected = cordon::decode(&std::fs::read(sample("photo-227x149.jpg")).unwrap()).unwrap();
    let written = cordon::decode(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(written, expected);
}

#[test]
fn an_animation_decodes_to_numbered_frames_or_one_picked_frame() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cli-spinner");
    let _ = std::fs::remove_dir_all(&dir);
    let output = cordon()
        .arg("decode")
        .arg(sample("spinner-48.gif"))
        .arg(dir.join("spin.png"))
        .output()
        .unwrap();
    assert!(output.status.success());
    assert!(String::from_utf8_lossy(&output.stdout).contains("8 frames of 48x48"));
    let gif = std::fs::read(sample("spinner-48.gif")).unwrap();
    let animation = cordon::animation(&gif).unwrap();
    let png = |path: PathBuf| {
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        cordon::decode(&bytes).unwrap()
    };
    for (i, frame) in animation.frames.iter().enumerate() {
        assert_eq!(
            png(dir.join(format!("spin-{i:03}.png"))),
            frame.image,
            "frame {i}"
        );
    }
    assert!(!dir.join("spin.png").exists() && !dir.join("spin-008.png").exists());
    let status = cordon()
        .args(["decode", "--frame", "5"])
        .arg(sample("spinner-48.gif"))
        .arg(dir.join("five.png"))
        .status()
        .unwrap();
    assert!(status.success());
    assert_eq!(png(dir.join("five.png")), animation.frames[5].image);
    let missing = cordon()
        .args(["decode", "--frame", "8"])
        .arg(sample("spinner-48.gif"))
        .arg(dir.join("eight.png"))
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("fewer frames"));
}

#[test]
fn usage_errors_exit_with_status_2() {
    for args in [
        &[][..],
        &["frobnicate"][..],
        &["decode", "only-one.png"][..],
        &["info", "--max-pixels"][..],
    ] {
        let output = cordon().args(args).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains("Usage:") || stderr.contains("error:"),
            "{args:?}: {stderr}"
        );
    }
}

#[test]
fn render_text_writes_the_sandboxed_line_and_info_reads_fonts() {
    let font = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("bridge/libs/font/testdata/DejaVuSans-subset.ttf");
    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cli-text.png");
    let output = cordon()
        .args(["render-text"])
        .arg(&font)
        .args(["Sandboxed text", "--size", "24", "--transparent"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    assert!(String::from_utf8_lossy(&output.stdout).contains("14 glyphs at 24 px"));
    // The PNG's alpha channel is the coverage the library rendered.
    let bytes = std::fs::read(&font).unwrap();
    let line = cordon_font::FontRenderer::new()
        .unwrap()
        .render_line(
            &bytes,
            0,
            "Sandboxed text",
            &cordon_font::TextOptions::px(24),
        )
        .unwrap();
    let written = cordon_png::PngDecoder::new()
        .unwrap()
        .decode(&std::fs::read(&out).unwrap())
        .unwrap();
    assert_eq!((written.width, written.height), (line.width, line.height));
    let alpha: Vec<u8> = written.pixels.chunks_exact(4).map(|p| p[3]).collect();
    assert_eq!(alpha, line.coverage);

    // LCD: black on white, each channel is its subpixel's coverage inverted.
    let lcd_out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cli-text-lcd.png");
    let output = cordon()
        .args(["render-text"])
        .arg(&font)
        .args(["Sandboxed text", "--size", "24", "--lcd"])
        .arg(&lcd_out)
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let options = cordon_font::TextOptions {
        mode: cordon_font::RenderMode::Lcd,
        ..cordon_font::TextOptions::px(24)
    };
    let line = cordon_font::FontRenderer::new()
        .unwrap()
        .render_line(&bytes, 0, "Sandboxed text", &options)
        .unwrap();
    let written = cordon_png::PngDecoder::new()
        .unwrap()
        .decode(&std::fs::read(&lcd_out).unwrap())
        .unwrap();
    let channels: Vec<u8> = written
        .pixels
        .chunks_exact(4)
        .flat_map(|p| [255 - p[0], 255 - p[1], 255 - p[2]])
        .collect();
    assert_eq!(channels, line.coverage);

    let info = cordon().arg("info").arg(&font).output().unwrap();
    assert!(info.status.success());
    let text = String::from_utf8_lossy(&info.stdout);
    assert!(text.contains("DejaVu Sans Book (TrueType"), "{text}");
    // A broken font: a message and status 1, no panic.
    let broken = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("broken.ttf");
    std::fs::write(&broken, &bytes[..100]).unwrap();
    let failed = cordon().arg("info").arg(&broken).output().unwrap();
    assert_eq!(failed.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&failed.stderr).contains("invalid font"));
}

#[test]
fn a_file_over_the_input_limit_is_refused_before_it_is_read() {
    // 64 GiB, sparse: reading it whole first (as `fs::read` did) would exhaust memory.
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cli-huge.png");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(64 << 30).unwrap();
    for command in [&["info"][..], &["thumbnail", "-s", "64"][..]] {
        let mut cli = cordon();
        cli.args(command).arg(&path);
        if command[0] == "thumbnail" {
            cli.arg(PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cli-huge-thumb.png"));
        }
        let output = cli.output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{command:?}: {stderr}");
        assert!(
            stderr.contains("larger than the input limit"),
            "{command:?}: {stderr}"
        );
    }
    std::fs::remove_file(&path).unwrap();
}
