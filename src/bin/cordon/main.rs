//! `cordon`: thumbnails, decoding and headers of untrusted images, with libpng,
//! libjpeg-turbo, giflib and libwebp running in Cordon sandboxes. `cordon --help` lists the commands.
//!
//! Exit status: 0 success, 1 a file failed (or the run was stopped), 2 usage error.

/// `println!` that ends the program quietly when stdout is closed (`cordon info * | head`)
/// instead of panicking.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        if let Err(e) = writeln!(std::io::stdout(), $($arg)*) {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                std::process::exit(0);
            }
        }
    }};
}

mod audit;
mod thumbnail;

use std::fs;
use std::io::BufWriter;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::{Args, CommandFactory, Parser, Subcommand};

use cordon::{Decoder, Limits};

/// Decode untrusted PNG, JPEG, GIF and WebP files with C libraries in WebAssembly sandboxes.
#[derive(Parser, Debug)]
#[command(name = "cordon", version, about, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Make thumbnails of files or whole folders (recursively).
    Thumbnail(thumbnail::ThumbnailArgs),
    /// Decode one image (PNG, JPEG, GIF or WebP, recognised by content) and write it as an RGBA8
    /// PNG. An animation's frames are written as OUTPUT with -000, -001... before the
    /// extension, unless --frame picks one.
    Decode {
        /// The image.
        input: PathBuf,
        /// The PNG to write.
        output: PathBuf,
        /// Write only this frame of an animation (counting from 0) to OUTPUT.
        #[arg(long, value_name = "N")]
        frame: Option<u32>,
        #[command(flatten)]
        limits: LimitArgs,
    },
    /// Render one line of text with a font (TrueType, OpenType, Type 1, WOFF) to a PNG: black
    /// on white, or on transparency. FreeType runs in a sandbox; layout is kerning only, no
    /// shaping.
    RenderText {
        /// The font file.
        font: PathBuf,
        /// The text (UTF-8).
        text: String,
        /// The PNG to write.
        output: PathBuf,
        /// Em size in pixels.
        #[arg(long, value_name = "PX", default_value_t = 32)]
        size: u32,
        /// Face index in a font collection.
        #[arg(long, value_name = "N", default_value_t = 0)]
        face: u32,
        /// Outlines as designed, without grid-fitting.
        #[arg(long)]
        no_hinting: bool,
        /// Subpixel (LCD, RGB stripes) coverage instead of grayscale.
        #[arg(long)]
        lcd: bool,
        /// Transparent background (coverage as alpha) instead of white.
        #[arg(long)]
        transparent: bool,
        #[command(flatten)]
        limits: LimitArgs,
    },
    /// Print each file's format, dimensions and colour details (fonts: names and metrics),
    /// read by the sandboxed library.
    Info {
        /// The images or fonts.
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        #[command(flatten)]
        limits: LimitArgs,
    },
    /// Show what each sandboxed library holds: module size, imports (none), exports, the
    /// callbacks it is granted, and the limits in force.
    Audit {
        #[command(flatten)]
        limits: LimitArgs,
    },
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
}

/// Limits every decode runs under.
#[derive(Args, Debug, Clone)]
struct LimitArgs {
    /// Refuse images with more pixels.
    #[arg(long, value_name = "N", default_value_t = Limits::default().max_pixels)]
    max_pixels: u64,
    /// Memory cap of each sandbox, in MiB.
    #[arg(long, value_name = "MIB", default_value_t = (Limits::default().sandbox.max_memory >> 20) as u64)]
    max_memory_mib: u64,
    /// Wall-clock limit of each call into a sandbox, in milliseconds.
    #[arg(long, value_name = "MS", default_value_t = Limits::default().sandbox.deadline.as_millis() as u64)]
    deadline_ms: u64,
}

impl LimitArgs {
    fn limits(&self) -> Limits {
        let mut limits = Limits {
            max_pixels: self.max_pixels,
            ..Limits::default()
        };
        limits.sandbox.max_memory =
            usize::try_from(self.max_memory_mib.saturating_mul(1 << 20)).unwrap_or(usize::MAX);
        limits.sandbox.deadline = Duration::from_millis(self.deadline_ms);
        limits
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return match e.kind() {
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => {
                    ExitCode::SUCCESS
                }
                _ => ExitCode::from(2),
            };
        }
    };
    match cli.command {
        Command::Thumbnail(args) => thumbnail::run(args),
        Command::Decode {
            input,
            output,
            frame,
            limits,
        } => decode(
            &mut Decoder::with_limits(limits.limits()),
            &input,
            &output,
            frame,
        ),
        Command::RenderText {
            font,
            text,
            output,
            size,
            face,
            no_hinting,
            lcd,
            transparent,
            limits,
        } => {
            let options = cordon::font::TextOptions {
                size_px: size,
                hinting: !no_hinting,
                mode: if lcd {
                    cordon::font::RenderMode::Lcd
                } else {
                    cordon::font::RenderMode::Gray
                },
            };
            let background = (!transparent).then_some([255, 255, 255]);
            render_text(&font, face, &text, &options, background, &output, &limits)
        }
        Command::Info { inputs, limits } => {
            let mut decoder = Decoder::with_limits(limits.limits());
            let failed = inputs
                .iter()
                .filter(|path| !info(&mut decoder, path))
                .count();
            if failed == 0 {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Command::Audit { limits } => audit::run(&limits.limits()),
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "cordon", &mut std::io::stdout());
            ExitCode::SUCCESS
        }
    }
}

/// The file at `path`, refused before reading if larger than `limits` accept.
fn read(path: &Path, limits: &cordon::Limits) -> Option<Vec<u8>> {
    cordon::read_file(path, limits)
        .map_err(|e| eprintln!("cordon: {}: {e}", path.display()))
        .ok()
}

fn info(decoder: &mut Decoder, path: &Path) -> bool {
    let Some(bytes) = read(path, &decoder.limits()) else {
        return false;
    };
    if cordon::sniff(&bytes).is_none() && cordon::font::looks_like_font(&bytes) {
        return font_info(&bytes, path, decoder.limits());
    }
    match decoder.details(&bytes) {
        Ok(details) => {
            out!("{}: {details}", path.display());
            true
        }
        Err(e) => {
            eprintln!("cordon: {}: {e}", path.display());
            false
        }
    }
}

fn decode(decoder: &mut Decoder, input: &Path, output: &Path, frame: Option<u32>) -> ExitCode {
    let Some(bytes) = read(input, &decoder.limits()) else {
        return ExitCode::FAILURE;
    };
    let started = Instant::now();
    // (index, image) of every frame to write; an animation's frames get numbered names.
    let decoded = decoder.frames(&bytes).and_then(|frames| match frame {
        Some(n) => {
            // The frames before N are decoded (an animation is composited in order) and dropped.
            let mut picked = None;
            for (i, f) in frames.enumerate().take(n as usize + 1) {
                picked = (i == n as usize).then_some(f?.image);
            }
            picked
                .map(|image| vec![(None, image)])
                .ok_or(cordon::Error::Unsupported {
                    format: cordon::sniff(&bytes).unwrap_or(cordon::Format::Png),
                    feature: format!("frame {n}: the image has fewer frames"),
                })
        }
        None => {
            let images = frames
                .map(|f| f.map(|f| f.image))
                .collect::<Result<Vec<_>, _>>()?;
            let numbered = images.len() > 1;
            Ok(images
                .into_iter()
                .enumerate()
                .map(|(i, image)| (numbered.then_some(i), image))
                .collect())
        }
    });
    let images = match decoded {
        Ok(images) => images,
        Err(e) => {
            eprintln!("cordon: {}: {e}", input.display());
            return ExitCode::FAILURE;
        }
    };
    let elapsed = started.elapsed();
    let mut paths = Vec::new();
    for (index, image) in &images {
        let path = match index {
            None => output.to_path_buf(),
            Some(i) => numbered(output, *i),
        };
        let written = path
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .map_or(Ok(()), fs::create_dir_all)
            .and_then(|()| fs::File::create(&path))
            .and_then(|file| {
                cordon::thumbnail::freedesktop::write_png(BufWriter::new(file), image, &[])
            });
        if let Err(e) = written {
            eprintln!("cordon: {}: {e}", path.display());
            return ExitCode::FAILURE;
        }
        paths.push(path);
    }
    let (Some((_, image)), Some(last)) = (images.first(), paths.last()) else {
        return ExitCode::FAILURE; // frames() yields at least one frame or an error
    };
    let what = match images.len() {
        1 => String::new(),
        n => format!("{n} frames of "),
    };
    let targets = match paths.len() {
        1 => last.display().to_string(),
        _ => format!("{} .. {}", paths[0].display(), last.display()),
    };
    out!(
        "{}: {what}{}x{} decoded in the sandbox in {:.1} ms -> {targets}",
        input.display(),
        image.width,
        image.height,
        elapsed.as_secs_f64() * 1e3,
    );
    ExitCode::SUCCESS
}

/// Every face of a font file, one line each.
fn font_info(bytes: &[u8], path: &Path, limits: Limits) -> bool {
    let faces = cordon::font::FontRenderer::with_limits(limits).and_then(|mut renderer| {
        let first = renderer.info(bytes, 0)?;
        let mut faces = vec![first.clone()];
        for index in 1..first.faces.min(64) {
            faces.push(renderer.info(bytes, index)?);
        }
        Ok(faces)
    });
    match faces {
        Ok(faces) => {
            for face in faces {
                out!("{}: {face}", path.display());
            }
            true
        }
        Err(e) => {
            eprintln!("cordon: {}: {e}", path.display());
            false
        }
    }
}

fn render_text(
    font: &Path,
    face: u32,
    text: &str,
    options: &cordon::font::TextOptions,
    background: Option<[u8; 3]>,
    output: &Path,
    limits: &LimitArgs,
) -> ExitCode {
    let Some(bytes) = read(font, &limits.limits()) else {
        return ExitCode::FAILURE;
    };
    let started = Instant::now();
    let line = cordon::font::FontRenderer::with_limits(limits.limits())
        .and_then(|mut renderer| renderer.render_line(&bytes, face, text, options));
    let line = match line {
        Ok(line) => line,
        Err(e) => {
            eprintln!("cordon: {}: {e}", font.display());
            return ExitCode::FAILURE;
        }
    };
    let elapsed = started.elapsed();
    let image = line.to_rgba([0, 0, 0], background);
    let written = fs::File::create(output).and_then(|file| {
        cordon::thumbnail::freedesktop::write_png(BufWriter::new(file), &image, &[])
    });
    if let Err(e) = written {
        eprintln!("cordon: {}: {e}", output.display());
        return ExitCode::FAILURE;
    }
    let missing = match line.missing {
        0 => String::new(),
        n => format!(" ({n} characters not in the font)"),
    };
    out!(
        "{}: {} glyphs at {} px, {}x{}{missing}, rendered in the sandbox in {:.1} ms -> {}",
        font.display(),
        line.glyphs,
        options.size_px,
        line.width,
        line.height,
        elapsed.as_secs_f64() * 1e3,
        output.display()
    );
    ExitCode::SUCCESS
}

/// `out.png` -> `out-007.png` for frame 7.
fn numbered(output: &Path, index: usize) -> PathBuf {
    let stem = output.file_stem().unwrap_or_default().to_string_lossy();
    let ext = output
        .extension()
        .map_or("png".into(), |e| e.to_string_lossy());
    output.with_file_name(format!("{stem}-{index:03}.{ext}"))
}
