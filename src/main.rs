//! `cordon`: decode untrusted PNG and JPEG files with libpng and libjpeg-turbo running in
//! Cordon sandboxes.
//!
//! ```text
//! cordon info IN...             print each file's header, read by the sandboxed library
//! cordon decode IN OUT.png      decode in the sandbox, re-encode as RGBA8 with the png crate
//! ```
//! Options (before the file names): `--max-pixels N`, `--max-memory-mib N`,
//! `--deadline-ms N`. Exit status: 0 success, 1 a file was refused, 2 usage error.

use std::fs;
use std::io::BufWriter;
use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use cordon::{Decoder, Image, Limits};

const USAGE: &str = "usage:
  cordon info [OPTIONS] IN...          (PNG or JPEG, recognised by content)
  cordon decode [OPTIONS] IN OUT.png
options:
  --max-pixels N       refuse images with more pixels (default 67108864)
  --max-memory-mib N   sandbox memory cap in MiB (default 512)
  --deadline-ms N      wall-clock limit per call into the sandbox (default 10000)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(code) => code,
        Err(Usage(message)) => {
            eprintln!("cordon: {message}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

struct Usage(String);

fn run(args: &[String]) -> Result<ExitCode, Usage> {
    let (command, rest) = args
        .split_first()
        .ok_or_else(|| Usage("no command".into()))?;
    let (limits, files) = parse_options(rest)?;
    let mut decoder = Decoder::with_limits(limits);
    match (command.as_str(), files.as_slice()) {
        ("info", files) if !files.is_empty() => {
            let mut ok = true;
            for file in files {
                ok &= info(&mut decoder, file);
            }
            Ok(if ok {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            })
        }
        ("decode", [input, output]) => Ok(decode(&mut decoder, input, output)),
        ("info", _) => Err(Usage("info needs at least one file".into())),
        ("decode", _) => Err(Usage("decode needs IN and OUT.png".into())),
        ("help" | "--help" | "-h", _) => {
            println!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        (other, _) => Err(Usage(format!("unknown command `{other}`"))),
    }
}

fn parse_options(args: &[String]) -> Result<(Limits, Vec<String>), Usage> {
    let mut limits = Limits::default();
    let mut files = Vec::new();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value = |name: &str| -> Result<u64, Usage> {
            let text = args
                .next()
                .ok_or_else(|| Usage(format!("{name} needs a value")))?;
            text.parse()
                .map_err(|_| Usage(format!("{name}: `{text}` is not a number")))
        };
        match arg.as_str() {
            "--max-pixels" => limits.max_pixels = value(arg)?,
            "--max-memory-mib" => {
                let mib = value(arg)?;
                limits.sandbox.max_memory = usize::try_from(mib.saturating_mul(1 << 20))
                    .map_err(|_| Usage("--max-memory-mib is too large".into()))?;
            }
            "--deadline-ms" => limits.sandbox.deadline = Duration::from_millis(value(arg)?),
            flag if flag.starts_with("--") => return Err(Usage(format!("unknown option {flag}"))),
            file => files.push(file.to_string()),
        }
    }
    Ok((limits, files))
}

fn read(path: &str) -> Option<Vec<u8>> {
    fs::read(path)
        .map_err(|e| eprintln!("cordon: {path}: {e}"))
        .ok()
}

fn info(decoder: &mut Decoder, path: &str) -> bool {
    let Some(bytes) = read(path) else {
        return false;
    };
    match decoder.details(&bytes) {
        Ok(info) => {
            println!("{path}: {info}");
            true
        }
        Err(e) => {
            eprintln!("cordon: {path}: {e}");
            false
        }
    }
}

fn decode(decoder: &mut Decoder, input: &str, output: &str) -> ExitCode {
    let Some(bytes) = read(input) else {
        return ExitCode::FAILURE;
    };
    let started = Instant::now();
    let image = match decoder.decode(&bytes) {
        Ok(image) => image,
        Err(e) => {
            eprintln!("cordon: {input}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let elapsed = started.elapsed();
    if let Err(e) = write_png(&image, Path::new(output)) {
        eprintln!("cordon: {output}: {e}");
        return ExitCode::FAILURE;
    }
    println!(
        "{input}: {}x{} decoded in the sandbox in {:.1} ms -> {output}",
        image.width,
        image.height,
        elapsed.as_secs_f64() * 1e3
    );
    ExitCode::SUCCESS
}

fn write_png(image: &Image, path: &Path) -> Result<(), String> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    }
    let file = fs::File::create(path).map_err(|e| e.to_string())?;
    let mut encoder = png::Encoder::new(BufWriter::new(file), image.width, image.height);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().map_err(|e| e.to_string())?;
    writer
        .write_image_data(&image.pixels)
        .map_err(|e| e.to_string())?;
    writer.finish().map_err(|e| e.to_string())
}
